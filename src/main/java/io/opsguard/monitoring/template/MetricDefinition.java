package io.opsguard.monitoring.template;

import java.util.List;
import java.util.Map;

/**
 * A metric of a monitor type.
 *
 * @param name the stored metric name ({@code [a-z_][a-z0-9_]*}); the shared vocabulary of
 * {@code docs/guide/monitor-templates.md} where one applies, so an SSH, SNMP or Prometheus host
 * report the same {@code cpu_usage}
 * @param label what charts and tables call it
 * @param unit one of {@link MonitorTypeParser#UNITS}
 * @param kind gauge or counter (stored as a rate per second)
 * @param scale multiplied into the value before it is stored (octets → bits: 8)
 * @param instance what one row is called when the metric has one value per row (接口, 挂载点), or
 * null for a metric of the whole target
 * @param compute an arithmetic expression over other metrics of the same row (after rates and
 * scales), e.g. {@code 100 * used / size}; null when the collector reads the value
 * @param hidden an intermediate value that only feeds {@code compute}, not stored
 * @param source what the collector reads (protocol-specific: an OID, a command's field, a query)
 * @param thresholds default thresholds
 */
public record MetricDefinition(String name, LocalizedText label, String unit, MetricKind kind, double scale,
		LocalizedText instance, String compute, boolean hidden, Map<String, Object> source,
		List<ThresholdDefinition> thresholds) {

	public MetricDefinition {
		source = source == null ? Map.of() : Map.copyOf(source);
		thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
	}

	/** Whether the collector reads this metric (rather than computing it from others). */
	public boolean collected() {
		return this.compute == null;
	}

	/** A text entry of {@code source}, or null. */
	public String sourceText(String key) {
		Object value = this.source.get(key);
		return value == null ? null : value.toString();
	}

}
