package io.opsguard.monitoring.collect.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.template.MetricDefinition;

/**
 * Reads a template's metrics, facts and inventories out of the sections the script printed. Every
 * value that could not be read is named in the result's detail (section, field, reason).
 */
final class ShellReadout {

	/** {@code ps -o comm} shows at most this many characters of a process name (Linux TASK_COMM_LEN - 1). */
	static final int COMM_LENGTH = 15;

	private final Map<String, ShellSection> sections;

	private final Map<String, ShellScript.Output> outputs;

	private final List<String> problems = new ArrayList<>();

	ShellReadout(Map<String, ShellSection> sections, Map<String, ShellScript.Output> outputs) {
		this.sections = sections;
		this.outputs = outputs;
	}

	CollectionResult read(CollectionRequest request) {
		List<CollectedValue> values = new ArrayList<>();
		for (MetricDefinition metric : request.type().collectedMetrics()) {
			ShellSection section = this.sections.get(metric.sourceText("section"));
			List<String> lines = section == null ? null : lines(section);
			if (lines == null) {
				continue;
			}
			switch (section.format()) {
				case KEY_VALUE -> keyValue(metric, section, lines, values);
				case TABLE -> table(metric, section, lines, values);
				case LINES -> lines(metric, lines, request, values);
			}
		}
		Map<String, String> facts = new TreeMap<>();
		Map<String, List<String>> inventories = new TreeMap<>();
		for (ShellSection section : this.sections.values()) {
			if (section.facts()) {
				List<String> lines = lines(section);
				if (lines != null) {
					pairs(lines).forEach((key, value) -> {
						if (!value.isEmpty()) {
							facts.put(key, value);
						}
					});
				}
			}
			if (section.inventory() != null) {
				List<String> lines = lines(section);
				if (lines != null) {
					inventories.put(section.inventory(), List.copyOf(new TreeSet<>(lines)));
				}
			}
		}
		Outcome outcome = values.isEmpty() ? Outcome.BAD_RESPONSE
				: this.problems.isEmpty() ? Outcome.SUCCESS : Outcome.PARTIAL;
		String detail = this.problems.isEmpty() ? null : String.join("; ", this.problems);
		if (values.isEmpty() && detail == null) {
			detail = "no metric could be read";
		}
		return new CollectionResult(outcome, detail, values, facts, inventories);
	}

	/** A section's lines, or null (and a problem, once) when it did not run through. */
	private List<String> lines(ShellSection section) {
		ShellScript.Output output = this.outputs.get(section.name());
		String problem = null;
		if (output == null) {
			problem = "section " + section.name() + ": no output";
		}
		else if (output.exitStatus() != 0) {
			problem = "section " + section.name() + ": exit status " + output.exitStatus();
		}
		if (problem != null) {
			if (!this.problems.contains(problem)) {
				this.problems.add(problem);
			}
			return null;
		}
		return output.lines();
	}

	private void keyValue(MetricDefinition metric, ShellSection section, List<String> lines, List<CollectedValue> values) {
		String field = metric.sourceText("field");
		String text = pairs(lines).get(field);
		if (text == null) {
			this.problems.add("section " + section.name() + ": no " + field);
			return;
		}
		Double value = number(text, section.name() + "." + field);
		if (value != null) {
			values.add(new CollectedValue(metric.name(), null, value));
		}
	}

	private void table(MetricDefinition metric, ShellSection section, List<String> lines, List<CollectedValue> values) {
		int column = section.columns().indexOf(metric.sourceText("field"));
		int instance = section.instanceIndex();
		int width = section.columns().size();
		for (String line : lines) {
			String[] cells = line.split("\\s+", width);
			if (cells.length < width) {
				this.problems.add("section " + section.name() + ": short row \"" + abbreviate(line) + "\"");
				continue;
			}
			Double value = number(cells[column], section.name() + "." + metric.sourceText("field"));
			if (value != null) {
				values.add(new CollectedValue(metric.name(), cells[instance], value));
			}
		}
	}

	private void lines(MetricDefinition metric, List<String> lines, CollectionRequest request,
			List<CollectedValue> values) {
		if ("lineCount".equals(metric.sourceText("value"))) {
			values.add(new CollectedValue(metric.name(), null, lines.size()));
			return;
		}
		List<String> commandLines = List.of();
		String commandSection = metric.sourceText("commandLines");
		if (commandSection != null && this.sections.containsKey(commandSection)) {
			List<String> read = lines(this.sections.get(commandSection));
			commandLines = read == null ? List.of() : read;
		}
		for (String expected : request.list(metric.sourceText("parameter"))) {
			String name = expected.strip();
			if (!name.isEmpty()) {
				java.util.regex.Pattern word = java.util.regex.Pattern
					.compile("(^|[^A-Za-z0-9_])" + java.util.regex.Pattern.quote(name) + "($|[^A-Za-z0-9_])");
				boolean running = lines.stream().anyMatch(line -> sameProcess(line, name))
						|| commandLines.stream().anyMatch(line -> word.matcher(line).find());
				values.add(new CollectedValue(metric.name(), name, running ? 1 : 0));
			}
		}
	}

	/** Whether a process name as {@code ps} shows it is the expected one, also when the kernel cut it short. */
	static boolean sameProcess(String shown, String expected) {
		return shown.equals(expected)
				|| (shown.length() == COMM_LENGTH && expected.length() > COMM_LENGTH && expected.startsWith(shown));
	}

	/** The {@code key value} pairs of lines; a colon or equals sign after the key and quotes around the value are dropped. */
	static Map<String, String> pairs(List<String> lines) {
		Map<String, String> pairs = new LinkedHashMap<>();
		for (String line : lines) {
			int end = 0;
			while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '=') {
				end++;
			}
			String key = line.substring(0, end);
			if (key.endsWith(":")) {
				key = key.substring(0, key.length() - 1);
			}
			String value = line.substring(end).strip();
			if (value.startsWith("=") || value.startsWith(":")) {
				value = value.substring(1).strip();
			}
			if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
					|| value.startsWith("'") && value.endsWith("'"))) {
				value = value.substring(1, value.length() - 1);
			}
			if (!key.isEmpty()) {
				pairs.putIfAbsent(key, value);
			}
		}
		return pairs;
	}

	private Double number(String text, String where) {
		String token = text.strip().split("\\s+", 2)[0];
		try {
			double value = Double.parseDouble(token);
			if (Double.isFinite(value)) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		this.problems.add(where + ": not a number \"" + abbreviate(token) + "\"");
		return null;
	}

	private static String abbreviate(String text) {
		return text.length() <= 60 ? text : text.substring(0, 60) + "…";
	}

}
