package io.opsguard.monitoring.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Collection ({@code opsguard.monitoring.collection.*}).
 *
 * @param enabled whether this node collects at all (one node of a cluster collects at a time)
 * @param workers how many collections run at once; they mostly wait on the network
 * @param queue how many due collections may wait for a worker before one is skipped
 * @param tick the timing wheel's resolution
 * @param core the default interval of core resources (核心, R-MON-02)
 * @param key the default interval of key resources (关键)
 * @param general the default interval of general resources (一般): 4 minutes, since the standard
 * (GB/T 8.4.3 b 4) asks for polling under 5 minutes
 * @param maxTimeout the longest a collection may take, whatever its interval
 */
@ConfigurationProperties("opsguard.monitoring.collection")
public record CollectionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("64") int workers,
		@DefaultValue("10000") int queue, @DefaultValue("250ms") Duration tick, @DefaultValue("60s") Duration core,
		@DefaultValue("120s") Duration key, @DefaultValue("240s") Duration general,
		@DefaultValue("30s") Duration maxTimeout) {

	/** The shortest interval a monitor may have. */
	public static final int MIN_INTERVAL_SECONDS = 10;

	/** The longest interval a monitor may have. */
	public static final int MAX_INTERVAL_SECONDS = 3600;

	/** How long a collection at this interval may take: 80 % of the interval, at most {@link #maxTimeout}. */
	public Duration timeoutFor(Duration interval) {
		Duration timeout = interval.multipliedBy(8).dividedBy(10);
		return timeout.compareTo(this.maxTimeout) > 0 ? this.maxTimeout : timeout;
	}

}
