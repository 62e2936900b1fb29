package io.opsguard.servicelevel.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendars;
import io.opsguard.calendar.CalendarUsage;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.servicelevel.SlaPolicies.SlaTargets;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.servicelevel.internal.SlaDefinition.Target;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.SystemNotes;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SLA policies as data (R-SLA-04): the presets (the four service grades of GB/T 34077.3, the
 * provincial O&M contract, the HS/T 42 recovery deadlines per guarantee level) and the policies
 * organisations define, each edit a new version. Also tells the calendar module which calendars
 * the policies use.
 */
@Service
public class SlaPolicyService implements CalendarUsage {

	/** The policy of a ticket whose system has no level and no policy of its own. */
	static final String DEFAULT_POLICY = "HN-CONTRACT";

	private static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,49}";

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final BusinessCalendars calendars;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final Clock clock;

	private final org.springframework.context.MessageSource messages;

	private final io.opsguard.identity.Users users;

	private final Map<String, SlaDefinition> versions = new java.util.concurrent.ConcurrentHashMap<>();

	SlaPolicyService(JdbcClient jdbc, ObjectMapper json, BusinessCalendars calendars, Organisations organisations,
			AuditTrail audit, Clock clock, org.springframework.context.MessageSource messages, io.opsguard.identity.Users users) {
		this.messages = messages;
		this.users = users;
		this.jdbc = jdbc;
		this.json = json;
		this.calendars = calendars;
		this.organisations = organisations;
		this.audit = audit;
		this.clock = clock;
	}

	/** The kinds of policy, for filtering and labels. */
	public enum Kind {

		SERVICE_GRADE, CONTRACT, GUARANTEE_LEVEL, CUSTOM

	}

	record PolicyRow(long id, String code, String nameZh, String nameEn, Kind kind, Long organisationId, boolean builtIn,
			String basedOn, int currentVersion, Instant updatedAt) {
	}

	// ---- reading --------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public List<PolicySummary> list(CurrentUser user, Locale locale) {
		return rows().stream().filter(r -> visible(user, r)).map(r -> summary(r, locale)).toList();
	}

	@Transactional(readOnly = true)
	public PolicyDetail get(CurrentUser user, String code, Locale locale) {
		PolicyRow row = visible(user, code);
		return new PolicyDetail(summary(row, locale), definition(row.id(), row.currentVersion()));
	}

	@Transactional(readOnly = true)
	public List<PolicyVersion> versions(CurrentUser user, String code, Locale locale) {
		PolicyRow row = visible(user, code);
		List<PolicyVersion> versions = this.jdbc.sql("select version, definition, note, created_at, created_by "
				+ "from sl_sla_policy_version where policy_id = :id order by version desc")
			.param("id", row.id())
			.query((rs, i) -> new PolicyVersion(rs.getInt(1), read(rs.getString(2)),
					SystemNotes.render(rs.getString(3), this.messages, locale), rs.getTimestamp(4).toInstant(),
					(Long) rs.getObject(5, Long.class), null, rs.getInt(1) == row.currentVersion()))
			.list();
		Map<Long, String> names = this.users.displayNames(
				versions.stream().map(PolicyVersion::createdBy).filter(java.util.Objects::nonNull).toList());
		return versions.stream()
			.map(v -> new PolicyVersion(v.version(), v.definition(), v.note(), v.createdAt(), v.createdBy(),
					v.createdBy() == null ? null : names.get(v.createdBy()), v.current()))
			.toList();
	}

	Optional<PolicyRow> row(String code) {
		return this.jdbc.sql("select " + COLUMNS + " from sl_sla_policy where lower(code) = lower(:code)")
			.param("code", code)
			.query((rs, i) -> row(rs))
			.optional();
	}

	List<PolicyRow> rows() {
		return this.jdbc.sql("select " + COLUMNS + " from sl_sla_policy order by built_in desc, kind, code")
			.query((rs, i) -> row(rs))
			.list();
	}

	/** A version never changes once written, so it is read once (and forgotten when its policy is deleted). */
	SlaDefinition definition(long policyId, int version) {
		return this.versions.computeIfAbsent(policyId + ":" + version, k -> this.jdbc
			.sql("select definition from sl_sla_policy_version where policy_id = :id and version = :v")
			.param("id", policyId)
			.param("v", version)
			.query((rs, i) -> read(rs.getString(1)))
			.single());
	}

	/** The current definition of a policy (no scope: for gaps and tickets). */
	Optional<Current> current(String code) {
		return row(code).map(r -> new Current(r, definition(r.id(), r.currentVersion())));
	}

	record Current(PolicyRow row, SlaDefinition definition) {
	}

	/** The targets of a ticket on a policy, with the calendar version now in force. */
	SlaTargets targets(String code, TicketType type, int faultLevel) {
		if (faultLevel < 1 || faultLevel > 4) {
			throw new IllegalArgumentException("Fault levels are 1 to 4, not " + faultLevel);
		}
		Current policy = current(code).or(() -> current(DEFAULT_POLICY)).orElseThrow();
		Target target = policy.definition().target(type, faultLevel);
		BusinessCalendar calendar = this.calendars.current(policy.definition().calendar())
			.orElseThrow(() -> new IllegalStateException("Calendar " + policy.definition().calendar() + " is gone"));
		return new SlaTargets(policy.row().code(), policy.row().currentVersion(), calendar.code(), calendar.version(),
				parse(target.response()), parse(target.onSite()), parse(target.resolution()), parse(target.updateInterval()),
				policy.definition().warnAt(),
				policy.definition().escalations().stream()
					.map(s -> new io.opsguard.servicelevel.SlaPolicies.Escalation(s.atPercent(), s.recipient()))
					.toList());
	}

	private static WorkingDuration parse(String value) {
		return value == null || value.isBlank() ? null : WorkingDuration.parse(value);
	}

	@Override
	public List<String> usesOf(String calendarCode, Locale locale) {
		List<String> uses = new ArrayList<>();
		for (PolicyRow row : rows()) {
			if (definition(row.id(), row.currentVersion()).calendar().equalsIgnoreCase(calendarCode)) {
				uses.add((Standards.en(locale) ? "SLA policy " + row.nameEn() : "SLA 策略 " + row.nameZh()));
			}
		}
		return uses;
	}

	// ---- writing --------------------------------------------------------------------------

	@Transactional
	public PolicyDetail create(CurrentUser user, NewPolicy input, Locale locale) {
		String code = input.code() == null ? "" : input.code().strip();
		if (!code.matches(CODE_PATTERN)) {
			throw OpsGuardException.onField("code", ServiceLevelError.BAD_POLICY_CODE, code);
		}
		if (row(code).isPresent()) {
			throw OpsGuardException.onField("code", ServiceLevelError.POLICY_CODE_TAKEN, code);
		}
		names(input.nameZh(), input.nameEn());
		Long organisationId = input.organisationId();
		if (organisationId == null ? !user.scope().all()
				: !user.scope().includes(organisationId) || this.organisations.find(organisationId).isEmpty()) {
			throw OpsGuardException.onField("organisationId", ServiceLevelError.OUT_OF_SCOPE);
		}
		SlaDefinition definition = input.definition();
		String basedOn = null;
		if (input.basedOn() != null && !input.basedOn().isBlank()) {
			PolicyRow source = visible(user, input.basedOn());
			basedOn = source.code();
			if (definition == null) {
				definition = definition(source.id(), source.currentVersion());
			}
		}
		if (definition == null) {
			throw OpsGuardException.onField("definition", ServiceLevelError.FAULT_LEVEL_MISSING, "ALL", 1);
		}
		definition.checked(c -> this.calendars.current(c).isPresent());
		long id;
		try {
			id = insert(code, input.nameZh().strip(), input.nameEn().strip(), Kind.CUSTOM, organisationId, false, basedOn);
		}
		catch (DuplicateKeyException ex) {
			throw OpsGuardException.onField("code", ServiceLevelError.POLICY_CODE_TAKEN, code);
		}
		String typed = SystemNotes.typed(input.note());
		addVersion(id, 0, definition,
				typed != null ? typed : basedOn == null ? SystemNotes.of("created") : SystemNotes.of("copied", basedOn), user.id());
		this.audit.recordChange("SLA_POLICY_CREATED", "SLA_POLICY", code, null, auditView(code, input.nameZh(), definition));
		return get(user, code, locale);
	}

	@Transactional
	public PolicyDetail update(CurrentUser user, String code, PolicyUpdate input, Locale locale) {
		PolicyRow row = visible(user, code);
		if (row.builtIn()) {
			throw new OpsGuardException(ServiceLevelError.POLICY_BUILT_IN, row.code());
		}
		if (row.organisationId() == null && !user.scope().all()) {
			throw new OpsGuardException(ServiceLevelError.UNKNOWN_POLICY, code);
		}
		names(input.nameZh(), input.nameEn());
		if (input.version() != null && input.version() != row.currentVersion()) {
			throw new OpsGuardException(ServiceLevelError.STALE_VERSION, row.currentVersion());
		}
		SlaDefinition before = definition(row.id(), row.currentVersion());
		this.jdbc.sql("update sl_sla_policy set name_zh = :zh, name_en = :en, updated_at = :at where id = :id")
			.param("zh", input.nameZh().strip())
			.param("en", input.nameEn().strip())
			.param("at", Timestamp.from(this.clock.instant()))
			.param("id", row.id())
			.update();
		if (input.definition() != null && !input.definition().equals(before)) {
			input.definition().checked(c -> this.calendars.current(c).isPresent());
			if (!addVersion(row.id(), row.currentVersion(), input.definition(),
					SystemNotes.typed(input.note()) == null ? SystemNotes.of("edited") : SystemNotes.typed(input.note()), user.id())) {
				throw new OpsGuardException(ServiceLevelError.STALE_VERSION, row.currentVersion());
			}
		}
		this.audit.recordChange("SLA_POLICY_UPDATED", "SLA_POLICY", row.code(), auditView(row.code(), row.nameZh(), before),
				auditView(row.code(), input.nameZh().strip(), input.definition() == null ? before : input.definition()));
		return get(user, row.code(), locale);
	}

	@Transactional
	public void delete(CurrentUser user, String code, List<String> assignedTo) {
		PolicyRow row = visible(user, code);
		if (row.builtIn()) {
			throw new OpsGuardException(ServiceLevelError.POLICY_BUILT_IN, row.code());
		}
		if (!assignedTo.isEmpty()) {
			throw new OpsGuardException(ServiceLevelError.POLICY_IN_USE, row.code(), String.join("、", assignedTo));
		}
		this.jdbc.sql("delete from sl_sla_policy_version where policy_id = :id").param("id", row.id()).update();
		this.versions.keySet().removeIf(k -> k.startsWith(row.id() + ":"));
		this.jdbc.sql("delete from sl_sla_policy where id = :id").param("id", row.id()).update();
		this.audit.recordChange("SLA_POLICY_DELETED", "SLA_POLICY", row.code(), Map.of("code", row.code(), "name", row.nameZh()),
				null);
	}

	/** Creates a built-in policy at first start. */
	@Transactional
	void ensurePreset(String code, String nameZh, String nameEn, Kind kind, SlaDefinition definition, String note) {
		if (row(code).isPresent()) {
			return;
		}
		long id = insert(code, nameZh, nameEn, kind, null, true, null);
		addVersion(id, 0, definition, note, null);
	}

	private long insert(String code, String nameZh, String nameEn, Kind kind, Long organisationId, boolean builtIn,
			String basedOn) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				insert into sl_sla_policy (code, name_zh, name_en, kind, organisation_id, built_in, based_on, current_version,
				  created_at, updated_at) values (:code, :zh, :en, :kind, :org, :builtIn, :basedOn, 0, :at, :at)""")
			.param("code", code)
			.param("zh", nameZh)
			.param("en", nameEn)
			.param("kind", kind.name())
			.param("org", organisationId)
			.param("builtIn", builtIn)
			.param("basedOn", basedOn)
			.param("at", now)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private boolean addVersion(long id, int expected, SlaDefinition definition, String note, Long userId) {
		Timestamp now = Timestamp.from(this.clock.instant());
		int updated = this.jdbc
			.sql("update sl_sla_policy set current_version = :next, updated_at = :at where id = :id and current_version = :expected")
			.param("next", expected + 1)
			.param("at", now)
			.param("id", id)
			.param("expected", expected)
			.update();
		if (updated != 1) {
			return false;
		}
		this.jdbc.sql("""
				insert into sl_sla_policy_version (policy_id, version, definition, note, created_at, created_by)
				values (:id, :version, :definition, :note, :at, :by)""")
			.param("id", id)
			.param("version", expected + 1)
			.param("definition", write(definition))
			.param("note", note == null ? null : note.length() > 500 ? note.substring(0, 500) : note)
			.param("at", now)
			.param("by", userId)
			.update();
		return true;
	}

	// ---- helpers --------------------------------------------------------------------------

	private static final String COLUMNS = "id, code, name_zh, name_en, kind, organisation_id, built_in, based_on, "
			+ "current_version, updated_at";

	private static PolicyRow row(ResultSet rs) throws SQLException {
		return new PolicyRow(rs.getLong("id"), rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
				Kind.valueOf(rs.getString("kind")), (Long) rs.getObject("organisation_id", Long.class), rs.getBoolean("built_in"),
				rs.getString("based_on"), rs.getInt("current_version"), rs.getTimestamp("updated_at").toInstant());
	}

	private boolean visible(CurrentUser user, PolicyRow row) {
		return row.organisationId() == null || user.scope().includes(row.organisationId());
	}

	PolicyRow visible(CurrentUser user, String code) {
		return row(code == null ? "" : code).filter(r -> visible(user, r))
			.orElseThrow(() -> new OpsGuardException(ServiceLevelError.UNKNOWN_POLICY, code));
	}

	private PolicySummary summary(PolicyRow row, Locale locale) {
		SlaDefinition definition = definition(row.id(), row.currentVersion());
		boolean roundTheClock = this.calendars.current(definition.calendar()).map(BusinessCalendar::roundTheClock).orElse(false);
		return new PolicySummary(row.code(), row.nameZh(), row.nameEn(), Standards.en(locale) ? row.nameEn() : row.nameZh(),
				row.kind(), row.organisationId(),
				row.organisationId() == null ? null : this.organisations.find(row.organisationId()).map(o -> o.name()).orElse(null),
				row.builtIn(), row.basedOn(), row.currentVersion(), definition.calendar(), roundTheClock, row.updatedAt());
	}

	private static void names(String nameZh, String nameEn) {
		if (nameZh == null || nameZh.isBlank() || nameZh.strip().length() > 100) {
			throw OpsGuardException.onField("nameZh", ServiceLevelError.NAME_REQUIRED);
		}
		if (nameEn == null || nameEn.isBlank() || nameEn.strip().length() > 100) {
			throw OpsGuardException.onField("nameEn", ServiceLevelError.NAME_REQUIRED);
		}
	}

	private static Map<String, Object> auditView(String code, String name, SlaDefinition d) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("code", code);
		view.put("name", name);
		view.put("calendar", d.calendar());
		StringBuilder targets = new StringBuilder();
		for (Target t : d.targets()) {
			targets.append(t.ticketType() == null ? "" : t.ticketType() + " ")
				.append(t.faultLevel())
				.append(": ")
				.append(t.response())
				.append('/')
				.append(t.onSite() == null ? "-" : t.onSite())
				.append('/')
				.append(t.resolution())
				.append("; ");
		}
		view.put("targets", targets.toString().strip());
		view.put("warnAt", d.warnAt().toString());
		return view;
	}

	private String write(SlaDefinition definition) {
		try {
			return this.json.writeValueAsString(definition);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private SlaDefinition read(String value) {
		try {
			return this.json.readValue(value, SlaDefinition.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable SLA policy: " + ex.getOriginalMessage(), ex);
		}
	}

	// ---- views ----------------------------------------------------------------------------

	public record PolicySummary(String code, String nameZh, String nameEn, String name, Kind kind, Long organisationId,
			String organisationName, boolean builtIn, String basedOn, int version, String calendar,
			boolean roundTheClock, Instant updatedAt) {
	}

	public record PolicyDetail(PolicySummary policy, SlaDefinition definition) {
	}

	public record PolicyVersion(int version, SlaDefinition definition, String note, Instant createdAt, Long createdBy,
			String createdByName, boolean current) {
	}

	public record NewPolicy(String code, String nameZh, String nameEn, Long organisationId, String basedOn,
			SlaDefinition definition, String note) {
	}

	public record PolicyUpdate(String nameZh, String nameEn, SlaDefinition definition, Integer version, String note) {
	}

}
