package io.opsguard.alerting.rule;

/** A comparison of a value with a threshold. */
public enum Comparison {

	GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

	private final String symbol;

	Comparison(String symbol) {
		this.symbol = symbol;
	}

	public String symbol() {
		return this.symbol;
	}

	/** Whether {@code value} compares so with {@code threshold}; never for NaN. */
	public boolean test(double value, double threshold) {
		if (Double.isNaN(value)) {
			return false;
		}
		return switch (this) {
			case GT -> value > threshold;
			case GE -> value >= threshold;
			case LT -> value < threshold;
			case LE -> value <= threshold;
			case EQ -> value == threshold;
			case NE -> value != threshold;
		};
	}

	/** The comparison that holds exactly when this one does not. */
	public Comparison negate() {
		return switch (this) {
			case GT -> LE;
			case GE -> LT;
			case LT -> GE;
			case LE -> GT;
			case EQ -> NE;
			case NE -> EQ;
		};
	}

	/** The comparison written so ({@code >}, {@code >=}, …), or null. */
	public static Comparison of(String symbol) {
		if (symbol == null) {
			return null;
		}
		for (Comparison comparison : values()) {
			if (comparison.symbol.equals(symbol.trim())) {
				return comparison;
			}
		}
		return null;
	}

}
