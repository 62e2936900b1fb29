package io.opsguard.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;

/**
 * Realistic host metrics for store benchmarks: {@code series} series over {@code samples} scrapes
 * {@code interval} apart, ending at {@code end}, deterministic for a seed. Series cycle through the
 * shared metric vocabulary of a host (CPU and memory percent with one decimal, load, file-system
 * bytes that grow slowly, network rates in whole bits per second, process counts), ten series per
 * resource; values wander like real ones (random walks within bounds), and timestamps carry the few
 * milliseconds of jitter a real scrape has. Generated time-major, one scrape of every series per
 * {@link #batch}, as a collector writes them.
 */
public final class HostMetricsGenerator {

	private static final String[] METRICS = { "cpu_usage", "mem_usage", "load1", "fs_used", "fs_usage", "net_in_bps",
			"net_out_bps", "disk_read_bps", "proc_count", "tcp_established" };

	private final int series;

	private final int samples;

	private final long intervalMillis;

	private final long start;

	private final long seed;

	private final SeriesKey[] keys;

	private final double[] values;

	private final SplittableRandom random;

	public HostMetricsGenerator(int series, int samples, long intervalMillis, long end, long seed) {
		this.series = series;
		this.samples = samples;
		this.intervalMillis = intervalMillis;
		this.start = end - (long) samples * intervalMillis;
		this.seed = seed;
		this.keys = new SeriesKey[series];
		this.values = new double[series];
		this.random = new SplittableRandom(seed);
		for (int i = 0; i < series; i++) {
			String metric = METRICS[i % METRICS.length];
			String resource = Integer.toString(i / METRICS.length + 1);
			this.keys[i] = switch (metric) {
				case "fs_used", "fs_usage" -> SeriesKey.of(metric, "resource", resource, "instance", "/data");
				case "net_in_bps", "net_out_bps" -> SeriesKey.of(metric, "resource", resource, "instance", "eth0");
				default -> SeriesKey.of(metric, "resource", resource);
			};
			this.values[i] = initial(metric);
		}
	}

	public int series() {
		return this.series;
	}

	public int samples() {
		return this.samples;
	}

	public long totalSamples() {
		return (long) this.series * this.samples;
	}

	public long start() {
		return this.start;
	}

	public SeriesKey key(int index) {
		return this.keys[index];
	}

	/** The scrape {@code n} (0 … samples-1) of every series. */
	public List<Sample> batch(int n) {
		long scheduled = this.start + n * this.intervalMillis;
		List<Sample> batch = new ArrayList<>(this.series);
		for (int i = 0; i < this.series; i++) {
			long jitter = this.random.nextInt(7) - 3;
			batch.add(new Sample(this.keys[i], scheduled + jitter, next(i)));
		}
		return batch;
	}

	private double next(int i) {
		String metric = this.keys[i].metric();
		double value = this.values[i];
		double step = this.random.nextDouble() - 0.5;
		value = switch (metric) {
			case "cpu_usage" -> round(clamp(value + step * 6, 0, 100), 10);
			case "mem_usage" -> round(clamp(value + step * 0.4, 5, 98), 10);
			case "load1" -> round(clamp(value + step * 0.3, 0, 32), 100);
			case "fs_used" -> value + (this.random.nextInt(10) == 0 ? 4096 * this.random.nextInt(256) : 0);
			case "fs_usage" -> round(clamp(value + (this.random.nextInt(50) == 0 ? 0.1 : 0), 0, 100), 10);
			case "net_in_bps", "net_out_bps", "disk_read_bps" -> Math.rint(Math.max(0, value * (1 + step * 0.2)));
			case "proc_count" -> Math.max(50, value + (this.random.nextInt(20) == 0 ? this.random.nextInt(5) - 2 : 0));
			default -> Math.max(0, value + (this.random.nextInt(5) == 0 ? this.random.nextInt(7) - 3 : 0));
		};
		this.values[i] = value;
		return value;
	}

	private double initial(String metric) {
		return switch (metric) {
			case "cpu_usage" -> round(5 + this.random.nextDouble() * 60, 10);
			case "mem_usage" -> round(20 + this.random.nextDouble() * 60, 10);
			case "load1" -> round(this.random.nextDouble() * 4, 100);
			case "fs_used" -> 4096.0 * (1_000_000 + this.random.nextInt(20_000_000));
			case "fs_usage" -> round(10 + this.random.nextDouble() * 80, 10);
			case "net_in_bps", "net_out_bps", "disk_read_bps" -> Math.rint(1e5 + this.random.nextDouble() * 5e7);
			case "proc_count" -> 150 + this.random.nextInt(200);
			default -> 20 + this.random.nextInt(500);
		};
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

	private static double round(double value, double scale) {
		return Math.rint(value * scale) / scale;
	}

	/** The same data again from the start (a new generator of the same seed). */
	public HostMetricsGenerator again() {
		return new HostMetricsGenerator(this.series, this.samples, this.intervalMillis, this.start
				+ (long) this.samples * this.intervalMillis, this.seed);
	}

}
