package io.opsguard.monitoring.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which series a query reads: one metric name and, per label, the values it may have (a series
 * matches when each named label has one of the listed values). {@code cpu_usage} with
 * {@code resource ∈ {7, 8}} reads the CPU usage of two resources, with every other label free.
 */
public record SeriesSelector(String metric, Map<String, Set<String>> labels) {

	public SeriesSelector {
		labels = Map.copyOf(labels);
		labels.values().forEach(values -> {
			if (values.isEmpty()) {
				throw new IllegalArgumentException("A label matcher needs at least one value");
			}
		});
	}

	public static SeriesSelector metric(String metric) {
		return new SeriesSelector(metric, Map.of());
	}

	/** This selector with one more label that must have exactly this value. */
	public SeriesSelector where(String label, String value) {
		return where(label, Set.of(value));
	}

	/** This selector with one more label that must have one of these values. */
	public SeriesSelector where(String label, Collection<String> values) {
		Map<String, Set<String>> more = new LinkedHashMap<>(this.labels);
		more.put(label, Set.copyOf(values));
		return new SeriesSelector(this.metric, more);
	}

	public boolean matches(SeriesKey key) {
		if (!key.metric().equals(this.metric)) {
			return false;
		}
		for (Map.Entry<String, Set<String>> matcher : this.labels.entrySet()) {
			String value = key.label(matcher.getKey());
			if (value == null || !matcher.getValue().contains(value)) {
				return false;
			}
		}
		return true;
	}

}
