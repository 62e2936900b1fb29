package io.opsguard.monitoring.store;

import java.time.Duration;

/**
 * A sample the store refused, and why; nothing of it was stored.
 *
 * @param index the sample's position in the batch given to {@link MetricStore#append}
 * @param reason why
 */
public record Rejection(int index, Reason reason) {

	/** How far ahead of the store's clock a sample may lie. */
	public static final Duration FUTURE_SKEW = Duration.ofMinutes(10);

	/**
	 * Why every store refuses a sample before it looks at its series, or null: no series, a value that
	 * is not finite, a time more than {@link #FUTURE_SKEW} ahead of {@code now} or older than the raw
	 * retention. The series' own faults ({@link SeriesKey#problem()}) come after these.
	 */
	public static Reason check(Sample sample, long now, Duration retention) {
		if (sample == null || sample.series() == null) {
			return Reason.BAD_METRIC_NAME;
		}
		if (!Double.isFinite(sample.value())) {
			return Reason.NOT_FINITE;
		}
		if (sample.timestamp() > now + FUTURE_SKEW.toMillis()) {
			return Reason.IN_FUTURE;
		}
		if (sample.timestamp() < now - retention.toMillis()) {
			return Reason.TOO_OLD;
		}
		return null;
	}

	/** Why a sample was refused. */
	public enum Reason {

		/** NaN or an infinity. */
		NOT_FINITE,
		/** More than the allowed skew (10 minutes) ahead of the store's clock. */
		IN_FUTURE,
		/** Older than the raw retention. */
		TOO_OLD,
		/** Older than what the store has already sealed for the series (the embedded store only). */
		OUT_OF_ORDER,
		BAD_METRIC_NAME,
		BAD_LABEL,
		TOO_MANY_LABELS

	}

}
