package io.opsguard.alerting.expr;

import java.math.BigDecimal;

/**
 * The syntax tree of an expression. Records, so that two expressions that mean the same (however
 * they were spaced or parenthesised) are equal; {@link #canonical(Node)} writes the one text of a tree.
 */
sealed interface Node {

	/** Default window of the functions, and how far back a metric written alone looks for its last sample. */
	long DEFAULT_WINDOW_MILLIS = 5 * 60_000L;

	/** A number, never negative (a minus sign is {@link Neg}). */
	record Num(double value) implements Node {
	}

	/**
	 * A metric of the resource, all its instances or one ({@code instance} not null), reduced over a
	 * window by a function ({@code LAST} for the metric written alone).
	 */
	record Series(String metric, String instance, WindowFunction function, long windowMillis) implements Node {
	}

	/** {@code abs(x)}. */
	record Abs(Node argument) implements Node {
	}

	/** Unary minus. */
	record Neg(Node operand) implements Node {
	}

	/** {@code not x}: 1 when x is 0, 0 when x is anything else. */
	record Not(Node operand) implements Node {
	}

	record Binary(Operator operator, Node left, Node right) implements Node {
	}

	/** True when the node answers yes or no: a comparison, {@code and}, {@code or}, {@code not}, {@code absent(…)}. */
	static boolean isCondition(Node node) {
		if (node instanceof Binary binary) {
			return !binary.operator().isArithmetic();
		}
		return node instanceof Not || (node instanceof Series series && series.function() == WindowFunction.ABSENT);
	}

	static int precedence(Node node) {
		if (node instanceof Binary binary) {
			return binary.operator().precedence;
		}
		if (node instanceof Neg || node instanceof Not) {
			return Operator.UNARY;
		}
		return Operator.ATOM;
	}

	/** The canonical text: single spaces around binary operators, windows written out, only the parentheses needed. */
	static String canonical(Node node) {
		StringBuilder out = new StringBuilder();
		write(node, out);
		return out.toString();
	}

	private static void write(Node node, StringBuilder out) {
		if (node instanceof Num num) {
			out.append(number(num.value()));
		}
		else if (node instanceof Series series) {
			writeSeries(series, out);
		}
		else if (node instanceof Abs abs) {
			out.append("abs(");
			write(abs.argument(), out);
			out.append(')');
		}
		else if (node instanceof Neg neg) {
			out.append('-');
			writeOperand(neg.operand(), precedence(neg.operand()) < Operator.UNARY || neg.operand() instanceof Not, out);
		}
		else if (node instanceof Not not) {
			out.append("not ");
			writeOperand(not.operand(), precedence(not.operand()) < Operator.UNARY, out);
		}
		else {
			Binary binary = (Binary) node;
			int own = binary.operator().precedence;
			boolean arithmeticOrComparison = !binary.operator().isLogical();
			Node left = binary.left();
			Node right = binary.right();
			// comparisons do not chain; "not x > 1" is refused as ambiguous, so a not under them is bracketed
			writeOperand(left, precedence(left) < own || (own == Operator.COMPARISON && precedence(left) == own)
					|| (arithmeticOrComparison && left instanceof Not), out);
			out.append(' ').append(binary.operator().symbol).append(' ');
			writeOperand(right, precedence(right) <= own || (arithmeticOrComparison && right instanceof Not), out);
		}
	}

	private static void writeOperand(Node operand, boolean parenthesised, StringBuilder out) {
		if (parenthesised) {
			out.append('(');
		}
		write(operand, out);
		if (parenthesised) {
			out.append(')');
		}
	}

	private static void writeSeries(Series series, StringBuilder out) {
		boolean bare = series.function() == WindowFunction.LAST && series.windowMillis() == DEFAULT_WINDOW_MILLIS;
		if (!bare) {
			out.append(series.function().functionName).append('(');
		}
		out.append(series.metric());
		if (series.instance() != null) {
			out.append("{instance=\"");
			for (int i = 0; i < series.instance().length(); i++) {
				char c = series.instance().charAt(i);
				if (c == '"' || c == '\\') {
					out.append('\\');
				}
				out.append(c);
			}
			out.append("\"}");
		}
		if (!bare) {
			out.append('[').append(duration(series.windowMillis())).append("])");
		}
	}

	/** A window in its largest whole unit: 5m, 90s, 2h, 1d. */
	static String duration(long millis) {
		long seconds = millis / 1000;
		if (seconds % 86_400 == 0) {
			return seconds / 86_400 + "d";
		}
		if (seconds % 3_600 == 0) {
			return seconds / 3_600 + "h";
		}
		if (seconds % 60 == 0) {
			return seconds / 60 + "m";
		}
		return seconds + "s";
	}

	/** A number as it reads back to the same double: 90, 0.5, 1.0E-7, 1.0E20. */
	static String number(double value) {
		double magnitude = Math.abs(value);
		if (magnitude != 0 && (magnitude >= 1e15 || magnitude < 1e-4)) {
			return Double.toString(value);
		}
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
