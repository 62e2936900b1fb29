package io.opsguard.benchmark;

import java.util.Arrays;

/** Collected request latencies of one kind, in nanoseconds; thread-safe. */
final class Latencies {

	private long[] values = new long[1024];

	private int count;

	private int errors;

	synchronized void add(long nanos) {
		if (this.count == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.count * 2);
		}
		this.values[this.count++] = nanos;
	}

	synchronized void error() {
		this.errors++;
	}

	/** Adds what was measured here to {@code other}. */
	synchronized void copyTo(Latencies other) {
		for (int i = 0; i < this.count; i++) {
			other.add(this.values[i]);
		}
		for (int i = 0; i < this.errors; i++) {
			other.error();
		}
	}

	synchronized int count() {
		return this.count;
	}

	synchronized int errors() {
		return this.errors;
	}

	/** The percentile (0–100) in milliseconds. */
	synchronized double percentileMillis(double percentile) {
		if (this.count == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.values, this.count);
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1_000_000.0;
	}

}
