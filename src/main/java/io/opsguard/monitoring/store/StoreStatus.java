package io.opsguard.monitoring.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The store's volume and health for the store admin page and self-monitoring (R-SYS-10).
 *
 * @param kind {@code embedded} or {@code victoriametrics}
 * @param healthy whether the store accepts and answers
 * @param problem what is wrong when it is not healthy (technical text), or null
 * @param series how many series the store knows
 * @param samples how many raw samples it holds (an estimate where the backend does not count)
 * @param diskBytes the bytes it uses on disk (-1 when unknown)
 * @param bytesPerSample {@code diskBytes / samples}, or -1 when unknown
 * @param oldest the oldest raw sample, or null when empty
 * @param newest the newest sample, or null when empty
 * @param partitions the day partitions, oldest first (empty for backends without them)
 */
public record StoreStatus(String kind, boolean healthy, String problem, long series, long samples, long diskBytes,
		double bytesPerSample, Instant oldest, Instant newest, List<Partition> partitions) {

	public StoreStatus {
		partitions = List.copyOf(partitions);
	}

	/** One day partition of raw samples or of hourly rollups. */
	public record Partition(LocalDate day, boolean rollup, long samples, long bytes) {
	}

}
