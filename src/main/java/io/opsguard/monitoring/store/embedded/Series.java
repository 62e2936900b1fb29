package io.opsguard.monitoring.store.embedded;

import java.util.Arrays;

import io.opsguard.monitoring.store.SeriesKey;

/**
 * One series in memory: its id, its head (the samples not yet sealed into chunk files, sorted, one
 * per timestamp) and its newest sample.
 */
final class Series {

	final int id;

	final SeriesKey key;

	final String text;

	/** The position of its definition in the series file (for group durability). */
	final long written;

	/** The newest sealed timestamp: samples at or before it are refused (changed under the store's write lock). */
	volatile long sealedMax = Long.MIN_VALUE;

	private long[] timestamps = new long[4];

	private double[] values = new double[4];

	private int size;

	private long lastTimestamp = Long.MIN_VALUE;

	private double lastValue = Double.NaN;

	Series(int id, SeriesKey key, long written) {
		this.id = id;
		this.key = key;
		this.text = key.toString();
		this.written = written;
	}

	/** Adds a sample to the head; a sample for a timestamp already there replaces it. */
	synchronized void insert(long timestamp, double value) {
		if (this.size == 0 || timestamp > this.timestamps[this.size - 1]) {
			if (this.size == this.timestamps.length) {
				grow();
			}
			this.timestamps[this.size] = timestamp;
			this.values[this.size] = value;
			this.size++;
		}
		else {
			int at = Arrays.binarySearch(this.timestamps, 0, this.size, timestamp);
			if (at >= 0) {
				this.values[at] = value;
			}
			else {
				int insert = -at - 1;
				if (this.size == this.timestamps.length) {
					grow();
				}
				System.arraycopy(this.timestamps, insert, this.timestamps, insert + 1, this.size - insert);
				System.arraycopy(this.values, insert, this.values, insert + 1, this.size - insert);
				this.timestamps[insert] = timestamp;
				this.values[insert] = value;
				this.size++;
			}
		}
		noteLatest(timestamp, value);
	}

	synchronized void noteLatest(long timestamp, double value) {
		if (timestamp >= this.lastTimestamp) {
			this.lastTimestamp = timestamp;
			this.lastValue = value;
		}
	}

	private void grow() {
		int capacity = this.timestamps.length * 2;
		this.timestamps = Arrays.copyOf(this.timestamps, capacity);
		this.values = Arrays.copyOf(this.values, capacity);
	}

	/** The newest sample, or null when the series has none. */
	synchronized double[] latest() {
		return this.lastTimestamp == Long.MIN_VALUE ? null : new double[] { this.lastTimestamp, this.lastValue };
	}

	synchronized long lastTimestamp() {
		return this.lastTimestamp;
	}

	synchronized double lastValue() {
		return this.lastValue;
	}

	synchronized int headSize() {
		return this.size;
	}

	/** A copy of the head's samples in {@code [from, to]}. */
	synchronized Points head(long from, long to) {
		int start = lowerBound(from);
		int end = lowerBound(to == Long.MAX_VALUE ? to : to + 1);
		if (to == Long.MAX_VALUE) {
			end = this.size;
		}
		return new Points(Arrays.copyOfRange(this.timestamps, start, end), Arrays.copyOfRange(this.values, start, end));
	}

	/** A copy of the head's samples at or before {@code boundary}. */
	synchronized Points sealable(long boundary) {
		int end = boundary == Long.MAX_VALUE ? this.size : lowerBound(boundary + 1);
		return new Points(Arrays.copyOf(this.timestamps, end), Arrays.copyOf(this.values, end));
	}

	/** Drops the head's samples at or before {@code sealed}: they are in a chunk file now. */
	synchronized void dropSealed(long sealed) {
		int end = lowerBound(sealed == Long.MAX_VALUE ? sealed : sealed + 1);
		if (sealed == Long.MAX_VALUE) {
			end = this.size;
		}
		int rest = this.size - end;
		System.arraycopy(this.timestamps, end, this.timestamps, 0, rest);
		System.arraycopy(this.values, end, this.values, 0, rest);
		this.size = rest;
		if (this.timestamps.length > 64 && rest < this.timestamps.length / 4) {
			int capacity = Math.max(4, rest * 2);
			this.timestamps = Arrays.copyOf(this.timestamps, capacity);
			this.values = Arrays.copyOf(this.values, capacity);
		}
	}

	private int lowerBound(long timestamp) {
		int low = 0;
		int high = this.size;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (this.timestamps[middle] < timestamp) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	/** Samples in time order. */
	record Points(long[] timestamps, double[] values) {

		int size() {
			return this.timestamps.length;
		}

	}

}
