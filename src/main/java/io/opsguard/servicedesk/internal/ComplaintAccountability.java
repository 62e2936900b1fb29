package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Users;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * The accountability record of a complaint (R-DSK-06, GB 5.3.2 e): whether the complaint against the
 * staff concerned was founded, who they are, what the investigation found and what was done. A
 * complaint is not closed without it ({@link TicketService}); recording it again replaces it, with
 * the version read and an audit entry of both.
 */
@Service
public class ComplaintAccountability {

	private final JdbcClient jdbc;

	private final TicketStore tickets;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	ComplaintAccountability(JdbcClient jdbc, TicketStore tickets, Users users, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/** The record of a complaint the user may see, if one was made. */
	@Transactional(readOnly = true)
	public Optional<Record> get(CurrentUser user, long ticketId) {
		complaint(user, ticketId);
		return find(ticketId);
	}

	boolean exists(long ticketId) {
		return find(ticketId).isPresent();
	}

	/** Records (or replaces, with {@code version}) the accountability of a complaint. */
	@Transactional
	public Record record(CurrentUser user, long ticketId, Input input) {
		TicketRow ticket = complaint(user, ticketId);
		Optional<Record> before = find(ticketId);
		Input in = input == null ? new Input(null, null, null, null, null) : input;
		if (before.isPresent() && in.version() == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		List<FieldProblem> problems = new ArrayList<>();
		boolean established = Boolean.TRUE.equals(in.established());
		// a list with holes ([null]) is refused on its field, not answered with a server error
		boolean holes = in.staffIds() != null && in.staffIds().contains(null);
		List<Long> staff = in.staffIds() == null ? List.of()
				: in.staffIds().stream().filter(java.util.Objects::nonNull).distinct().toList();
		if (holes) {
			problems.add(new FieldProblem("staffIds", ServiceDeskError.UNKNOWN_REQUESTER, new Object[] { "null" }));
		}
		if (established && staff.isEmpty() && !holes) {
			problems.add(new FieldProblem("staffIds", ServiceDeskError.STAFF_REQUIRED, new Object[0]));
		}
		if (staff.size() > 20) {
			problems.add(new FieldProblem("staffIds", ServiceDeskError.TOO_LONG, new Object[] { 20 }));
		}
		Map<Long, Users.UserSummary> known = this.users.findAll(staff);
		for (Long id : holes ? List.<Long>of() : staff) {
			Users.UserSummary found = known.get(id);
			if (found == null || !user.scope().includes(found.organisationId())) {
				problems.add(new FieldProblem("staffIds", ServiceDeskError.UNKNOWN_REQUESTER, new Object[] { String.valueOf(id) }));
				break;
			}
		}
		String finding = in.finding() == null ? "" : in.finding().strip();
		if (finding.isEmpty()) {
			problems.add(new FieldProblem("finding", ServiceDeskError.FINDING_REQUIRED, new Object[0]));
		}
		else if (finding.length() > 4000) {
			problems.add(new FieldProblem("finding", ServiceDeskError.TOO_LONG, new Object[] { 4000 }));
		}
		String measure = in.measure() == null || in.measure().isBlank() ? null : in.measure().strip();
		if (measure != null && measure.length() > 4000) {
			problems.add(new FieldProblem("measure", ServiceDeskError.TOO_LONG, new Object[] { 4000 }));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		Instant now = this.clock.instant();
		String staffIds = staff.stream().map(String::valueOf).collect(Collectors.joining(","));
		if (before.isEmpty()) {
			this.jdbc.sql("""
					insert into sd_complaint_accountability (ticket_id, staff_ids, established, finding, measure, recorded_by,
					  recorded_at, version)
					values (:ticket, :staff, :established, :finding, :measure, :user, :now, 0)""")
				.param("ticket", ticketId)
				.param("staff", staffIds)
				.param("established", established)
				.param("finding", finding)
				.param("measure", measure)
				.param("user", user.id())
				.param("now", ts(now))
				.update();
		}
		else if (this.jdbc.sql("""
				update sd_complaint_accountability set staff_ids = :staff, established = :established, finding = :finding,
				  measure = :measure, recorded_by = :user, recorded_at = :now, version = version + 1
				where ticket_id = :ticket and version = :version""")
			.param("ticket", ticketId)
			.param("staff", staffIds)
			.param("established", established)
			.param("finding", finding)
			.param("measure", measure)
			.param("user", user.id())
			.param("now", ts(now))
			.param("version", in.version())
			.update() == 0) {
			throw new OpsGuardException(ServiceDeskError.STALE_VERSION, before.get().version());
		}
		Record after = find(ticketId).orElseThrow();
		this.audit.recordChange("COMPLAINT_ACCOUNTABILITY_RECORDED", "ticket", ticket.id, before.orElse(null), after);
		return after;
	}

	private TicketRow complaint(CurrentUser user, long ticketId) {
		TicketRow t = this.tickets.find(ticketId)
			.filter(found -> user.scope().includes(found.organisationId))
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(ticketId)));
		if (t.type != TicketType.COMPLAINT) {
			throw new OpsGuardException(ServiceDeskError.NOT_A_COMPLAINT);
		}
		return t;
	}

	private Optional<Record> find(long ticketId) {
		return this.jdbc.sql("select ticket_id, staff_ids, established, finding, measure, recorded_by, recorded_at, version"
				+ " from sd_complaint_accountability where ticket_id = :ticket")
			.param("ticket", ticketId)
			.query((rs, n) -> new Record(rs.getLong("ticket_id"), ids(rs.getString("staff_ids")), rs.getBoolean("established"),
					rs.getString("finding"), rs.getString("measure"), rs.getLong("recorded_by"), instant(rs, "recorded_at"),
					rs.getInt("version")))
			.optional();
	}

	private static List<Long> ids(String text) {
		return text == null || text.isBlank() ? List.of()
				: Arrays.stream(text.split(",")).map(String::trim).map(Long::valueOf).toList();
	}

	/** What is recorded. */
	public record Record(long ticketId, List<Long> staffIds, boolean established, String finding, String measure,
			long recordedBy, Instant recordedAt, int version) {
	}

	/** A record as written, with the version read when replacing one. */
	public record Input(Integer version, Boolean established, List<Long> staffIds, String finding, String measure) {
	}

}
