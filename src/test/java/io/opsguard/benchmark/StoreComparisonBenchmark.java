package io.opsguard.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.victoria.VictoriaMetricsProperties;
import io.opsguard.monitoring.store.victoria.VictoriaMetricsStore;
import io.opsguard.support.SystemPeers;
import io.opsguard.support.VictoriaMetricsPeer;

/**
 * The "side by side" (Performance, third bullet): the same generated host metrics
 * ({@link HostMetricsGenerator}, default 10,000 series × 8,640 samples, i.e. one day at 10 s; fewer
 * with {@code -Dbenchmark.store.series} and {@code -Dbenchmark.store.samples}) into every store at
 * hand, printing ingest rate and bytes per sample with their ratios to VictoriaMetrics:
 * <ul>
 * <li>any {@link MetricStore} through the interface, in batches of about 100,000 samples
 * (VictoriaMetrics: Debian's binary behind our {@link VictoriaMetricsStore}, so JSON encoding and
 * HTTP are in its figure; bytes: its data directory after a flush and a short settle);</li>
 * <li>Prometheus, where {@code /usr/bin/promtool} exists: its TSDB written by
 * {@code promtool tsdb create-blocks-from openmetrics} from a generated OpenMetrics file; the rate
 * is samples over promtool's run (text parsing included, file writing excluded), the bytes those of
 * the 2-hour blocks it writes (before the compaction a running Prometheus would do later).</li>
 * </ul>
 * The embedded store is OpsGuard's own on a temporary directory; before its bytes are counted its clock
 * moves past the data and it seals and compacts, as it does within the hour in production.
 * Runs once per JVM (not per database: it needs no database).
 */
class StoreComparisonBenchmark implements Benchmark {

	private static boolean ran;

	@Override
	public String name() {
		return "store-comparison";
	}

	/** One store under test: how to make it, how many bytes it takes, how to close it. */
	record Contender(String name, MetricStore store, Runnable flush, LongSupplier bytes, AutoCloseable close) {
	}

	/** Where a result row comes from: samples written, seconds taken, bytes on disk. */
	record Result(String name, long samples, double seconds, long bytes) {

		double rate() {
			return this.samples / this.seconds;
		}

		double bytesPerSample() {
			return (double) this.bytes / this.samples;
		}

	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		if (ran) {
			return List.of();
		}
		ran = true;
		int series = Integer.getInteger("benchmark.store.series", 10_000);
		int samples = Integer.getInteger("benchmark.store.samples", 8_640);
		long end = (System.currentTimeMillis() - 60_000) / 10_000 * 10_000;
		HostMetricsGenerator data = new HostMetricsGenerator(
				Math.max(1, series / HostMetricsGenerator.METRICS_PER_HOST), samples, 10_000, end, 20261207L);
		System.out.printf(Locale.ROOT, "store comparison: %,d series × %,d samples = %,d samples%n", data.series(), samples,
				data.totalSamples());
		Map<String, Result> results = new LinkedHashMap<>();
		Contender embedded = embeddedStore();
		if (embedded != null) {
			results.put(embedded.name(), ingest(embedded, data.again()));
		}
		if (Files.isExecutable(VictoriaMetricsPeer.BINARY)) {
			VictoriaMetricsPeer peer = VictoriaMetricsPeer.start();
			VictoriaMetricsStore victoria = new VictoriaMetricsStore(
					new VictoriaMetricsProperties(peer.url(), Duration.ofMinutes(5), Duration.ofDays(365)), Clock.systemUTC());
			results.put("victoriametrics", ingest(new Contender("victoriametrics", victoria, () -> {
				peer.forceFlush();
				sleep(5_000);
				peer.forceFlush();
			}, peer::diskBytes, peer::close), data.again()));
		}
		else {
			System.out.println("victoria-metrics is not installed: no VictoriaMetrics column");
		}
		Path promtool = Path.of("/usr/bin/promtool");
		if (Files.isExecutable(promtool)) {
			results.put("prometheus (promtool blocks)", prometheus(promtool, data.again()));
		}
		else {
			System.out.println("promtool is not installed: no Prometheus column");
		}
		return table(results);
	}

	/** The embedded store on a temporary directory, with a clock the flush moves past the data. */
	Contender embeddedStore() throws java.io.IOException {
		Path dir = Files.createTempDirectory("opsguard-compare-embedded-");
		io.opsguard.support.MutableClock clock = new io.opsguard.support.MutableClock(java.time.Instant.now());
		io.opsguard.monitoring.store.embedded.EmbeddedMetricStore store = io.opsguard.monitoring.store.embedded.EmbeddedMetricStore
			.open(io.opsguard.monitoring.store.embedded.EmbeddedMetricStore.Settings.of(dir)
				.withMaintenanceInterval(Duration.ZERO), clock);
		return new Contender("embedded", store, () -> {
			clock.advance(Duration.ofDays(1).plusHours(1));
			store.maintain();
		}, () -> SystemPeers.directoryBytes(dir), () -> {
			store.close();
			org.springframework.util.FileSystemUtils.deleteRecursively(dir);
		});
	}

