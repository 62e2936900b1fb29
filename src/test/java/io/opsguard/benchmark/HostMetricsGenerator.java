package io.opsguard.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;

/**
 * Realistic host metrics for the store benchmarks, deterministic for a seed: {@code hosts} hosts of
 * {@value #METRICS_PER_HOST} series each (the shared metric vocabulary: CPU, load, memory, swap,
 * file systems, network and disk rates, processes, connections, uptime, ping, up), {@code samples}
 * scrapes {@code interval} apart ending at {@code end}. The values are what collectors report:
 * gauges drifting slowly with noise and rounded (CPU to 0.01 %, load to 0.01), memory and
 * file-system bytes in 4 KiB pages, counters turned into rates (bits per second from byte counters
 * over the interval), small integers (processes, connections), a seconds counter (uptime), a
 * constant (up). Timestamps are the scheduler's: every interval exactly, each host at its own phase
 * of whole seconds.
 * <p>
 * Each host keeps its own state and random numbers, so threads may generate disjoint sets of hosts
 * at once ({@link #scrape}); {@link #batch} gives one scrape of every host, as a collector writes it.
 */
public final class HostMetricsGenerator {

	/** The series of one host. */
	public static final int METRICS_PER_HOST = 20;

	private final int samples;

	private final long intervalMillis;

	private final long start;

	private final long seed;

	private final Host[] hosts;

	public HostMetricsGenerator(int hosts, int samples, long intervalMillis, long end, long seed) {
		this.samples = samples;
		this.intervalMillis = intervalMillis;
		this.start = end - (long) samples * intervalMillis;
		this.seed = seed;
		this.hosts = new Host[hosts];
		for (int h = 0; h < hosts; h++) {
			this.hosts[h] = new Host(h, new Random(seed + h), intervalMillis / 1000);
		}
	}

	public int hosts() {
		return this.hosts.length;
	}

	public int series() {
		return this.hosts.length * METRICS_PER_HOST;
	}

	public int samples() {
		return this.samples;
	}

	public long totalSamples() {
		return (long) series() * this.samples;
	}

	/** The time of the first scrape (before each host's phase). */
	public long start() {
		return this.start;
	}

	/** Adds the scrape {@code n} (0 … samples-1) of one host; a host's scrapes must be asked for in order. */
	public void scrape(int host, int n, List<Sample> into) {
		this.hosts[host].next(this.start + n * this.intervalMillis, into);
	}

	/** The scrape {@code n} (0 … samples-1) of every host. */
	public List<Sample> batch(int n) {
		List<Sample> batch = new ArrayList<>(series());
		for (int h = 0; h < this.hosts.length; h++) {
			scrape(h, n, batch);
		}
		return batch;
	}

	/** The same data again from the start (a new generator of the same seed). */
	public HostMetricsGenerator again() {
		return new HostMetricsGenerator(this.hosts.length, this.samples, this.intervalMillis,
				this.start + (long) this.samples * this.intervalMillis, this.seed);
	}

	/** One host's series and the state of its generated values. */
	private static final class Host {

		private final Random random;

		private final SeriesKey[] keys;

		private final long phase;

		private final long intervalSeconds;

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

		Host(int id, Random random, long intervalSeconds) {
			this.random = random;
			this.intervalSeconds = intervalSeconds;
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
			this.uptime += this.intervalSeconds;
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
