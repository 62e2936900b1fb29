package io.opsguard.monitoring.store;

/**
 * A sample the store refused, and why; nothing of it was stored.
 *
 * @param index the sample's position in the batch given to {@link MetricStore#append}
 * @param reason why
 */
public record Rejection(int index, Reason reason) {

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
