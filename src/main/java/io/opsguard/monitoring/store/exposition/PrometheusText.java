package io.opsguard.monitoring.store.exposition;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the Prometheus text exposition format (version 0.0.4): one sample per line,
 * {@code name{label="value",…} value [timestamp-ms]}; {@code # HELP}, {@code # TYPE} and other
 * comments and blank lines are skipped; label values may hold the escapes {@code \\}, {@code \"}
 * and {@code \n}; values are Go floats ({@code 1.5e3}, {@code NaN}, {@code +Inf}, {@code -Inf}).
 * A line that cannot be read is reported with its number and what is wrong, and the other lines
 * are still read: the ingestion API answers per line. Nothing here checks the store's rules (name
 * lengths, label limits, finite values, time): the store does.
 * <p>
 * Used by the ingestion API ({@code POST /api/v1/metrics/ingest}); the Prometheus scrape collector
 * may share it.
 */
public final class PrometheusText {

	private PrometheusText() {
	}

	/** What reading a text gave: its samples and its unreadable lines, each in line order. */
	public record Parsed(List<Line> samples, List<Problem> problems) {

		public Parsed {
			samples = List.copyOf(samples);
			problems = List.copyOf(problems);
		}

	}

	/**
	 * One sample line.
	 *
	 * @param number the line's number, from 1
	 * @param metric the metric name as written
	 * @param labels the labels as written (unescaped)
	 * @param value the value, possibly NaN or infinite
	 * @param timestamp milliseconds since the epoch, or null when the line has none
	 */
	public record Line(int number, String metric, SortedMap<String, String> labels, double value, Long timestamp) {
	}

	/**
	 * An unreadable line.
	 *
	 * @param number the line's number, from 1
	 * @param kind what is wrong
	 * @param text the line (at most 200 characters)
	 */
	public record Problem(int number, Kind kind, String text) {
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
		BAD_TIMESTAMP

	}

	/** Reads a whole exposition. */
	public static Parsed parse(String text) {
		List<Line> samples = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
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
			if (stripped.isEmpty() || stripped.startsWith("#")) {
				continue;
			}
			try {
				samples.add(new Reader(stripped, number).line());
			}
			catch (LineException ex) {
				problems.add(new Problem(number, ex.kind, stripped.length() > 200 ? stripped.substring(0, 200) : stripped));
			}
		}
		return new Parsed(samples, problems);
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

	private static final class LineException extends Exception {

		private final Kind kind;

		LineException(Kind kind) {
			super(kind.name(), null, false, false);
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
				throw new LineException(Kind.SYNTAX);
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
				throw new LineException(Kind.SYNTAX);
			}
			String[] rest = this.line.substring(this.at).strip().split("\\s+");
			if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2) {
				throw new LineException(rest.length > 2 ? Kind.SYNTAX : Kind.BAD_VALUE);
			}
			double value;
			try {
				value = parseValue(rest[0]);
			}
			catch (NumberFormatException ex) {
				throw new LineException(Kind.BAD_VALUE);
			}
			Long timestamp = null;
			if (rest.length == 2) {
				if (!rest[1].matches("-?\\d{1,18}")) {
					throw new LineException(Kind.BAD_TIMESTAMP);
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
				skipBlanks();
				if (name.isEmpty() || peek() != '=') {
					throw new LineException(Kind.BAD_LABEL_SYNTAX);
				}
				this.at++;
				skipBlanks();
				if (peek() != '"') {
					throw new LineException(Kind.BAD_LABEL_SYNTAX);
				}
				this.at++;
				String value = quoted();
				if (labels.put(name, value) != null) {
					throw new LineException(Kind.DUPLICATE_LABEL);
				}
				skipBlanks();
				char next = peek();
				if (next == ',') {
					this.at++;
				}
				else if (next != '}') {
					throw new LineException(Kind.BAD_LABEL_SYNTAX);
				}
			}
		}

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
			throw new LineException(Kind.BAD_LABEL_SYNTAX);
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
