package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * Software defects and new requirements found in operation (R-DSK-09): written up on the ticket
 * that found them, confirmed by the client's project lead, handed to the system's vendor with the
 * vendor's reference, and followed until the fix is confirmed. Each step is kept with who, when and
 * why; the ticket itself may wait meanwhile (挂起, "waiting for the vendor").
 */
@Service
public class VendorCases {

	/** Where a case stands. */
	public enum State {

		DRAFTED, CONFIRMED, HANDED_OVER, FIXED, VERIFIED, WITHDRAWN;

		boolean done() {
			return this == VERIFIED || this == WITHDRAWN;
		}

	}

	/** What was found. */
	public enum Kind {

		DEFECT, REQUIREMENT

	}

	/** The steps, as URL verbs ({@code hand-over}). */
	public enum Action {

		CONFIRM, HAND_OVER, FIXED, VERIFY, REJECT_FIX, WITHDRAW;

		public String verb() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		public static Optional<Action> ofVerb(String verb) {
			for (Action action : values()) {
				if (action.verb().equals(verb)) {
					return Optional.of(action);
				}
			}
			return Optional.empty();
		}

	}

	private static final Map<State, Map<Action, State>> STEPS = new EnumMap<>(State.class);

	static {
		step(State.DRAFTED, Action.CONFIRM, State.CONFIRMED);
		step(State.CONFIRMED, Action.HAND_OVER, State.HANDED_OVER);
		step(State.HANDED_OVER, Action.FIXED, State.FIXED);
		step(State.FIXED, Action.VERIFY, State.VERIFIED);
		step(State.FIXED, Action.REJECT_FIX, State.HANDED_OVER);
		for (State state : List.of(State.DRAFTED, State.CONFIRMED, State.HANDED_OVER, State.FIXED)) {
			step(state, Action.WITHDRAW, State.WITHDRAWN);
		}
	}

	private static void step(State from, Action action, State to) {
		STEPS.computeIfAbsent(from, f -> new EnumMap<>(Action.class)).put(action, to);
	}

	/** The state {@code action} leads to from {@code state}, or empty when the state does not allow it. */
	static Optional<State> next(State state, Action action) {
		return Optional.ofNullable(STEPS.getOrDefault(state, Map.of()).get(action));
	}

	/** The steps a state allows, in order. */
	public static List<Action> allowed(State state) {
		return List.copyOf(STEPS.getOrDefault(state, Map.of()).keySet());
	}

	private static final String COLUMNS = """
			c.id, c.ticket_id, c.kind, c.title, c.description, c.state, c.confirmed_by_name, c.confirmed_at, c.vendor_name,
			  c.vendor_ref, c.handed_at, c.fix_note, c.fixed_at, c.verified_at, c.created_by, c.created_at, c.updated_at,
			  c.version, t.number as ticket_number, t.organisation_id""";

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final AuditTrail audit;

	private final Clock clock;

	VendorCases(JdbcClient jdbc, TicketService tickets, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.audit = audit;
		this.clock = clock;
	}

