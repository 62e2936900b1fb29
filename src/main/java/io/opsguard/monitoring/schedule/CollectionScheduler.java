package io.opsguard.monitoring.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opsguard.cmdb.CiChanged;
import io.opsguard.cmdb.CiRetired;
import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.Importance;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.internal.MonitorRow;
import io.opsguard.monitoring.internal.MonitorStore;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs every enabled monitor at its interval (R-MON-02: core / key / general resources every 60 /
 * 120 / 240 s unless the monitor says otherwise; GB/T 8.4.3 b 4 asks for polling under 5 minutes): a {@link TimingWheel} turned by one thread hands
 * due monitors to a bounded pool of workers. Each monitor's phase within its interval comes from
 * its id, so thousands of monitors spread evenly instead of bursting after a start; the next run
 * is due one interval after the previous due time (never after its end), so nothing drifts. A
 * monitor still running when it is due again is skipped once and counted. One node of a cluster
 * collects: the one holding the {@code monitoring-collection} lock.
 * <p>
 * Its own figures are meters (R-SYS-10): {@code opsguard.collect.monitors}, {@code .backlog},
 * {@code .running}, {@code .lateness}, {@code .late}, {@code .skipped}, {@code .duration} and
 * {@code .outcomes}.
 */
@Component
public class CollectionScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CollectionScheduler.class);

	static final String LOCK = "monitoring-collection";

	private static final Duration LOCK_FOR = Duration.ofSeconds(60);

	private static final Duration MAINTENANCE = Duration.ofSeconds(10);

	private static final Duration RECONCILE = Duration.ofSeconds(30);

	private final MonitorStore monitors;

	private final MonitorTypes types;

	private final ConfigurationItems cis;

	private final CollectionProperties properties;

	private final LockProvider locks;

	/**
	 * Collection runs on the wall clock, not the application's {@link Clock}: it talks to real
	 * devices in real time, and the samples it stores are stamped when they were read.
	 */
	private final Clock clock = Clock.systemUTC();

	private final CollectionWork work;

	/** The version of each monitor the loop runs, to see what changed. */
	private final Map<Long, Integer> versions = new ConcurrentHashMap<>();

	private volatile CollectionLoop loop;

	private ScheduledExecutorService maintenance;

	private volatile boolean running;

	private volatile SimpleLock leadership;

	/** Whether this node collects now: it holds the lock, or its store is its own. */
	private volatile boolean leading;

	/** Whether the nodes share the metric store, so that one of them collects for all. */
	private final boolean sharedStore;

	private volatile Instant lastReconcile = Instant.EPOCH;

	private final Timer lateness;

	private final Counter late;

	private final Counter skipped;

	CollectionScheduler(MonitorStore monitors, MonitorTypes types, ConfigurationItems cis, CollectionProperties properties,
			LockProvider locks, CollectionWork work, io.opsguard.monitoring.store.MetricStore store, MeterRegistry meters) {
		this.sharedStore = store.shared();
		this.monitors = monitors;
		this.types = types;
		this.cis = cis;
		this.properties = properties;
		this.locks = locks;
		this.work = work;
		this.lateness = Timer.builder("opsguard.collect.lateness")
			.description("How long after its due time a collection started")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(meters);
		this.late = Counter.builder("opsguard.collect.late")
			.description("Collections that started later than a tenth of their interval")
			.register(meters);
		this.skipped = Counter.builder("opsguard.collect.skipped")
			.description("Collections skipped: still running from the last time, or no worker free")
			.register(meters);
		Gauge.builder("opsguard.collect.monitors", this, s -> s.loop == null ? 0 : s.loop.size())
			.description("Monitors being collected on this node")
			.register(meters);
		Gauge.builder("opsguard.collect.backlog", this, s -> s.loop == null ? 0 : s.loop.backlog())
			.description("Due collections waiting for a worker")
			.register(meters);
		Gauge.builder("opsguard.collect.running", this, s -> s.loop == null ? 0 : s.loop.active())
			.description("Collections running now")
			.register(meters);
	}

	// ---- lifecycle ------------------------------------------------------------------------

	@Override
	public void start() {
		if (!this.properties.enabled() || this.running) {
			return;
		}
		this.running = true;
		this.loop = new CollectionLoop(this.clock::millis, this.properties.tick().toMillis(),
				Math.max(1, this.properties.workers()), Math.max(1, this.properties.queue()), new CollectionLoop.Listener() {

					@Override
					public void started(long lateMillis, long intervalMillis) {
						CollectionScheduler.this.lateness.record(lateMillis, TimeUnit.MILLISECONDS);
						if (lateMillis > intervalMillis / 10) {
							CollectionScheduler.this.late.increment();
						}
					}

					@Override
					public void skipped() {
						CollectionScheduler.this.skipped.increment();
					}

				}, "opsguard-collect");
		this.maintenance = Executors.newSingleThreadScheduledExecutor(CollectionLoop.daemon("opsguard-collect-maintenance-"));
		this.maintenance.scheduleWithFixedDelay(this::maintain, 0, MAINTENANCE.toMillis(), TimeUnit.MILLISECONDS);
		this.maintenance.scheduleWithFixedDelay(this.work::flush, 2, 2, TimeUnit.SECONDS);
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.maintenance.shutdownNow();
		this.loop.close();
		this.work.flush();
		release();
		this.versions.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the database and the store are up, stopped before them
		return Integer.MAX_VALUE - 100;
	}

	// ---- leadership and registrations --------------------------------------------------------

	/** Whether this node collects now. */
	public boolean leading() {
		return this.leading;
	}

	private void maintain() {
		try {
			if (!this.sharedStore) {
				// the store is this node's own: it collects everything for itself, no lock needed
				if (!this.leading) {
					this.leading = true;
					reconcile();
				}
				else if (this.clock.instant().isAfter(this.lastReconcile.plus(RECONCILE))) {
					reconcile();
				}
				return;
			}
			if (this.leadership == null) {
				Optional<SimpleLock> lock = this.locks.lock(new LockConfiguration(this.clock.instant(), LOCK, LOCK_FOR,
						Duration.ZERO));
				if (lock.isEmpty()) {
					return;
				}
				this.leadership = lock.get();
				this.leading = true;
				log.info("This node collects the monitors");
				reconcile();
				return;
			}
			Optional<SimpleLock> extended = this.leadership.extend(LOCK_FOR, Duration.ZERO);
			if (extended.isEmpty()) {
				log.warn("This node lost the collection lock; another node collects now");
				this.leadership = null;
				this.leading = false;
				this.loop.clear();
				this.versions.clear();
				return;
			}
			this.leadership = extended.get();
			if (this.clock.instant().isAfter(this.lastReconcile.plus(RECONCILE))) {
				reconcile();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Collection maintenance failed; trying again in {} s: {}", MAINTENANCE.toSeconds(), ex.toString());
		}
	}

	private void release() {
		SimpleLock lock = this.leadership;
		this.leadership = null;
		this.leading = false;
		if (lock != null) {
			try {
				lock.unlock();
			}
			catch (RuntimeException ex) {
				log.debug("Releasing the collection lock failed", ex);
			}
		}
	}

	/** Reads every enabled monitor and (re)registers what changed since. */
	void reconcile() {
		this.lastReconcile = this.clock.instant();
		Set<Long> seen = new java.util.HashSet<>();
		Map<Long, CiView> cis = new HashMap<>();
		for (MonitorRow row : this.monitors.enabled()) {
			seen.add(row.id());
			Integer known = this.versions.get(row.id());
			if (known == null || known != row.version() || !this.loop.contains(row.id())) {
				register(row, cis);
			}
		}
		this.loop.retain(seen);
		this.versions.keySet().retainAll(seen);
	}

	/** Picks up changes of these monitors at once (after the change committed). */
	public void refresh(Collection<Long> monitorIds) {
		if (!this.running || !this.leading) {
			return;
		}
		Map<Long, CiView> cis = new HashMap<>();
		for (long id : monitorIds) {
			Optional<MonitorRow> row = this.monitors.find(id);
			if (row.isPresent() && row.get().enabled()) {
				register(row.get(), cis);
			}
			else {
				this.loop.remove(id);
				this.versions.remove(id);
				this.work.forget(id);
			}
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(MonitorsChanged changed) {
		refresh(changed.monitorIds());
	}

	@EventListener
	void on(CiChanged changed) {
		if (changed.changedFields().contains("importance") || changed.changedFields().contains("status")) {
			refreshCi(changed.ciId());
		}
	}

	@EventListener
	void on(CiRetired retired) {
		refreshCi(retired.ciId());
	}

	private void refreshCi(long ciId) {
		refresh(this.monitors.ofCi(ciId).stream().map(MonitorRow::id).toList());
	}

	private void register(MonitorRow row, Map<Long, CiView> cis) {
		Optional<MonitorType> type = this.types.find(row.typeId());
		CiView ci = cis.computeIfAbsent(row.ciId(), id -> this.cis.find(id).orElse(null));
		if (type.isEmpty() || ci == null || ci.status() == CiStatus.RETIRED) {
			this.loop.remove(row.id());
			this.versions.put(row.id(), row.version());
			return;
		}
		Duration interval = intervalOf(row, ci.importance());
		Duration timeout = this.properties.timeoutFor(interval);
		MonitorType monitorType = type.get();
		this.versions.put(row.id(), row.version());
		this.loop.put(row.id(), interval.toMillis(), due -> {
			if (!this.leading) {
				return;
			}
			long started = this.clock.millis();
			CollectionResult result = this.work.collect(row, monitorType, timeout);
			this.work.record(row, monitorType, result, due, started, this.clock.millis());
		});
	}

	/** The interval a monitor runs at: its own, or its CI's importance class's. */
	public Duration intervalOf(MonitorRow row, Importance importance) {
		if (row.intervalSeconds() != null) {
			return Duration.ofSeconds(row.intervalSeconds());
		}
		return switch (importance == null ? Importance.GENERAL : importance) {
			case CORE -> this.properties.core();
			case KEY -> this.properties.key();
			case GENERAL -> this.properties.general();
		};
	}

	/** The monitors this node collects now. */
	public int registered() {
		return this.loop == null ? 0 : this.loop.size();
	}

	/** Monitors whose collections should be (re)read at once. */
	public record MonitorsChanged(Collection<Long> monitorIds) {
	}

}
