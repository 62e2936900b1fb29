package io.opsguard.monitoring.collect;

/**
 * One value read by a collector.
 *
 * @param metric the template metric's name
 * @param instance the row it belongs to (an interface, a mount point, a sensor), or null for
 * metrics of the whole target; becomes the series' {@code instance} label
 * @param value the raw value (a counter's current count for metrics of kind counter)
 */
public record CollectedValue(String metric, String instance, double value) {

	public static CollectedValue of(String metric, double value) {
		return new CollectedValue(metric, null, value);
	}

}
