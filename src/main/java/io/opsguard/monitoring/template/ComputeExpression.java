package io.opsguard.monitoring.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A metric's {@code compute} expression: numbers, other metrics' names, {@code + - * /}, unary minus
 * and parentheses, e.g. {@code 100 * (size - free) / size}. Evaluates to NaN when a metric it names
 * has no value or a division by zero happens, so that no value is stored rather than a wrong one.
 */
public final class ComputeExpression {

	private final Term root;

	private final Set<String> variables;

	private ComputeExpression(Term root, Set<String> variables) {
		this.root = root;
		this.variables = variables;
	}

	/**
	 * Parses an expression.
	 *
	 * @throws IllegalArgumentException naming the fault and its position
	 */
	public static ComputeExpression parse(String text) {
		Parser parser = new Parser(text);
		Term root = parser.sum();
		parser.skipSpaces();
		if (parser.position < text.length()) {
			throw new IllegalArgumentException("unexpected '" + text.charAt(parser.position) + "' at " + (parser.position + 1));
		}
		return new ComputeExpression(root, Set.copyOf(parser.variables));
	}

	/** The metric names it reads. */
	public Set<String> variables() {
		return this.variables;
	}

	/** Its value for these metric values; NaN when one is missing or the result is not finite. */
	public double evaluate(Map<String, Double> values) {
		double result = this.root.value(values);
		return Double.isFinite(result) ? result : Double.NaN;
	}

	private interface Term {

		double value(Map<String, Double> values);

	}

	private static final class Parser {

		private final String text;

		private int position;

		private final Set<String> variables = new LinkedHashSet<>();

		Parser(String text) {
			this.text = text;
		}

		void skipSpaces() {
			while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
				this.position++;
			}
		}

		boolean take(char expected) {
			skipSpaces();
			if (this.position < this.text.length() && this.text.charAt(this.position) == expected) {
				this.position++;
				return true;
			}
			return false;
		}

		Term sum() {
			Term left = product();
			while (true) {
				if (take('+')) {
					Term l = left;
					Term r = product();
					left = v -> l.value(v) + r.value(v);
				}
				else if (take('-')) {
					Term l = left;
					Term r = product();
					left = v -> l.value(v) - r.value(v);
				}
				else {
					return left;
				}
			}
		}

		Term product() {
			Term left = unary();
			while (true) {
				if (take('*')) {
					Term l = left;
					Term r = unary();
					left = v -> l.value(v) * r.value(v);
				}
				else if (take('/')) {
					Term l = left;
					Term r = unary();
					left = v -> {
						double divisor = r.value(v);
						return divisor == 0 ? Double.NaN : l.value(v) / divisor;
					};
				}
				else {
					return left;
				}
			}
		}

		Term unary() {
			if (take('-')) {
				Term inner = unary();
				return v -> -inner.value(v);
			}
			return primary();
		}

		Term primary() {
			skipSpaces();
			if (take('(')) {
				Term inner = sum();
				if (!take(')')) {
					throw new IllegalArgumentException("missing ')' at " + (this.position + 1));
				}
				return inner;
			}
			int start = this.position;
			if (start >= this.text.length()) {
				throw new IllegalArgumentException("unexpected end");
			}
			char first = this.text.charAt(start);
			if (Character.isDigit(first) || first == '.') {
				while (this.position < this.text.length()
						&& (Character.isDigit(this.text.charAt(this.position)) || this.text.charAt(this.position) == '.')) {
					this.position++;
				}
				try {
					double number = Double.parseDouble(this.text.substring(start, this.position));
					return v -> number;
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("bad number at " + (start + 1), ex);
				}
			}
			if (Character.isLetter(first) || first == '_') {
				while (this.position < this.text.length() && (Character.isLetterOrDigit(this.text.charAt(this.position))
						|| this.text.charAt(this.position) == '_')) {
					this.position++;
				}
				String name = this.text.substring(start, this.position);
				this.variables.add(name);
				return v -> {
					Double value = v.get(name);
					return value == null ? Double.NaN : value;
				};
			}
			throw new IllegalArgumentException("unexpected '" + first + "' at " + (start + 1));
		}

	}

}
