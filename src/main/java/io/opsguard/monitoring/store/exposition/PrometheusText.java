package io.opsguard.monitoring.store.exposition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the Prometheus text exposition format (version 0.0.4): one sample per line,
 * {@code name{label="value",…} value [timestamp-ms]}; {@code # HELP} and {@code # TYPE} lines give
 * each family's help and type, other comments and blank lines are skipped; label values may hold
 * the escapes {@code \\}, {@code \"} and {@code \n} (any other backslash is kept as written);
 * values are Go floats ({@code 1.5e3}, {@code NaN}, {@code +Inf}, {@code -Inf}), kept as written;
 * histogram and summary lines are ordinary samples with {@code le} and {@code quantile} labels.
 * A line that cannot be read is reported with its number, a machine kind and a technical detail,
 * and the other lines are still read. Nothing here checks the store's rules (name lengths, label
 * limits, finite values, time): the store does.
 * <p>
 * Used by the ingestion API ({@code POST /api/v1/metrics/ingest}), the metric analysis API (a
 * series written as one sample) and the Prometheus scrape collector.
 */
public final class PrometheusText {

	private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

	private PrometheusText() {
	}

	/**
	 * What reading a text gave.
	 *
	 * @param samples the sample lines that could be read, in line order
	 * @param problems the lines that could not be read, in line order
	 * @param types each family's declared type ({@code counter}, {@code gauge}, {@code histogram},
	 * {@code summary}, {@code untyped}) by family name
	 * @param help each family's help text (unescaped) by family name
	 */
	public record Parsed(List<Line> samples, List<Problem> problems, Map<String, String> types,
			Map<String, String> help) {

		public Parsed {
			samples = List.copyOf(samples);
			problems = List.copyOf(problems);
			types = Map.copyOf(types);
			help = Map.copyOf(help);
		}

		/**
		 * The type of the family a sample belongs to (also through the suffixes {@code _bucket},
		 * {@code _sum}, {@code _count}, {@code _total}, {@code _created}), or {@code untyped}.
		 */
		public String typeOf(String metric) {
			String type = this.types.get(metric);
			if (type != null) {
				return type;
			}
			for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
				if (metric.endsWith(suffix)) {
					type = this.types.get(metric.substring(0, metric.length() - suffix.length()));
					if (type != null) {
						return type;
					}
				}
			}
			return "untyped";
		}

	}

	/**
	 * One sample line.
	 *
	 * @param number the line's number, from 1
	 * @param metric the metric name as written (a histogram's {@code x_bucket}, {@code x_sum},
	 * {@code x_count} as written)
	 * @param labels the labels as written (unescaped)
	 * @param value the value, possibly NaN or infinite
	 * @param timestamp milliseconds since the epoch, or null when the line has none
	 */
	public record Line(int number, String metric, SortedMap<String, String> labels, double value, Long timestamp) {

		public Line {
			labels = Collections.unmodifiableSortedMap(labels);
		}

	}

	/**
	 * An unreadable line.
	 *
	 * @param number the line's number, from 1
	 * @param kind what is wrong
	 * @param detail what is wrong, in technical English (the column, the text at fault)
	 * @param text the line (at most 200 characters)
	 */
	public record Problem(int number, Kind kind, String detail, String text) {

		@Override
		public String toString() {
			return "line " + this.number + ": " + this.detail;
		}

	}

	/** What is wrong with a line. */
	public enum Kind {

		/** No metric name where the line starts, or something unreadable after it. */
		SYNTAX,
		/** A label not written as {@code name="value"}, or unterminated. */
		BAD_LABEL_SYNTAX,
		/** The same label twice. */
		DUPLICATE_LABEL,
		/** The value is no number. */
		BAD_VALUE,
		/** The timestamp is no whole number of milliseconds. */
		BAD_TIMESTAMP,
		/**
		 * A {@code # TYPE} or {@code # HELP} line that cannot be read: no metric name, an unknown type,
		 * a second type for one family. It holds no sample.
		 */
		BAD_METADATA

	}

	/** Reads a whole exposition. */
	public static Parsed parse(String text) {
		List<Line> samples = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		Map<String, String> types = new HashMap<>();
		Map<String, String> help = new HashMap<>();
		int number = 0;
		int start = 0;
		while (start <= text.length()) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				end = text.length();
			}
			number++;
			String line = text.substring(start, end);
			if (line.endsWith("\r")) {
				line = line.substring(0, line.length() - 1);
			}
			start = end + 1;
			String stripped = line.strip();
			if (stripped.isEmpty()) {
				continue;
			}
			try {
				if (stripped.startsWith("#")) {
					comment(stripped, types, help);
				}
				else {
					samples.add(new Reader(stripped, number).line());
				}
			}
			catch (LineException ex) {
				problems.add(new Problem(number, ex.kind, ex.getMessage(),
						stripped.length() > 200 ? stripped.substring(0, 200) : stripped));
			}
		}
		return new Parsed(samples, problems, types, help);
	}

	/** A Go-style float as Prometheus writes it: {@code NaN}, {@code +Inf}, {@code -Inf}, decimals, exponents. */
	public static double parseValue(String text) {
		switch (text) {
			case "NaN":
				return Double.NaN;
			case "+Inf", "Inf":
				return Double.POSITIVE_INFINITY;
			case "-Inf":
				return Double.NEGATIVE_INFINITY;
			default:
				if (text.isEmpty() || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
					throw new NumberFormatException(text);
				}
				return Double.parseDouble(text);
		}
	}

	private static void comment(String line, Map<String, String> types, Map<String, String> help)
			throws LineException {
		String body = line.substring(1).stripLeading();
		if (!body.startsWith("HELP ") && !body.startsWith("TYPE ")) {
			return;
		}
		String keyword = body.substring(0, 4);
		String rest = body.substring(5).stripLeading();
		int space = indexOfBlank(rest);
		String family = space < 0 ? rest : rest.substring(0, space);
		String argument = space < 0 ? "" : rest.substring(space).strip();
		Reader name = new Reader(family, 0);
		if (family.isEmpty() || !name.name(true).equals(family)) {
			throw new LineException(Kind.BAD_METADATA, "\"" + family + "\" is no metric name in # " + keyword);
		}
		if (keyword.equals("TYPE")) {
			if (!TYPES.contains(argument)) {
				throw new LineException(Kind.BAD_METADATA, "unknown type \"" + argument + "\" for " + family);
			}
			if (types.putIfAbsent(family, argument) != null) {
				throw new LineException(Kind.BAD_METADATA, "a second # TYPE for " + family);
			}
		}
		else {
			help.put(family, unescapeHelp(argument));
		}
	}

	private static int indexOfBlank(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
				return i;
			}
		}
		return -1;
	}

	private static String unescapeHelp(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == 'n' || text.charAt(i + 1) == '\\')) {
				out.append(text.charAt(++i) == 'n' ? '\n' : '\\');
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static final class LineException extends Exception {

		private final Kind kind;

		LineException(Kind kind, String detail) {
			super(detail, null, false, false);
			this.kind = kind;
		}

	}

	private static final class Reader {

		private final String line;

		private final int number;

		private int at;

		Reader(String line, int number) {
			this.line = line;
			this.number = number;
		}

		Line line() throws LineException {
			String metric = name(true);
			if (metric.isEmpty()) {
				throw new LineException(Kind.SYNTAX, "expected a metric name at column " + column());
			}
			TreeMap<String, String> labels = new TreeMap<>();
			int afterName = this.at;
			skipBlanks();
			if (peek() == '{') {
				this.at++;
				labels(labels);
			}
			else {
				this.at = afterName;
			}
			if (this.at < this.line.length() && !Character.isWhitespace(this.line.charAt(this.at))) {
				throw new LineException(Kind.SYNTAX, "expected a space and a value after " + metric + " at column " + column());
			}
			String[] rest = this.line.substring(this.at).strip().split("\\s+");
			if (rest.length > 2) {
				throw new LineException(Kind.SYNTAX, "unexpected text after the timestamp: \"" + rest[2] + "\"");
			}
			if (rest[0].isEmpty()) {
				throw new LineException(Kind.BAD_VALUE, "no value after " + metric);
			}
			double value;
			try {
				value = parseValue(rest[0]);
			}
			catch (NumberFormatException ex) {
				throw new LineException(Kind.BAD_VALUE, "value \"" + rest[0] + "\" is not a number");
			}
			Long timestamp = null;
			if (rest.length == 2) {
				if (!rest[1].matches("-?\\d{1,18}")) {
					throw new LineException(Kind.BAD_TIMESTAMP, "timestamp \"" + rest[1] + "\" is not whole milliseconds");
				}
				timestamp = Long.parseLong(rest[1]);
			}
			return new Line(this.number, metric, labels, value, timestamp);
		}

		private void labels(TreeMap<String, String> labels) throws LineException {
			while (true) {
				skipBlanks();
				if (peek() == '}') {
					this.at++;
					return;
				}
				String name = name(false);
				if (name.isEmpty()) {
					throw new LineException(Kind.BAD_LABEL_SYNTAX, "expected a label name or '}' at column " + column());
				}
				skipBlanks();
				expect('=');
				skipBlanks();
				expect('"');
				String value = quoted();
				if (labels.put(name, value) != null) {
					throw new LineException(Kind.DUPLICATE_LABEL, "label \"" + name + "\" appears twice");
				}
				skipBlanks();
				char next = peek();
				if (next == ',') {
					this.at++;
				}
				else if (next != '}') {
					throw new LineException(Kind.BAD_LABEL_SYNTAX, "expected ',' or '}' at column " + column());
				}
			}
		}

		private void expect(char wanted) throws LineException {
			if (peek() != wanted) {
				throw new LineException(Kind.BAD_LABEL_SYNTAX, "expected '" + wanted + "' at column " + column());
			}
			this.at++;
		}

		/** A label value after its opening quote, up to and past the closing one, unescaped. */
		private String quoted() throws LineException {
			StringBuilder value = new StringBuilder();
			while (this.at < this.line.length()) {
				char c = this.line.charAt(this.at++);
				if (c == '"') {
					return value.toString();
				}
				if (c == '\\') {
					if (this.at >= this.line.length()) {
						break;
					}
					char escaped = this.line.charAt(this.at++);
					switch (escaped) {
						case 'n' -> value.append('\n');
						case '\\' -> value.append('\\');
						case '"' -> value.append('"');
						default -> value.append('\\').append(escaped);
					}
				}
				else {
					value.append(c);
				}
			}
			throw new LineException(Kind.BAD_LABEL_SYNTAX, "a label value is not closed by '\"'");
		}

		/** A metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or a label name (without colons). */
		private String name(boolean metric) {
			int begin = this.at;
			while (this.at < this.line.length()) {
				char c = this.line.charAt(this.at);
				boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || metric && c == ':';
				boolean digit = c >= '0' && c <= '9';
				if (!(letter || digit && this.at > begin)) {
					break;
				}
				this.at++;
			}
			return this.line.substring(begin, this.at);
		}

		private int column() {
			return this.at + 1;
		}

		private void skipBlanks() {
			while (this.at < this.line.length() && (this.line.charAt(this.at) == ' ' || this.line.charAt(this.at) == '\t')) {
				this.at++;
			}
		}

		private char peek() {
			return this.at < this.line.length() ? this.line.charAt(this.at) : '\0';
		}

	}

}
