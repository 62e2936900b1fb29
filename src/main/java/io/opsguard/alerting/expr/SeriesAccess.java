package io.opsguard.alerting.expr;

import java.util.Map;

/**
 * How an {@link AlertExpression} reads the samples of the one resource it is evaluated for. An
 * evaluation reads each metric once, over the largest window the expression uses for it
 * ({@link AlertExpression#metrics()}).
 */
@FunctionalInterface
public interface SeriesAccess {

	/**
	 * Samples of the metric for this resource within [from, to] (both inclusive), per instance
	 * ({@code ""} when the series has no instance label), each in time order. An empty map (or
	 * {@code null}) when the metric has no sample in that time.
	 */
	Map<String, Samples> read(String metric, long fromMillis, long toMillis);

	/**
	 * The samples of one series: timestamps (epoch milliseconds, ascending) and their values, of
	 * the same length. Values that are not finite count as no sample.
	 */
	record Samples(long[] timestamps, double[] values) {

		private static final Samples EMPTY = new Samples(new long[0], new double[0]);

		public Samples {
			if (timestamps == null || values == null || timestamps.length != values.length) {
				throw new IllegalArgumentException("timestamps and values must be given and of the same length");
			}
		}

		public static Samples empty() {
			return EMPTY;
		}

		public int size() {
			return this.timestamps.length;
		}

	}

}
