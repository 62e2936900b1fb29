/**
 * Alerting (R-ALR-01..03, R-DSK-05, R-MON-04/06/07, R-SYS-06): rules evaluated over the metric
 * store every few seconds (thresholds with duration and hysteresis, availability, expressions),
 * alerts with a lifecycle (firing, acknowledged, resolved), deduplication, flap detection,
 * dependencies along CMDB relations, silences and maintenance windows, alerts from Zabbix and
 * Prometheus, notification routes through the notify module's channels, and the hand-over of alerts
 * to incident tickets of the service desk.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerting",
		allowedDependencies = { "shared", "identity", "calendar", "notify", "cmdb", "servicelevel", "servicedesk",
				"monitoring", "monitoring :: store", "monitoring :: template" })
package io.opsguard.alerting;
