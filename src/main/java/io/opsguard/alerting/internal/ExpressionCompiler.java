package io.opsguard.alerting.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.opsguard.alerting.rule.RuleEngine;

/**
 * The seam between rules and the expression language: checks an expression's text (every problem
 * explained in the reader's language) and compiles it into a check the engine runs per resource.
 */
interface ExpressionCompiler {

	/** What is wrong with the expression, explained; empty when it is valid. */
	List<String> problems(String text, Set<String> knownMetrics, Locale locale);

	/** The metrics the expression reads. */
	Set<String> metrics(String text);

	/** The compiled check of a valid expression. */
	RuleEngine.ExpressionCheck compile(String text);

}
