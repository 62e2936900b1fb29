package io.opsguard.alerting.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.opsguard.alerting.AlertSeverity;

/**
 * One alert of another system, read from its payload and checked.
 *
 * @param index its place in the payload, from 0
 * @param key the other system's identity of the alert (Alertmanager's fingerprint, Zabbix' problem
 *        event id, the generic API's key)
 * @param resolved whether the source says it is over
 * @param severity the mapped severity (major when the source's was not understood)
 * @param severityText the source's own severity, as sent (for the note when it was not understood)
 * @param severityKnown whether the source's severity was understood
 * @param title what the alert is called
 * @param summary what it says (description)
 * @param labels the source's labels or tags
 * @param hosts where it happened, best first: addresses, host names or CI codes
 * @param startsAt when it started by the source's clock, or null
 * @param endsAt when it ended by the source's clock, or null
 * @param value the value that triggered it, or null
 */
record ExternalAlert(int index, String key, boolean resolved, AlertSeverity severity, String severityText,
		boolean severityKnown, String title, String summary, Map<String, String> labels, List<String> hosts,
		Instant startsAt, Instant endsAt, Double value) {
}
