package io.opsguard.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.store.embedded.EmbeddedMetricStore;
import io.opsguard.support.MutableClock;

/**
 * The embedded metric store on generated host metrics (ADR 0016): {@code hosts × 20} series (default
 * 500 hosts: 10,000 series) of a day at 10 s (8,640 samples each) appended through the write-ahead log
 * by four threads, then the queries charts make. The store runs in a directory of its own beside the
 * application (it needs no database: run with {@code -Dbenchmark.databases=h2
 * -Dbenchmark.only=store}; {@code -Dbenchmark.store.hosts=50} for a quick look).
 * The values come from {@link HostMetricsGenerator} (seed 0), as in the store comparison.
 */
class StoreBenchmark implements Benchmark {

	private static final long INTERVAL = 10_000;

	@Override
	public String name() {
		return "store";
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		if (!context.database().equals("h2")) {
			// the store needs no database: measured once
			return List.of();
		}
		int hosts = Integer.getInteger("benchmark.store.hosts", 500);
		int steps = Integer.getInteger("benchmark.store.samples", 8640);
		List<Figure> figures = new ArrayList<>();
		Path directory = Files.createTempDirectory("opsguard-store-bench-");
		Instant start = Instant.ofEpochMilli((System.currentTimeMillis() / INTERVAL) * INTERVAL)
			.minusMillis(steps * INTERVAL);
		MutableClock clock = new MutableClock(start.plusMillis(steps * INTERVAL));
		try (EmbeddedMetricStore store = EmbeddedMetricStore.open(EmbeddedMetricStore.Settings.of(directory)
			.withMaintenanceInterval(Duration.ofSeconds(2)), clock)) {
			HostMetricsGenerator data = new HostMetricsGenerator(hosts, steps, INTERVAL, start.toEpochMilli() + steps * INTERVAL,
					0);
			int threads = 4;
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			long began = System.nanoTime();
			List<Future<Long>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					long accepted = 0;
					List<Sample> batch = new ArrayList<>(hosts / threads * HostMetricsGenerator.METRICS_PER_HOST + HostMetricsGenerator.METRICS_PER_HOST);
					for (int step = 0; step < steps; step++) {
						batch.clear();
						for (int h = thread; h < hosts; h += threads) {
							data.scrape(h, step, batch);
						}
						accepted += store.append(batch).accepted();
					}
					return accepted;
				}));
			}
			long accepted = 0;
			for (Future<Long> result : results) {
				accepted += result.get();
			}
			double seconds = (System.nanoTime() - began) / 1e9;
			pool.shutdown();
			long expected = (long) hosts * HostMetricsGenerator.METRICS_PER_HOST * steps;
			figures.add(Figure.atLeast("store ingest through the WAL (" + hosts * HostMetricsGenerator.METRICS_PER_HOST + " series × " + steps
					+ ", 4 threads)", accepted / seconds, "samples/s", 100_000)
				.remark(accepted == expected ? String.format("%.1f batches per fsync", store.batchesPerFsync())
						: "only " + accepted + " of " + expected + " accepted"));
			store.maintain();
			// Top-10 of 5,000 resources for the last value
			List<Sample> interfaces = new ArrayList<>();
			Random random = new Random(7);
			for (int r = 0; r < 5000; r++) {
				interfaces.add(new Sample(SeriesKey.of("if_in_bps", "resource", String.valueOf(100_000 + r), "instance",
						"GigabitEthernet0/0/1"), clock.millis() - random.nextInt(60_000), Math.round(random.nextDouble() * 1e9)));
			}
			store.append(interfaces);
			Latencies top = new Latencies();
			for (int i = 0; i < 100; i++) {
				long t0 = System.nanoTime();
				if (store.top(SeriesSelector.metric("if_in_bps"), 10, i % 2 == 0, Duration.ofMinutes(5)).size() != 10) {
					top.error();
				}
				top.add(System.nanoTime() - t0);
			}
			figures.add(Figure.atMost("store Top-10 of 5,000 resources, last value, p95", top.percentileMillis(95), "ms", 300));
			// one series over 24 h raw
			Latencies raw = new Latencies();
			for (int i = 0; i < 200; i++) {
				int host = random.nextInt(hosts);
				long t0 = System.nanoTime();
				List<SeriesPoints> points = store.range(
						SeriesSelector.metric("cpu_usage").where("resource", String.valueOf(host)), start.minusMillis(INTERVAL),
						start.plusMillis(steps * INTERVAL), null);
				raw.add(System.nanoTime() - t0);
				if (points.size() != 1 || points.get(0).size() != steps) {
					raw.error();
				}
			}
			figures.add(Figure.atMost("store one series 24 h raw, p95", raw.percentileMillis(95), "ms", 20)
				.remark(raw.errors() == 0 ? null : raw.errors() + " answers incomplete"));
			// the size once every hour is sealed and the days compacted
			clock.advance(Duration.ofDays(1).plusHours(1));
			store.maintain();
			figures.add(Figure.atMost("store bytes per sample, chunks", store.chunkBytesPerSample(), "B", 2));
			figures.add(Figure.info("store bytes per sample, all files (chunks, rollups, series, log)",
					store.status().bytesPerSample(), "B"));
		}
		figures.add(yearOfRollups());
		return figures;
	}

	/** 20 series at 5 min for a year, sealed and compacted; one series' hourly rollups over the year. */
	private static Figure yearOfRollups() throws Exception {
		Path directory = Files.createTempDirectory("opsguard-store-bench-year-");
		long end = (System.currentTimeMillis() / 3_600_000L) * 3_600_000L;
		long begin = end - Duration.ofDays(365).toMillis();
		MutableClock clock = new MutableClock(Instant.ofEpochMilli(begin));
		try (EmbeddedMetricStore store = EmbeddedMetricStore.open(EmbeddedMetricStore.Settings.of(directory)
			.withRawRetention(Duration.ofDays(400))
			.withRollupRetention(Duration.ofDays(400))
			.withMaintenanceInterval(Duration.ZERO), clock)) {
			Random random = new Random(3);
			for (long day = begin; day < end; day += Duration.ofDays(30).toMillis()) {
				List<Sample> batch = new ArrayList<>();
				for (long t = day; t < Math.min(end, day + Duration.ofDays(30).toMillis()); t += 300_000) {
					for (int s = 0; s < 20; s++) {
						batch.add(new Sample(SeriesKey.of("cpu_usage", "resource", String.valueOf(s)), t,
								Math.round((30 + 20 * Math.sin(t / 8.64e7) + random.nextGaussian() * 3) * 100) / 100.0));
					}
				}
				clock.set(Instant.ofEpochMilli(Math.min(end, day + Duration.ofDays(30).toMillis())));
				store.append(batch);
				store.maintain();
			}
			clock.set(Instant.ofEpochMilli(end + Duration.ofDays(1).toMillis()));
			store.maintain();
			Latencies year = new Latencies();
			for (int i = 0; i < 20; i++) {
				long t0 = System.nanoTime();
				List<SeriesPoints> points = store.range(SeriesSelector.metric("cpu_usage").where("resource",
						String.valueOf(i % 20)), Instant.ofEpochMilli(begin), Instant.ofEpochMilli(end), Duration.ofHours(1));
				year.add(System.nanoTime() - t0);
				if (points.size() != 1 || points.get(0).size() < 8700) {
					year.error();
				}
			}
			return Figure.atMost("store one year of hourly rollups of one series, p95", year.percentileMillis(95), "ms", 100)
				.remark(year.errors() == 0 ? null : year.errors() + " answers incomplete");
		}
	}

}
