package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.identity.Organisations;
import io.opsguard.servicedesk.TicketAction;
import io.opsguard.servicedesk.TicketChannel;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.internal.TicketService.Contact;
import io.opsguard.servicedesk.internal.TicketService.NewTicket;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * The self-service portal's rules (R-DSK-12): a requester reports on the business systems of their
 * own organisation's subtree and follows their own tickets only (requester = themself), whatever
 * else their roles let them see. Recording and rating go through {@link TicketService}, so the
 * portal keeps the desk's rules; what the requester reads of a ticket is its public side: state
 * changes, replies meant for them, the solution.
 */
@Service
public class PortalService {

	/** The history entries a requester sees (state changes, not the desk's re-levelling or edits). */
	private static final Set<String> PUBLIC_ACTIONS = Set.of("CREATE", "ACCEPT", "RESPOND", "DISPATCH", "START", "PAUSE",
			"RESUME", "ESCALATE", "HAND_BACK", "RESOLVE", "FEEDBACK", "RATE", "CLOSE", "REOPEN");

	/** Of those, the ones whose comment is written to the requester. */
	private static final Set<String> PUBLIC_COMMENTS = Set.of("FEEDBACK", "RATE");

	private final TicketService tickets;

	private final TicketStore store;

	private final Satisfaction satisfaction;

	private final ConfigurationItems cmdb;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final JdbcClient jdbc;

	private final Clock clock;

