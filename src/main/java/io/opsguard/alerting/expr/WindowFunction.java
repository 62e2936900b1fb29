package io.opsguard.alerting.expr;

import java.util.Locale;

/**
 * What is computed from the samples of one series within a window: the functions of the language
 * that take a metric ({@code rate(errors[5m])}), and {@link #LAST} for a metric written alone.
 */
enum WindowFunction {

	/** The last sample; what a metric written alone means. */
	LAST,
	/** Per-second increase of a counter, first to last sample, resets counted from zero. */
	RATE,
	AVG, MIN, MAX,
	/** Last minus first sample. */
	DELTA,
	/** Number of samples. */
	COUNT_OVER,
	/** How many times the value changed from one sample to the next (a link going down and up: 2). */
	CHANGES,
	/** 1 when there is no sample in the window, else 0; computed over all instances, not per instance. */
	ABSENT;

	final String functionName = name().toLowerCase(Locale.ROOT);

	static WindowFunction byName(String name) {
		for (WindowFunction function : values()) {
			if (function.functionName.equals(name)) {
				return function;
			}
		}
		return null;
	}

	/**
	 * The value over samples {@code [from, to)} of the arrays; NaN when there are too few samples
	 * (none; fewer than two for rate and delta). Not-finite values are skipped.
	 */
	double compute(long[] timestamps, double[] values, int from, int to) {
		switch (this) {
			case LAST:
				for (int i = to - 1; i >= from; i--) {
					if (Double.isFinite(values[i])) {
						return values[i];
					}
				}
				return Double.NaN;
			case AVG: {
				double sum = 0;
				int count = 0;
				for (int i = from; i < to; i++) {
					if (Double.isFinite(values[i])) {
						sum += values[i];
						count++;
					}
				}
				return (count == 0) ? Double.NaN : sum / count;
			}
			case MIN:
			case MAX: {
				double best = Double.NaN;
				for (int i = from; i < to; i++) {
					double value = values[i];
					if (Double.isFinite(value)
							&& (Double.isNaN(best) || ((this == MIN) ? value < best : value > best))) {
						best = value;
					}
				}
				return best;
			}
			case COUNT_OVER: {
				int count = 0;
				for (int i = from; i < to; i++) {
					if (Double.isFinite(values[i])) {
						count++;
					}
				}
				return count;
			}
			case DELTA:
			case RATE:
				return change(timestamps, values, from, to);
			case CHANGES: {
				int changes = 0;
				double previous = Double.NaN;
				boolean any = false;
				for (int i = from; i < to; i++) {
					double value = values[i];
					if (!Double.isFinite(value)) {
						continue;
					}
					if (any && value != previous) {
						changes++;
					}
					previous = value;
					any = true;
				}
				return any ? changes : Double.NaN;
			}
			case ABSENT:
				return (COUNT_OVER.compute(timestamps, values, from, to) == 0) ? 1 : 0;
			default:
				throw new IllegalStateException(name());
		}
	}

	private double change(long[] timestamps, double[] values, int from, int to) {
		int first = -1;
		int last = -1;
		double increase = 0;
		for (int i = from; i < to; i++) {
			double value = values[i];
			if (!Double.isFinite(value)) {
				continue;
			}
			if (last >= 0) {
				double step = value - values[last];
				// a counter that went down was reset: it counted from zero since
				increase += (step >= 0) ? step : value;
			}
			else {
				first = i;
			}
			last = i;
		}
		if (first < 0 || first == last) {
			return Double.NaN;
		}
		if (this == DELTA) {
			return values[last] - values[first];
		}
		long millis = timestamps[last] - timestamps[first];
		return (millis <= 0) ? Double.NaN : increase * 1000.0 / millis;
	}

}
