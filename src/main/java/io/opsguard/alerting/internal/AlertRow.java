package io.opsguard.alerting.internal;

import java.time.Instant;
import java.util.Map;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;

/**
 * An alert as stored: one episode of one fingerprint.
 *
 * @param source RULE, EVENT, ALERTMANAGER, ZABBIX or GENERIC
 * @param series the series text (rules), e.g. {@code cpu_usage{resource="7"}}
 * @param externalKey the other system's identity of the alert (receivers)
 * @param suppressedBy the parent's alert this one is caused by (dependencies)
 * @param suppressedByCi the parent resource found down
 * @param labels the other system's labels, or the rule's details
 */
public record AlertRow(long id, String fingerprint, String source, Long ruleId, String series, String externalKey,
		String title, String summary, AlertSeverity severity, AlertState state, Long ciId, Long organisationId,
		Long businessSystemId, String metric, String instance, Double firstValue, Double lastValue, Double threshold,
		int evalCount, Instant startedAt, Instant lastSeenAt, Instant acknowledgedAt, Long acknowledgedBy,
		String ackComment, Instant resolvedAt, Long resolvedBy, String resolveReason, boolean flapping, int flapCount,
		Long suppressedBy, Long suppressedByCi, Long silenceId, Long maintenanceId, Long ticketId, String ticketNumber,
		Instant notifiedAt, int notificationCount, Map<String, String> labels, int version) {

	public static final String RULE = "RULE";

	public static final String EVENT = "EVENT";

	/** Alerts from Prometheus' Alertmanager (its webhook). */
	public static final String ALERTMANAGER = "ALERTMANAGER";

	/** Alerts from Zabbix (the OpsGuard media type). */
	public static final String ZABBIX = "ZABBIX";

	/** Alerts from any other system (the generic JSON API). */
	public static final String GENERIC = "GENERIC";

	/** Whether the alert is recorded but kept from notifications (silence, maintenance, dependency). */
	public boolean quiet() {
		return this.silenceId != null || this.maintenanceId != null || this.suppressedBy != null
				|| this.suppressedByCi != null;
	}

}
