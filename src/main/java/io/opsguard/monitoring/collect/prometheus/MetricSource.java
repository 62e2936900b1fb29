package io.opsguard.monitoring.collect.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.opsguard.monitoring.store.exposition.PrometheusText;
import io.opsguard.monitoring.template.TemplateProblems;

/**
 * What a template metric reads from an exposition:
 * {@code source: {metric: node_filesystem_size_bytes, labels: {fstype: "!~tmpfs|overlay"},
 * instanceLabel: mountpoint, aggregate: sum}}. The samples of {@code metric} whose labels match
 * every matcher are grouped by the value of {@code instanceLabel} (one row each, such as a mount
 * point) or taken all together, and each group is reduced by {@code aggregate} (sum, avg, min,
 * max, count; sum when not given). A matcher is written like PromQL's: {@code value} or
 * {@code =value} for equal, {@code !=value}, {@code =~regex} and {@code !~regex} (matching the
 * whole value); a label a sample lacks counts as the empty value.
 */
record MetricSource(String metric, List<Matcher> matchers, String instanceLabel, Aggregate aggregate) {

	static final Set<String> KEYS = Set.of("metric", "labels", "instanceLabel", "aggregate");

	private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	/** How the samples of one row become one value. */
	enum Aggregate {

		SUM, AVG, MIN, MAX, COUNT;

		double apply(List<Double> values) {
			return switch (this) {
				case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
				case AVG -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
				case MIN -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
				case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
				case COUNT -> values.size();
			};
		}

	}

	/** One label condition. */
	record Matcher(String label, String operator, String value, Pattern pattern) {

		boolean matches(Map<String, String> labels) {
			String actual = labels.getOrDefault(this.label, "");
			return switch (this.operator) {
				case "=" -> actual.equals(this.value);
				case "!=" -> !actual.equals(this.value);
				case "=~" -> this.pattern.matcher(actual).matches();
				default -> !this.pattern.matcher(actual).matches();
			};
		}

	}

	/**
	 * Reads a source, reporting every fault at {@code path} into {@code problems}; answers null when
	 * it cannot be used.
	 */
	static MetricSource read(Map<String, Object> source, String path, TemplateProblems problems) {
		int before = problems.all().size();
		problems.unknownKeys(path, source, KEYS);
		Object metric = source.get("metric");
		if (metric == null || metric.toString().isBlank()) {
			problems.add(path + ".metric", "required");
		}
		else if (!(metric instanceof String) || !METRIC_NAME.matcher(metric.toString()).matches()) {
			problems.add(path + ".metric", "promBadMetricName", metric);
		}
		List<Matcher> matchers = new ArrayList<>();
		Object labels = source.get("labels");
		if (labels != null && !(labels instanceof Map)) {
			problems.add(path + ".labels", "notAMapping");
		}
		else if (labels != null) {
			for (Map.Entry<?, ?> entry : new LinkedHashMap<>((Map<?, ?>) labels).entrySet()) {
				String label = String.valueOf(entry.getKey());
				String at = path + ".labels." + label;
				if (!LABEL_NAME.matcher(label).matches()) {
					problems.add(at, "promBadLabelName", label);
					continue;
				}
				if (entry.getValue() == null || entry.getValue() instanceof Map || entry.getValue() instanceof List) {
					problems.add(at, "notAText");
					continue;
				}
				Matcher matcher = matcher(label, entry.getValue().toString(), at, problems);
				if (matcher != null) {
					matchers.add(matcher);
				}
			}
		}
		Object instanceLabel = source.get("instanceLabel");
		if (instanceLabel != null && !LABEL_NAME.matcher(instanceLabel.toString()).matches()) {
			problems.add(path + ".instanceLabel", "promBadLabelName", instanceLabel);
		}
		Aggregate aggregate = Aggregate.SUM;
		Object aggregateText = source.get("aggregate");
		if (aggregateText != null) {
			try {
				aggregate = Aggregate.valueOf(aggregateText.toString().trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				Set<String> allowed = new TreeSet<>();
				for (Aggregate a : Aggregate.values()) {
					allowed.add(a.name().toLowerCase(Locale.ROOT));
				}
				problems.add(path + ".aggregate", "notOneOf", aggregateText, String.join(", ", allowed));
			}
		}
		if (problems.all().size() > before) {
			return null;
		}
		return new MetricSource(metric.toString(), List.copyOf(matchers),
				instanceLabel == null ? null : instanceLabel.toString(), aggregate);
	}

	private static Matcher matcher(String label, String written, String at, TemplateProblems problems) {
		String operator = "=";
		String value = written;
		for (String prefix : List.of("=~", "!~", "!=", "=")) {
			if (written.startsWith(prefix)) {
				operator = prefix;
				value = written.substring(prefix.length());
				break;
			}
		}
		Pattern pattern = null;
		if (operator.endsWith("~")) {
			try {
				pattern = Pattern.compile(value);
			}
			catch (PatternSyntaxException ex) {
				problems.add(at, "promBadRegex", value, ex.getDescription());
				return null;
			}
		}
		return new Matcher(label, operator, value, pattern);
	}

	/**
	 * The values this source reads from an exposition: one per instance (by the instance label's
	 * value, in the order met), or one under the key null; empty when no sample matched. Samples
	 * that are NaN or infinite are left out.
	 */
	Map<String, Double> read(PrometheusText.Parsed exposition) {
		Map<String, List<Double>> groups = new LinkedHashMap<>();
		for (PrometheusText.Line sample : exposition.samples()) {
			if (!sample.metric().equals(this.metric) || !Double.isFinite(sample.value())) {
				continue;
			}
			if (!this.matchers.stream().allMatch(m -> m.matches(sample.labels()))) {
				continue;
			}
			String instance = null;
			if (this.instanceLabel != null) {
				instance = sample.labels().get(this.instanceLabel);
				if (instance == null || instance.isEmpty()) {
					continue;
				}
			}
			groups.computeIfAbsent(instance, key -> new ArrayList<>()).add(sample.value());
		}
		Map<String, Double> values = new LinkedHashMap<>();
		groups.forEach((instance, samples) -> values.put(instance, this.aggregate.apply(samples)));
		return values;
	}

}
