package io.opsguard.alerting.internal;

import static io.opsguard.alerting.internal.RuleStore.instant;
import static io.opsguard.alerting.internal.RuleStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Silences: alerts matching every matcher of an active silence are recorded but not notified. A
 * silence names who set it and why, and must expire (at most {@value #MAX_DAYS} days ahead).
 */
@Service
public class Silences {

	static final int MAX_DAYS = 90;

	private static final String COLUMNS = "id, rule_id, ci_id, severity, class_code, organisation_id, tag, business_system_id, "
			+ "reason, starts_at, expires_at, ended_at, ended_by, created_by, created_at, version";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final ScopeGuard guard;

	Silences(JdbcClient jdbc, AuditTrail audit, Clock clock, ScopeGuard guard) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.guard = guard;
	}

	/** A silence; each matcher null when it matches anything. */
	public record Silence(long id, Long ruleId, Long ciId, AlertSeverity severity, String classCode, Long organisationId,
			String tag, Long businessSystemId, String reason, Instant startsAt, Instant expiresAt, Instant endedAt,
			Long endedBy, Long createdBy, Instant createdAt, int version) {

		public boolean activeAt(Instant at) {
			return this.endedAt == null && !at.isBefore(this.startsAt) && at.isBefore(this.expiresAt);
		}

	}

	/** What a person sends to silence alerts. */
	public record SilenceInput(Long ruleId, Long ciId, String severity, String classCode, Long organisationId, String tag,
			Long businessSystemId, String reason, Instant startsAt, Instant expiresAt) {
	}

	@Transactional(readOnly = true)
	public List<Silence> list(boolean includeEnded) {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("select " + COLUMNS + " from alr_silence" + (includeEnded ? "" : " where ended_at is null and expires_at > :now")
					+ " order by expires_at desc, id desc")
			.param("now", ts(now))
			.query(this::map)
			.list();
	}

	/** The silences active now (for matching alerts). */
	@Transactional(readOnly = true)
	public List<Silence> active(Instant now) {
		return this.jdbc
			.sql("select " + COLUMNS + " from alr_silence where ended_at is null and expires_at > :now and starts_at <= :now")
			.param("now", ts(now))
			.query(this::map)
			.list();
	}

	@Transactional(readOnly = true)
	public Silence get(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_silence where id = :id")
			.param("id", id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> new OpsGuardException(AlertingError.UNKNOWN_SILENCE));
	}

	@Transactional
	public Silence create(CurrentUser user, SilenceInput input) {
		Instant now = this.clock.instant();
		List<FieldProblem> problems = new ArrayList<>();
		AlertSeverity severity = AlertSeverity.parse(input.severity());
		if (input.severity() != null && !input.severity().isBlank() && severity == null) {
			problems.add(new FieldProblem("severity", AlertingError.SEVERITY_REQUIRED, new Object[0]));
		}
		boolean anyMatcher = input.ruleId() != null || input.ciId() != null || severity != null
				|| notBlank(input.classCode()) || input.organisationId() != null || notBlank(input.tag())
				|| input.businessSystemId() != null;
		if (!anyMatcher) {
			problems.add(new FieldProblem("ciId", AlertingError.MATCHER_REQUIRED, new Object[0]));
		}
		else if (!user.scope().all()) {
			// within the caller's subtree: a resource, a business system or an organisation of it
			boolean anchored = input.ciId() != null || input.businessSystemId() != null || input.organisationId() != null;
			if (!anchored || input.ciId() != null && !this.guard.ciInScope(user, input.ciId())) {
				problems.add(new FieldProblem("ciId", AlertingError.BAD_SCOPE, new Object[0]));
			}
			if (input.businessSystemId() != null && !this.guard.ciInScope(user, input.businessSystemId())) {
				problems.add(new FieldProblem("businessSystemId", AlertingError.BAD_SCOPE, new Object[0]));
			}
			if (input.organisationId() != null && !user.scope().includes(input.organisationId())) {
				problems.add(new FieldProblem("organisationId", AlertingError.BAD_SCOPE, new Object[0]));
			}
		}
		String reason = input.reason() == null ? null : input.reason().trim();
		if (reason == null || reason.isEmpty()) {
			problems.add(new FieldProblem("reason", AlertingError.REASON_REQUIRED, new Object[0]));
		}
		else if (reason.length() > 1000) {
			problems.add(new FieldProblem("reason", AlertingError.TEXT_TOO_LONG, new Object[] { 1000 }));
		}
		Instant starts = input.startsAt() == null ? now : input.startsAt();
		if (input.expiresAt() == null) {
			problems.add(new FieldProblem("expiresAt", AlertingError.EXPIRY_REQUIRED, new Object[0]));
		}
		else if (!input.expiresAt().isAfter(starts) || !input.expiresAt().isAfter(now)
				|| input.expiresAt().isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
			problems.add(new FieldProblem("expiresAt", AlertingError.BAD_EXPIRY, new Object[] { MAX_DAYS }));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(AlertingError.INVALID_SILENCE, problems);
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into alr_silence (rule_id, ci_id, severity, class_code, organisation_id, tag, business_system_id, "
				+ "reason, starts_at, expires_at, created_by, created_at) values (:rule, :ci, :severity, :classCode, :organisation, "
				+ ":tag, :system, :reason, :starts, :expires, :by, :now)")
			.param("rule", input.ruleId())
			.param("ci", input.ciId())
			.param("severity", severity == null ? null : severity.name())
			.param("classCode", notBlank(input.classCode()) ? input.classCode().trim() : null)
			.param("organisation", input.organisationId())
			.param("tag", notBlank(input.tag()) ? input.tag().trim() : null)
			.param("system", input.businessSystemId())
			.param("reason", reason)
			.param("starts", ts(starts))
			.param("expires", ts(input.expiresAt()))
			.param("by", user.id())
			.param("now", ts(now))
			.update(keys, "id");
		Silence created = get(keys.getKey().longValue());
		this.audit.recordChange("ALERT_SILENCE_CREATED", "AlertSilence", created.id(), null, created);
		return created;
	}

	/** Ends a silence before it expires. */
	@Transactional
	public Silence end(CurrentUser user, long id, Integer version) {
		Silence before = get(id);
		if (!user.scope().all() && !(before.ciId() != null && this.guard.ciInScope(user, before.ciId())
				|| before.organisationId() != null && user.scope().includes(before.organisationId())
				|| before.businessSystemId() != null && this.guard.ciInScope(user, before.businessSystemId()))) {
			throw new OpsGuardException(AlertingError.UNKNOWN_SILENCE);
		}
		if (version == null) {
			throw OpsGuardException.onField("version", AlertingError.VERSION_REQUIRED);
		}
		int rows = this.jdbc.sql("update alr_silence set ended_at = :now, ended_by = :by, version = version + 1 "
				+ "where id = :id and version = :version and ended_at is null")
			.param("now", ts(this.clock.instant()))
			.param("by", user.id())
			.param("id", id)
			.param("version", version)
			.update();
		if (rows != 1) {
			throw new OpsGuardException(AlertingError.STALE_VERSION);
		}
		Silence after = get(id);
		this.audit.recordChange("ALERT_SILENCE_ENDED", "AlertSilence", id, before, after);
		return after;
	}

	private static boolean notBlank(String text) {
		return text != null && !text.isBlank();
	}

	private Silence map(ResultSet rs, int n) throws SQLException {
		String severity = rs.getString("severity");
		return new Silence(rs.getLong("id"), (Long) rs.getObject("rule_id", Long.class), (Long) rs.getObject("ci_id", Long.class),
				severity == null ? null : AlertSeverity.valueOf(severity), rs.getString("class_code"),
				(Long) rs.getObject("organisation_id", Long.class), rs.getString("tag"),
				(Long) rs.getObject("business_system_id", Long.class), rs.getString("reason"),
				instant(rs.getTimestamp("starts_at")), instant(rs.getTimestamp("expires_at")),
				instant(rs.getTimestamp("ended_at")), (Long) rs.getObject("ended_by", Long.class),
				(Long) rs.getObject("created_by", Long.class), instant(rs.getTimestamp("created_at")), rs.getInt("version"));
	}


}
