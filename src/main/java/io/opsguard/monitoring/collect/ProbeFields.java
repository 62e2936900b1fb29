package io.opsguard.monitoring.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

/**
 * The template side of the probes (ICMP, TCP, HTTP, DNS): a probe measures a fixed set of fields
 * and each collected metric names the one it stores as {@code source: {field: rtt_avg}}, so a
 * template chooses its metric names and which measurements it keeps.
 */
public final class ProbeFields {

	private ProbeFields() {
	}

	/**
	 * Checks that every collected metric names a known field and nothing else, and that the
	 * parameters the probe reads exist.
	 */
	public static void validate(MonitorType type, Set<String> fields, List<String> requiredParameters,
			TemplateProblems problems) {
		for (String key : requiredParameters) {
			if (type.parameter(key).isEmpty()) {
				problems.add("parameters." + key, "required");
			}
		}
		List<MetricDefinition> metrics = type.metrics();
		for (int i = 0; i < metrics.size(); i++) {
			MetricDefinition metric = metrics.get(i);
			if (!metric.collected()) {
				continue;
			}
			String path = "metrics[" + i + "].source";
			problems.unknownKeys(path, metric.source(), Set.of("field"));
			String field = metric.sourceText("field");
			if (field == null) {
				problems.add(path + ".field", "required");
			}
			else if (!fields.contains(field)) {
				problems.add(path + ".field", "notOneOf", field, String.join(", ", new TreeSet<>(fields)));
			}
		}
	}

	/** The values of the fields the type's metrics ask for; fields not measured (or NaN) are left out. */
	public static List<CollectedValue> select(MonitorType type, Map<String, Double> measured) {
		List<CollectedValue> values = new ArrayList<>();
		for (MetricDefinition metric : type.collectedMetrics()) {
			Double value = measured.get(metric.sourceText("field"));
			if (value != null && Double.isFinite(value)) {
				values.add(CollectedValue.of(metric.name(), value));
			}
		}
		return values;
	}

}
