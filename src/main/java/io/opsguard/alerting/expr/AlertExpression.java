package io.opsguard.alerting.expr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.alerting.expr.Node.Series;

/**
 * A condition over the metrics of one resource, written in the small language of expression alert
 * rules, e.g. {@code rate(errors[5m]) > 10 and status == 1} or {@code fs_usage{instance="/data"} > 90}
 * (user guide, chapter 18).
 *
 * <p>
 * A metric that has several instances (mount points, interfaces) and is written without
 * {@code {instance="…"}} is evaluated per instance: the expression fires when it is true for some
 * instance, and {@link Result#firingInstances()} names them. All such metrics of one expression
 * join on the instance name; a metric without instances, or with one selected, joins every instance.
 * Missing data never fires: a metric without a sample in its window, or a division by zero, has no
 * value, and a comparison with no value is not true — except through {@code absent(…)} and
 * {@code count_over(…)}.
 *
 * <p>
 * Immutable and safe to evaluate from several threads. Two expressions are equal when they mean
 * the same, however they were spaced or parenthesised; {@link #toString()} is their canonical text.
 */
public final class AlertExpression {

	/** The longest text accepted, in characters. */
	public static final int MAX_LENGTH = Parser.MAX_LENGTH;

	/** The deepest nesting of parentheses, function calls, {@code not} and minus signs. */
	public static final int MAX_DEPTH = Parser.MAX_DEPTH;

	/** The window of a function written without one, and how far back a metric written alone looks for its last sample. */
	public static final Duration DEFAULT_WINDOW = Duration.ofMillis(Node.DEFAULT_WINDOW_MILLIS);

	/** The longest window accepted. */
	public static final Duration MAX_WINDOW = Duration.ofMillis(Parser.MAX_WINDOW_MILLIS);

	/** The function names of the language. */
	public static final List<String> FUNCTIONS = Parser.FUNCTIONS;

	private final String text;

	private final Node root;

	private final List<Reference> references;

	private final Map<String, Duration> metrics;

	private final Plan plan;

	private final String canonical;

	AlertExpression(String text, Node root, List<Reference> references, String pinnedInstance) {
		this.text = text;
		this.root = root;
		this.references = List.copyOf(references);
		Map<String, Long> windows = new LinkedHashMap<>();
		collectWindows(root, windows);
		Map<String, Duration> metrics = new LinkedHashMap<>();
		windows.forEach((metric, millis) -> metrics.put(metric, Duration.ofMillis(millis)));
		this.metrics = Collections.unmodifiableMap(metrics);
		this.plan = Plan.compile(root, windows, pinnedInstance);
		this.canonical = Node.canonical(root);
	}

	/**
	 * Reads an expression.
	 *
	 * @throws ExpressionException listing every fault found: codes {@code alerting.expr.*} with a
	 * position in the text and the message's arguments
	 */
	public static AlertExpression parse(String text) {
		return Parser.parse(text);
	}

	/**
	 * The metric names it uses that are not among {@code knownMetrics} (those a resource or a class
	 * of resources has), each where it is written, with the nearest known name when one is close:
	 * {@code alerting.expr.unknownMetricDidYouMean} or {@code alerting.expr.unknownMetric}. Empty
	 * when all are known.
	 */
	public List<ExpressionProblem> validate(Set<String> knownMetrics) {
		List<ExpressionProblem> problems = new ArrayList<>();
		for (Reference reference : this.references) {
			if (knownMetrics.contains(reference.metric())) {
				continue;
			}
			String suggestion = NearestName.findMetric(reference.metric(), knownMetrics);
			ExpressionProblem.Builder problem = (suggestion == null)
					? ExpressionProblem.at(reference.position(), reference.length(), "alerting.expr.unknownMetric")
					: ExpressionProblem.at(reference.position(), reference.length(), "alerting.expr.unknownMetricDidYouMean");
			problem.arg("name", reference.metric());
			if (suggestion != null) {
				problem.arg("suggestion", suggestion);
			}
			problems.add(problem.build());
		}
		return List.copyOf(problems);
	}

	/**
	 * The metrics it reads, in the order written, each with the largest window it is read over
	 * ({@link #DEFAULT_WINDOW} for a metric written alone): what an evaluation asks
	 * {@link SeriesAccess} for.
	 */
	public Map<String, Duration> metrics() {
		return this.metrics;
	}

	/** The text as written. */
	public String text() {
		return this.text;
	}

	/**
	 * Evaluates it for one resource at {@code nowMillis}, reading each metric once over
	 * {@code [now - window, now]}.
	 */
	public Result evaluate(SeriesAccess access, long nowMillis) {
		return this.plan.evaluate(access, nowMillis);
	}

	/** The canonical text: the same for every way of writing the same expression, and read back to an equal one. */
	@Override
	public String toString() {
		return this.canonical;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof AlertExpression expression && this.root.equals(expression.root));
	}

	@Override
	public int hashCode() {
		return this.root.hashCode();
	}

	Node root() {
		return this.root;
	}

	private static void collectWindows(Node node, Map<String, Long> windows) {
		if (node instanceof Series series) {
			windows.merge(series.metric(), series.windowMillis(), Math::max);
		}
		else if (node instanceof Node.Abs abs) {
			collectWindows(abs.argument(), windows);
		}
		else if (node instanceof Node.Neg neg) {
			collectWindows(neg.operand(), windows);
		}
		else if (node instanceof Node.Not not) {
			collectWindows(not.operand(), windows);
		}
		else if (node instanceof Node.Binary binary) {
			collectWindows(binary.left(), windows);
			collectWindows(binary.right(), windows);
		}
	}

	/**
	 * What an evaluation found. {@code firingInstances}: the instances for which the expression is
	 * true ({@code ""} for the resource as a whole; the selected instance when the expression selects
	 * exactly one, as in {@code fs_usage{instance="/data"} > 90}). {@code valueByInstance}: for each
	 * of them, the value to show on the alert — the left-hand side of the comparison that made it true
	 * (NaN in the rare case that there is none, such as a negated {@code and}).
	 */
	public record Result(boolean firing, Map<String, Double> valueByInstance, Set<String> firingInstances) {

		/** The expression is false (or has no value) for every instance. */
		public static final Result NOT_FIRING = new Result(false, Map.of(), Set.of());

	}

	/** A metric name as written, for {@link #validate(Set)}. */
	record Reference(String metric, int position, int length) {
	}

}
