package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * 回访 (R-DSK-11): after a ticket is resolved an agent asks the requester how it went, by phone, on
 * site or by message, and records whom they spoke to, how satisfied they were, what they said
 * and whether something must be followed up (the ticket page then suggests reopening it). Tickets
 * resolved in a period without a visit are the "待回访" list. Scoped like the tickets.
 */
@Service
public class ReturnVisits {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** How the visit was made. */
	public enum Method {

		PHONE, ONSITE, IM

	}

	private static final String COLUMNS = """
			v.id, v.ticket_id, t.number, t.title, v.organisation_id, v.method, v.visited_person, v.satisfaction, v.comments,
			  v.follow_up, v.visited_at, v.visitor_id, v.created_at""";

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final TicketStore store;

	private final AuditTrail audit;

	private final Clock clock;

	ReturnVisits(JdbcClient jdbc, TicketService tickets, TicketStore store, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	/** Records a visit on a resolved or closed ticket the agent may see. */
	@Transactional
	public Visit record(CurrentUser user, long ticketId, VisitInput input) {
		TicketRow t = this.tickets.get(user, ticketId);
		List<FieldProblem> problems = new ArrayList<>();
		if (input.method() == null) {
			problems.add(new FieldProblem("method", PortalError.BAD_VISIT_METHOD, new Object[0]));
		}
		String person = input.visitedPerson() == null ? "" : input.visitedPerson().strip();
		if (person.isEmpty()) {
			problems.add(new FieldProblem("visitedPerson", PortalError.PERSON_REQUIRED, new Object[0]));
		}
		else if (person.length() > 50) {
			problems.add(new FieldProblem("visitedPerson", ServiceDeskError.TOO_LONG, new Object[] { 50 }));
		}
		if (input.satisfaction() == null || input.satisfaction() < 1 || input.satisfaction() > 5) {
			problems.add(new FieldProblem("satisfaction", ServiceDeskError.BAD_RATING, new Object[] { input.satisfaction() }));
		}
		String comments = input.comments() == null || input.comments().isBlank() ? null : input.comments().strip();
		if (comments != null && comments.length() > 2000) {
			problems.add(new FieldProblem("comments", ServiceDeskError.TOO_LONG, new Object[] { 2000 }));
		}
		Instant now = this.clock.instant();
		Instant visitedAt = input.visitedAt() == null ? now : input.visitedAt();
		if (visitedAt.isAfter(now.plus(TicketService.CLOCK_SKEW))) {
			problems.add(new FieldProblem("visitedAt", PortalError.VISITED_IN_FUTURE, new Object[0]));
		}
		// PostgreSQL keeps the creation rounded to the microsecond, which may lie a hair after "now"
		else if (visitedAt.plus(TicketService.CLOCK_SKEW).isBefore(t.createdAt)) {
			problems.add(new FieldProblem("visitedAt", PortalError.VISITED_TOO_EARLY, new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		if (!t.state.done()) {
			throw new OpsGuardException(PortalError.NOT_DONE, t.number);
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_return_visit (ticket_id, organisation_id, method, visited_person, satisfaction, comments, follow_up,
				  visited_at, visitor_id, created_at)
				values (:ticket, :org, :method, :person, :satisfaction, :comments, :followUp, :visitedAt, :visitor, :now)""")
			.param("ticket", t.id)
			.param("org", t.organisationId)
			.param("method", input.method().name())
			.param("person", person)
			.param("satisfaction", input.satisfaction())
			.param("comments", comments)
			.param("followUp", Boolean.TRUE.equals(input.followUpNeeded()))
			.param("visitedAt", ts(visitedAt.isAfter(now) ? now : visitedAt))
			.param("visitor", user.id())
			.param("now", ts(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		Visit visit = load("v.id = :id", Map.of("id", id)).get(0);
		this.audit.recordChange("RETURN_VISIT_RECORDED", "ticket", t.id, null, visit);
		return visit;
	}

	/** The visits of one ticket, oldest first. */
	@Transactional(readOnly = true)
	public List<Visit> ofTicket(CurrentUser user, long ticketId) {
		TicketRow t = this.tickets.get(user, ticketId);
		return load("v.ticket_id = :ticket order by v.visited_at, v.id", Map.of("ticket", t.id));
	}

	/** One page of visits in the user's scope, newest first. */
	@Transactional(readOnly = true)
	public PageResult<Visit> list(CurrentUser user, LocalDate from, LocalDate to, Method method, Boolean followUp,
			PageQuery paging) {
		Periods.check(from, to);
		Map<String, Object> params = new HashMap<>();
		List<String> conditions = new ArrayList<>();
		conditions.add(user.scope().sqlCondition("v.organisation_id"));
		if (from != null) {
			conditions.add("v.visited_at >= :from");
			params.put("from", ts(from.atStartOfDay(ZONE).toInstant()));
		}
		if (to != null) {
			conditions.add("v.visited_at < :to");
			params.put("to", ts(to.plusDays(1).atStartOfDay(ZONE).toInstant()));
		}
		if (method != null) {
			conditions.add("v.method = :method");
			params.put("method", method.name());
		}
		if (followUp != null) {
			conditions.add("v.follow_up = :followUp");
			params.put("followUp", followUp);
		}
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "v.id", "sd_return_visit v", String.join(" and ", conditions), params,
				paging);
		if (ids.items().isEmpty()) {
			return new PageResult<>(List.of(), ids.total(), ids.page(), ids.size());
		}
		Map<Long, Visit> byId = new HashMap<>();
		load("v.id in (:ids)", Map.of("ids", ids.items())).forEach(v -> byId.put(v.id(), v));
		return new PageResult<>(ids.items().stream().map(byId::get).toList(), ids.total(), ids.page(), ids.size());
	}

	/** 待回访: tickets of the user's scope resolved in the period and not visited yet, oldest resolution first. */
	@Transactional(readOnly = true)
	public PageResult<TicketRow> due(CurrentUser user, LocalDate periodFrom, LocalDate periodTo, PageQuery paging) {
		Periods.check(periodFrom, periodTo);
		LocalDate to = periodTo == null ? LocalDate.now(this.clock.withZone(ZONE)) : periodTo;
		LocalDate from = periodFrom == null ? to.minusDays(29) : periodFrom;
		Periods.check(from, to);
		Map<String, Object> params = new HashMap<>();
		List<String> conditions = new ArrayList<>();
		if (!user.scope().all()) {
			conditions.add(user.scope().sqlCondition("t.organisation_id"));
		}
		conditions.add("t.resolved_at is not null");
		conditions.add("t.resolved_at >= :from and t.resolved_at < :to");
		params.put("from", ts(from.atStartOfDay(ZONE).toInstant()));
		params.put("to", ts(to.plusDays(1).atStartOfDay(ZONE).toInstant()));
		conditions.add("not exists (select 1 from sd_return_visit v where v.ticket_id = t.id)");
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "t.id", "sd_ticket t", String.join(" and ", conditions), params, paging);
		return new PageResult<>(this.store.findAll(ids.items()), ids.total(), ids.page(), ids.size());
	}

	private List<Visit> load(String condition, Map<String, ?> params) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_return_visit v join sd_ticket t on t.id = v.ticket_id where "
				+ condition)
			.params(params)
			.query((rs, n) -> new Visit(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("number"), rs.getString("title"),
					rs.getLong("organisation_id"), Method.valueOf(rs.getString("method")), rs.getString("visited_person"),
					rs.getInt("satisfaction"), rs.getString("comments"), rs.getBoolean("follow_up"), instant(rs, "visited_at"),
					nullableLong(rs, "visitor_id"), instant(rs, "created_at")))
			.list();
	}

	/** A return visit, with its ticket's number and title. */
	public record Visit(long id, long ticketId, String ticketNumber, String ticketTitle, long organisationId, Method method,
			String visitedPerson, int satisfaction, String comments, boolean followUpNeeded, Instant visitedAt, Long visitorId,
			Instant createdAt) {
	}

	/** What the agent records; {@code visitedAt} defaults to now. */
	public record VisitInput(Method method, String visitedPerson, Integer satisfaction, String comments,
			Boolean followUpNeeded, Instant visitedAt) {
	}

}
