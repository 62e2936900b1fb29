package io.opsguard.alerting.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.alerting.rule.CheckKind;
import io.opsguard.alerting.rule.Comparison;
import io.opsguard.alerting.rule.RuleKind;
import io.opsguard.alerting.rule.ScopeKind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The alert rules ({@code alr_rule}). */
@Repository
class RuleStore {

	private static final String COLUMNS = "id, name, description, kind, origin, template_key, overrides_rule_id, scope_kind, "
			+ "scope_value, severity, metric, instance_value, operator, threshold, for_seconds, recovery_operator, "
			+ "recovery_threshold, recovery_for_seconds, check_kind, check_value, expression, enabled, notify, "
			+ "open_incident, created_by, created_at, updated_at, version";

	private final JdbcClient jdbc;

	RuleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<AlertRule> all() {
		return this.jdbc.sql("select " + COLUMNS + " from alr_rule order by id").query(this::map).list();
	}

	Optional<AlertRule> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_rule where id = :id").param("id", id).query(this::map).optional();
	}

	List<AlertRule> findAll(java.util.Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from alr_rule where id in (:ids)").param("ids", ids).query(this::map).list();
	}

	/** The rule that overrides a template rule for one resource. */
	Optional<AlertRule> overrideOf(long templateRuleId, long resourceId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from alr_rule where overrides_rule_id = :rule and scope_kind = 'RESOURCE' "
					+ "and scope_value = :resource")
			.param("rule", templateRuleId)
			.param("resource", Long.toString(resourceId))
			.query(this::map)
			.optional();
	}

	/** The newest change of any rule, to notice changes cheaply. */
	String stamp() {
		return this.jdbc.sql("select count(*) as n, coalesce(sum(version), 0) as v, max(updated_at) as t from alr_rule")
			.query((rs, n) -> rs.getLong("n") + ":" + rs.getLong("v") + ":" + rs.getTimestamp("t"))
			.single();
	}

	long insert(AlertRule rule) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into alr_rule (name, description, kind, origin, template_key, overrides_rule_id, scope_kind, "
				+ "scope_value, severity, metric, instance_value, operator, threshold, for_seconds, recovery_operator, "
				+ "recovery_threshold, recovery_for_seconds, check_kind, check_value, expression, enabled, notify, "
				+ "open_incident, created_by, created_at, updated_at, version) values (:name, :description, :kind, :origin, "
				+ ":templateKey, :overrides, :scopeKind, :scopeValue, :severity, :metric, :instance, :operator, :threshold, "
				+ ":forSeconds, :recoveryOperator, :recoveryThreshold, :recoveryForSeconds, :check, :checkValue, "
				+ ":expression, :enabled, :notify, :openIncident, :createdBy, :createdAt, :updatedAt, 0)")
			.params(params(rule))
			.param("origin", rule.origin())
			.param("templateKey", rule.templateKey())
			.param("createdBy", rule.createdBy())
			.param("createdAt", ts(rule.createdAt()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	boolean update(AlertRule rule) {
		return this.jdbc.sql("update alr_rule set name = :name, description = :description, kind = :kind, "
				+ "overrides_rule_id = :overrides, scope_kind = :scopeKind, scope_value = :scopeValue, severity = :severity, "
				+ "metric = :metric, instance_value = :instance, operator = :operator, threshold = :threshold, "
				+ "for_seconds = :forSeconds, recovery_operator = :recoveryOperator, recovery_threshold = :recoveryThreshold, "
				+ "recovery_for_seconds = :recoveryForSeconds, check_kind = :check, check_value = :checkValue, "
				+ "expression = :expression, enabled = :enabled, notify = :notify, open_incident = :openIncident, "
				+ "updated_at = :updatedAt, version = version + 1 where id = :id and version = :version")
			.params(params(rule))
			.param("id", rule.id())
			.param("version", rule.version())
			.update() == 1;
	}

	boolean delete(long id, int version) {
		return this.jdbc.sql("delete from alr_rule where id = :id and version = :version")
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	void deleteTemplateRule(long id) {
		this.jdbc.sql("delete from alr_rule where id = :id and origin = 'TEMPLATE'").param("id", id).update();
	}

	private static Map<String, Object> params(AlertRule rule) {
		Map<String, Object> params = new HashMap<>();
		params.put("name", rule.name());
		params.put("description", rule.description());
		params.put("kind", rule.kind().name());
		params.put("overrides", rule.overridesRuleId());
		params.put("scopeKind", rule.scopeKind().name());
		params.put("scopeValue", rule.scopeValue());
		params.put("severity", rule.severity().name());
		params.put("metric", rule.metric());
		params.put("instance", rule.instance());
		params.put("operator", rule.operator() == null ? null : rule.operator().symbol());
		params.put("threshold", rule.threshold());
		params.put("forSeconds", rule.forDuration().toSeconds());
		params.put("recoveryOperator", rule.recoveryOperator() == null ? null : rule.recoveryOperator().symbol());
		params.put("recoveryThreshold", rule.recoveryThreshold());
		params.put("recoveryForSeconds", rule.recoveryFor().toSeconds());
		params.put("check", rule.check() == null ? null : rule.check().name());
		params.put("checkValue", rule.checkValue());
		params.put("expression", rule.expression());
		params.put("enabled", rule.enabled());
		params.put("notify", rule.notifies());
		params.put("openIncident", rule.openIncident());
		params.put("updatedAt", ts(rule.updatedAt()));
		return params;
	}

	private AlertRule map(ResultSet rs, int n) throws SQLException {
		return new AlertRule(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
				RuleKind.valueOf(rs.getString("kind")), rs.getString("origin"), rs.getString("template_key"),
				(Long) rs.getObject("overrides_rule_id", Long.class), ScopeKind.valueOf(rs.getString("scope_kind")),
				rs.getString("scope_value"), AlertSeverity.valueOf(rs.getString("severity")), rs.getString("metric"),
				rs.getString("instance_value"), Comparison.of(rs.getString("operator")), doubleOrNull(rs, "threshold"),
				Duration.ofSeconds(rs.getLong("for_seconds")), Comparison.of(rs.getString("recovery_operator")),
				doubleOrNull(rs, "recovery_threshold"), Duration.ofSeconds(rs.getLong("recovery_for_seconds")),
				rs.getString("check_kind") == null ? null : CheckKind.valueOf(rs.getString("check_kind")),
				doubleOrNull(rs, "check_value"), rs.getString("expression"), rs.getBoolean("enabled"),
				rs.getBoolean("notify"), rs.getBoolean("open_incident"), (Long) rs.getObject("created_by", Long.class),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), rs.getInt("version"));
	}

	static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

}
