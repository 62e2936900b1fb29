package io.opsguard.servicedesk.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.opsguard.notify.Notice;
import io.opsguard.notify.NoticeSeverity;
import io.opsguard.notify.Notifications;
import io.opsguard.servicedesk.TicketTransitioned;
import io.opsguard.servicedesk.TimerMetric;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells people what happened to their tickets, in the transaction of the change (the notices are
 * written to the outbox with it, ADR 0011): the assignee or the group a ticket was dispatched,
 * escalated or handed back to, and the requester when it is resolved or answered in public. SLA
 * warnings and breaches are told by {@link SlaAlertNotifier} from the alerts the sweep records.
 */
@Component
class TicketNotifier {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

	private final Notifications notifications;

	private final TicketStore tickets;

	private final SupportGroups groups;

	private final org.springframework.context.MessageSource messages;

	TicketNotifier(Notifications notifications, TicketStore tickets, SupportGroups groups,
			org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.notifications = notifications;
		this.tickets = tickets;
		this.groups = groups;
	}

	@EventListener
	void on(TicketTransitioned event) {
		watched(event);
		switch (event.action()) {
			case "dispatch", "escalate", "hand-back", "reopen" -> this.tickets.find(event.ticketId()).ifPresent(t -> assigned(t, event));
			default -> {
				// the others tell nobody
			}
		}
	}

	/**
	 * A resolved ticket: the requester hears the solution with the link that rates it (the
	 * invitation's one-use token, R-DSK-11), by the channels of their preferences, or by text
	 * message when they called without an account.
	 */
	@EventListener
	void on(io.opsguard.servicedesk.SatisfactionInvited event) {
		this.tickets.find(event.ticketId()).ifPresent(t -> resolved(t, event.link(), event.invitationId()));
	}

	/** A survey's invitation (R-DSK-11). */
	@EventListener
	void on(io.opsguard.servicedesk.SurveyInvited event) {
		this.notifications.send(Notice.of(ServiceDeskNotices.SURVEY)
			.toUser(event.requesterId())
			.with("title", event.title())
			.with("expiresAt", TIME.format(event.expiresAt()))
			.link(event.link())
			.dedupKey("survey-invitation:" + event.invitationId())
			.build());
	}

	/** Whoever follows the ticket hears of every step but the one they took themselves. */
	private void watched(TicketTransitioned event) {
		List<Long> watchers = new java.util.ArrayList<>(this.tickets.watchersOf(event.ticketId()));
		io.opsguard.identity.CurrentUsers.current().ifPresent(actor -> watchers.remove(actor.id()));
		if (watchers.isEmpty()) {
			return;
		}
		this.tickets.find(event.ticketId()).ifPresent(t -> this.notifications.send(Notice.of(ServiceDeskNotices.WATCHED)
			.toUsers(watchers)
			.with(model(t))
			.with("state", word("ticket.state." + t.state.name(), false))
			.with("stateEn", word("ticket.state." + t.state.name(), true).toLowerCase(java.util.Locale.ROOT))
			.link("/servicedesk/tickets/" + t.id)
			.organisation(t.organisationId)
			.build()));
	}

	/** A reply the requester sees. */
	void replied(TicketRow t, long commentId, String body) {
		Notice.Builder notice = toRequester(Notice.of(ServiceDeskNotices.REPLIED), t);
		if (notice == null) {
			return;
		}
		this.notifications.send(notice.with(model(t))
			.with("reply", body.length() > 500 ? body.substring(0, 500) + "…" : body)
			.link(requesterLink(t))
			.dedupKey("ticket:" + t.id + ":reply:" + commentId)
			.build());
	}

	private void assigned(TicketRow t, TicketTransitioned event) {
		if (t.groupId == null) {
			return;
		}
		Optional<SupportGroups.Group> group = this.groups.byId(t.groupId);
		Set<Long> to = new LinkedHashSet<>();
		if (t.assigneeId != null) {
			to.add(t.assigneeId);
		}
		else {
			group.ifPresent(g -> to.addAll(g.memberIds()));
		}
		// whoever dispatched it knows already
		io.opsguard.identity.CurrentUsers.current().ifPresent(actor -> to.remove(actor.id()));
		if (to.isEmpty()) {
			return;
		}
		this.notifications.send(Notice.of(ServiceDeskNotices.ASSIGNED)
			.toUsers(to)
			.with(model(t))
			.with("group", group.map(SupportGroups.Group::name).orElse(""))
			.link("/servicedesk/tickets/" + t.id)
			.severity(t.faultLevel <= 2 ? NoticeSeverity.WARNING : NoticeSeverity.INFO)
			.organisation(t.organisationId)
			.build());
	}

	private void resolved(TicketRow t, String link, long invitationId) {
		Notice.Builder notice = toRequester(Notice.of(ServiceDeskNotices.RESOLVED), t);
		if (notice == null) {
			return;
		}
		this.notifications.send(notice.with(model(t))
			.with("solution", t.solution == null ? "" : t.solution)
			.link(link)
			.dedupKey("satisfaction-invitation:" + invitationId)
			.build());
	}

	/** The requester: a user, or a caller's phone (text message) when the ticket has no account behind it. */
	private static Notice.Builder toRequester(Notice.Builder notice, TicketRow t) {
		notice.organisation(t.organisationId);
		if (t.requesterId != null) {
			return notice.toUser(t.requesterId);
		}
		if (t.contactPhone != null && t.contactPhone.matches("1[3-9][0-9]{9}")) {
			return notice.toAddress(Notice.Address.sms(t.contactPhone));
		}
		return null;
	}

	private static String requesterLink(TicketRow t) {
		return t.requesterId != null ? "/portal/tickets/" + t.id : "/servicedesk/tickets/" + t.id;
	}

	static java.util.Map<String, Object> model(TicketRow t) {
		return java.util.Map.of("number", t.number, "title", t.title, "level", t.faultLevel);
	}

	/** A timer's name in the notices' words, as the statistics name it. */
	String metric(TimerMetric metric, boolean english) {
		return word("ticketStatistics.metric." + metric.name(), english).toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * A word of the message bundle in Chinese or English: a notice's model serves both languages'
	 * templates, so it carries both.
	 */
	private String word(String key, boolean english) {
		return this.messages.getMessage(key, null, key, english ? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE);
	}

}
