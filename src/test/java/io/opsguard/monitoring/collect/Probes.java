package io.opsguard.monitoring.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.monitoring.template.ParameterDefinition;
import io.opsguard.monitoring.template.TemplateProblems;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

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

	/**
	 * Every built-in template ({@code classpath*:monitoring/templates/*.yml}) of a protocol, each
	 * checked: it parses strictly, passes {@code check} (its collector's validation), its file is
	 * named after its id and its name is given in both languages.
	 */
	public static List<MonitorType> validBuiltInTemplates(String protocol, BiConsumer<MonitorType, TemplateProblems> check) {
		List<MonitorType> types = new ArrayList<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:monitoring/templates/*.yml")) {
				TemplateProblems problems = new TemplateProblems();
				MonitorType type = MonitorTypeParser.parse(resource.getContentAsString(StandardCharsets.UTF_8), true,
						problems);
				assertThat(type).as(resource.getFilename() + " " + problems.all()).isNotNull();
				if (!protocol.equals(type.protocol())) {
					continue;
				}
				check.accept(type, problems);
				assertThat(problems.all()).as(resource.getFilename()).isEmpty();
				assertThat(resource.getFilename()).isEqualTo(type.id() + ".yml");
				assertThat(type.name().zh()).as(type.id()).isNotBlank();
				assertThat(type.name().en()).as(type.id()).isNotBlank();
				types.add(type);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return types;
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

	/** The value of a metric (of the whole target when instance is null); an assertion error naming the values there are when it has none. */
	public static double valueOf(CollectionResult result, String metric, String instance) {
		return value(result, metric, instance)
			.orElseThrow(() -> new AssertionError("no " + metric + "{" + instance + "} in " + result.values()));
	}

	public static Optional<Double> value(CollectionResult result, String metric) {
		return value(result, metric, null);
	}

}
