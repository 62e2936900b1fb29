package io.opsguard.monitoring.store;

import java.util.List;

/**
 * What {@link MetricStore#append} did with a batch: the accepted samples are durable, the rejected
 * ones were not stored at all.
 */
public record AppendResult(int accepted, List<Rejection> rejected) {

	public AppendResult {
		rejected = List.copyOf(rejected);
	}

	public static AppendResult allAccepted(int count) {
		return new AppendResult(count, List.of());
	}

}
