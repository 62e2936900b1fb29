package io.opsguard.alerting.rule;

import java.time.Duration;
import java.time.Instant;

import io.opsguard.alerting.AlertSeverity;

/**
 * An alert rule as stored.
 *
 * @param origin USER for rules people wrote, TEMPLATE for the monitor types' default thresholds
 * @param templateKey for TEMPLATE rules: {@code type:metric:severity}
 * @param overridesRuleId set when this rule replaces a template rule for one resource
 * @param instance for THRESHOLD rules: only this row (interface, mount point), or null for all
 * @param operator the trigger condition's comparison (THRESHOLD, and BASELINE's band side is not used)
 * @param forDuration how long the condition must hold before the alert fires
 * @param recoveryOperator the recovery condition (hysteresis), or null for "the trigger no longer holds"
 * @param recoveryFor how long the recovery condition must hold before the alert resolves
 * @param check for AVAILABILITY rules: what is checked
 * @param checkValue N intervals (COLLECTION_FAILING), N days (CERT_EXPIRING, DISK_FULL), the band's
 *        tolerance in per cent (BASELINE)
 * @param notifies whether the rule's alerts are notified (otherwise only recorded and shown)
 * @param openIncident whether a critical or major alert on a business system's CI opens an incident
 */
public record AlertRule(long id, String name, String description, RuleKind kind, String origin, String templateKey,
		Long overridesRuleId, ScopeKind scopeKind, String scopeValue, AlertSeverity severity, String metric,
		String instance, Comparison operator, Double threshold, Duration forDuration, Comparison recoveryOperator,
		Double recoveryThreshold, Duration recoveryFor, CheckKind check, Double checkValue, String expression,
		boolean enabled, boolean notifies, boolean openIncident, Long createdBy, Instant createdAt, Instant updatedAt,
		int version) {

	public static final String USER = "USER";

	public static final String TEMPLATE = "TEMPLATE";

	public AlertRule {
		forDuration = forDuration == null ? Duration.ZERO : forDuration;
		recoveryFor = recoveryFor == null ? Duration.ZERO : recoveryFor;
	}

	public boolean fromTemplate() {
		return TEMPLATE.equals(this.origin);
	}

	/** The metric the rule's alerts are about (the check's for availability checks that read one). */
	public String watchedMetric() {
		if (this.kind == RuleKind.AVAILABILITY && this.check != null && this.check.metric() != null) {
			return this.check.metric();
		}
		return this.metric;
	}

}
