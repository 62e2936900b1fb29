package io.opsguard.monitoring;

import io.opsguard.monitoring.template.Severity;

/**
 * Something happened on a monitored resource: published after the event is stored, for alerting.
 *
 * @param eventId the stored event
 * @param ciId the resource, or null when a trap came from an address no monitor knows
 * @param monitorId the monitor that noticed it, or null
 * @param kind what happened
 * @param severity how serious it looks
 * @param summary what happened, in a line (e.g. the trap's name, the new process)
 */
public record ResourceEventRecorded(long eventId, Long ciId, Long monitorId, ResourceEventKind kind, Severity severity,
		String summary) {
}
