package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps resolved alerts for {@code opsguard.alerting.retention} (180 days by default, R-ALR-03:
 * monitoring records at least half a year) and deletes older ones with their timelines, once a day
 * on one node. Open alerts are never deleted.
 */
@Component
public class AlertRetention {

	private static final Logger log = LoggerFactory.getLogger(AlertRetention.class);

	/** The shortest retention accepted: the standard's half year. */
	static final Duration MINIMUM = Duration.ofDays(180);

	private final AlertStore store;

	private final AlertingProperties properties;

	private final Clock clock;

	private final LockingTaskExecutor locks;

	AlertRetention(AlertStore store, AlertingProperties properties, Clock clock, LockProvider locks) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.locks = new DefaultLockingTaskExecutor(locks);
		if (properties.retention().compareTo(MINIMUM) < 0) {
			log.warn("opsguard.alerting.retention is {}; resolved alerts are kept {} (the standard's half year)",
					properties.retention(), MINIMUM);
		}
	}

	@Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT24H")
	void scheduled() {
		try {
			this.locks.executeWithLock((Runnable) this::purge,
					new LockConfiguration(Instant.now(), "alerting-retention", Duration.ofHours(1), Duration.ZERO));
		}
		catch (RuntimeException ex) {
			log.warn("Deleting old alerts failed; tomorrow's run tries again: {}", ex.toString());
		}
	}

	/** Deletes resolved alerts older than the retention; how many. */
	@Transactional
	public int purge() {
		Duration keep = this.properties.retention().compareTo(MINIMUM) < 0 ? MINIMUM : this.properties.retention();
		int deleted = this.store.purge(this.clock.instant().minus(keep));
		if (deleted > 0) {
			log.info("Deleted {} alerts resolved more than {} days ago", deleted, keep.toDays());
		}
		return deleted;
	}

}
