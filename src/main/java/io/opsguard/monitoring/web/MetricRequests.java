package io.opsguard.monitoring.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsguard.monitoring.internal.MetricError;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.shared.OpsGuardException;

import org.springframework.util.MultiValueMap;

/**
 * Reads the metric API's query parameters: a selector as text ({@code cpu_usage{resource="7"}}) or
 * as {@code metric} with {@code label.<name>} parameters (repeated for several values), instants as
 * ISO-8601 or epoch milliseconds, steps and look-backs as {@code 60s}, {@code 5m}, {@code 1h},
 * {@code 1d} or ISO-8601 durations. Every refusal names its field.
 */
final class MetricRequests {

	static final String LABEL_PREFIX = "label.";

	private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)?");

	/** The earliest and latest instants a query may name. */
	private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

	private MetricRequests() {
	}

	static SeriesSelector selector(String series, String metric, MultiValueMap<String, String> parameters) {
		boolean hasLabels = parameters != null
				&& parameters.keySet().stream().anyMatch(name -> name.startsWith(LABEL_PREFIX));
		if (series != null && !series.isBlank()) {
			if ((metric != null && !metric.isBlank()) || hasLabels) {
				throw OpsGuardException.onField("series", MetricError.SELECTOR_REQUIRED);
			}
			return parse(series.trim());
		}
		if (metric == null || metric.isBlank()) {
			throw OpsGuardException.onField("metric", MetricError.SELECTOR_REQUIRED);
		}
		String name = metric.trim();
		if (name.length() > SeriesKey.MAX_METRIC_LENGTH || !METRIC.matcher(name).matches()) {
			throw OpsGuardException.onField("metric", MetricError.BAD_METRIC_NAME, shorten(name));
		}
		Map<String, Set<String>> labels = new LinkedHashMap<>();
		if (parameters != null) {
			for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
				if (!parameter.getKey().startsWith(LABEL_PREFIX)) {
					continue;
				}
				String label = parameter.getKey().substring(LABEL_PREFIX.length());
				checkLabel(parameter.getKey(), label);
				Set<String> values = new LinkedHashSet<>();
				for (String value : parameter.getValue()) {
					checkValue(parameter.getKey(), label, value);
					values.add(value);
				}
				labels.put(label, values);
			}
		}
		if (labels.size() > SeriesKey.MAX_LABELS) {
			throw OpsGuardException.onField("label", MetricError.BAD_LABEL, "…");
		}
		return new SeriesSelector(name, labels);
	}

	private static void checkLabel(String field, String label) {
		if (label.isEmpty() || label.startsWith("__") || label.length() > 100 || !LABEL.matcher(label).matches()) {
			throw OpsGuardException.onField(field, MetricError.BAD_LABEL, shorten(label));
		}
	}

	private static void checkValue(String field, String label, String value) {
		if (value == null || value.isEmpty() || value.length() > SeriesKey.MAX_LABEL_VALUE_LENGTH) {
			throw OpsGuardException.onField(field, MetricError.BAD_LABEL, shorten(label));
		}
	}

	/** Parses {@code metric} or {@code metric{name="value", …}} (values escaped as in Prometheus). */
	static SeriesSelector parse(String text) {
		int brace = text.indexOf('{');
		String metric = (brace < 0 ? text : text.substring(0, brace)).trim();
		if (metric.length() > SeriesKey.MAX_METRIC_LENGTH || !METRIC.matcher(metric).matches()) {
			throw OpsGuardException.onField("series", MetricError.BAD_SERIES, shorten(text));
		}
		Map<String, Set<String>> labels = new LinkedHashMap<>();
		if (brace >= 0) {
			int i = brace + 1;
			int end = text.length();
			while (true) {
				i = skipSpaces(text, i);
				if (i < end && text.charAt(i) == '}' && labels.isEmpty()) {
					i++;
					break;
				}
				int nameStart = i;
				while (i < end && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
					i++;
				}
				String name = text.substring(nameStart, i);
				i = skipSpaces(text, i);
				if (i >= end || text.charAt(i) != '=' || name.isEmpty()) {
					throw OpsGuardException.onField("series", MetricError.BAD_SERIES, shorten(text));
				}
				i = skipSpaces(text, i + 1);
				if (i >= end || text.charAt(i) != '"') {
					throw OpsGuardException.onField("series", MetricError.BAD_SERIES, shorten(text));
				}
				StringBuilder value = new StringBuilder();
				i++;
				boolean closed = false;
				while (i < end) {
					char c = text.charAt(i++);
					if (c == '\\' && i < end) {
						char escaped = text.charAt(i++);
						value.append(escaped == 'n' ? '\n' : escaped);
					}
					else if (c == '"') {
						closed = true;
						break;
					}
					else {
						value.append(c);
					}
				}
				if (!closed || labels.containsKey(name)) {
					throw OpsGuardException.onField("series", MetricError.BAD_SERIES, shorten(text));
				}
				checkLabel("series", name);
				checkValue("series", name, value.toString());
				labels.put(name, Set.of(value.toString()));
				i = skipSpaces(text, i);
				if (i < end && text.charAt(i) == ',') {
					i++;
					i = skipSpaces(text, i);
					if (i < end && text.charAt(i) == '}') {
						i++;
						break;
					}
					continue;
				}
				if (i < end && text.charAt(i) == '}') {
					i++;
					break;
				}
				throw OpsGuardException.onField("series", MetricError.BAD_SERIES, shorten(text));
			}
			if (skipSpaces(text, i) != end || labels.size() > SeriesKey.MAX_LABELS) {
				throw OpsGuardException.onField("series", MetricError.BAD_SERIES, shorten(text));
			}
		}
		return new SeriesSelector(metric, labels);
	}

	private static int skipSpaces(String text, int i) {
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	/** An instant as ISO-8601 (with a zone or offset) or as epoch milliseconds; the default when blank. */
	static Instant instant(String field, String text, Instant otherwise) {
		if (text == null || text.isBlank()) {
			return otherwise;
		}
		String value = text.trim();
		Instant instant;
		try {
			if (value.matches("-?\\d{1,15}")) {
				instant = Instant.ofEpochMilli(Long.parseLong(value));
			}
			else if (value.endsWith("Z") || value.endsWith("z")) {
				instant = Instant.parse(value.toUpperCase(java.util.Locale.ROOT));
			}
			else {
				instant = OffsetDateTime.parse(value).toInstant();
			}
		}
		catch (DateTimeException | NumberFormatException ex) {
			throw OpsGuardException.onField(field, MetricError.BAD_TIME, shorten(value));
		}
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			throw OpsGuardException.onField(field, MetricError.BAD_TIME, shorten(value));
		}
		return instant;
	}

	/** A duration like {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, plain seconds, or ISO-8601; null when blank. */
	static Duration duration(String field, String text, MetricError error) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.trim();
		Matcher matcher = DURATION.matcher(value);
		try {
			if (matcher.matches()) {
				long amount = Long.parseLong(matcher.group(1));
				String unit = matcher.group(2) == null ? "s" : matcher.group(2);
				return switch (unit) {
					case "ms" -> Duration.ofMillis(amount);
					case "s" -> Duration.ofSeconds(amount);
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					case "d" -> Duration.ofDays(amount);
					default -> Duration.ofDays(amount * 7);
				};
			}
			if (value.length() <= 40 && (value.startsWith("P") || value.startsWith("p"))) {
				return Duration.parse(value);
			}
		}
		catch (DateTimeException | ArithmeticException ex) {
			// refused below
		}
		throw OpsGuardException.onField(field, error, shorten(value));
	}

	static String shorten(String text) {
		return text.length() > 80 ? text.substring(0, 80) + "…" : text;
	}

}
