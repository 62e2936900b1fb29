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
 * <p>
 * The values are what collectors report: gauges drifting slowly with noise and rounded (CPU to 0.01 %,
 * load to 0.01), memory and file-system bytes in 4 KiB pages, counters turned into rates (bits per
 * second from byte counters over 10 s), small integers (processes, connections), a seconds counter
 * (uptime), a constant (up). Timestamps are the scheduler's: every 10 s exactly, each host at its own
 * phase.
 */
class StoreBenchmark implements Benchmark {

	private static final int METRICS_PER_HOST = 20;

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
			Host[] all = new Host[hosts];
			for (int h = 0; h < hosts; h++) {
				all[h] = new Host(h, new Random(h));
			}
			int threads = 4;
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			long began = System.nanoTime();
			List<Future<Long>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					long accepted = 0;
					List<Sample> batch = new ArrayList<>(hosts / threads * METRICS_PER_HOST + METRICS_PER_HOST);
					for (int step = 0; step < steps; step++) {
						batch.clear();
						for (int h = thread; h < hosts; h += threads) {
							all[h].next(start.toEpochMilli() + step * INTERVAL, batch);
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
			long expected = (long) hosts * METRICS_PER_HOST * steps;
			figures.add(Figure.atLeast("store ingest through the WAL (" + hosts * METRICS_PER_HOST + " series × " + steps
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

	/** One host's 20 series and the state of its generated values. */
	private static final class Host {

		private final Random random;

		private final SeriesKey[] keys;

		private final long phase;

		private double cpuBase;

		private double load1;

		private double load5;

		private double load15;

		private double memory;

		private long memoryBytes;

		private double fsRoot;

		private double fsData;

		private long freeRoot;

		private long freeData;

		private long processes;

		private long connections;

		private long uptime;

		private double rtt;

		Host(int id, Random random) {
			this.random = random;
			String resource = String.valueOf(id);
			String[][] names = { { "cpu_usage" }, { "load1" }, { "load5" }, { "load15" }, { "mem_usage" },
					{ "mem_used_bytes" }, { "swap_usage" }, { "fs_usage", "/" }, { "fs_usage", "/data" },
					{ "fs_free_bytes", "/" }, { "fs_free_bytes", "/data" }, { "net_in_bps", "eth0" },
					{ "net_out_bps", "eth0" }, { "disk_read_bps", "sda" }, { "disk_write_bps", "sda" }, { "process_count" },
					{ "tcp_connections" }, { "uptime_seconds" }, { "ping_rtt_ms" }, { "up" } };
			this.keys = new SeriesKey[names.length];
			for (int i = 0; i < names.length; i++) {
				this.keys[i] = names[i].length == 1 ? SeriesKey.of(names[i][0], "resource", resource, "monitor", resource)
						: SeriesKey.of(names[i][0], "resource", resource, "monitor", resource, "instance", names[i][1]);
			}
			this.phase = random.nextInt(10) * 1000L;
			this.cpuBase = 10 + random.nextDouble() * 40;
			this.memory = 30 + random.nextDouble() * 50;
			this.memoryBytes = (long) (this.memory / 100 * 32L * 1024 * 1024 * 1024) / 4096 * 4096;
			this.fsRoot = 20 + random.nextDouble() * 50;
			this.fsData = 10 + random.nextDouble() * 80;
			this.freeRoot = (long) ((100 - this.fsRoot) / 100 * 50e9) / 4096 * 4096;
			this.freeData = (long) ((100 - this.fsData) / 100 * 500e9) / 4096 * 4096;
			this.processes = 150 + random.nextInt(200);
			this.connections = 20 + random.nextInt(500);
			this.uptime = random.nextInt(10_000_000);
			this.rtt = 0.2 + random.nextDouble() * 5;
		}

		void next(long timestamp, List<Sample> into) {
			long t = timestamp - this.phase;
			Random r = this.random;
			this.cpuBase = clamp(this.cpuBase + r.nextGaussian() * 0.3, 2, 90);
			double cpu = clamp(this.cpuBase + r.nextGaussian() * 3, 0, 100);
			this.load1 = Math.max(0, this.load1 * 0.85 + cpu / 25 * 0.15 + r.nextGaussian() * 0.05);
			this.load5 = this.load5 * 0.967 + this.load1 * 0.033;
			this.load15 = this.load15 * 0.989 + this.load1 * 0.011;
			this.memoryBytes = Math.max(4096, this.memoryBytes + (long) (r.nextGaussian() * 2000) * 4096);
			this.memory = this.memoryBytes * 100.0 / (32L * 1024 * 1024 * 1024);
			if (r.nextInt(30) == 0) {
				this.freeRoot -= 4096L * r.nextInt(50);
				this.freeData -= 4096L * r.nextInt(500);
			}
			this.fsRoot = 100 - this.freeRoot * 100 / 50e9;
			this.fsData = 100 - this.freeData * 100 / 500e9;
			double netIn = Math.max(0, 2e6 + r.nextGaussian() * 5e5);
			double netOut = Math.max(0, 8e5 + r.nextGaussian() * 2e5);
			this.processes += r.nextInt(7) == 0 ? r.nextInt(5) - 2 : 0;
			this.connections = Math.max(0, this.connections + r.nextInt(11) - 5);
			this.uptime += 10;
			this.rtt = clamp(this.rtt + r.nextGaussian() * 0.05, 0.1, 50);
			double[] values = { round(cpu, 2), round(this.load1, 2), round(this.load5, 2), round(this.load15, 2),
					round(this.memory, 2), this.memoryBytes, 0, round(this.fsRoot, 2), round(this.fsData, 2), this.freeRoot,
					this.freeData, Math.round(netIn / 8) * 8 / 10.0, Math.round(netOut / 8) * 8 / 10.0,
					r.nextInt(5) == 0 ? Math.round(r.nextDouble() * 4e6 / 512) * 512 / 10.0 : 0,
					Math.round(r.nextDouble() * 2e6 / 512) * 512 / 10.0, this.processes, this.connections, this.uptime,
					round(this.rtt + Math.abs(r.nextGaussian() * 0.1), 3), 1 };
			for (int i = 0; i < values.length; i++) {
				into.add(new Sample(this.keys[i], t, values[i]));
			}
		}

		private static double clamp(double value, double min, double max) {
			return Math.max(min, Math.min(max, value));
		}

		private static double round(double value, int places) {
			double factor = Math.pow(10, places);
			return Math.round(value * factor) / factor;
		}

	}

}
