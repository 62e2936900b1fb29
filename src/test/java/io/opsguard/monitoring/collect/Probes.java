package io.opsguard.monitoring.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.monitoring.template.ParameterDefinition;

/** Test support for collectors: built-in templates and requests with their defaults filled in, as the scheduler does. */
public final class Probes {

	private Probes() {
	}

	/** A built-in template by id, parsed. */
	public static MonitorType template(String id) {
		try (InputStream in = Probes.class.getResourceAsStream("/monitoring/templates/" + id + ".yml")) {
			if (in == null) {
				throw new IllegalArgumentException("No built-in template " + id);
			}
			return MonitorTypeParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A request of the type with these parameters and the type's defaults for the others. */
	public static CollectionRequest request(MonitorType type, Map<String, Object> parameters, Duration timeout) {
		Map<String, Object> all = new HashMap<>();
		for (ParameterDefinition parameter : type.parameters()) {
			if (parameter.defaultValue() != null) {
				all.put(parameter.key(), parameter.defaultValue());
			}
		}
		all.putAll(parameters);
		return new CollectionRequest(type, all, timeout);
	}

	/** The value of a metric (of the whole target, or of one instance when given). */
	public static Optional<Double> value(CollectionResult result, String metric, String instance) {
		return result.values()
			.stream()
			.filter(v -> v.metric().equals(metric) && java.util.Objects.equals(v.instance(), instance))
			.map(CollectedValue::value)
			.findFirst();
	}

	public static Optional<Double> value(CollectionResult result, String metric) {
		return value(result, metric, null);
	}

}
