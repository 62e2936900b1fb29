package io.opsguard.alerting.expr;

import java.util.List;

/** An alert expression that cannot be used, with every fault found in it, in text order. */
public class ExpressionException extends RuntimeException {

	private final transient List<ExpressionProblem> problems;

	public ExpressionException(List<ExpressionProblem> problems) {
		super("Invalid alert expression: " + problems);
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid expression has at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	/** The faults, at least one, ordered by position. */
	public List<ExpressionProblem> problems() {
		return this.problems;
	}

}
