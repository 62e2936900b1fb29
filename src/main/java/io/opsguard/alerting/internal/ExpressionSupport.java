package io.opsguard.alerting.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.alerting.expr.AlertExpression;
import io.opsguard.alerting.expr.ExpressionException;
import io.opsguard.alerting.expr.ExpressionProblem;
import io.opsguard.alerting.expr.SeriesAccess;
import io.opsguard.alerting.rule.RuleEngine;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@link ExpressionCompiler} over the expression language ({@link AlertExpression}): problems are
 * explained with the messages {@code alerting.expr.*} in the reader's language; a compiled
 * expression reads the resource's raw samples of each metric over its window from the metric store.
 */
@Component
class ExpressionSupport implements ExpressionCompiler {

	private final MetricStore store;

	private final MessageSource messages;

	ExpressionSupport(MetricStore store, MessageSource messages) {
		this.store = store;
		this.messages = messages;
	}

	@Override
	public List<String> problems(String text, Set<String> knownMetrics, Locale locale) {
		List<ExpressionProblem> problems;
		try {
			problems = AlertExpression.parse(text).validate(knownMetrics);
		}
		catch (ExpressionException ex) {
			problems = ex.problems();
		}
		List<String> explained = new ArrayList<>();
		for (ExpressionProblem problem : problems) {
			explained.add(this.messages.getMessage(problem.code(), problem.arguments(), problem.code(), locale));
		}
		return explained;
	}

	@Override
	public Set<String> metrics(String text) {
		return AlertExpression.parse(text).metrics().keySet();
	}

	@Override
	public RuleEngine.ExpressionCheck compile(String text) {
		AlertExpression expression = AlertExpression.parse(text);
		return (resource, now) -> {
			AlertExpression.Result result = expression.evaluate(access(resource), now);
			if (!result.firing()) {
				return Map.of();
			}
			Map<String, Double> firing = new HashMap<>();
			for (String instance : result.firingInstances()) {
				Double value = result.valueByInstance().get(instance);
				firing.put(instance, value == null ? Double.NaN : value);
			}
			return firing;
		};
	}

	/** The resource's samples of a metric, by instance ("" for series without one). */
	private SeriesAccess access(long resource) {
		String id = Long.toString(resource);
		return (metric, from, to) -> {
			Map<String, SeriesAccess.Samples> byInstance = new HashMap<>();
			for (SeriesPoints points : this.store.range(SeriesSelector.metric(metric).where(SeriesKey.RESOURCE, id),
					Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), null)) {
				String instance = points.series().label(SeriesKey.INSTANCE);
				byInstance.putIfAbsent(instance == null ? "" : instance,
						new SeriesAccess.Samples(points.timestamps(), points.values()));
			}
			return byInstance;
		};
	}

}
