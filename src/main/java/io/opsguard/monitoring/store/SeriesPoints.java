package io.opsguard.monitoring.store;

/**
 * A series' points over a range. Raw points carry the samples as stored ({@code min} and {@code max}
 * are null). Downsampled points are one per step: at each step-aligned time {@code t} the average,
 * minimum and maximum of the samples in {@code (t - step, t]}; steps without samples are left out.
 *
 * @param series the series
 * @param resolution where the points come from
 * @param timestamps milliseconds since the epoch, ascending
 * @param values the raw values, or the averages
 * @param min the minimum per step, or null for raw points
 * @param max the maximum per step, or null for raw points
 */
public record SeriesPoints(SeriesKey series, Resolution resolution, long[] timestamps, double[] values, double[] min,
		double[] max) {

	/** Where a range's points come from. */
	public enum Resolution {

		/** The samples as collected. */
		RAW,
		/** Downsampled from the samples. */
		STEP,
		/** From the hourly rollups (long ranges, and ranges older than the raw retention). */
		HOURLY

	}

	public int size() {
		return this.timestamps.length;
	}

}
