package io.opsguard.monitoring.store.embedded;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The embedded metric store ({@code opsguard.monitoring.store.embedded.*}), used when
 * {@code opsguard.monitoring.store} is {@code embedded} or unset.
 *
 * @param directory where the store lives (default {@code <opsguard.data-dir>/metrics})
 * @param rawRetention how long raw samples are kept, in whole day partitions (default 93 days,
 * R-ALR-03: performance data at least 3 months)
 * @param rollupRetention how long the hourly rollups are kept (default 400 days)
 * @param sealDelay how long samples stay in memory past their hour, accepting late and
 * out-of-order samples, before they are sealed into chunk files (default 15 minutes)
 * @param walSegmentSize the size at which the write-ahead log starts a new segment
 * @param maintenanceInterval how often seals, compaction and retention run
 */
@ConfigurationProperties("opsguard.monitoring.store.embedded")
public record EmbeddedStoreProperties(String directory, @DefaultValue("93d") Duration rawRetention,
		@DefaultValue("400d") Duration rollupRetention, @DefaultValue("15m") Duration sealDelay,
		@DefaultValue("64MB") DataSize walSegmentSize, @DefaultValue("1m") Duration maintenanceInterval) {

	public EmbeddedStoreProperties {
		if (rawRetention.compareTo(Duration.ofDays(1)) < 0 || rollupRetention.compareTo(rawRetention) < 0) {
			throw new IllegalArgumentException(
					"opsguard.monitoring.store.embedded: raw-retention must be at least 1d and rollup-retention at least as long");
		}
		if (sealDelay.isNegative() || sealDelay.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("opsguard.monitoring.store.embedded.seal-delay must be between 0 and 1h");
		}
	}

}
