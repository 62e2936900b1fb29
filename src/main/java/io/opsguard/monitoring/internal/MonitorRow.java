package io.opsguard.monitoring.internal;

import java.time.Instant;
import java.util.Map;

import io.opsguard.monitoring.MonitorStatus;
import io.opsguard.monitoring.collect.Outcome;

/**
 * A monitor as stored: what to collect from which CI, how often, and how the last collection went.
 * {@code sealedSecrets} is the encrypted JSON of the secret parameters, never shown.
 */
public record MonitorRow(long id, long ciId, long organisationId, String typeId, String name, String host,
		Map<String, Object> parameters, String sealedSecrets, Integer intervalSeconds, boolean enabled,
		MonitorStatus status, Outcome lastOutcome, String lastDetail, Instant lastCollectedAt, Instant lastSuccessAt,
		Integer lastDurationMs, int consecutiveFailures, Instant createdAt, Long createdBy, Instant updatedAt,
		int version) {

	public MonitorRow {
		parameters = Map.copyOf(parameters);
	}

}
