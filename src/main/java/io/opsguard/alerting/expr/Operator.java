package io.opsguard.alerting.expr;

/** The binary operators, by precedence from loosest ({@code or}) to tightest ({@code * /}). */
enum Operator {

	OR("or", 1), AND("and", 2),
	GT(">", 3), GE(">=", 3), LT("<", 3), LE("<=", 3), EQ("==", 3), NE("!=", 3),
	ADD("+", 4), SUB("-", 4),
	MUL("*", 5), DIV("/", 5);

	/** Precedence of comparisons; they do not chain. */
	static final int COMPARISON = 3;

	/** Precedence of {@code not} and unary minus: they bind tightest. */
	static final int UNARY = 6;

	/** Precedence of numbers, metrics, calls and parenthesised expressions. */
	static final int ATOM = 7;

	final String symbol;

	final int precedence;

	Operator(String symbol, int precedence) {
		this.symbol = symbol;
		this.precedence = precedence;
	}

	boolean isComparison() {
		return this.precedence == COMPARISON;
	}

	boolean isLogical() {
		return this == AND || this == OR;
	}

	boolean isArithmetic() {
		return this.precedence > COMPARISON;
	}

	/** The operator on two values present (no NaN): 1/0 for comparisons, NaN for a division by zero. */
	double apply(double a, double b) {
		switch (this) {
			case ADD:
				return finite(a + b);
			case SUB:
				return finite(a - b);
			case MUL:
				return finite(a * b);
			case DIV:
				return (b == 0) ? Double.NaN : finite(a / b);
			case GT:
				return (a > b) ? 1 : 0;
			case GE:
				return (a >= b) ? 1 : 0;
			case LT:
				return (a < b) ? 1 : 0;
			case LE:
				return (a <= b) ? 1 : 0;
			case EQ:
				return (a == b) ? 1 : 0;
			case NE:
				return (a != b) ? 1 : 0;
			default:
				throw new IllegalStateException("not an arithmetic or comparison operator: " + this);
		}
	}

	/**
	 * The operator on two values either of which may be NaN (no value). Arithmetic and comparisons
	 * give no value when an operand has none; {@code and}/{@code or} use three-valued logic, so that
	 * missing data never makes a condition true: {@code false and ?} is false, {@code true or ?} is true,
	 * anything else with {@code ?} stays unknown.
	 */
	double combine(double a, double b) {
		if (this == AND) {
			if (isFalse(a) || isFalse(b)) {
				return 0;
			}
			return (Double.isNaN(a) || Double.isNaN(b)) ? Double.NaN : 1;
		}
		if (this == OR) {
			if (isTrue(a) || isTrue(b)) {
				return 1;
			}
			return (Double.isNaN(a) || Double.isNaN(b)) ? Double.NaN : 0;
		}
		if (Double.isNaN(a) || Double.isNaN(b)) {
			return Double.NaN;
		}
		return apply(a, b);
	}

	static boolean isTrue(double value) {
		return value != 0 && !Double.isNaN(value);
	}

	static boolean isFalse(double value) {
		return value == 0;
	}

	private static double finite(double value) {
		return Double.isFinite(value) ? value : Double.NaN;
	}

}
