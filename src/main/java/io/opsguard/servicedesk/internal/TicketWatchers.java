package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Users;
import io.opsguard.shared.OpsGuardException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * People who follow a ticket (关注) without working on it — a manager, the client's contact, a
 * colleague: they hear of every step ({@link TicketNotifier}). Anyone who may read a ticket may
 * follow it; adding or removing someone else takes the handle permission, and the person must be
 * in the reader's scope.
 */
@Service
public class TicketWatchers {

	static final int MAX_WATCHERS = 50;

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	private final TicketStore store;

	TicketWatchers(JdbcClient jdbc, TicketService tickets, TicketStore store, Users users, AuditTrail audit, Clock clock) {
		this.store = store;
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Watcher> list(CurrentUser user, long ticketId) {
		this.tickets.get(user, ticketId);
		return watchers(ticketId);
	}

	/** Adds a watcher (oneself, or with the handle permission anyone in scope); adding twice changes nothing. */
	@Transactional
	public List<Watcher> add(CurrentUser user, long ticketId, Long userId) {
		TicketRow t = this.tickets.get(user, ticketId);
		long who = userId == null ? user.id() : userId;
		check(user, who);
		List<Long> present = this.store.watchersOf(ticketId);
		if (present.contains(who)) {
			return watchers(ticketId);
		}
		if (present.size() >= MAX_WATCHERS) {
			throw OpsGuardException.onField("userId", ServiceDeskError.TOO_LONG, MAX_WATCHERS);
		}
		this.jdbc.sql("insert into sd_ticket_watcher (ticket_id, user_id, added_by, added_at) values (:t, :u, :by, :at)")
			.param("t", ticketId)
			.param("u", who)
			.param("by", user.id())
			.param("at", ts(this.clock.instant()))
			.update();
		this.audit.record("TICKET_WATCHER_ADDED", "ticket", t.id, t.number + " " + who, true);
		return watchers(ticketId);
	}

	@Transactional
	public List<Watcher> remove(CurrentUser user, long ticketId, long userId) {
		TicketRow t = this.tickets.get(user, ticketId);
		check(user, userId);
		int removed = this.jdbc.sql("delete from sd_ticket_watcher where ticket_id = :t and user_id = :u")
			.param("t", ticketId)
			.param("u", userId)
			.update();
		if (removed > 0) {
			this.audit.record("TICKET_WATCHER_REMOVED", "ticket", t.id, t.number + " " + userId, true);
		}
		return watchers(ticketId);
	}

	private void check(CurrentUser user, long who) {
		if (who != user.id() && !user.hasPermission("servicedesk:ticket:handle")) {
			throw OpsGuardException.onField("userId", ServiceDeskError.UNKNOWN_REQUESTER, String.valueOf(who));
		}
		Users.UserSummary found = this.users.find(who).orElse(null);
		if (found == null || !found.enabled() || who != user.id() && !user.scope().includes(found.organisationId())) {
			throw OpsGuardException.onField("userId", ServiceDeskError.UNKNOWN_REQUESTER, String.valueOf(who));
		}
	}

	private List<Watcher> watchers(long ticketId) {
		List<Watcher> rows = this.jdbc
			.sql("select user_id, added_at from sd_ticket_watcher where ticket_id = :t order by added_at, user_id")
			.param("t", ticketId)
			.query((rs, n) -> new Watcher(rs.getLong("user_id"), null, instant(rs, "added_at")))
			.list();
		Map<Long, String> names = this.users.displayNames(rows.stream().map(Watcher::userId).toList());
		return rows.stream().map(w -> new Watcher(w.userId(), names.get(w.userId()), w.addedAt())).toList();
	}

	/** A watcher with their name. */
	public record Watcher(long userId, String name, java.time.Instant addedAt) {
	}

}
