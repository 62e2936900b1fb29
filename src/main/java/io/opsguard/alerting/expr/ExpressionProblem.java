package io.opsguard.alerting.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fault of an alert expression, for a person: where it is ({@code position}, 0-based, and
 * {@code length} characters of the text, for highlighting), the message key {@code code}
 * ({@code alerting.expr.*} in the message files) and the message's arguments by name. The
 * arguments keep their order, which is the order of the message's {@code {0}}, {@code {1}} …
 * ({@link #arguments()}); names serve clients that interpolate by name.
 */
public record ExpressionProblem(int position, int length, String code, Map<String, Object> args) {

	public ExpressionProblem {
		if (position < 0 || length < 0) {
			throw new IllegalArgumentException("position and length must not be negative");
		}
		args = (args == null) ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
	}

	/** The 1-based column a person counts to, as the messages say it. */
	public int column() {
		return this.position + 1;
	}

	/**
	 * The arguments in message order, for {@code MessageSource.getMessage(code, arguments(), locale)};
	 * numbers as plain digits, so that a column of 1000 does not read "1,000".
	 */
	public Object[] arguments() {
		return this.args.values().stream().map(value -> (value instanceof Number) ? String.valueOf(value) : value).toArray();
	}

	static Builder at(int position, int length, String code) {
		return new Builder(position, length, code);
	}

	/** Collects the named arguments of a problem in message order. */
	static final class Builder {

		private final int position;

		private final int length;

		private final String code;

		private final Map<String, Object> args = new LinkedHashMap<>();

		private Builder(int position, int length, String code) {
			this.position = position;
			this.length = length;
			this.code = code;
		}

		Builder arg(String name, Object value) {
			this.args.put(name, value);
			return this;
		}

		ExpressionProblem build() {
			return new ExpressionProblem(this.position, this.length, this.code, this.args);
		}

	}

}
