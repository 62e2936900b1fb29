package io.opsguard.monitoring.collect.ssh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.ParameterType;
import io.opsguard.monitoring.template.TemplateProblems;

/**
 * One command of an SSH template's {@code collect.sections} and how its output reads:
 * <ul>
 * <li>{@code keyValue}: one {@code key value} pair a line (a colon or equals sign after the key is
 * dropped); metrics name the key as {@code field}; with {@code facts: true} every pair is a fact;</li>
 * <li>{@code table}: whitespace-separated {@code columns}, one row a line; the {@code instanceColumn}
 * (the first column unless named) becomes the instance label;</li>
 * <li>{@code lines}: one item a line (process names); with {@code inventory: <name>} the distinct
 * items are returned as that inventory; metrics read {@code value: lineCount} or
 * {@code value: presence} of each item of a list {@code parameter} (1 when a line is that item; with
 * {@code commandLines: <section>} also when a line of that other lines section holds the item as a
 * word, so that {@code catalina} finds the {@code java} process running Tomcat).</li>
 * </ul>
 */
record ShellSection(String name, String command, Format format, List<String> columns, String instanceColumn,
		String inventory, boolean facts) {

	enum Format {

		KEY_VALUE("keyValue"), TABLE("table"), LINES("lines");

		final String key;

		Format(String key) {
			this.key = key;
		}

		static Format of(String key) {
			for (Format format : values()) {
				if (format.key.equals(key)) {
					return format;
				}
			}
			return null;
		}

	}

	static final Set<String> KEYS = Set.of("name", "command", "format", "columns", "instanceColumn", "inventory",
			"facts");

	static final Set<String> SOURCE_KEYS = Set.of("section", "field", "value", "parameter", "commandLines");

	private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,31}");

	int instanceIndex() {
		return this.instanceColumn == null ? 0 : this.columns.indexOf(this.instanceColumn);
	}

	/** The sections of a template by name, reporting every fault of {@code collect} into the problems. */
	static Map<String, ShellSection> read(MonitorType type, TemplateProblems problems) {
		Map<String, ShellSection> sections = new java.util.LinkedHashMap<>();
		problems.unknownKeys("collect", type.collect(), Set.of("sections"));
		Object value = type.collect().get("sections");
		if (!(value instanceof List<?> items) || items.isEmpty()) {
			problems.add("collect.sections", value == null ? "required" : "notAList");
			return sections;
		}
		for (int i = 0; i < items.size(); i++) {
			String path = "collect.sections[" + i + "]";
			if (!(items.get(i) instanceof Map<?, ?> map)) {
				problems.add(path, "notAMapping");
				continue;
			}
			problems.unknownKeys(path, map, KEYS);
			String name = text(map, "name");
			String command = text(map, "command");
			String formatKey = text(map, "format");
			if (name == null) {
				problems.add(path + ".name", "required");
			}
			else if (!NAME.matcher(name).matches()) {
				problems.add(path + ".name", "badValue", name);
			}
			else if (sections.containsKey(name)) {
				problems.add(path + ".name", "duplicate", name);
			}
			if (command == null) {
				problems.add(path + ".command", "required");
			}
			Format format = formatKey == null ? null : Format.of(formatKey);
			if (formatKey == null) {
				problems.add(path + ".format", "required");
			}
			else if (format == null) {
				problems.add(path + ".format", "notOneOf", formatKey, "keyValue, table, lines");
			}
			List<String> columns = new ArrayList<>();
			if (map.get("columns") instanceof List<?> list) {
				list.forEach(column -> columns.add(String.valueOf(column)));
			}
			else if (map.get("columns") != null) {
				problems.add(path + ".columns", "notAList");
			}
			if (format == Format.TABLE && columns.isEmpty()) {
				problems.add(path + ".columns", "required");
			}
			String instanceColumn = text(map, "instanceColumn");
			if (instanceColumn != null && !columns.contains(instanceColumn)) {
				problems.add(path + ".instanceColumn", "sshUnknownColumn", instanceColumn, String.join(", ", columns));
			}
			String inventory = text(map, "inventory");
			if (inventory != null && format != Format.LINES) {
				problems.add(path + ".inventory", "sshLinesOnly");
			}
			boolean facts = Boolean.TRUE.equals(map.get("facts"));
			if (facts && format != Format.KEY_VALUE) {
				problems.add(path + ".facts", "sshKeyValueOnly");
			}
			if (name != null && command != null && format != null && !sections.containsKey(name)) {
				sections.put(name, new ShellSection(name, command, format, List.copyOf(columns), instanceColumn,
						inventory, facts));
			}
		}
		return sections;
	}

	/** Checks each metric's {@code source} against the sections. */
	static void validateSources(MonitorType type, Map<String, ShellSection> sections, TemplateProblems problems) {
		Map<String, ParameterType> parameters = new HashMap<>();
		type.parameters().forEach(p -> parameters.put(p.key(), p.type()));
		List<MetricDefinition> metrics = type.metrics();
		for (int i = 0; i < metrics.size(); i++) {
			MetricDefinition metric = metrics.get(i);
			if (!metric.collected()) {
				continue;
			}
			String path = "metrics[" + i + "].source";
			problems.unknownKeys(path, metric.source(), SOURCE_KEYS);
			String sectionName = metric.sourceText("section");
			ShellSection section = sectionName == null ? null : sections.get(sectionName);
			if (sectionName == null) {
				problems.add(path + ".section", "required");
				continue;
			}
			if (section == null) {
				problems.add(path + ".section", "sshUnknownSection", sectionName);
				continue;
			}
			String field = metric.sourceText("field");
			switch (section.format()) {
				case KEY_VALUE -> {
					if (field == null) {
						problems.add(path + ".field", "required");
					}
				}
				case TABLE -> {
					if (field == null) {
						problems.add(path + ".field", "required");
					}
					else if (!section.columns().contains(field)) {
						problems.add(path + ".field", "sshUnknownColumn", field, String.join(", ", section.columns()));
					}
					if (metric.instance() == null) {
						problems.add(path, "sshTableNeedsInstance");
					}
				}
				case LINES -> {
					String value = metric.sourceText("value");
					if (value == null) {
						problems.add(path + ".value", "required");
					}
					else if ("presence".equals(value)) {
						String parameter = metric.sourceText("parameter");
						if (parameter == null) {
							problems.add(path + ".parameter", "required");
						}
						else if (parameters.get(parameter) != ParameterType.LIST) {
							problems.add(path + ".parameter", "sshListParameter", parameter);
						}
						String commandLines = metric.sourceText("commandLines");
						ShellSection other = commandLines == null ? null : sections.get(commandLines);
						if (commandLines != null && (other == null || other.format() != Format.LINES)) {
							problems.add(path + ".commandLines", "sshLinesSection", commandLines);
						}
					}
					else if (!"lineCount".equals(value)) {
						problems.add(path + ".value", "notOneOf", value, "lineCount, presence");
					}
				}
			}
		}
	}

	private static String text(Map<?, ?> map, String key) {
		Object value = map.get(key);
		if (value == null || value instanceof Map || value instanceof List) {
			return null;
		}
		String text = value.toString().trim();
		return text.isEmpty() ? null : text;
	}

	@Override
	public String toString() {
		return this.name + " (" + this.format.key.toLowerCase(Locale.ROOT) + ")";
	}

}
