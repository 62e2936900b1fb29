package io.opsguard.monitoring.internal;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.opsguard.monitoring.store.AppendResult;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.StoreStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * OpsGuard watching itself (R-SYS-10, R-SYS-06): every minute a selection of its own Micrometer
 * meters — JVM memory, threads and GC, HTTP request rate and latency, process CPU, the database
 * pool, the metric store's health, and every meter named {@code opsguard.*} (the scheduler's
 * {@code opsguard.collect.*}) — is copied into the {@link MetricStore} as {@code opsguard_*} series
 * with a {@code node} label (this host's name) and no {@code resource} label, so the
 * self-monitoring page needs nothing else. Gauges are copied as they are; counters become
 * {@code _per_second} rates and timers {@code _per_second} rates and {@code _avg_ms} averages over
 * the minute (nothing on the first run, which has no minute before it). Each node records its
 * own: no lock between nodes. The same meters are at {@code /actuator/prometheus}.
 */
@Component
public class SelfMetrics {

	private static final Logger log = LoggerFactory.getLogger(SelfMetrics.class);

	/** Micrometer meters copied besides {@code opsguard.*}, with the tags kept (others are summed over). */
	private static final Map<String, List<String>> SELECTED = Map.ofEntries(Map.entry("jvm.memory.used", List.of("area")),
			Map.entry("jvm.memory.committed", List.of("area")), Map.entry("jvm.memory.max", List.of("area")),
			Map.entry("jvm.threads.live", List.of()), Map.entry("jvm.threads.peak", List.of()),
			Map.entry("jvm.threads.daemon", List.of()), Map.entry("jvm.gc.pause", List.of()),
			Map.entry("jvm.gc.memory.promoted", List.of()), Map.entry("jvm.gc.overhead", List.of()),
			Map.entry("http.server.requests", List.of()), Map.entry("process.cpu.usage", List.of()),
			Map.entry("system.cpu.usage", List.of()), Map.entry("system.load.average.1m", List.of()),
			Map.entry("process.uptime", List.of()), Map.entry("process.files.open", List.of()),
			Map.entry("hikaricp.connections.active", List.of("pool")), Map.entry("hikaricp.connections.idle", List.of("pool")),
			Map.entry("hikaricp.connections.pending", List.of("pool")), Map.entry("hikaricp.connections.max", List.of("pool")),
			Map.entry("hikaricp.connections.acquire", List.of("pool")),
			Map.entry("hikaricp.connections.timeout", List.of("pool")));

	/** The label naming the OpsGuard node. */
	public static final String NODE = "node";

	private final MeterRegistry registry;

	private final MetricStore store;

	private final Clock clock;

	private final String node;

	private final AtomicReference<StoreStatus> storeStatus = new AtomicReference<>();

	/** Counter totals and timer counts/totals of the previous run, by series text. */
	private final Map<String, double[]> previous = new HashMap<>();

	private long previousRun = -1;

	public SelfMetrics(MeterRegistry registry, MetricStore store, Clock clock,
			@Value("${opsguard.monitoring.self-metrics.node:}") String node) {
		this.registry = registry;
		this.store = store;
		this.clock = clock;
		this.node = node == null || node.isBlank() ? hostName() : node.strip();
		Gauge.builder("opsguard.store.healthy", this.storeStatus, s -> s.get() == null ? Double.NaN : s.get().healthy() ? 1 : 0)
			.description("Whether the metric store accepts and answers (1) or not (0)")
			.register(registry);
		Gauge.builder("opsguard.store.series", this.storeStatus, s -> s.get() == null ? Double.NaN : s.get().series())
			.register(registry);
		Gauge.builder("opsguard.store.samples", this.storeStatus, s -> s.get() == null ? Double.NaN : s.get().samples())
			.register(registry);
		Gauge.builder("opsguard.store.disk", this.storeStatus,
				s -> s.get() == null || s.get().diskBytes() < 0 ? Double.NaN : s.get().diskBytes())
			.baseUnit("bytes")
			.register(registry);
	}

	/** Copies the meters into the store; run every minute (and by tests). */
	@Scheduled(fixedDelayString = "${opsguard.monitoring.self-metrics.interval:60s}",
			initialDelayString = "${opsguard.monitoring.self-metrics.interval:60s}")
	public synchronized void record() {
		try {
			this.storeStatus.set(this.store.status());
		}
		catch (RuntimeException ex) {
			log.warn("The metric store's status could not be read: {}", ex.getMessage());
		}
		List<Sample> samples = snapshot();
		try {
			AppendResult result = this.store.append(samples);
			if (!result.rejected().isEmpty()) {
				log.warn("The metric store refused {} of OpsGuard's own samples, e.g. {} of {}", result.rejected().size(),
						result.rejected().get(0).reason(), samples.get(result.rejected().get(0).index()).series());
			}
		}
		catch (UncheckedIOException ex) {
			log.warn("OpsGuard's own metrics could not be stored: {}", ex.getMessage());
		}
	}

	/** The samples of this run: gauges, and rates since the previous run. */
	synchronized List<Sample> snapshot() {
		long now = this.clock.millis();
		double seconds = this.previousRun < 0 ? 0 : (now - this.previousRun) / 1000.0;
		Map<SeriesKey, double[]> sums = new LinkedHashMap<>();
		for (Meter meter : this.registry.getMeters()) {
			String name = meter.getId().getName();
			List<String> kept = name.startsWith("opsguard.") ? null : SELECTED.get(name);
			if (kept == null && !name.startsWith("opsguard.")) {
				continue;
			}
			SeriesKey key = key(name, meter.getId().getTags(), kept);
			double[] values = values(meter);
			if (values != null) {
				double[] sum = sums.computeIfAbsent(key, any -> new double[values.length]);
				for (int i = 0; i < values.length && i < sum.length; i++) {
					sum[i] += values[i];
				}
				if (sum.length == 4) {
					sum[3] = Math.max(sum[3] - values[3], values[3]);
				}
			}
		}
		List<Sample> samples = new ArrayList<>();
		Map<String, double[]> current = new HashMap<>();
		sums.forEach((key, values) -> {
			if (values.length == 1) {
				add(samples, key.metric(), key, now, values[0]);
				return;
			}
			current.put(key.toString(), values);
			double[] before = this.previous.get(key.toString());
			if (values.length == 2) {
				if (before != null && seconds > 0) {
					add(samples, key.metric() + "_per_second", key, now, Math.max(0, values[1] - before[1]) / seconds);
				}
				return;
			}
			// timers: count, total milliseconds, max milliseconds
			if (before != null && seconds > 0) {
				double count = Math.max(0, values[0] - before[0]);
				add(samples, key.metric() + "_per_second", key, now, count / seconds);
				if (count > 0) {
					add(samples, key.metric() + "_avg_ms", key, now, Math.max(0, values[1] - before[1]) / count);
				}
			}
			add(samples, key.metric() + "_max_ms", key, now, values[3]);
		});
		this.previous.clear();
		this.previous.putAll(current);
		this.previousRun = now;
		return samples;
	}

	/** A gauge's value (one), a counter's total (two, the first unused), or a timer's count, total, -, max (four). */
	private static double[] values(Meter meter) {
		if (meter instanceof TimeGauge gauge) {
			return finite(gauge.value(java.util.concurrent.TimeUnit.SECONDS));
		}
		if (meter instanceof Gauge gauge) {
			double value = gauge.value();
			return value < 0 ? null : finite(value);
		}
		if (meter instanceof Counter counter) {
			return new double[] { 0, counter.count() };
		}
		if (meter instanceof FunctionCounter counter) {
			return new double[] { 0, counter.count() };
		}
		if (meter instanceof Timer timer) {
			return new double[] { timer.count(), timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0,
					timer.max(java.util.concurrent.TimeUnit.MILLISECONDS) };
		}
		if (meter instanceof FunctionTimer timer) {
			return new double[] { timer.count(), timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0, 0 };
		}
		return null;
	}

	private static double[] finite(double value) {
		return Double.isFinite(value) ? new double[] { value } : null;
	}

	private void add(List<Sample> samples, String metric, SeriesKey key, long now, double value) {
		if (Double.isFinite(value)) {
			samples.add(new Sample(new SeriesKey(metric, key.labels()), now, value));
		}
	}

	/** {@code jvm.memory.used{area=heap,id=…}} → {@code opsguard_jvm_memory_used{area="heap",node="…"}}. */
	private SeriesKey key(String name, List<Tag> tags, List<String> kept) {
		String metric = (name.startsWith("opsguard.") ? "" : "opsguard_") + name.replaceAll("[^a-zA-Z0-9_:]", "_");
		TreeMap<String, String> labels = new TreeMap<>();
		for (Tag tag : tags) {
			String label = tag.getKey().replaceAll("[^a-zA-Z0-9_]", "_");
			if ((kept == null || kept.contains(tag.getKey())) && !tag.getValue().isEmpty() && !label.startsWith("__")
					&& !label.equals(SeriesKey.RESOURCE) && labels.size() < SeriesKey.MAX_LABELS - 1) {
				String value = tag.getValue();
				labels.put(label, value.length() > SeriesKey.MAX_LABEL_VALUE_LENGTH
						? value.substring(0, SeriesKey.MAX_LABEL_VALUE_LENGTH) : value);
			}
		}
		labels.put(NODE, this.node);
		return new SeriesKey(metric, labels);
	}

	/** The node label's value. */
	public String node() {
		return this.node;
	}

	private static String hostName() {
		try {
			String name = InetAddress.getLocalHost().getHostName();
			return name == null || name.isBlank() ? "localhost" : name;
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
