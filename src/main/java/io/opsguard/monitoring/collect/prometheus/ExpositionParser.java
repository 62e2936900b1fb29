package io.opsguard.monitoring.collect.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Prometheus text exposition format 0.0.4: {@code # HELP} and {@code # TYPE} lines, other
 * comments, and sample lines {@code name{label="value",…} value [timestamp]} with the label escapes
 * {@code \\ \" \n}, values {@code NaN}, {@code +Inf}, {@code -Inf} and Go's float syntax, and
 * histogram and summary lines (which are ordinary samples with {@code le} and {@code quantile}
 * labels). A line it cannot read is reported with its number and skipped; the others are kept.
 */
public final class ExpositionParser {

	/** The most errors listed; past them only their count grows. */
	static final int MAX_ERRORS = 100;

	private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

	private ExpositionParser() {
	}

	public static Exposition parse(String text) {
		List<Exposition.Sample> samples = new ArrayList<>();
		Map<String, String> types = new HashMap<>();
		Map<String, String> help = new HashMap<>();
		List<Exposition.LineError> errors = new ArrayList<>();
		int number = 0;
		int start = 0;
		int length = text.length();
		while (start <= length) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				end = length;
			}
			number++;
			String line = text.substring(start, end);
			if (line.endsWith("\r")) {
				line = line.substring(0, line.length() - 1);
			}
			start = end + 1;
			try {
				parseLine(line, number, samples, types, help);
			}
			catch (IllegalArgumentException ex) {
				if (errors.size() < MAX_ERRORS) {
					errors.add(new Exposition.LineError(number, ex.getMessage()));
				}
			}
			if (end == length) {
				break;
			}
		}
		return new Exposition(samples, types, help, errors);
	}

	private static void parseLine(String line, int number, List<Exposition.Sample> samples, Map<String, String> types,
			Map<String, String> help) {
		String trimmed = line.strip();
		if (trimmed.isEmpty()) {
			return;
		}
		if (trimmed.startsWith("#")) {
			comment(trimmed, types, help);
			return;
		}
		Cursor cursor = new Cursor(trimmed);
		String name = cursor.name(true);
		if (name.isEmpty()) {
			throw new IllegalArgumentException("expected a metric name at column " + (cursor.position + 1));
		}
		Map<String, String> labels = new LinkedHashMap<>();
		boolean spaced = cursor.skipSpaces();
		if (cursor.peek() == '{') {
			cursor.position++;
			labels(cursor, labels);
			spaced = cursor.skipSpaces();
		}
		if (!spaced || cursor.atEnd()) {
			throw new IllegalArgumentException("expected a space and a value after " + name + " at column " + (cursor.position + 1));
		}
		String valueText = cursor.token();
		double value = value(valueText);
		Long timestamp = null;
		cursor.skipSpaces();
		if (!cursor.atEnd()) {
			String timestampText = cursor.token();
			try {
				timestamp = Long.parseLong(timestampText);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("timestamp \"" + timestampText + "\" is not whole milliseconds");
			}
			cursor.skipSpaces();
			if (!cursor.atEnd()) {
				throw new IllegalArgumentException("unexpected text after the timestamp at column " + (cursor.position + 1));
			}
		}
		samples.add(new Exposition.Sample(name, labels, value, timestamp, number));
	}

	private static void comment(String line, Map<String, String> types, Map<String, String> help) {
		String body = line.substring(1).stripLeading();
		if (body.startsWith("HELP ") || body.startsWith("TYPE ")) {
			String keyword = body.substring(0, 4);
			String rest = body.substring(5).stripLeading();
			int space = indexOfSpace(rest);
			String family = space < 0 ? rest : rest.substring(0, space);
			String argument = space < 0 ? "" : rest.substring(space).strip();
			if (!Cursor.isName(family, true)) {
				throw new IllegalArgumentException("\"" + family + "\" is no metric name in # " + keyword);
			}
			if (keyword.equals("TYPE")) {
				if (!TYPES.contains(argument)) {
					throw new IllegalArgumentException("unknown type \"" + argument + "\" for " + family);
				}
				if (types.putIfAbsent(family, argument) != null) {
					throw new IllegalArgumentException("a second # TYPE for " + family);
				}
			}
			else {
				help.put(family, unescapeHelp(argument));
			}
		}
		// any other comment is ignored
	}

	private static int indexOfSpace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
				return i;
			}
		}
		return -1;
	}

	private static void labels(Cursor cursor, Map<String, String> labels) {
		while (true) {
			cursor.skipSpaces();
			if (cursor.peek() == '}') {
				cursor.position++;
				return;
			}
			String label = cursor.name(false);
			if (label.isEmpty()) {
				throw new IllegalArgumentException("expected a label name or '}' at column " + (cursor.position + 1));
			}
			cursor.skipSpaces();
			cursor.expect('=');
			cursor.skipSpaces();
			cursor.expect('"');
			String value = cursor.quoted();
			if (labels.put(label, value) != null) {
				throw new IllegalArgumentException("label \"" + label + "\" appears twice");
			}
			cursor.skipSpaces();
			char next = cursor.peek();
			if (next == ',') {
				cursor.position++;
			}
			else if (next != '}') {
				throw new IllegalArgumentException("expected ',' or '}' at column " + (cursor.position + 1));
			}
		}
	}

	/** A sample value: Go's float syntax, NaN, ±Inf. */
	static double value(String text) {
		switch (text) {
			case "NaN":
				return Double.NaN;
			case "+Inf":
			case "Inf":
				return Double.POSITIVE_INFINITY;
			case "-Inf":
				return Double.NEGATIVE_INFINITY;
			default:
				break;
		}
		if (text.isEmpty() || !text.chars().allMatch(c -> Character.isDigit(c) || "+-.eExXabcdefABCDEFpP_".indexOf(c) >= 0)
				|| text.contains("_")) {
			throw new IllegalArgumentException("value \"" + text + "\" is not a number");
		}
		try {
			return Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("value \"" + text + "\" is not a number");
		}
	}

	private static String unescapeHelp(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(i + 1);
				if (next == 'n') {
					out.append('\n');
					i++;
					continue;
				}
				if (next == '\\') {
					out.append('\\');
					i++;
					continue;
				}
			}
			out.append(c);
		}
		return out.toString();
	}

	/** A position in one line. */
	private static final class Cursor {

		private final String text;

		private int position;

		Cursor(String text) {
			this.text = text;
		}

		static boolean isName(String text, boolean metric) {
			if (text.isEmpty()) {
				return false;
			}
			for (int i = 0; i < text.length(); i++) {
				if (!nameCharacter(text.charAt(i), i == 0, metric)) {
					return false;
				}
			}
			return true;
		}

		private static boolean nameCharacter(char c, boolean first, boolean metric) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':')
					|| (!first && c >= '0' && c <= '9');
		}

		String name(boolean metric) {
			int from = this.position;
			while (this.position < this.text.length()
					&& nameCharacter(this.text.charAt(this.position), this.position == from, metric)) {
				this.position++;
			}
			return this.text.substring(from, this.position);
		}

		char peek() {
			return this.position < this.text.length() ? this.text.charAt(this.position) : '\0';
		}

		boolean atEnd() {
			return this.position >= this.text.length();
		}

		/** Skips spaces and tabs; answers whether there were any. */
		boolean skipSpaces() {
			int from = this.position;
			while (this.position < this.text.length()
					&& (this.text.charAt(this.position) == ' ' || this.text.charAt(this.position) == '\t')) {
				this.position++;
			}
			return this.position > from;
		}

		String token() {
			int from = this.position;
			while (this.position < this.text.length() && this.text.charAt(this.position) != ' '
					&& this.text.charAt(this.position) != '\t') {
				this.position++;
			}
			return this.text.substring(from, this.position);
		}

		void expect(char wanted) {
			if (peek() != wanted) {
				throw new IllegalArgumentException("expected '" + wanted + "' at column " + (this.position + 1));
			}
			this.position++;
		}

		/** A label value after its opening quote, up to and past the closing one, unescaped. */
		String quoted() {
			StringBuilder value = new StringBuilder();
			while (this.position < this.text.length()) {
				char c = this.text.charAt(this.position++);
				if (c == '"') {
					return value.toString();
				}
				if (c == '\\') {
					if (this.position >= this.text.length()) {
						break;
					}
					char next = this.text.charAt(this.position++);
					switch (next) {
						case '\\' -> value.append('\\');
						case '"' -> value.append('"');
						case 'n' -> value.append('\n');
						default -> throw new IllegalArgumentException(
								"unknown escape \\" + next + " in a label value at column " + (this.position - 1));
					}
				}
				else {
					value.append(c);
				}
			}
			throw new IllegalArgumentException("a label value is not closed by '\"'");
		}

	}

}