	/** Writes up a defect or requirement found while working on a ticket. */
	@Transactional
	public VendorCase create(CurrentUser user, long ticketId, NewCase input) {
		TicketRow ticket = this.tickets.get(user, ticketId);
		List<FieldProblem> problems = new ArrayList<>();
		if (input == null || input.kind() == null) {
			problems.add(new FieldProblem("kind", ServiceDeskError.KIND_REQUIRED, new Object[0]));
		}
		String title = text(input == null ? null : input.title(), "title", 200, ServiceDeskError.TITLE_REQUIRED, problems);
		String description = text(input == null ? null : input.description(), "description", 8000,
				ServiceDeskError.DESCRIPTION_REQUIRED, problems);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		Instant now = this.clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_vendor_case (ticket_id, kind, title, description, state, created_by, created_at, updated_at, version)
				values (:ticket, :kind, :title, :description, 'DRAFTED', :user, :now, :now, 0)""")
			.param("ticket", ticket.id)
			.param("kind", input.kind().name())
			.param("title", title)
			.param("description", description)
			.param("user", user.id())
			.param("now", ts(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		event(id, now, user.id(), "CREATE", null, State.DRAFTED, null);
		this.audit.record("VENDOR_CASE_CREATED", "ticket", ticket.id, ticket.number + " #" + id + " " + title, true);
		return find(id).orElseThrow();
	}

	/** Takes a step the case's state allows; 409 listing the allowed ones otherwise. */
	@Transactional
	public VendorCase act(CurrentUser user, long id, String verb, Step input) {
		VendorCase before = get(user, id);
		Action action = Action.ofVerb(verb).orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_ACTION, verb));
		State to = next(before.state(), action).orElse(null);
		if (to == null) {
			throw new OpsGuardException(ServiceDeskError.VENDOR_ACTION_NOT_ALLOWED,
					new DefaultMessageSourceResolvable("vendorCase.action." + action.verb()),
					new DefaultMessageSourceResolvable("vendorCase.state." + before.state().name()))
				.with("state", before.state().name())
				.with("allowedActions", allowed(before.state()).stream().map(Action::verb).toList());
		}
		Step step = input == null ? new Step(null, null, null, null, null, null) : input;
		if (step.version() == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		List<FieldProblem> problems = new ArrayList<>();
		String comment = optional(step.comment(), "comment", 2000, problems);
		Instant now = this.clock.instant();
		Map<String, Object> set = new HashMap<>();
		switch (action) {
			case CONFIRM -> {
				set.put("confirmed_by_name", text(step.confirmedBy(), "confirmedBy", 50, ServiceDeskError.CONFIRMER_REQUIRED, problems));
				set.put("confirmed_at", ts(now));
			}
			case HAND_OVER -> {
				set.put("vendor_name", text(step.vendorName(), "vendorName", 100, ServiceDeskError.VENDOR_NAME_REQUIRED, problems));
				set.put("vendor_ref", optional(step.vendorRef(), "vendorRef", 100, problems));
				set.put("handed_at", ts(now));
			}
			case FIXED -> {
				// what the vendor changed, in a few words: "请填写说明", not the write-up's "describe the problem"
				set.put("fix_note", text(step.fixNote(), "fixNote", 2000, ServiceDeskError.COMMENT_REQUIRED, problems));
				set.put("fixed_at", ts(now));
				if (step.vendorRef() != null && !step.vendorRef().isBlank()) {
					set.put("vendor_ref", optional(step.vendorRef(), "vendorRef", 100, problems));
				}
			}
			case VERIFY -> set.put("verified_at", ts(now));
			case REJECT_FIX, WITHDRAW -> {
				if (comment == null) {
					problems.add(new FieldProblem("comment", ServiceDeskError.COMMENT_REQUIRED, new Object[0]));
				}
				if (action == Action.REJECT_FIX) {
					set.put("fixed_at", null);
				}
			}
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		StringBuilder sql = new StringBuilder("update sd_vendor_case set state = :state, updated_at = :now, version = version + 1");
		set.keySet().forEach(column -> sql.append(", ").append(column).append(" = :").append(column));
		sql.append(" where id = :id and version = :version");
		var statement = this.jdbc.sql(sql.toString())
			.param("state", to.name())
			.param("now", ts(now))
			.param("id", id)
			.param("version", step.version());
		for (Map.Entry<String, Object> e : set.entrySet()) {
			statement = statement.param(e.getKey(), e.getValue());
		}
		if (statement.update() == 0) {
			throw new OpsGuardException(ServiceDeskError.STALE_VERSION, before.version());
		}
		event(id, now, user.id(), action.name(), before.state(), to, comment);
		this.audit.record("VENDOR_CASE_" + action.name(), "ticket", before.ticketId(),
				before.ticketNumber() + " #" + id + " " + before.title() + " " + before.state() + "→" + to, true);
		return find(id).orElseThrow();
	}

	/** A case the user may see (through its ticket's organisation). */
	@Transactional(readOnly = true)
	public VendorCase get(CurrentUser user, long id) {
		return find(id).filter(c -> user.scope().includes(c.organisationId()))
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_VENDOR_CASE, String.valueOf(id)));
	}

	/** The cases written up on a ticket, oldest first. */
	@Transactional(readOnly = true)
	public List<VendorCase> ofTicket(CurrentUser user, long ticketId) {
		this.tickets.get(user, ticketId);
		return this.jdbc.sql("select " + COLUMNS + " from sd_vendor_case c join sd_ticket t on t.id = c.ticket_id"
				+ " where c.ticket_id = :ticket order by c.id")
			.param("ticket", ticketId)
			.query((rs, n) -> row(rs))
			.list();
	}

	/** The tracking list: cases in the user's scope, open ones only unless a state is asked for. */
	@Transactional(readOnly = true)
	public PageResult<VendorCase> list(CurrentUser user, Filter filter, PageQuery paging) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (!user.scope().all()) {
			conditions.add(user.scope().sqlCondition("t.organisation_id"));
		}
		if (filter.state() != null) {
			conditions.add("c.state = :state");
			params.put("state", filter.state().name());
		}
		else if (filter.openOnly()) {
			conditions.add("c.state not in ('VERIFIED', 'WITHDRAWN')");
		}
		if (filter.kind() != null) {
			conditions.add("c.kind = :kind");
			params.put("kind", filter.kind().name());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			conditions.add("(lower(c.title) like :text escape '\\' or lower(c.vendor_name) like :text escape '\\'"
					+ " or lower(c.vendor_ref) like :text escape '\\' or t.number like :number)");
			String text = filter.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
			params.put("text", "%" + text + "%");
			params.put("number", filter.text().strip().toUpperCase(Locale.ROOT) + "%");
		}
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "c.id", "sd_vendor_case c join sd_ticket t on t.id = c.ticket_id",
				String.join(" and ", conditions), params, paging);
		List<VendorCase> cases = ids.items().isEmpty() ? List.of()
				: this.jdbc.sql("select " + COLUMNS + " from sd_vendor_case c join sd_ticket t on t.id = c.ticket_id where c.id in (:ids)")
					.param("ids", ids.items())
					.query((rs, n) -> row(rs))
					.list();
		Map<Long, VendorCase> byId = new HashMap<>();
		cases.forEach(c -> byId.put(c.id(), c));
		return new PageResult<>(ids.items().stream().map(byId::get).toList(), ids.total(), ids.page(), ids.size());
	}

	/** The steps of a case, in order. */
	@Transactional(readOnly = true)
	public List<CaseEvent> history(long caseId) {
		return this.jdbc.sql("select id, at, user_id, action, from_state, to_state, comment from sd_vendor_case_event"
				+ " where case_id = :id order by id")
			.param("id", caseId)
			.query((rs, n) -> new CaseEvent(rs.getLong("id"), instant(rs, "at"), nullableLong(rs, "user_id"), rs.getString("action"),
					rs.getString("from_state") == null ? null : State.valueOf(rs.getString("from_state")),
					State.valueOf(rs.getString("to_state")), rs.getString("comment")))
			.list();
	}

	private Optional<VendorCase> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_vendor_case c join sd_ticket t on t.id = c.ticket_id where c.id = :id")
			.param("id", id)
			.query((rs, n) -> row(rs))
			.optional();
	}

	private void event(long caseId, Instant at, long userId, String action, State from, State to, String comment) {
		this.jdbc.sql("""
				insert into sd_vendor_case_event (case_id, at, user_id, action, from_state, to_state, comment)
				values (:case, :at, :user, :action, :from, :to, :comment)""")
			.param("case", caseId)
			.param("at", ts(at))
			.param("user", userId)
			.param("action", action)
			.param("from", from == null ? null : from.name())
			.param("to", to.name())
			.param("comment", comment)
			.update();
	}

	private static VendorCase row(java.sql.ResultSet rs) throws java.sql.SQLException {
		State state = State.valueOf(rs.getString("state"));
		return new VendorCase(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("ticket_number"),
				rs.getLong("organisation_id"), Kind.valueOf(rs.getString("kind")), rs.getString("title"),
				rs.getString("description"), state, rs.getString("confirmed_by_name"), instant(rs, "confirmed_at"),
				rs.getString("vendor_name"), rs.getString("vendor_ref"), instant(rs, "handed_at"), rs.getString("fix_note"),
				instant(rs, "fixed_at"), instant(rs, "verified_at"), nullableLong(rs, "created_by"), instant(rs, "created_at"),
				instant(rs, "updated_at"), rs.getInt("version"), allowed(state).stream().map(Action::verb).toList());
	}

	private static String text(String value, String field, int max, ServiceDeskError missing, List<FieldProblem> problems) {
		String text = value == null ? "" : value.strip();
		if (text.isEmpty()) {
			problems.add(new FieldProblem(field, missing, new Object[0]));
			return null;
		}
		if (text.length() > max) {
			problems.add(new FieldProblem(field, ServiceDeskError.TOO_LONG, new Object[] { max }));
		}
		return text;
	}

	private static String optional(String value, String field, int max, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.length() > max) {
			problems.add(new FieldProblem(field, ServiceDeskError.TOO_LONG, new Object[] { max }));
		}
		return text;
	}

	/** A defect or requirement written up. */
	public record NewCase(Kind kind, String title, String description) {
	}

	/**
	 * A step with the version read: {@code confirmedBy} to confirm, {@code vendorName} (and the
	 * vendor's reference) to hand over, {@code fixNote} when the vendor fixed it, a {@code comment}
	 * to send a fix back or withdraw.
	 */
	public record Step(Integer version, String comment, String confirmedBy, String vendorName, String vendorRef,
			String fixNote) {
	}

	/** The tracking list's filters. */
	public record Filter(State state, Kind kind, boolean openOnly, String text) {
	}

	/** A case with the steps its state allows. */
	public record VendorCase(long id, long ticketId, String ticketNumber, long organisationId, Kind kind, String title,
			String description, State state, String confirmedBy, Instant confirmedAt, String vendorName, String vendorRef,
			Instant handedAt, String fixNote, Instant fixedAt, Instant verifiedAt, Long createdBy, Instant createdAt,
			Instant updatedAt, int version, List<String> allowedActions) {
	}

	/** A step taken. */
	public record CaseEvent(long id, Instant at, Long userId, String action, State from, State to, String comment) {
	}

}
