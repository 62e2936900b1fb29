package io.opsguard.monitoring.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where metric samples live: the embedded store (write-ahead log, Gorilla-compressed chunks, day
 * partitions, hourly rollups) or VictoriaMetrics past one machine, chosen by
 * {@code opsguard.monitoring.store}. Both pass the same contract tests.
 */
public interface MetricStore {

	/** {@code embedded} or {@code victoriametrics}. */
	String kind();

	/**
	 * Stores a batch. When this returns, every accepted sample is durable (it survives a crash of
	 * the process); every refused one is named with its reason and nothing of it is stored. A sample
	 * for a timestamp the series already has replaces it.
	 */
	AppendResult append(List<Sample> samples);

	/** The series matching a selector, at most {@code limit}, sorted by their text form. */
	List<SeriesKey> find(SeriesSelector selector, int limit);

	/**
	 * The points of every matching series in {@code [from, to]}: raw when {@code step} is null or
	 * zero, otherwise one point per step (see {@link SeriesPoints}); a step of an hour or more, or a
	 * range older than the raw retention, reads the hourly rollups where the store keeps them.
	 */
	List<SeriesPoints> range(SeriesSelector selector, Instant from, Instant to, Duration step);

	/** The newest sample of every matching series, if it is no older than {@code lookback}. */
	List<LatestValue> latest(SeriesSelector selector, Duration lookback);

	/**
	 * The {@code n} matching series with the highest ({@code highest}) or lowest newest values no
	 * older than {@code lookback}, in that order: the ten busiest interfaces, the fullest disks.
	 */
	List<LatestValue> top(SeriesSelector selector, int n, boolean highest, Duration lookback);

	/** Volume and health. */
	StoreStatus status();

	/**
	 * Whether every node of a cluster reads and writes this same store (VictoriaMetrics), so that one
	 * node collects for all; a store of one node's own (the embedded one) is not.
	 */
	default boolean shared() {
		return false;
	}

}
