package io.opsguard.monitoring.store;

/**
 * One measurement of a series.
 *
 * @param series the series
 * @param timestamp milliseconds since the epoch (UTC)
 * @param value a finite value; NaN and infinities are refused
 */
public record Sample(SeriesKey series, long timestamp, double value) {
}
