package io.opsguard.servicedesk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Users;
import io.opsguard.identity.Users.UserSummary;
import io.opsguard.shared.OpsGuardException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;

/**
 * Who is calling (R-DSK-01, hotline): the users with the caller's phone number, the name and unit
 * the caller gave last time, and the caller's recent tickets — what the agent sees when the phone
 * rings, in the agent's scope.
 */
@Service
public class Callers {

	/** A phone number as people dial it: digits, with +, -, spaces or brackets. */
	static final Pattern PHONE = Pattern.compile("[0-9+\\-() ]{3,30}");

	static final int RECENT = 5;

	private final JdbcClient jdbc;

	private final Users users;

	Callers(JdbcClient jdbc, Users users) {
		this.jdbc = jdbc;
		this.users = users;
	}

	@Transactional(readOnly = true)
	public Caller lookup(CurrentUser viewer, String phone) {
		String number = phone == null ? "" : phone.strip();
		if (!PHONE.matcher(number).matches()) {
			throw OpsGuardException.onField("phone", ServiceDeskError.BAD_PHONE);
		}
		List<UserSummary> accounts = this.users.findByPhone(number, RECENT)
			.stream()
			.filter(u -> viewer.scope().includes(u.organisationId()))
			.toList();
		String scope = viewer.scope().all() ? "" : " and " + viewer.scope().sqlCondition("t.organisation_id");
		var last = this.jdbc.sql("select t.contact_name, t.contact_unit from sd_ticket t where t.contact_phone = :phone" + scope
				+ " order by t.reported_at desc limit 1")
			.param("phone", number)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.optional();
		List<Long> requesterIds = accounts.stream().map(UserSummary::id).toList();
		List<RecentTicket> recent = new ArrayList<>();
		String byRequester = requesterIds.isEmpty() ? "" : " or t.requester_id in (:requesters)";
		var query = this.jdbc.sql("select t.id, t.number, t.type, t.state, t.title, t.reported_at from sd_ticket t"
				+ " where (t.contact_phone = :phone" + byRequester + ")" + scope + " order by t.reported_at desc limit :limit")
			.param("phone", number)
			.param("limit", RECENT);
		if (!requesterIds.isEmpty()) {
			query = query.param("requesters", requesterIds);
		}
		recent.addAll(query.query((rs, n) -> new RecentTicket(rs.getLong("id"), rs.getString("number"), rs.getString("type"),
				rs.getString("state"), rs.getString("title"), instant(rs, "reported_at"))).list());
		return new Caller(number, accounts.stream().map(u -> new Account(u.id(), u.displayName(), u.organisationId())).toList(),
				last.map(l -> l[0]).orElse(null), last.map(l -> l[1]).orElse(null), recent);
	}

	/** The caller as the agent sees them. */
	public record Caller(String phone, List<Account> accounts, String lastContactName, String lastContactUnit,
			List<RecentTicket> recentTickets) {
	}

	public record Account(long id, String name, long organisationId) {
	}

	public record RecentTicket(long id, String number, String type, String state, String title, java.time.Instant reportedAt) {
	}

}
