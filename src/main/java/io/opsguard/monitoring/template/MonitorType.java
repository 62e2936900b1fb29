package io.opsguard.monitoring.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A monitor type, as declared by a YAML template: how to reach a kind of target and which metrics
 * to read from it.
 *
 * @param id a unique key ({@code [a-z0-9-]+}), e.g. {@code linux-ssh}
 * @param version the template's version (uploading a newer version replaces it)
 * @param name what the type picker shows
 * @param description an optional longer text
 * @param category host, network, security, power, environment, database, middleware, application or
 * service
 * @param protocol the {@link io.opsguard.monitoring.collect.Collector#protocol() collector} it needs
 * @param appliesTo CI class codes it is offered for first (empty: any)
 * @param parameters what a monitor of this type is configured with
 * @param collect protocol-specific settings for the whole collection (commands, queries, tables)
 * @param metrics what it reads
 * @param builtIn whether it ships with OpsGuard (an uploaded one cannot replace a built-in id)
 */
public record MonitorType(String id, int version, LocalizedText name, LocalizedText description, String category,
		String protocol, List<String> appliesTo, List<ParameterDefinition> parameters, Map<String, Object> collect,
		List<MetricDefinition> metrics, boolean builtIn) {

	public MonitorType {
		appliesTo = List.copyOf(appliesTo);
		parameters = List.copyOf(parameters);
		collect = collect == null ? Map.of() : Map.copyOf(collect);
		metrics = List.copyOf(metrics);
	}

	public Optional<ParameterDefinition> parameter(String key) {
		return this.parameters.stream().filter(p -> p.key().equals(key)).findFirst();
	}

	public Optional<MetricDefinition> metric(String name) {
		return this.metrics.stream().filter(m -> m.name().equals(name)).findFirst();
	}

	/** The metrics the collector reads (not computed ones). */
	public List<MetricDefinition> collectedMetrics() {
		return this.metrics.stream().filter(MetricDefinition::collected).toList();
	}

	/** A text entry of {@code collect}, or null. */
	public String collectText(String key) {
		Object value = this.collect.get(key);
		return value == null ? null : value.toString();
	}

}