	PortalService(TicketService tickets, TicketStore store, Satisfaction satisfaction, ConfigurationItems cmdb,
			Organisations organisations, AuditTrail audit, MessageSource messages, JdbcClient jdbc, Clock clock) {
		this.tickets = tickets;
		this.store = store;
		this.satisfaction = satisfaction;
		this.cmdb = cmdb;
		this.organisations = organisations;
		this.audit = audit;
		this.messages = messages;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The business systems of the requester's organisation subtree, by name. */
	@Transactional(readOnly = true)
	public List<SystemOption> systems(CurrentUser user) {
		Set<Long> subtree = this.organisations.subtree(user.organisationId());
		return this.cmdb.businessSystems()
			.stream()
			.filter(ci -> subtree.contains(ci.organisationId()) && ci.status() != CiStatus.RETIRED)
			.map(ci -> new SystemOption(ci.id(), ci.name()))
			.sorted(Comparator.comparing(SystemOption::name))
			.toList();
	}

	/**
	 * A fault or request reported by the signed-in requester: channel PORTAL, requester themself,
	 * an incident at the lowest fault level (4) until the desk levels it.
	 */
	@Transactional
	public TicketRow report(CurrentUser user, Report input) {
		TicketType type = input.type();
		NewTicket ticket = new NewTicket(type, TicketChannel.PORTAL, input.title(), input.description(), user.id(),
				input.phone() == null || input.phone().isBlank() ? null : new Contact(null, input.phone(), null), null,
				input.businessSystemId(), List.of(), null, type == TicketType.INCIDENT ? 4 : null, false, null, false);
		return this.tickets.create(asRequester(user), ticket);
	}

	/** One page of the requester's own tickets, newest first; {@code open}: not yet resolved (or resolved). */
	@Transactional(readOnly = true)
	public PageResult<TicketRow> mine(CurrentUser user, TicketState state, Boolean open, PageQuery paging) {
		Map<String, Object> params = new HashMap<>();
		List<String> conditions = new ArrayList<>();
		conditions.add("t.requester_id = :me");
		params.put("me", user.id());
		if (state != null) {
			conditions.add("t.state = :state");
			params.put("state", state.name());
		}
		if (open != null) {
			conditions.add("t.is_open = :open");
			params.put("open", open);
		}
		PageResult<Long> ids = this.store.page(String.join(" and ", conditions), params, paging, false);
		return new PageResult<>(this.store.findAll(ids.items()), ids.total(), ids.page(), ids.size());
	}

	/** The requester's own ticket; anybody else's, like an unknown one, is 404. */
	@Transactional(readOnly = true)
	public TicketRow mine(CurrentUser user, long id) {
		return this.store.find(id)
			.filter(t -> t.requesterId != null && t.requesterId == user.id())
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(id)));
	}

	/** State changes and the replies meant for the requester, oldest first. */
	@Transactional(readOnly = true)
	public List<TimelineEntry> timeline(TicketRow t) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (TicketStore.EventRow event : this.store.events(t.id)) {
			if (PUBLIC_ACTIONS.contains(event.action())) {
				entries.add(new TimelineEntry("STATE", event.at(), event.action(), event.from(), event.to(), event.userId(),
						PUBLIC_COMMENTS.contains(event.action()) ? event.comment() : null));
			}
		}
		for (TicketStore.CommentRow comment : this.store.comments(t.id, true)) {
			entries.add(new TimelineEntry("REPLY", comment.at(), null, null, null, comment.authorId(), comment.body()));
		}
		entries.sort(Comparator.comparing(TimelineEntry::at));
		return entries;
	}

	/** What the requester may do now: reply, rate, complain. */
	public Set<String> allowed(TicketRow t) {
		Set<String> allowed = new java.util.TreeSet<>();
		if (t.state != TicketState.CLOSED) {
			allowed.add("reply");
		}
		if (Lifecycle.next(t.type, t.state, TicketAction.RATE).isPresent()) {
			allowed.add("rate");
		}
		if (t.type != TicketType.COMPLAINT && openComplaint(t.id) == null) {
			allowed.add("complain");
		}
		return allowed;
	}

	/**
	 * A reply of the requester's, which the desk sees among the comments; the ticket's state stays
	 * as it is (a ticket waiting for the requester is resumed by the engineer who reads it).
	 */
	@Transactional
	public TicketStore.CommentRow reply(CurrentUser user, long id, String body) {
		TicketRow t = mine(user, id);
		String text = body == null ? "" : body.strip();
		if (text.isEmpty()) {
			throw OpsGuardException.onField("body", ServiceDeskError.COMMENT_REQUIRED);
		}
		if (text.length() > 4000) {
			throw OpsGuardException.onField("body", ServiceDeskError.TOO_LONG, 4000);
		}
		if (t.state == TicketState.CLOSED) {
			throw new OpsGuardException(PortalError.NOT_REPLIABLE);
		}
		long commentId = this.store.insertComment(t.id, user.id(), this.clock.instant(), text, true);
		this.audit.record("TICKET_REPLIED", "ticket", t.id, t.number, true);
		return this.store.comments(t.id, true).stream().filter(c -> c.id() == commentId).findFirst().orElseThrow();
	}

	/** The requester rates their resolved ticket (the lifecycle's rate action, taken by them). */
	@Transactional
	public TicketRow rate(CurrentUser user, long id, Integer rating, String comment) {
		TicketRow t = mine(user, id);
		Satisfaction.checkRating(rating, comment);
		if (Lifecycle.next(t.type, t.state, TicketAction.RATE).isEmpty()) {
			throw new OpsGuardException(PortalError.NOT_RATABLE);
		}
		this.satisfaction.answer(t.id, Satisfaction.Via.PORTAL);
		return this.tickets.rateAsRequester(t.id, user.id(), rating, comment);
	}

	/**
	 * A complaint about the requester's ticket: a new COMPLAINT ticket, linked to it, with the
	 * reason as its description. One open complaint per ticket.
	 */
	@Transactional
	public TicketRow complain(CurrentUser user, long id, String reason, String phone) {
		TicketRow original = mine(user, id);
		String text = reason == null ? "" : reason.strip();
		if (text.isEmpty()) {
			throw OpsGuardException.onField("reason", PortalError.REASON_REQUIRED);
		}
		if (text.length() > 4000) {
			throw OpsGuardException.onField("reason", ServiceDeskError.TOO_LONG, 4000);
		}
		if (original.type == TicketType.COMPLAINT || openComplaint(original.id) != null) {
			throw new OpsGuardException(PortalError.ALREADY_COMPLAINED, original.number);
		}
		Locale locale = LocaleContextHolder.getLocale();
		String title = this.messages.getMessage("portal.complaint.title", new Object[] { original.number, original.title },
				locale);
		if (title.length() > 200) {
			title = title.substring(0, 199) + "…";
		}
		Long system = original.businessSystemId != null && systems(user).stream().anyMatch(s -> s.id() == original.businessSystemId)
				? original.businessSystemId : null;
		String contact = phone != null && !phone.isBlank() ? phone : original.contactPhone;
		TicketRow complaint = this.tickets.create(asRequester(user),
				new NewTicket(TicketType.COMPLAINT, TicketChannel.PORTAL, title, text, user.id(),
						contact == null ? null : new Contact(null, contact, null), null, system, List.of(), null, null, false,
						null, false));
		this.jdbc.sql("""
				insert into sd_ticket_link (ticket_id, other_id, kind, created_at, created_by)
				values (:ticket, :other, 'COMPLAINT', :now, :user)""")
			.param("ticket", complaint.id)
			.param("other", original.id)
			.param("now", ts(this.clock.instant()))
			.param("user", user.id())
			.update();
		this.audit.record("TICKET_COMPLAINED", "ticket", original.id, original.number + " → " + complaint.number, true);
		return complaint;
	}

	/** The tickets linked to this one, either way, with their number, title, state and requester. */
	@Transactional(readOnly = true)
	public List<Link> links(long ticketId) {
		List<Link> links = new ArrayList<>();
		for (String[] side : new String[][] { { "ticket_id", "other_id", "OUTGOING" }, { "other_id", "ticket_id", "INCOMING" } }) {
			this.jdbc.sql("select t.id, t.number, t.title, t.state, t.requester_id, t.organisation_id, l.kind from sd_ticket_link l"
					+ " join sd_ticket t on t.id = l." + side[1] + " where l." + side[0] + " = :id order by t.id")
				.param("id", ticketId)
				.query(rs -> {
					links.add(new Link(rs.getLong(1), rs.getString(2), rs.getString(3), TicketState.valueOf(rs.getString(4)),
							TicketStore.nullableLong(rs, "requester_id"), rs.getLong(6), rs.getString(7), side[2]));
				});
		}
		return links;
	}

	private Long openComplaint(long ticketId) {
		return this.jdbc.sql("""
				select l.ticket_id from sd_ticket_link l join sd_ticket c on c.id = l.ticket_id
				where l.other_id = :id and l.kind = 'COMPLAINT' and c.is_open = true""")
			.param("id", ticketId)
			.query(Long.class)
			.list()
			.stream()
			.findFirst()
			.orElse(null);
	}

	/**
	 * The requester as the ticket rules see them in the portal: their own organisation's subtree,
	 * whatever wider scope their roles give (what they report on and for is theirs).
	 */
	private CurrentUser asRequester(CurrentUser user) {
		return new CurrentUser(user.id(), user.username(), user.displayName(), user.organisationId(), user.permissions(),
				DataScope.of(this.organisations.subtree(user.organisationId())), false);
	}

	/** What the requester reports. */
	public record Report(TicketType type, String title, String description, Long businessSystemId, String phone) {
	}

	/** A business system to report on: its name only. */
	public record SystemOption(long id, String name) {
	}

	/**
	 * An entry of the requester's view of the ticket: {@code kind} STATE (an action moved it:
	 * {@code action}, {@code from}, {@code to}) or REPLY (a comment meant for the requester, or
	 * theirs); {@code body} the words of either.
	 */
	public record TimelineEntry(String kind, Instant at, String action, TicketState from, TicketState to, Long authorId,
			String body) {
	}

	/** A linked ticket: {@code direction} OUTGOING (this ticket is about the other) or INCOMING. */
	public record Link(long otherId, String number, String title, TicketState state, Long requesterId, long organisationId,
			String kind, String direction) {
	}

}
