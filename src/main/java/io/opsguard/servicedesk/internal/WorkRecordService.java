package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.internal.WorkRecordStore.WorkCategory;
import io.opsguard.servicedesk.internal.WorkRecordStore.WorkRecordRow;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of daily O&M work records (运维记录, R-DSK-10): when the work was done (at most a day,
 * never in the future), who did it (oneself; for a colleague with {@value #MANAGE}), for whom (a
 * person, a unit, a business system in the recorder's scope), what and how, of which category, on
 * its own or on a ticket. A record is seen within the scope of the unit it served; it is changed or
 * removed by its engineer or by someone holding {@value #MANAGE}. Every change is audited.
 */
@Service
public class WorkRecordService {

	/** Records and lets record for colleagues in one's scope, changes and removes others' records. */
	public static final String MANAGE = "servicedesk:record:manage";

	/** How far an engineer's clock may run ahead of the server's. */
	static final Duration CLOCK_SKEW = TicketService.CLOCK_SKEW;

	/** The longest piece of work one record holds. */
	static final int LONGEST_MINUTES = 24 * 60;

	/** How far back work may be recorded. */
	static final Duration LONGEST_BACKDATING = Duration.ofDays(366);

	/** The most records one export holds. */
	public static final int EXPORT_LIMIT = 10_000;

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final WorkRecordStore records;

	private final TicketStore tickets;

	private final ConfigurationItems cmdb;

	private final Users users;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final Clock clock;

	WorkRecordService(WorkRecordStore records, TicketStore tickets, ConfigurationItems cmdb, Users users,
			Organisations organisations, AuditTrail audit, Clock clock) {
		this.records = records;
		this.tickets = tickets;
		this.cmdb = cmdb;
		this.users = users;
		this.organisations = organisations;
		this.audit = audit;
		this.clock = clock;
	}

	// ---- writing ----------------------------------------------------------------------------

	@Transactional
	public WorkRecordRow create(CurrentUser user, WorkRecordInput input) {
		Instant now = this.clock.instant();
		WorkRecordRow checked = check(user, input, null, now);
		long id = this.records.insert(checked);
		WorkRecordRow created = this.records.find(id).orElseThrow();
		this.audit.recordChange("WORK_RECORD_CREATED", "WORK_RECORD", id, null, summary(created));
		return created;
	}

	@Transactional
	public WorkRecordRow update(CurrentUser user, long id, WorkRecordInput input) {
		WorkRecordRow existing = mine(user, id);
		if (input.version() == null) {
			throw OpsGuardException.onField("version", WorkRecordError.VERSION_REQUIRED);
		}
		if (input.version() != existing.version()) {
			throw new OpsGuardException(WorkRecordError.STALE_VERSION, existing.version());
		}
		WorkRecordRow checked = check(user, input, existing, this.clock.instant());
		if (!this.records.update(checked, input.version())) {
			throw new OpsGuardException(WorkRecordError.STALE_VERSION, existing.version());
		}
		WorkRecordRow updated = this.records.find(id).orElseThrow();
		this.audit.recordChange("WORK_RECORD_UPDATED", "WORK_RECORD", id, summary(existing), summary(updated));
		return updated;
	}

	/** Removes a record; {@code version}, when given, must be the one read. */
	@Transactional
	public void delete(CurrentUser user, long id, Integer version) {
		WorkRecordRow existing = mine(user, id);
		if (version != null && version != existing.version()) {
			throw new OpsGuardException(WorkRecordError.STALE_VERSION, existing.version());
		}
		if (!this.records.delete(id, existing.version())) {
			throw new OpsGuardException(WorkRecordError.STALE_VERSION, existing.version());
		}
		this.audit.recordChange("WORK_RECORD_DELETED", "WORK_RECORD", id, summary(existing), null);
	}

	// ---- reading ----------------------------------------------------------------------------

	/** A record the user may see; unknown and hidden alike 404. */
	@Transactional(readOnly = true)
	public WorkRecordRow get(CurrentUser user, long id) {
		return this.records.find(id)
			.filter(r -> user.scope().includes(r.organisationId()))
			.orElseThrow(() -> new OpsGuardException(WorkRecordError.UNKNOWN_RECORD, String.valueOf(id)));
	}

	/** One page of the records matching the filter, with the minutes of all of them. */
	@Transactional(readOnly = true)
	public Listing list(CurrentUser user, WorkRecordFilter filter, PageQuery paging) {
		Map<String, Object> params = new HashMap<>();
		String condition = condition(user, filter, params);
		PageResult<Long> ids = this.records.page(condition, params, paging);
		long minutes = ids.total() == 0 ? 0 : this.records.totalMinutes(condition, params);
		return new Listing(new PageResult<>(this.records.findAll(ids.items()), ids.total(), ids.page(), ids.size()), minutes);
	}

	/** Every record matching the filter, in order, for an export; more than {@link #EXPORT_LIMIT} is refused. */
	@Transactional(readOnly = true)
	public List<WorkRecordRow> export(CurrentUser user, WorkRecordFilter filter, String orderBy) {
		Map<String, Object> params = new HashMap<>();
		List<WorkRecordRow> rows = this.records.all(condition(user, filter, params), params, orderBy, EXPORT_LIMIT);
		if (rows.size() > EXPORT_LIMIT) {
			throw new OpsGuardException(WorkRecordError.EXPORT_TOO_LARGE, EXPORT_LIMIT);
		}
		return rows;
	}

	/** The records of a ticket the user may see (the ticket hidden: 404), oldest first. */
	@Transactional(readOnly = true)
	public List<WorkRecordRow> ofTicket(CurrentUser user, long ticketId) {
		TicketRow ticket = this.tickets.find(ticketId)
			.filter(t -> user.scope().includes(t.organisationId))
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(ticketId)));
		return this.records.ofTicket(ticket.id).stream().filter(r -> user.scope().includes(r.organisationId())).toList();
	}

	/** The numbers of these tickets, by id. */
	@Transactional(readOnly = true)
	public Map<Long, String> ticketNumbers(java.util.Collection<Long> ticketIds) {
		return this.records.ticketNumbers(ticketIds);
	}

	/** Whether the user may change or remove the record (the buttons). */
	public boolean editable(CurrentUser user, WorkRecordRow record) {
		return record.engineerId() == user.id() || user.hasPermission(MANAGE);
	}

	// ---- categories -------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public List<WorkCategory> categories() {
		return this.records.categories();
	}

	@Transactional
	public WorkCategory createCategory(CategoryInput input) {
		List<FieldProblem> problems = new ArrayList<>();
		String zh = text(input.nameZh(), "nameZh", 50, WorkRecordError.CATEGORY_NAME_REQUIRED, problems);
		String en = text(input.nameEn(), "nameEn", 50, null, problems);
		if (en == null) {
			en = zh;
		}
		throwIfAny(problems);
		String code = "C" + Long.toString(this.clock.millis(), 36).toUpperCase(Locale.ROOT);
		if (this.records.categoryTaken(code, zh, en, null)) {
			throw OpsGuardException.onField("nameZh", WorkRecordError.CATEGORY_TAKEN, zh);
		}
		int sort = input.sortOrder() == null ? 100 : input.sortOrder();
		long id = this.records.insertCategory(code, zh, en, sort, this.clock.instant());
		WorkCategory created = this.records.category(id).orElseThrow();
		this.audit.recordChange("WORK_CATEGORY_CREATED", "WORK_CATEGORY", id, null, created);
		return created;
	}

	@Transactional
	public WorkCategory updateCategory(long id, CategoryInput input) {
		WorkCategory existing = this.records.category(id)
			.orElseThrow(() -> new OpsGuardException(WorkRecordError.UNKNOWN_CATEGORY_ID, String.valueOf(id)));
		if (input.version() == null) {
			throw OpsGuardException.onField("version", WorkRecordError.VERSION_REQUIRED);
		}
		List<FieldProblem> problems = new ArrayList<>();
		String zh = text(input.nameZh(), "nameZh", 50, WorkRecordError.CATEGORY_NAME_REQUIRED, problems);
		String en = text(input.nameEn(), "nameEn", 50, null, problems);
		throwIfAny(problems);
		en = en == null ? zh : en;
		if (this.records.categoryTaken(existing.code(), zh, en, id)) {
			throw OpsGuardException.onField("nameZh", WorkRecordError.CATEGORY_TAKEN, zh);
		}
		boolean enabled = input.enabled() == null ? existing.enabled() : input.enabled();
		int sort = input.sortOrder() == null ? existing.sortOrder() : input.sortOrder();
		if (!this.records.updateCategory(id, input.version(), zh, en, sort, enabled, this.clock.instant())) {
			throw new OpsGuardException(WorkRecordError.STALE_VERSION, existing.version());
		}
		WorkCategory updated = this.records.category(id).orElseThrow();
		this.audit.recordChange("WORK_CATEGORY_UPDATED", "WORK_CATEGORY", id, existing, updated);
		return updated;
	}

	// ---- checks -----------------------------------------------------------------------------

	/** A record the user may change: in scope (else 404), their own or with {@link #MANAGE} (else 403). */
	private WorkRecordRow mine(CurrentUser user, long id) {
		WorkRecordRow existing = get(user, id);
		if (!editable(user, existing)) {
			throw new OpsGuardException(WorkRecordError.NOT_YOUR_RECORD);
		}
		return existing;
	}

	/** The record the input describes, every field checked; all bad fields are named at once. */
	private WorkRecordRow check(CurrentUser user, WorkRecordInput input, WorkRecordRow existing, Instant now) {
		List<FieldProblem> problems = new ArrayList<>();
		long engineer = engineer(user, input.engineerId(), existing, problems);
		Instant start = input.startedAt() == null ? null : input.startedAt().truncatedTo(ChronoUnit.SECONDS);
		Instant end = null;
		int minutes = 0;
		if (start == null) {
			problems.add(problem("startedAt", WorkRecordError.START_REQUIRED));
		}
		else if (start.isAfter(now.plus(CLOCK_SKEW))) {
			problems.add(problem("startedAt", WorkRecordError.IN_FUTURE));
		}
		else if (start.isBefore(now.minus(LONGEST_BACKDATING))) {
			problems.add(problem("startedAt", WorkRecordError.TOO_EARLY, LONGEST_BACKDATING.toDays()));
		}
		else if (input.endedAt() != null) {
			end = input.endedAt().truncatedTo(ChronoUnit.SECONDS);
			long seconds = Duration.between(start, end).getSeconds();
			if (seconds <= 0) {
				problems.add(problem("endedAt", WorkRecordError.END_BEFORE_START));
			}
			else if (seconds > LONGEST_MINUTES * 60L) {
				problems.add(problem("endedAt", WorkRecordError.BAD_DURATION, LONGEST_MINUTES));
			}
			else if (end.isAfter(now.plus(CLOCK_SKEW))) {
				problems.add(problem("endedAt", WorkRecordError.IN_FUTURE));
			}
			minutes = (int) Math.max(1, (seconds + 30) / 60);
		}
		else if (input.durationMinutes() == null || input.durationMinutes() < 1 || input.durationMinutes() > LONGEST_MINUTES) {
			problems.add(problem("durationMinutes", WorkRecordError.BAD_DURATION, LONGEST_MINUTES));
		}
		else {
			minutes = input.durationMinutes();
			end = start.plus(Duration.ofMinutes(minutes));
			if (end.isAfter(now.plus(CLOCK_SKEW))) {
				problems.add(problem("durationMinutes", WorkRecordError.IN_FUTURE));
			}
		}
		String content = text(input.content(), "content", 4000, WorkRecordError.CONTENT_REQUIRED, problems);
		String handling = text(input.handling(), "handling", 4000, null, problems);
		String personName = text(input.personName(), "personName", 50, null, problems);
		String personPhone = text(input.personPhone(), "personPhone", 30, null, problems);
		String personUnit = text(input.personUnit(), "personUnit", 100, null, problems);
		Long category = category(input.categoryId(), existing, problems);
		Users.UserSummary person = person(user, input.personId(), problems);
		Long system = businessSystem(user, input.businessSystemId(), problems);
		TicketRow ticket = ticket(user, input.ticketId(), problems);
		Long organisation = organisation(user, input.organisationId(), problems);
		if (person == null && personName == null && organisation == null && system == null && ticket == null
				&& input.personId() == null && input.organisationId() == null && input.businessSystemId() == null
				&& input.ticketId() == null) {
			problems.add(problem("object", WorkRecordError.OBJECT_REQUIRED));
		}
		throwIfAny(problems);
		long servedUnit = organisation != null ? organisation
				: ticket != null ? ticket.organisationId
						: person != null ? person.organisationId() : this.users.find(engineer).orElseThrow().organisationId();
		return new WorkRecordRow(existing == null ? 0 : existing.id(), servedUnit, engineer, start, end, minutes,
				person == null ? null : person.id(), personName, personPhone, personUnit, system, category, content, handling,
				ticket == null ? null : ticket.id, existing == null ? 0 : existing.version(),
				existing == null ? now : existing.createdAt(), existing == null ? user.id() : existing.createdBy(), now,
				user.id());
	}

	private long engineer(CurrentUser user, Long engineerId, WorkRecordRow existing, List<FieldProblem> problems) {
		long wanted = engineerId != null ? engineerId : existing != null ? existing.engineerId() : user.id();
		if (wanted == user.id() || (existing != null && wanted == existing.engineerId())) {
			return wanted;
		}
		if (!user.hasPermission(MANAGE)) {
			throw new OpsGuardException(WorkRecordError.NOT_FOR_COLLEAGUES);
		}
		Users.UserSummary colleague = this.users.find(wanted)
			.filter(u -> u.enabled() && user.scope().includes(u.organisationId()))
			.orElse(null);
		if (colleague == null) {
			problems.add(problem("engineerId", WorkRecordError.UNKNOWN_ENGINEER, String.valueOf(wanted)));
			return user.id();
		}
		return wanted;
	}

	private Long category(Long categoryId, WorkRecordRow existing, List<FieldProblem> problems) {
		if (categoryId == null) {
			problems.add(problem("categoryId", WorkRecordError.UNKNOWN_CATEGORY, ""));
			return null;
		}
		// a record keeps a category that was disabled after it was written
		boolean kept = existing != null && existing.categoryId() == categoryId;
		if (this.records.category(categoryId).filter(c -> c.enabled() || kept).isEmpty()) {
			problems.add(problem("categoryId", WorkRecordError.UNKNOWN_CATEGORY, String.valueOf(categoryId)));
			return null;
		}
		return categoryId;
	}

	private Users.UserSummary person(CurrentUser user, Long personId, List<FieldProblem> problems) {
		if (personId == null) {
			return null;
		}
		Users.UserSummary person = this.users.find(personId).filter(u -> user.scope().includes(u.organisationId())).orElse(null);
		if (person == null) {
			problems.add(problem("personId", WorkRecordError.UNKNOWN_PERSON, String.valueOf(personId)));
		}
		return person;
	}

	/** A business system in the user's scope, not retired (as tickets check it). */
	private Long businessSystem(CurrentUser user, Long systemId, List<FieldProblem> problems) {
		if (systemId == null) {
			return null;
		}
		CiView system = this.cmdb.find(systemId).filter(ci -> user.scope().includes(ci.organisationId())).orElse(null);
		if (system == null || system.status() == CiStatus.RETIRED || !this.cmdb.isA(system.classCode(), "BUSINESS_SYSTEM")) {
			problems.add(problem("businessSystemId", WorkRecordError.UNKNOWN_SYSTEM, String.valueOf(systemId)));
			return null;
		}
		return systemId;
	}

	private TicketRow ticket(CurrentUser user, Long ticketId, List<FieldProblem> problems) {
		if (ticketId == null) {
			return null;
		}
		TicketRow ticket = this.tickets.find(ticketId).filter(t -> user.scope().includes(t.organisationId)).orElse(null);
		if (ticket == null) {
			problems.add(problem("ticketId", WorkRecordError.UNKNOWN_TICKET, String.valueOf(ticketId)));
		}
		return ticket;
	}

	private Long organisation(CurrentUser user, Long organisationId, List<FieldProblem> problems) {
		if (organisationId == null) {
			return null;
		}
		if (!user.scope().includes(organisationId) || this.organisations.find(organisationId).isEmpty()) {
			problems.add(problem("organisationId", WorkRecordError.UNKNOWN_ORGANISATION, String.valueOf(organisationId)));
			return null;
		}
		return organisationId;
	}

	private static String text(String value, String field, int max, WorkRecordError required, List<FieldProblem> problems) {
		String text = value == null ? null : value.strip();
		if (text == null || text.isEmpty()) {
			if (required != null) {
				problems.add(problem(field, required));
			}
			return null;
		}
		if (text.length() > max) {
			problems.add(problem(field, WorkRecordError.TOO_LONG, max));
		}
		return text;
	}

	private static void throwIfAny(List<FieldProblem> problems) {
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
	}

	private static FieldProblem problem(String field, WorkRecordError error, Object... args) {
		return new FieldProblem(field, error, args);
	}

	// ---- lists ------------------------------------------------------------------------------

	private String condition(CurrentUser user, WorkRecordFilter filter, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (!user.scope().all()) {
			conditions.add(user.scope().sqlCondition("w.organisation_id"));
		}
		if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
			throw OpsGuardException.onField("from", WorkRecordError.BAD_PERIOD);
		}
		if (filter.from() != null) {
			conditions.add("w.started_at >= :from");
			params.put("from", TicketStore.ts(filter.from().atStartOfDay(ZONE).toInstant()));
		}
		if (filter.to() != null) {
			conditions.add("w.started_at < :to");
			params.put("to", TicketStore.ts(filter.to().plusDays(1).atStartOfDay(ZONE).toInstant()));
		}
		if (filter.engineerId() != null) {
			conditions.add("w.engineer_id = :engineer");
			params.put("engineer", filter.engineerId());
		}
		if (filter.organisationId() != null) {
			// the unit and the units below it, as far as the user sees them
			List<Long> units = this.organisations.subtree(filter.organisationId()).stream().filter(user.scope()::includes).toList();
			conditions.add(units.isEmpty() ? "1 = 0" : "w.organisation_id in (:orgs)");
			params.put("orgs", units);
		}
		if (filter.businessSystemId() != null) {
			conditions.add("w.business_system_id = :system");
			params.put("system", filter.businessSystemId());
		}
		if (filter.categoryId() != null) {
			conditions.add("w.category_id = :category");
			params.put("category", filter.categoryId());
		}
		if (filter.ticketId() != null) {
			conditions.add("w.ticket_id = :ticket");
			params.put("ticket", filter.ticketId());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			conditions.add("(lower(w.content) like :text escape '\\' or lower(w.handling) like :text escape '\\'"
					+ " or lower(w.person_name) like :text escape '\\' or lower(w.person_unit) like :text escape '\\')");
			params.put("text", "%" + filter.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%");
		}
		return String.join(" and ", conditions);
	}

	private static Map<String, Object> summary(WorkRecordRow r) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("engineerId", r.engineerId());
		summary.put("startedAt", r.startedAt());
		summary.put("durationMinutes", r.durationMinutes());
		summary.put("organisationId", r.organisationId());
		summary.put("personId", r.personId());
		summary.put("personName", r.personName());
		summary.put("businessSystemId", r.businessSystemId());
		summary.put("categoryId", r.categoryId());
		summary.put("ticketId", r.ticketId());
		summary.put("content", r.content());
		summary.put("handling", r.handling());
		return summary;
	}

	// ---- inputs and answers -----------------------------------------------------------------

	/**
	 * A record to write: {@code endedAt} or {@code durationMinutes} (the end wins when both are
	 * given); the engineer is the user unless named; the unit served is {@code organisationId}, or the
	 * ticket's, the person's, or the engineer's own.
	 */
	public record WorkRecordInput(Integer version, Instant startedAt, Instant endedAt, Integer durationMinutes,
			Long engineerId, Long personId, String personName, String personPhone, String personUnit, Long organisationId,
			Long businessSystemId, Long categoryId, String content, String handling, Long ticketId) {
	}

	/** The filters of the list and the export; days in Asia/Shanghai, both included. */
	public record WorkRecordFilter(LocalDate from, LocalDate to, Long engineerId, Long organisationId, Long businessSystemId,
			Long categoryId, Long ticketId, String text) {
	}

	/** A page of records and the minutes of every record the filter matched. */
	public record Listing(PageResult<WorkRecordRow> page, long totalMinutes) {
	}

	/** A category to add or change; {@code nameEn} defaults to the Chinese name. */
	public record CategoryInput(Integer version, String nameZh, String nameEn, Integer sortOrder, Boolean enabled) {
	}

}
