package io.opsguard.monitoring.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opsguard.monitoring.collect.Collector;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Every monitor type OpsGuard knows: the built-in templates under
 * {@code classpath:monitoring/templates/*.yml} (a broken one stops the start, naming its faults) and
 * those administrators upload. Validation checks the common format and asks the protocol's collector
 * about its own parts.
 */
@Component
public class MonitorTypes {

	static final String BUILT_IN = "classpath*:monitoring/templates/*.yml";

	private final Map<String, Collector> collectors;

	private final Map<String, MonitorType> types = new ConcurrentHashMap<>();

	private final Map<String, String> builtInSources = new ConcurrentHashMap<>();

	public MonitorTypes(List<Collector> collectors) {
		this.collectors = collectors.stream().collect(Collectors.toMap(Collector::protocol, Function.identity()));
		for (MonitorType type : loadBuiltIn()) {
			if (this.types.putIfAbsent(type.id(), type) != null) {
				throw new IllegalStateException("Two built-in monitor templates have the id " + type.id());
			}
		}
	}

	private List<MonitorType> loadBuiltIn() {
		List<MonitorType> loaded = new ArrayList<>();
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(BUILT_IN);
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					TemplateProblems problems = new TemplateProblems();
					MonitorType type = validate(yaml, true, problems);
					if (!problems.isEmpty()) {
						throw new TemplateException(resource.getFilename(), problems);
					}
					loaded.add(type);
					this.builtInSources.put(type.id(), yaml);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the built-in monitor templates", ex);
		}
		return loaded;
	}

	/**
	 * Parses and validates a template completely: the common format, the protocol (a collector must
	 * exist for it) and the collector's own checks.
	 */
	public MonitorType validate(String yaml, boolean builtIn, TemplateProblems problems) {
		MonitorType type = MonitorTypeParser.parse(yaml, builtIn, problems);
		if (type == null || type.protocol() == null) {
			return type;
		}
		Collector collector = this.collectors.get(type.protocol());
		if (collector == null) {
			problems.add("protocol", "unknownProtocol", type.protocol(),
					String.join(", ", this.collectors.keySet().stream().sorted().toList()));
			return type;
		}
		collector.validate(type, problems);
		return type;
	}

	/** The YAML text of a built-in type, as shipped. */
	public Optional<String> builtInSource(String id) {
		return Optional.ofNullable(id == null ? null : this.builtInSources.get(id));
	}

	public Optional<MonitorType> find(String id) {
		return Optional.ofNullable(id == null ? null : this.types.get(id));
	}

	/** Every type, by category and id. */
	public List<MonitorType> all() {
		return this.types.values()
			.stream()
			.sorted(Comparator.comparing(MonitorType::category).thenComparing(MonitorType::id))
			.toList();
	}

	public Optional<Collector> collector(String protocol) {
		return Optional.ofNullable(this.collectors.get(protocol));
	}

	/** The protocols there is a collector for. */
	public Collection<String> protocols() {
		return this.collectors.keySet();
	}

	/** Makes an uploaded (validated) type known, replacing an older upload of the same id. */
	public void register(MonitorType type) {
		MonitorType existing = this.types.get(type.id());
		if (existing != null && existing.builtIn() && !type.builtIn()) {
			throw new IllegalArgumentException("A built-in monitor type cannot be replaced: " + type.id());
		}
		this.types.put(type.id(), type);
	}

	/** Forgets an uploaded type. */
	public void unregister(String id) {
		this.types.computeIfPresent(id, (key, type) -> type.builtIn() ? type : null);
	}

}
