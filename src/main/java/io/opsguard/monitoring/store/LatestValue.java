package io.opsguard.monitoring.store;

/** The newest sample of a series. */
public record LatestValue(SeriesKey series, long timestamp, double value) {
}
