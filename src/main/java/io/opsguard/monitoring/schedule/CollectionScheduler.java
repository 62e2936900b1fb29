package io.opsguard.monitoring.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
 * 120 / 300 s unless the monitor says otherwise): a {@link TimingWheel} turned by one thread hands
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

	private final Clock clock;

	private final CollectionWork work;

	private final Map<Long, Registration> registrations = new ConcurrentHashMap<>();

	private final AtomicLong generations = new AtomicLong();

	private final Object wheelLock = new Object();

	private TimingWheel<Ticket> wheel;

	private ThreadPoolExecutor workers;

	private ScheduledExecutorService maintenance;

	private Thread ticker;

	private volatile boolean running;

	private volatile SimpleLock leadership;

	private volatile Instant lastReconcile = Instant.EPOCH;

	private final Timer lateness;

	private final Counter late;

	private final Counter skipped;

	CollectionScheduler(MonitorStore monitors, MonitorTypes types, ConfigurationItems cis, CollectionProperties properties,
			LockProvider locks, Clock clock, CollectionWork work, MeterRegistry meters) {
		this.monitors = monitors;
		this.types = types;
		this.cis = cis;
		this.properties = properties;
		this.locks = locks;
		this.clock = clock;
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
		Gauge.builder("opsguard.collect.monitors", this.registrations, Map::size)
			.description("Monitors being collected on this node")
			.register(meters);
		Gauge.builder("opsguard.collect.backlog", this, s -> s.workers == null ? 0 : s.workers.getQueue().size())
			.description("Due collections waiting for a worker")
			.register(meters);
		Gauge.builder("opsguard.collect.running", this, s -> s.workers == null ? 0 : s.workers.getActiveCount())
			.description("Collections running now")
			.register(meters);
	}

	/** A monitor as the scheduler runs it. */
	static final class Registration {

		final long generation;

		final MonitorRow monitor;

		final MonitorType type;

		final long intervalMillis;

		final AtomicBoolean busy = new AtomicBoolean();

		Registration(long generation, MonitorRow monitor, MonitorType type, long intervalMillis) {
			this.generation = generation;
			this.monitor = monitor;
			this.type = type;
			this.intervalMillis = intervalMillis;
		}

	}

	private record Ticket(long monitorId, long generation) {
	}

	// ---- lifecycle ------------------------------------------------------------------------

	@Override
	public void start() {
		if (!this.properties.enabled() || this.running) {
			return;
		}
		this.running = true;
		this.wheel = new TimingWheel<>(this.properties.tick().toMillis(), 4096, this.clock.millis());
		int size = Math.max(1, this.properties.workers());
		this.workers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(Math.max(1, this.properties.queue())), daemon("opsguard-collect-"));
		this.workers.allowCoreThreadTimeOut(true);
		this.maintenance = Executors.newSingleThreadScheduledExecutor(daemon("opsguard-collect-maintenance-"));
		this.maintenance.scheduleWithFixedDelay(this::maintain, 0, MAINTENANCE.toMillis(), TimeUnit.MILLISECONDS);
		this.maintenance.scheduleWithFixedDelay(this.work::flush, 2, 2, TimeUnit.SECONDS);
		this.ticker = daemon("opsguard-collect-wheel-").newThread(this::turn);
		this.ticker.start();
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.ticker.interrupt();
		this.maintenance.shutdownNow();
		this.workers.shutdownNow();
		try {
			this.workers.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.work.flush();
		release();
		this.registrations.clear();
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
		return this.leadership != null;
	}

	private void maintain() {
		try {
			if (this.leadership == null) {
				Optional<SimpleLock> lock = this.locks.lock(new LockConfiguration(this.clock.instant(), LOCK, LOCK_FOR,
						Duration.ZERO));
				if (lock.isEmpty()) {
					return;
				}
				this.leadership = lock.get();
				log.info("This node collects the monitors");
				reconcile();
				return;
			}
			Optional<SimpleLock> extended = this.leadership.extend(LOCK_FOR, Duration.ZERO);
			if (extended.isEmpty()) {
				log.warn("This node lost the collection lock; another node collects now");
				this.leadership = null;
				this.registrations.clear();
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
		List<MonitorRow> enabled = this.monitors.enabled();
		Set<Long> seen = new java.util.HashSet<>();
		Map<Long, CiView> cis = new HashMap<>();
		for (MonitorRow row : enabled) {
			seen.add(row.id());
			Registration current = this.registrations.get(row.id());
			if (current == null || current.monitor.version() != row.version()) {
				register(row, cis);
			}
		}
		this.registrations.keySet().removeIf(id -> !seen.contains(id));
	}

	/** Picks up changes of these monitors at once (after the change committed). */
	public void refresh(Collection<Long> monitorIds) {
		if (!this.running || this.leadership == null) {
			return;
		}
		Map<Long, CiView> cis = new HashMap<>();
		for (long id : monitorIds) {
			Optional<MonitorRow> row = this.monitors.find(id);
			if (row.isPresent() && row.get().enabled()) {
				register(row.get(), cis);
			}
			else {
				this.registrations.remove(id);
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
			this.registrations.remove(row.id());
			return;
		}
		long interval = intervalOf(row, ci.importance()).toMillis();
		Registration registration = new Registration(this.generations.incrementAndGet(), row, type.get(), interval);
		this.registrations.put(row.id(), registration);
		long now = this.clock.millis();
		// the monitor's phase in its interval: its id spread over the interval (a golden-ratio step)
		long phase = Math.floorMod(row.id() * 0x9E3779B97F4A7C15L, interval);
		long due = now - Math.floorMod(now, interval) + phase;
		if (due < now) {
			due += interval;
		}
		synchronized (this.wheelLock) {
			this.wheel.add(new Ticket(row.id(), registration.generation), due);
		}
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

	// ---- the wheel ------------------------------------------------------------------------------

	private void turn() {
		long tick = this.properties.tick().toMillis();
		while (this.running) {
			try {
				long now = this.clock.millis();
				Thread.sleep(Math.max(1, tick - Math.floorMod(now, tick)));
				List<TimingWheel.Due<Ticket>> due;
				synchronized (this.wheelLock) {
					due = this.wheel.advance(this.clock.millis());
				}
				for (TimingWheel.Due<Ticket> item : due) {
					dispatch(item);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("The collection wheel failed a turn", ex);
			}
		}
	}

	private void dispatch(TimingWheel.Due<Ticket> item) {
		Registration registration = this.registrations.get(item.task().monitorId());
		if (registration == null || registration.generation != item.task().generation()) {
			return;
		}
		long now = this.clock.millis();
		long next = item.dueMillis() + registration.intervalMillis;
		if (next <= now) {
			next += ((now - next) / registration.intervalMillis + 1) * registration.intervalMillis;
		}
		synchronized (this.wheelLock) {
			this.wheel.add(item.task(), next);
		}
		if (this.leadership == null || !registration.busy.compareAndSet(false, true)) {
			this.skipped.increment();
			return;
		}
		try {
			this.workers.execute(() -> collect(registration, item.dueMillis()));
		}
		catch (RejectedExecutionException ex) {
			registration.busy.set(false);
			this.skipped.increment();
		}
	}

	private void collect(Registration registration, long dueMillis) {
		try {
			long started = this.clock.millis();
			long lateBy = Math.max(0, started - dueMillis);
			this.lateness.record(lateBy, TimeUnit.MILLISECONDS);
			if (lateBy > registration.intervalMillis / 10) {
				this.late.increment();
			}
			Duration timeout = this.properties.timeoutFor(Duration.ofMillis(registration.intervalMillis));
			CollectionResult result = this.work.collect(registration.monitor, registration.type, timeout);
			this.work.record(registration.monitor, registration.type, result, started, this.clock.millis());
		}
		catch (RuntimeException ex) {
			log.warn("Collecting monitor {} failed: {}", registration.monitor.id(), ex.toString());
		}
		finally {
			registration.busy.set(false);
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String prefix) {
		AtomicLong count = new AtomicLong();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** The monitors registered now (for the admin page and tests). */
	public int registered() {
		return this.registrations.size();
	}

	/** The ids of the monitors registered now. */
	List<Long> registeredIds() {
		return new ArrayList<>(this.registrations.keySet());
	}

	/** Monitors whose collections should be (re)read at once. */
	public record MonitorsChanged(Collection<Long> monitorIds) {
	}

}