	private static Result ingest(Contender contender, HostMetricsGenerator data) throws Exception {
		int scrapesPerBatch = Math.max(1, 100_000 / data.series());
		long written = 0;
		long started = System.nanoTime();
		try {
			for (int n = 0; n < data.samples(); n += scrapesPerBatch) {
				List<Sample> batch = new ArrayList<>(data.series() * scrapesPerBatch);
				for (int k = n; k < Math.min(data.samples(), n + scrapesPerBatch); k++) {
					batch.addAll(data.batch(k));
				}
				var result = contender.store().append(batch);
				if (!result.rejected().isEmpty()) {
					throw new IllegalStateException(contender.name() + " refused " + result.rejected().size() + " samples, e.g. "
							+ result.rejected().get(0));
				}
				written += result.accepted();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			contender.flush().run();
			return new Result(contender.name(), written, seconds, contender.bytes().getAsLong());
		}
		finally {
			contender.close().close();
		}
	}

	/** Writes the data as OpenMetrics (families grouped, as the format wants) and lets promtool build blocks. */
	private static Result prometheus(Path promtool, HostMetricsGenerator data) throws Exception {
		Path dir = Files.createTempDirectory("opsguard-bench-prom-");
		try {
			Map<String, BufferedWriter> families = new LinkedHashMap<>();
			Map<String, Path> files = new LinkedHashMap<>();
			for (int n = 0; n < data.samples(); n++) {
				for (Sample sample : data.batch(n)) {
					String metric = sample.series().metric();
					BufferedWriter family = families.get(metric);
					if (family == null) {
						Path file = dir.resolve(metric + ".part");
						files.put(metric, file);
						family = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
						family.write("# TYPE " + metric + " gauge\n");
						families.put(metric, family);
					}
					family.write(openMetricsLine(sample));
				}
			}
			Path input = dir.resolve("input.om");
			try (var out = Files.newOutputStream(input)) {
				for (Map.Entry<String, BufferedWriter> family : families.entrySet()) {
					family.getValue().close();
					Files.copy(files.get(family.getKey()), out);
					Files.delete(files.get(family.getKey()));
				}
				out.write("# EOF\n".getBytes(StandardCharsets.UTF_8));
			}
			Path blocks = dir.resolve("blocks");
			long started = System.nanoTime();
			Process process = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", "--quiet",
					input.toString(), blocks.toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("promtool.log").toFile())
				.start();
			int exit = process.waitFor();
			double seconds = (System.nanoTime() - started) / 1e9;
			if (exit != 0) {
				throw new IllegalStateException("promtool ended with " + exit + ": " + Files.readString(dir.resolve("promtool.log")));
			}
			return new Result("prometheus (promtool blocks)", data.totalSamples(), seconds, SystemPeers.directoryBytes(blocks));
		}
		finally {
			org.springframework.util.FileSystemUtils.deleteRecursively(dir);
		}
	}

	private static String openMetricsLine(Sample sample) {
		SeriesKey key = sample.series();
		long t = sample.timestamp();
		double value = sample.value();
		String text = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
				: Double.toString(value);
		return key + " " + text + " " + Math.floorDiv(t, 1000) + "."
				+ String.format(Locale.ROOT, "%03d", Math.floorMod(t, 1000)) + "\n";
	}

	private static List<Figure> table(Map<String, Result> results) {
		Result victoria = results.get("victoriametrics");
		System.out.println();
		System.out.printf(Locale.ROOT, "%-30s %14s %12s %14s %12s %12s %12s%n", "store", "samples", "seconds", "samples/s",
				"bytes", "bytes/sample", "vs VM rate/size");
		List<Figure> figures = new ArrayList<>();
		for (Result result : results.values()) {
			String ratio = victoria == null ? "-"
					: String.format(Locale.ROOT, "%.2f× / %.2f×", result.rate() / victoria.rate(),
							result.bytesPerSample() / victoria.bytesPerSample());
			System.out.printf(Locale.ROOT, "%-30s %,14d %12.1f %,14.0f %,12d %12.3f %12s%n", result.name(), result.samples(),
					result.seconds(), result.rate(), result.bytes(), result.bytesPerSample(), ratio);
			figures.add(Figure.info("store ingest rate " + result.name(), result.rate(), "samples/s"));
			figures.add(Figure.info("store bytes per sample " + result.name(), result.bytesPerSample(), "B"));
		}
		System.out.println();
		Result embedded = results.get("embedded");
		if (embedded != null) {
			figures.add(Figure.atLeast("embedded store ingest", embedded.rate(), "samples/s", 100_000));
			figures.add(Figure.atMost("embedded store disk", embedded.bytesPerSample(), "B/sample", 2));
			if (victoria != null) {
				figures.add(Figure.atLeast("embedded ingest rate / VictoriaMetrics'", embedded.rate() / victoria.rate(), "×",
						0.5));
				figures.add(Figure.atMost("embedded bytes per sample / VictoriaMetrics'",
						embedded.bytesPerSample() / victoria.bytesPerSample(), "×", 2));
			}
		}
		return figures;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
