package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.internal.AlertLifecycle.Firing;
import io.opsguard.alerting.internal.AlertStore.Sighting;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.alerting.rule.CheckKind;
import io.opsguard.alerting.rule.RuleEngine;
import io.opsguard.alerting.rule.RuleEngine.Signal;
import io.opsguard.alerting.rule.RuleKind;
import io.opsguard.alerting.rule.ThresholdMachine.Transition;
import io.opsguard.monitoring.Monitors;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Evaluates the rules every {@code opsguard.alerting.evaluation-interval} (10 s) over the newest
 * samples of the metric store and hands what changed to the {@link AlertLifecycle}. With a store
 * shared by every node (VictoriaMetrics) one node evaluates, holding a lock; with each node's own
 * embedded store every node evaluates its own samples and the database keeps one open alert per
 * fingerprint. Evaluations run one at a time; the lag (how late an evaluation finished after it
 * was due) is measured ({@code opsguard.alert.evaluation.*}).
 */
@Component
public class AlertEvaluation implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AlertEvaluation.class);

	private static final String LOCK = "alert-evaluation";

	private static final Duration SWEEP = Duration.ofMinutes(1);

	private static final Duration DISK_FORECAST_REFRESH = Duration.ofMinutes(15);

	private final RuleService rules;

	private final AlertLifecycle lifecycle;

	private final NotificationSender sender;

	private final AlertStore alerts;

	private final Topology topology;

	private final MetricStore store;

	private final Monitors monitors;

	private final LockProvider locks;

	private final AlertingProperties properties;

	private final Clock clock;

	private final boolean enabled;

	private final Timer duration;

	private final AtomicLong lastLagMillis = new AtomicLong();

	private final AtomicLong lastSeries = new AtomicLong();

	private RuleEngine engine;

	private ScheduledExecutorService executor;

	private volatile boolean running;

	private SimpleLock leadership;

	private Instant lastSweep = Instant.EPOCH;

	private volatile DiskForecasts diskForecasts = new DiskForecasts(Instant.EPOCH, List.of());

	AlertEvaluation(RuleService rules, AlertLifecycle lifecycle, NotificationSender sender, AlertStore alerts,
			Topology topology, MetricStore store, Monitors monitors, LockProvider locks, AlertingProperties properties,
			Clock clock, MeterRegistry meters,
			@Value("${opsguard.alerting.evaluation-enabled:true}") boolean enabled) {
		this.rules = rules;
		this.lifecycle = lifecycle;
		this.sender = sender;
		this.alerts = alerts;
		this.topology = topology;
		this.store = store;
		this.monitors = monitors;
		this.locks = locks;
		this.properties = properties;
		this.clock = clock;
		this.enabled = enabled;
		this.duration = Timer.builder("opsguard.alert.evaluation.duration")
			.description("How long one evaluation of every alert rule took")
			.register(meters);
		meters.gauge("opsguard.alert.evaluation.lag", this.lastLagMillis, AtomicLong::doubleValue);
		meters.gauge("opsguard.alert.evaluation.series", this.lastSeries, AtomicLong::doubleValue);
	}

	private record DiskForecasts(Instant readAt, List<LatestValue> values) {
	}

	@Override
	public void start() {
		this.running = true;
		if (!this.enabled) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "alert-evaluation");
			thread.setDaemon(true);
			return thread;
		});
		long period = this.properties.evaluationInterval().toMillis();
		this.executor.scheduleAtFixedRate(this::scheduled, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
		SimpleLock lock = this.leadership;
		this.leadership = null;
		if (lock != null) {
			try {
				lock.unlock();
			}
			catch (RuntimeException ex) {
				log.debug("Releasing the evaluation lock failed", ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the metric store and the collection scheduler, before the web server stops
		return Integer.MAX_VALUE - 2000;
	}

	private void scheduled() {
		long due = System.currentTimeMillis();
		try {
			if (!lead()) {
				return;
			}
			evaluate();
			this.lastLagMillis.set(System.currentTimeMillis() - due);
		}
		catch (Throwable ex) {
			log.warn("Evaluating the alert rules failed; the next evaluation tries again: {}", ex.toString());
		}
	}

	private boolean lead() {
		if (!this.store.shared()) {
			return true;
		}
		Duration hold = this.properties.evaluationInterval().multipliedBy(3);
		if (this.leadership == null) {
			Optional<SimpleLock> lock = this.locks.lock(new LockConfiguration(this.clock.instant(), LOCK, hold, Duration.ZERO));
			lock.ifPresent(value -> {
				this.leadership = value;
				log.info("This node evaluates the alert rules");
			});
			return lock.isPresent();
		}
		Optional<SimpleLock> extended = this.leadership.extend(hold, Duration.ZERO);
		if (extended.isEmpty()) {
			log.warn("This node lost the evaluation lock; another node evaluates now");
			this.leadership = null;
			this.engine = null;
			return false;
		}
		this.leadership = extended.get();
		return true;
	}

	/** Evaluates every rule once now; answers how many signals it produced. */
	public synchronized int evaluate() {
		long started = System.nanoTime();
		Instant now = this.clock.instant();
		if (this.engine == null) {
			java.util.Set<String> open = this.alerts.openFingerprints();
			this.engine = new RuleEngine(this::latest, this::band, this.properties.lookback(), open::contains);
		}
		Topology.Snapshot snapshot = this.topology.current();
		List<RuleEngine.Compiled> compiled = this.rules.compiled(snapshot);
		List<Signal> signals = this.engine.evaluate(compiled, now.toEpochMilli());
		this.lastSeries.set(this.engine.seriesEvaluated());
		this.sender.roundStarted();
		try {
			apply(signals, snapshot, now);
			requiet();
		}
		finally {
			this.sender.roundEnded();
		}
		if (!now.isBefore(this.lastSweep.plus(SWEEP)) || now.isBefore(this.lastSweep)) {
			this.lastSweep = now;
			sweep(now);
		}
		this.duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return signals.size();
	}

	private void apply(List<Signal> signals, Topology.Snapshot snapshot, Instant now) {
		List<Sighting> sightings = new ArrayList<>();
		for (Signal signal : signals) {
			try {
				switch (signal.kind()) {
					case UPDATE -> sightings.add(new Sighting(signal.fingerprint(), signal.value(), Instant.ofEpochMilli(signal.at())));
					case FIRE -> this.lifecycle.fire(firing(signal, snapshot));
					case RECOVER -> this.lifecycle.recover(signal.fingerprint(), signal.value(),
							Instant.ofEpochMilli(signal.at()), null);
					default -> {
					}
				}
			}
			catch (RuntimeException ex) {
				log.warn("Recording alert {} of rule {} failed: {}", signal.kind(), signal.rule().id(), ex.toString());
			}
		}
		if (!sightings.isEmpty()) {
			this.lifecycle.seen(sightings);
		}
	}

	/** What an alert of a rule says: the resource, the rule and the value. */
	Firing firing(Signal signal, Topology.Snapshot snapshot) {
		AlertRule rule = signal.rule();
		boolean self = signal.resourceId() == RuleEngine.SELF;
		Topology.Resource resource = self ? null : snapshot.resource(signal.resourceId());
		String instance = signal.series().label(SeriesKey.INSTANCE);
		String resourceName = self ? "运维保障平台" : resource == null ? "#" + signal.resourceId() : resource.name();
		String title = resourceName + "：" + rule.name() + (instance == null ? "" : "（" + instance + "）");
		Long system = resource == null || resource.businessSystems().isEmpty() ? null
				: resource.businessSystems().stream().min(Long::compare).orElse(null);
		return new Firing(signal.fingerprint(), AlertRow.RULE, rule.id(), signal.series().toString(), null, title,
				summary(rule, signal.value()), rule.severity(), self ? null : signal.resourceId(),
				resource == null ? null : resource.organisationId(), system, rule.watchedMetric(), instance,
				Double.isNaN(signal.value()) ? null : signal.value(), threshold(rule), Instant.ofEpochMilli(signal.at()),
				Map.of(), rule.notifies());
	}

	static Double threshold(AlertRule rule) {
		if (rule.kind() == RuleKind.THRESHOLD) {
			return rule.threshold();
		}
		return rule.kind() == RuleKind.AVAILABILITY ? rule.checkValue() : null;
	}

	/** The condition in words (Chinese, the stored language; the views and notices localise). */
	static String summary(AlertRule rule, double value) {
		String now = Double.isNaN(value) ? "" : "当前值 " + RuleService.plain(Math.round(value * 100) / 100.0) + "，";
		String held = rule.forDuration().isZero() ? "" : "，持续 " + words(rule.forDuration());
		return switch (rule.kind()) {
			case THRESHOLD -> now + "条件 " + rule.metric() + " " + rule.operator().symbol() + " "
					+ RuleService.plain(rule.threshold()) + held;
			case EXPRESSION -> now + "表达式 " + rule.expression() + held;
			case AVAILABILITY -> switch (rule.check()) {
				case COLLECTION_FAILING -> "连续 " + RuleService.plain(rule.checkValue()) + " 次采集失败";
				case CERT_EXPIRING -> now + "证书剩余天数少于 " + RuleService.plain(rule.checkValue());
				case DISK_FULL -> now + "按增长趋势预计 " + RuleService.plain(rule.checkValue()) + " 天内写满";
				case BASELINE -> now + "超出基线范围" + held;
				default -> rule.name();
			};
		};
	}

	static String words(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds % 3600 == 0) {
			return seconds / 3600 + " 小时";
		}
		if (seconds % 60 == 0) {
			return seconds / 60 + " 分钟";
		}
		return seconds + " 秒";
	}

	private List<LatestValue> latest(String metric, Duration lookback) {
		if (CheckKind.DISK_FULL.metric().equals(metric)) {
			return diskFullDays();
		}
		return this.store.latest(SeriesSelector.metric(metric), lookback);
	}

	/** The days until each file system is full, as series the engine reads, read every 15 minutes. */
	private List<LatestValue> diskFullDays() {
		Instant now = this.clock.instant();
		DiskForecasts current = this.diskForecasts;
		if (current.readAt().plus(DISK_FORECAST_REFRESH).isAfter(now) && !current.readAt().isAfter(now)) {
			return current.values();
		}
		List<LatestValue> values = new ArrayList<>();
		long at = now.toEpochMilli();
		java.util.Set<Long> resources = new java.util.HashSet<>();
		for (LatestValue used : this.store.latest(SeriesSelector.metric("fs_used"), Duration.ofDays(1))) {
			long resource = RuleEngine.resourceOf(used.series());
			if (resource >= 0) {
				resources.add(resource);
			}
		}
		for (long resource : resources) {
			try {
				this.monitors.daysUntilFull(resource)
					.forEach((instance, days) -> values.add(new LatestValue(SeriesKey.of(CheckKind.DISK_FULL.metric(),
							SeriesKey.RESOURCE, Long.toString(resource), SeriesKey.INSTANCE, instance), at, days)));
			}
			catch (RuntimeException ex) {
				log.debug("No disk forecast for resource {}: {}", resource, ex.toString());
			}
		}
		this.diskForecasts = new DiskForecasts(now, List.copyOf(values));
		return values;
	}

	private final Map<SeriesKey, double[]> bands = new java.util.concurrent.ConcurrentHashMap<>();

	private final Map<SeriesKey, Long> bandHours = new java.util.concurrent.ConcurrentHashMap<>();

	/** The baseline band of a series for the hour the sample falls in, read once per hour. */
	private double[] band(SeriesKey series, long at) {
		long hour = at / 3_600_000L;
		Long read = this.bandHours.get(series);
		if (read == null || read != hour) {
			double[] band = this.monitors.baseline(series, Instant.ofEpochMilli(at))
				.map(b -> new double[] { b.low(), b.high() })
				.orElse(null);
			if (band == null) {
				this.bands.remove(series);
			}
			else {
				this.bands.put(series, band);
			}
			this.bandHours.put(series, hour);
		}
		return this.bands.get(series);
	}

	private void requiet() {
		List<AlertRow> quiet = this.alerts.query("a.open_key is not null and (a.silence_id is not null or "
				+ "a.maintenance_id is not null or a.suppressed_by_ci is not null)", Map.of(), "a.id", 1000, 0);
		if (quiet.isEmpty()) {
			return;
		}
		Map<Long, AlertRule> byId = this.rules.rulesById();
		this.lifecycle.requiet(quiet, alert -> {
			AlertRule rule = alert.ruleId() == null ? null : byId.get(alert.ruleId());
			return rule == null || rule.notifies();
		});
	}

	/**
	 * Resolves what no longer reports (alerts of rules whose series stopped for
	 * {@code no-data-resolve-after}), event alerts older than their timeout, and marks flapping
	 * alerts stable again.
	 */
	private void sweep(Instant now) {
		for (AlertRow alert : this.alerts.openNotSeenSince(now.minus(this.properties.noDataResolveAfter()), AlertRow.RULE,
				500)) {
			this.lifecycle.recover(alert.fingerprint(), null, now, "NO_DATA");
		}
		for (AlertRow alert : this.alerts.openNotSeenSince(now.minus(this.properties.eventAlertTimeout()), AlertRow.EVENT,
				500)) {
			this.lifecycle.recover(alert.fingerprint(), null, now, "TIMEOUT");
		}
		for (AlertRow alert : this.alerts.stableFlapping(now.minus(this.properties.flapWindow()))) {
			this.lifecycle.stable(alert);
		}
	}

	/** The severity an event alert takes: the rule's, or the event's when it is more serious. */
	static AlertSeverity severityOf(AlertRule rule, String eventSeverity) {
		AlertSeverity event = AlertSeverity.parse(eventSeverity);
		return event != null && event.rank() < rule.severity().rank() ? event : rule.severity();
	}



}
