package io.opsguard.monitoring.store;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One series: a metric name and its labels (sorted by name), e.g. {@code net_in_bps{instance="eth0",
 * monitor="12", resource="340"}}. Names follow Prometheus' rules so that a series means the same in
 * the embedded store and in VictoriaMetrics.
 *
 * @param metric the metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, at most 200 characters
 * @param labels label names ({@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __}) and their
 * non-empty values (at most 256 characters), at most {@value #MAX_LABELS} of them
 */
public record SeriesKey(String metric, SortedMap<String, String> labels) {

	/** The most labels a series may carry. */
	public static final int MAX_LABELS = 16;

	/** The longest metric name. */
	public static final int MAX_METRIC_LENGTH = 200;

	/** The longest label value. */
	public static final int MAX_LABEL_VALUE_LENGTH = 256;

	/** The label holding the resource's (CI's) id. */
	public static final String RESOURCE = "resource";

	/** The label holding the monitor's id. */
	public static final String MONITOR = "monitor";

	/** The label naming a row of a table: an interface, a mount point, a pool, a sensor. */
	public static final String INSTANCE = "instance";

	private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

	public SeriesKey {
		labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
	}

	public static SeriesKey of(String metric, Map<String, String> labels) {
		return new SeriesKey(metric, new TreeMap<>(labels));
	}

	public static SeriesKey of(String metric, String... namesAndValues) {
		if (namesAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("Label names and values come in pairs");
		}
		TreeMap<String, String> labels = new TreeMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			labels.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return new SeriesKey(metric, labels);
	}

	public String label(String name) {
		return this.labels.get(name);
	}

	/** What is wrong with this series' name or labels, or null when it is valid. */
	public Rejection.Reason problem() {
		if (this.metric == null || this.metric.length() > MAX_METRIC_LENGTH || !METRIC.matcher(this.metric).matches()) {
			return Rejection.Reason.BAD_METRIC_NAME;
		}
		if (this.labels.size() > MAX_LABELS) {
			return Rejection.Reason.TOO_MANY_LABELS;
		}
		for (Map.Entry<String, String> label : this.labels.entrySet()) {
			String name = label.getKey();
			String value = label.getValue();
			if (name == null || name.startsWith("__") || !LABEL.matcher(name).matches() || value == null || value.isEmpty()
					|| value.length() > MAX_LABEL_VALUE_LENGTH) {
				return Rejection.Reason.BAD_LABEL;
			}
		}
		return null;
	}

	/** The Prometheus text form, e.g. {@code cpu_usage{resource="7"}}. */
	@Override
	public String toString() {
		if (this.labels.isEmpty()) {
			return this.metric;
		}
		StringBuilder text = new StringBuilder(this.metric).append('{');
		this.labels.forEach((name, value) -> text.append(name)
			.append("=\"")
			.append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
			.append("\","));
		text.setCharAt(text.length() - 1, '}');
		return text.toString();
	}

}
