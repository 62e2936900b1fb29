package io.opsguard.monitoring.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a monitor type from YAML and checks everything that does not depend on the protocol; the
 * protocol's collector checks the rest ({@link io.opsguard.monitoring.collect.Collector#validate}).
 * Every fault is reported with its path, none stops at the first.
 */
public final class MonitorTypeParser {

	/** The units a metric may declare; the UI formats values by them. */
	public static final Set<String> UNITS = Set.of("percent", "bytes", "bits_per_second", "bytes_per_second",
			"per_second", "milliseconds", "seconds", "minutes", "days", "count", "celsius", "volts", "amperes", "watts",
			"hertz", "boolean", "state", "none");

	/** The categories a type may belong to. */
	public static final Set<String> CATEGORIES = Set.of("host", "network", "security", "power", "environment",
			"database", "middleware", "application", "service");

	/** The largest template accepted, in characters. */
	public static final int MAX_LENGTH = 256 * 1024;

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final Pattern METRIC = Pattern.compile("[a-z_][a-z0-9_]{0,99}");

	private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");

	private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h)");

	private static final Set<String> TOP_KEYS = Set.of("id", "version", "name", "description", "category", "protocol",
			"appliesTo", "parameters", "collect", "metrics");

	private static final Set<String> PARAMETER_KEYS = Set.of("key", "type", "label", "help", "required", "default",
			"options", "min", "max", "showWhen");

	private static final Set<String> METRIC_KEYS = Set.of("name", "label", "unit", "kind", "scale", "instance",
			"compute", "hidden", "source", "thresholds");

	private MonitorTypeParser() {
	}

	/**
	 * Parses a template.
	 *
	 * @param yaml the template's text
	 * @param builtIn whether it ships with OpsGuard
	 * @throws TemplateException with every fault found
	 */
	public static MonitorType parse(String yaml, boolean builtIn) {
		TemplateProblems problems = new TemplateProblems();
		MonitorType type = parse(yaml, builtIn, problems);
		if (!problems.isEmpty()) {
			throw new TemplateException(type == null || type.id() == null ? "(no id)" : type.id(), problems);
		}
		return type;
	}

	/** Parses a template, reporting faults into {@code problems}; answers null when it is no template at all. */
	public static MonitorType parse(String yaml, boolean builtIn, TemplateProblems problems) {
		if (yaml == null || yaml.isBlank()) {
			problems.add("", "empty");
			return null;
		}
		if (yaml.length() > MAX_LENGTH) {
			problems.add("", "tooLarge", MAX_LENGTH / 1024);
			return null;
		}
		Object root;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(false);
			options.setMaxAliasesForCollections(20);
			root = new Yaml(new SafeConstructor(options)).load(yaml);
		}
		catch (YAMLException ex) {
			problems.add("", "syntax", ex.getMessage().lines().findFirst().orElse(""));
			return null;
		}
		if (!(root instanceof Map<?, ?> map)) {
			problems.add("", "notAMapping");
			return null;
		}
		Node top = new Node("", map, problems);
		top.unknownKeys(TOP_KEYS);
		String id = top.text("id", true);
		if (id != null && !ID.matcher(id).matches()) {
			problems.add("id", "badId", id);
		}
		int version = top.integer("version", 1);
		LocalizedText name = top.localized("name", true);
		LocalizedText description = top.localized("description", false);
		String category = top.text("category", true);
		if (category != null && !CATEGORIES.contains(category)) {
			problems.add("category", "unknownCategory", category, String.join(", ", new java.util.TreeSet<>(CATEGORIES)));
		}
		String protocol = top.text("protocol", true);
		List<String> appliesTo = top.texts("appliesTo");
		List<ParameterDefinition> parameters = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (Node node : top.list("parameters", false)) {
			ParameterDefinition parameter = parameter(node);
			Object key = node.map.get("key");
			if (key != null && !keys.add(key.toString().trim())) {
				problems.add(node.path + ".key", "duplicate", key);
			}
			if (parameter != null) {
				parameters.add(parameter);
			}
		}
		for (int i = 0; i < parameters.size(); i++) {
			ParameterDefinition.Condition when = parameters.get(i).showWhen();
			if (when != null && !keys.contains(when.key())) {
				problems.add("parameters[" + i + "].showWhen", "unknownParameter", when.key());
			}
		}
		Map<String, Object> collect = top.mapping("collect");
		List<MetricDefinition> metrics = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<Node> metricNodes = top.list("metrics", true);
		for (Node node : metricNodes) {
			MetricDefinition metric = metric(node);
			Object metricName = node.map.get("name");
			if (metricName != null && !names.add(metricName.toString().trim())) {
				problems.add(node.path + ".name", "duplicate", metricName);
			}
			if (metric != null) {
				metrics.add(metric);
			}
		}
		for (int i = 0; i < metrics.size(); i++) {
			MetricDefinition metric = metrics.get(i);
			if (metric.compute() == null) {
				continue;
			}
			try {
				for (String variable : ComputeExpression.parse(metric.compute()).variables()) {
					if (!names.contains(variable)) {
						problems.add("metrics[" + i + "].compute", "unknownMetric", variable);
					}
					else if (variable.equals(metric.name())) {
						problems.add("metrics[" + i + "].compute", "selfReference", variable);
					}
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add("metrics[" + i + "].compute", "badExpression", ex.getMessage());
			}
		}
		if (!metrics.isEmpty() && metrics.stream().allMatch(MetricDefinition::hidden)) {
			problems.add("metrics", "allHidden");
		}
		return new MonitorType(id, version, name, description, category, protocol, appliesTo, parameters, collect,
				metrics, builtIn);
	}

	private static ParameterDefinition parameter(Node node) {
		node.unknownKeys(PARAMETER_KEYS);
		String key = node.text("key", true);
		if (key != null && !KEY.matcher(key).matches()) {
			node.problems.add(node.path + ".key", "badKey", key);
		}
		ParameterType type = node.choice("type", ParameterType.class, true);
		LocalizedText label = node.localized("label", true);
		LocalizedText help = node.localized("help", false);
		boolean required = node.bool("required", false);
		Object defaultValue = node.map.get("default");
		List<ParameterDefinition.Option> options = new ArrayList<>();
		for (Node option : node.list("options", false)) {
			String value = option.text("value", true);
			options.add(new ParameterDefinition.Option(value, option.localized("label", true)));
		}
		if (type == ParameterType.CHOICE && options.isEmpty()) {
			node.problems.add(node.path + ".options", "required");
		}
		if (type == ParameterType.CHOICE && defaultValue != null
				&& options.stream().noneMatch(o -> String.valueOf(defaultValue).equals(o.value()))) {
			node.problems.add(node.path + ".default", "notAnOption", defaultValue);
		}
		Long min = node.longValue("min");
		Long max = node.longValue("max");
		if (min != null && max != null && min > max) {
			node.problems.add(node.path + ".min", "minAboveMax", min, max);
		}
		ParameterDefinition.Condition showWhen = null;
		String when = node.text("showWhen", false);
		if (when != null) {
			int equals = when.indexOf('=');
			if (equals <= 0) {
				node.problems.add(node.path + ".showWhen", "badCondition", when);
			}
			else {
				showWhen = new ParameterDefinition.Condition(when.substring(0, equals).trim(), when.substring(equals + 1).trim());
			}
		}
		if (key == null || type == null || label == null) {
			return null;
		}
		return new ParameterDefinition(key, type, label, help, required, defaultValue, options, min, max, showWhen);
	}

	private static MetricDefinition metric(Node node) {
		node.unknownKeys(METRIC_KEYS);
		String name = node.text("name", true);
		if (name != null && !METRIC.matcher(name).matches()) {
			node.problems.add(node.path + ".name", "badMetricName", name);
		}
		LocalizedText label = node.localized("label", true);
		String unit = node.text("unit", false);
		if (unit == null) {
			unit = "none";
		}
		else if (!UNITS.contains(unit)) {
			node.problems.add(node.path + ".unit", "unknownUnit", unit, String.join(", ", new java.util.TreeSet<>(UNITS)));
		}
		MetricKind kind = node.choice("kind", MetricKind.class, false);
		double scale = node.decimal("scale", 1);
		if (scale == 0 || !Double.isFinite(scale)) {
			node.problems.add(node.path + ".scale", "badValue", scale);
		}
		LocalizedText instance = node.localized("instance", false);
		String compute = node.text("compute", false);
		boolean hidden = node.bool("hidden", false);
		Map<String, Object> source = node.mapping("source");
		if (compute != null && !source.isEmpty()) {
			node.problems.add(node.path + ".source", "sourceAndCompute");
		}
		if (compute == null && source.isEmpty()) {
			node.problems.add(node.path + ".source", "required");
		}
		if (compute != null && kind == MetricKind.COUNTER) {
			node.problems.add(node.path + ".kind", "computedCounter");
		}
		List<ThresholdDefinition> thresholds = new ArrayList<>();
		for (Node threshold : node.list("thresholds", false)) {
			threshold.unknownKeys(Set.of("severity", "op", "value", "for"));
			Severity severity = threshold.choice("severity", Severity.class, true);
			String op = threshold.text("op", true);
			if (op != null && !Set.of(">", ">=", "<", "<=", "==", "!=").contains(op)) {
				threshold.problems.add(threshold.path + ".op", "badOperator", op);
			}
			double value = threshold.decimal("value", Double.NaN);
			if (Double.isNaN(value)) {
				threshold.problems.add(threshold.path + ".value", "required");
			}
			Duration duration = threshold.duration("for");
			if (severity != null && op != null) {
				thresholds.add(new ThresholdDefinition(severity, op, value, duration));
			}
		}
		if (name == null || label == null) {
			return null;
		}
		return new MetricDefinition(name, label, unit, kind == null ? MetricKind.GAUGE : kind, scale, instance, compute,
				hidden, source, thresholds);
	}

	/** A mapping of the template at a path, reading typed entries and reporting faults. */
	private static final class Node {

		private final String path;

		private final Map<?, ?> map;

		private final TemplateProblems problems;

		Node(String path, Map<?, ?> map, TemplateProblems problems) {
			this.path = path;
			this.map = map;
			this.problems = problems;
		}

		private String at(String key) {
			return this.path.isEmpty() ? key : this.path + "." + key;
		}

		void unknownKeys(Set<String> known) {
			for (Object key : this.map.keySet()) {
				if (!known.contains(String.valueOf(key))) {
					this.problems.add(at(String.valueOf(key)), "unknownKey", key);
				}
			}
		}

		String text(String key, boolean required) {
			Object value = this.map.get(key);
			if (value == null || (value instanceof String s && s.isBlank())) {
				if (required) {
					this.problems.add(at(key), "required");
				}
				return null;
			}
			if (value instanceof Map || value instanceof List) {
				this.problems.add(at(key), "notAText");
				return null;
			}
			return value.toString().trim();
		}

		List<String> texts(String key) {
			Object value = this.map.get(key);
			if (value == null) {
				return List.of();
			}
			if (!(value instanceof List<?> items)) {
				this.problems.add(at(key), "notAList");
				return List.of();
			}
			return items.stream().map(String::valueOf).toList();
		}

		boolean bool(String key, boolean fallback) {
			Object value = this.map.get(key);
			if (value == null) {
				return fallback;
			}
			if (!(value instanceof Boolean flag)) {
				this.problems.add(at(key), "notABoolean", value);
				return fallback;
			}
			return flag;
		}

		int integer(String key, int fallback) {
			Object value = this.map.get(key);
			if (value == null) {
				return fallback;
			}
			if (!(value instanceof Integer number) || number < 1) {
				this.problems.add(at(key), "badValue", value);
				return fallback;
			}
			return number;
		}

		Long longValue(String key) {
			Object value = this.map.get(key);
			if (value == null) {
				return null;
			}
			if (!(value instanceof Integer || value instanceof Long)) {
				this.problems.add(at(key), "badValue", value);
				return null;
			}
			return ((Number) value).longValue();
		}

		double decimal(String key, double fallback) {
			Object value = this.map.get(key);
			if (value == null) {
				return fallback;
			}
			if (!(value instanceof Number number)) {
				this.problems.add(at(key), "badValue", value);
				return fallback;
			}
			return number.doubleValue();
		}

		Duration duration(String key) {
			Object value = this.map.get(key);
			if (value == null) {
				return Duration.ZERO;
			}
			Matcher matcher = DURATION.matcher(value.toString().trim());
			if (!matcher.matches()) {
				this.problems.add(at(key), "badDuration", value);
				return Duration.ZERO;
			}
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			};
		}

		<E extends Enum<E>> E choice(String key, Class<E> type, boolean required) {
			String text = text(key, required);
			if (text == null) {
				return null;
			}
			try {
				return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				List<String> allowed = new ArrayList<>();
				for (E constant : type.getEnumConstants()) {
					allowed.add(constant.name().toLowerCase(Locale.ROOT));
				}
				this.problems.add(at(key), "notOneOf", text, String.join(", ", allowed));
				return null;
			}
		}

		LocalizedText localized(String key, boolean required) {
			Object value = this.map.get(key);
			if (value == null) {
				if (required) {
					this.problems.add(at(key), "required");
				}
				return null;
			}
			if (value instanceof String text) {
				return new LocalizedText(text, text);
			}
			if (!(value instanceof Map<?, ?> texts)) {
				this.problems.add(at(key), "badText");
				return null;
			}
			Object zh = texts.get("zh-CN");
			Object en = texts.get("en");
			if (zh == null || zh.toString().isBlank()) {
				this.problems.add(at(key) + ".zh-CN", "required");
			}
			if (en == null || en.toString().isBlank()) {
				this.problems.add(at(key) + ".en", "required");
			}
			return new LocalizedText(zh == null ? null : zh.toString(), en == null ? null : en.toString());
		}

		Map<String, Object> mapping(String key) {
			Object value = this.map.get(key);
			if (value == null) {
				return Map.of();
			}
			if (!(value instanceof Map<?, ?> entries)) {
				this.problems.add(at(key), "notAMapping");
				return Map.of();
			}
			Map<String, Object> copy = new LinkedHashMap<>();
			entries.forEach((k, v) -> {
				if (v != null) {
					copy.put(String.valueOf(k), v);
				}
			});
			return copy;
		}

		List<Node> list(String key, boolean required) {
			Object value = this.map.get(key);
			if (value == null) {
				if (required) {
					this.problems.add(at(key), "required");
				}
				return List.of();
			}
			if (!(value instanceof List<?> items)) {
				this.problems.add(at(key), "notAList");
				return List.of();
			}
			if (required && items.isEmpty()) {
				this.problems.add(at(key), "required");
			}
			List<Node> nodes = new ArrayList<>();
			for (int i = 0; i < items.size(); i++) {
				String itemPath = at(key) + "[" + i + "]";
				if (items.get(i) instanceof Map<?, ?> item) {
					nodes.add(new Node(itemPath, item, this.problems));
				}
				else {
					this.problems.add(itemPath, "notAMapping");
				}
			}
			return nodes;
		}

	}

}
