package io.opsguard.alerting;

/**
 * An alert began (or began again after a quiet spell): for duty, inspections and reports.
 *
 * @param alertId the alert
 * @param ciId the resource, or null for an alert from another system that matched no CI
 */
public record AlertRaised(long alertId, Long ciId, AlertSeverity severity, Long organisationId) {
}
