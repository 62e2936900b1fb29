package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.opsguard.identity.AuditTrail;
import io.opsguard.servicedesk.SatisfactionInvited;
import io.opsguard.servicedesk.TicketAction;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.TicketTransitioned;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * Invitations to rate resolved tickets (R-DSK-11, ADR 0013). Resolving a ticket invites its
 * requester, in the same transaction ({@link #on(TicketTransitioned)}): an invitation with a
 * random one-use token, answerable without signing in for
 * {@code opsguard.servicedesk.satisfaction.invitation-days}, announced as
 * {@link SatisfactionInvited} for whoever sends it. A rating however given (token, portal, the
 * desk's API) answers it; reopening, closing or resolving again cancels it; a job marks the ones
 * nobody answered in time.
 */
@Service
public class Satisfaction {

	private static final Logger log = LoggerFactory.getLogger(Satisfaction.class);

	/** How an invitation was answered. */
	public enum Via {

		/** the public page opened from the link */
		TOKEN,
		/** the signed-in requester in the portal */
		PORTAL,
		/** the desk's API ({@code POST /tickets/{id}/actions/rate}, e.g. the client's OA system) */
		DESK

	}

	private final JdbcClient jdbc;

	private final TicketStore tickets;

	private final TicketService service;

	private final ApplicationEventPublisher events;

	private final AuditTrail audit;

	private final SatisfactionProperties properties;

	private final Clock clock;

	Satisfaction(JdbcClient jdbc, TicketStore tickets, TicketService service, ApplicationEventPublisher events,
			AuditTrail audit, SatisfactionProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.service = service;
		this.events = events;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/** Follows the tickets, inside the transaction that moved them. */
	@EventListener
	void on(TicketTransitioned event) {
		if (event.to() == TicketState.RESOLVED && event.from() != TicketState.RESOLVED) {
			invite(event.ticketId());
		}
		else if (event.action().equals(TicketAction.RATE.verb())) {
			answer(event.ticketId(), Via.DESK);
		}
		else if (event.action().equals(TicketAction.REOPEN.verb()) || event.action().equals(TicketAction.CLOSE.verb())) {
			cancel(event.ticketId());
		}
	}

	/** Invites the ticket's requester to rate it; an earlier invitation still open is cancelled. */
	@Transactional
	public void invite(long ticketId) {
		TicketRow t = this.tickets.find(ticketId).orElseThrow();
		cancel(ticketId);
		Instant now = this.clock.instant();
		Instant expires = now.plus(Duration.ofDays(this.properties.invitationDays()));
		String token = Tokens.newToken();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_satisfaction_invitation (ticket_id, requester_id, organisation_id, token_hash, state, created_at,
				  expires_at)
				values (:ticket, :requester, :org, :hash, 'PENDING', :now, :expires)""")
			.param("ticket", t.id)
			.param("requester", t.requesterId)
			.param("org", t.organisationId)
			.param("hash", Tokens.hash(token))
			.param("now", ts(now))
			.param("expires", ts(expires))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		this.audit.record("SATISFACTION_INVITED", "ticket", t.id, t.number, true);
		this.events.publishEvent(new SatisfactionInvited(id, t.id, t.number, t.title, t.requesterId, t.contactPhone,
				t.organisationId, this.properties.portalPath() + "/rate/" + token, expires));
	}

	/** What the public rating page shows; expired ones say so. 404 for a token nobody was given. */
	@Transactional(readOnly = true)
	public InvitationView byToken(String token) {
		InvitationRow invitation = find(token).orElseThrow(() -> new OpsGuardException(PortalError.UNKNOWN_INVITATION));
		TicketRow t = this.tickets.find(invitation.ticketId()).orElseThrow();
		return new InvitationView(t.number, t.title, summary(t.solution), t.resolvedAt, state(invitation),
				invitation.expiresAt(), invitation.state().equals("ANSWERED") ? t.rating : null);
	}

	/** The rating through the link: once, before it expires, while the ticket can be rated. */
	@Transactional
	public void rateByToken(String token, Integer rating, String comment) {
		InvitationRow invitation = find(token).orElseThrow(() -> new OpsGuardException(PortalError.UNKNOWN_INVITATION));
		this.jdbc.sql("select id from sd_satisfaction_invitation where id = :id for update")
			.param("id", invitation.id())
			.query(Long.class)
			.single();
		invitation = find(token).orElseThrow();
		switch (state(invitation)) {
			case "ANSWERED" -> throw new OpsGuardException(PortalError.INVITATION_USED);
			case "EXPIRED" -> throw new OpsGuardException(PortalError.INVITATION_EXPIRED, this.properties.invitationDays());
			case "CANCELLED" -> throw new OpsGuardException(PortalError.NOT_RATABLE);
			default -> {
			}
		}
		checkRating(rating, comment);
		TicketRow t = this.tickets.find(invitation.ticketId()).orElseThrow();
		if (Lifecycle.next(t.type, t.state, TicketAction.RATE).isEmpty()) {
			throw new OpsGuardException(PortalError.NOT_RATABLE);
		}
		answer(t.id, Via.TOKEN);
		this.service.rateAsRequester(t.id, invitation.requesterId(), rating, comment);
	}

	/** Checks a rating before anything is written: 1–5, a comment of at most 1,000 characters. */
	static void checkRating(Integer rating, String comment) {
		List<FieldProblem> problems = new ArrayList<>();
		if (rating == null || rating < 1 || rating > 5) {
			problems.add(new FieldProblem("rating", ServiceDeskError.BAD_RATING, new Object[] { rating }));
		}
		if (comment != null && comment.strip().length() > 1000) {
			problems.add(new FieldProblem("comment", ServiceDeskError.TOO_LONG, new Object[] { 1000 }));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
	}

	/** Marks the ticket's open invitation answered (the rating itself is the lifecycle's). */
	@Transactional
	public void answer(long ticketId, Via via) {
		this.jdbc.sql("""
				update sd_satisfaction_invitation set state = 'ANSWERED', answered_at = :now, answered_via = :via
				where ticket_id = :ticket and state = 'PENDING'""")
			.param("now", ts(this.clock.instant()))
			.param("via", via.name())
			.param("ticket", ticketId)
			.update();
	}

	private void cancel(long ticketId) {
		this.jdbc.sql("update sd_satisfaction_invitation set state = 'CANCELLED' where ticket_id = :ticket and state = 'PENDING'")
			.param("ticket", ticketId)
			.update();
	}

	/** The requester's invitations still open ("待评价" in the portal), newest first. */
	@Transactional(readOnly = true)
	public List<PendingInvitation> pendingFor(long requesterId) {
		return this.jdbc.sql("""
				select i.ticket_id, t.number, t.title, t.resolved_at, i.expires_at
				from sd_satisfaction_invitation i join sd_ticket t on t.id = i.ticket_id
				where i.requester_id = :me and i.state = 'PENDING' and i.expires_at > :now
				order by i.created_at desc""")
			.param("me", requesterId)
			.param("now", ts(this.clock.instant()))
			.query((rs, n) -> new PendingInvitation(rs.getLong("ticket_id"), rs.getString("number"), rs.getString("title"),
					instant(rs, "resolved_at"), instant(rs, "expires_at")))
			.list();
	}

	/** Whether the ticket has an invitation still open. */
	@Transactional(readOnly = true)
	public Optional<Instant> pendingUntil(long ticketId) {
		return this.jdbc.sql("""
				select expires_at from sd_satisfaction_invitation
				where ticket_id = :ticket and state = 'PENDING' and expires_at > :now""")
			.param("ticket", ticketId)
			.param("now", ts(this.clock.instant()))
			.query((rs, n) -> instant(rs, "expires_at"))
			.optional();
	}

	// ---- expiry -------------------------------------------------------------------------------

	@Scheduled(fixedDelayString = "${opsguard.servicedesk.satisfaction.expiry-interval:10m}",
			initialDelayString = "${opsguard.servicedesk.satisfaction.expiry-interval:10m}")
	@SchedulerLock(name = "servicedesk-invitation-expiry", lockAtMostFor = "PT10M")
	void scheduledExpiry() {
		try {
			int expired = expire();
			if (expired > 0) {
				log.info("{} satisfaction and survey invitations expired unanswered", expired);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Marking expired invitations failed; the next run tries again", ex);
		}
	}

	/** Marks the invitations (ratings and surveys) nobody answered in time; how many. */
	@Transactional
	public int expire() {
		Instant now = this.clock.instant();
		int ratings = this.jdbc
			.sql("update sd_satisfaction_invitation set state = 'EXPIRED' where state = 'PENDING' and expires_at <= :now")
			.param("now", ts(now))
			.update();
		int surveys = this.jdbc
			.sql("update sd_survey_invitation set state = 'EXPIRED' where state = 'PENDING' and expires_at <= :now")
			.param("now", ts(now))
			.update();
		return ratings + surveys;
	}

	// ---- reading --------------------------------------------------------------------------------

	private Optional<InvitationRow> find(String token) {
		if (!Tokens.wellFormed(token)) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select id, ticket_id, requester_id, state, expires_at from sd_satisfaction_invitation
				where token_hash = :hash""")
			.param("hash", Tokens.hash(token))
			.query((rs, n) -> new InvitationRow(rs.getLong("id"), rs.getLong("ticket_id"), nullableLong(rs, "requester_id"),
					rs.getString("state"), instant(rs, "expires_at")))
			.optional();
	}

	/** The state as of now: a pending invitation past its time is expired even before the job marks it. */
	private String state(InvitationRow invitation) {
		if (invitation.state().equals("PENDING") && !invitation.expiresAt().isAfter(this.clock.instant())) {
			return "EXPIRED";
		}
		return invitation.state();
	}

	private static String summary(String solution) {
		if (solution == null) {
			return null;
		}
		return solution.length() > 500 ? solution.substring(0, 500) + "…" : solution;
	}

	private record InvitationRow(long id, long ticketId, Long requesterId, String state, Instant expiresAt) {
	}

	/**
	 * What the rating page shows: the ticket's number, title and how it was resolved (nothing
	 * else of it), the invitation's state (PENDING, ANSWERED, EXPIRED, CANCELLED), until when it
	 * can be answered and the rating given.
	 */
	public record InvitationView(String number, String title, String solution, Instant resolvedAt, String state,
			Instant expiresAt, Integer rating) {
	}

	/** An open invitation of a requester's ("待评价"). */
	public record PendingInvitation(long ticketId, String number, String title, Instant resolvedAt, Instant expiresAt) {
	}

}
