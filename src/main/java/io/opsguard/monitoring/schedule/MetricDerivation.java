package io.opsguard.monitoring.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.template.ComputeExpression;
import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MetricKind;
import io.opsguard.monitoring.template.MonitorType;

/**
 * Turns what a collector read into the samples stored: counters become rates per second, each
 * value is multiplied by its metric's scale, {@code compute} metrics are evaluated per row (a row's
 * own values first, then the target's), hidden metrics are dropped, and every collection adds
 * {@code collect_success} and {@code collect_duration} so that "no data" is never silent. Series
 * carry the labels {@code resource}, {@code monitor} and, for rows, {@code instance}.
 */
public final class MetricDerivation {

	/** 1 when the collection read values, else 0. */
	public static final String COLLECT_SUCCESS = "collect_success";

	/** How long the collection took, in milliseconds. */
	public static final String COLLECT_DURATION = "collect_duration";

	private final CounterRates rates;

	private final Map<String, ComputeExpression> expressions = new ConcurrentHashMap<>();

	public MetricDerivation(CounterRates rates) {
		this.rates = rates;
	}

	/** The samples to store for one collection of a monitor of a resource. */
	public List<Sample> samples(MonitorType type, long resourceId, long monitorId, CollectionResult result,
			long timestampMillis, long durationMillis) {
		List<Sample> samples = new ArrayList<>();
		String resource = Long.toString(resourceId);
		String monitor = Long.toString(monitorId);
		for (Map.Entry<String, Map<String, Double>> row : values(type, monitorId, result, timestampMillis).entrySet()) {
			String instance = row.getKey();
			for (Map.Entry<String, Double> value : row.getValue().entrySet()) {
				Optional<MetricDefinition> metric = type.metric(value.getKey());
				if (metric.isEmpty() || metric.get().hidden() || !Double.isFinite(value.getValue())) {
					continue;
				}
				SeriesKey key = instance.isEmpty()
						? SeriesKey.of(value.getKey(), SeriesKey.RESOURCE, resource, SeriesKey.MONITOR, monitor)
						: SeriesKey.of(value.getKey(), SeriesKey.RESOURCE, resource, SeriesKey.MONITOR, monitor,
								SeriesKey.INSTANCE, instance);
				samples.add(new Sample(key, timestampMillis, value.getValue()));
			}
		}
		samples.add(new Sample(SeriesKey.of(COLLECT_SUCCESS, SeriesKey.RESOURCE, resource, SeriesKey.MONITOR, monitor),
				timestampMillis, result.outcome().collected() ? 1 : 0));
		samples.add(new Sample(SeriesKey.of(COLLECT_DURATION, SeriesKey.RESOURCE, resource, SeriesKey.MONITOR, monitor),
				timestampMillis, durationMillis));
		return samples;
	}

	/**
	 * The derived values by row ("" for the target's own) and metric, hidden ones included, in the
	 * template's order; NaN where a value could not be derived.
	 */
	public Map<String, Map<String, Double>> values(MonitorType type, long monitorId, CollectionResult result,
			long timestampMillis) {
		Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
		rows.put("", new LinkedHashMap<>());
		for (CollectedValue collected : result.values()) {
			Optional<MetricDefinition> found = type.metric(collected.metric());
			if (found.isEmpty() || !found.get().collected()) {
				continue;
			}
			MetricDefinition metric = found.get();
			String instance = collected.instance() == null ? "" : collected.instance();
			double value = collected.value();
			if (metric.kind() == MetricKind.COUNTER) {
				value = this.rates.rate(monitorId, metric.name() + "\u0000" + instance, value, timestampMillis);
			}
			value = value * metric.scale();
			rows.computeIfAbsent(instance, i -> new LinkedHashMap<>()).put(metric.name(), value);
		}
		Map<String, Double> target = rows.get("");
		for (MetricDefinition metric : type.metrics()) {
			if (metric.collected()) {
				continue;
			}
			ComputeExpression expression = this.expressions.computeIfAbsent(metric.compute(), ComputeExpression::parse);
			for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
				Map<String, Double> own = row.getValue();
				boolean rowHasInputs = expression.variables().stream().anyMatch(own::containsKey);
				if (!row.getKey().isEmpty() && !rowHasInputs) {
					continue;
				}
				if (row.getKey().isEmpty() && !rowHasInputs) {
					continue;
				}
				Map<String, Double> visible = new HashMap<>(target);
				visible.putAll(own);
				double value = expression.evaluate(visible);
				own.put(metric.name(), value * metric.scale());
			}
		}
		if (target.isEmpty() && rows.size() > 1) {
			rows.remove("");
		}
		return rows;
	}

}
