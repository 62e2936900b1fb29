package io.opsguard.alerting.rule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.SeriesKey;

/**
 * Evaluates the rules over the newest samples, keeping one {@link ThresholdMachine} per rule and
 * series: each evaluation reads the newest sample of every series a rule watches (one read per
 * metric, shared by the rules on it) and steps the machines whose series has a newer sample. What
 * changed comes back as {@link Signal}s — an alert begins, goes on with a new value, or ends — for
 * the alert lifecycle to record. Free of Spring and of the database, so that the benchmark drives
 * the same code at scale. Not thread-safe: one evaluation at a time.
 */
public final class RuleEngine {

	/** Where the newest samples come from (the metric store). */
	public interface Metrics {

		/** The newest sample of every series of the metric, when no older than {@code lookback}. */
		List<LatestValue> latest(String metric, Duration lookback);

	}

	/** An expression rule's verdict on one resource. */
	public interface ExpressionCheck {

		/**
		 * Evaluates the expression for one resource at {@code now}: per instance ("" for the whole
		 * resource) the value that made it true, for the instances where it is true; the instances
		 * where it is false are left out.
		 */
		Map<String, Double> firing(long resourceId, long now);

	}

	/** The baseline band of a series at an instant (low, high), or null when there is no history. */
	public interface Bands {

		double[] band(SeriesKey series, long at);

	}

	/**
	 * A rule ready to evaluate.
	 *
	 * @param applies whether the rule watches a series (its scope, without resources that override it)
	 * @param resources for expression rules: the resources in scope
	 * @param expression for expression rules: the compiled expression
	 */
	public record Compiled(AlertRule rule, Predicate<SeriesKey> applies, Set<Long> resources, ExpressionCheck expression) {
	}

	/**
	 * A change of an alert.
	 *
	 * @param fingerprint the alert's identity: the rule and the series
	 * @param value the sample's value
	 * @param at the sample's time, epoch milliseconds
	 */
	public record Signal(ThresholdMachine.Transition kind, AlertRule rule, SeriesKey series, long resourceId,
			double value, long at, String fingerprint) {
	}

	private static final String EXPRESSION_METRIC = "expression";

	/** The resource id of OpsGuard's own series ({@code opsguard_*}, without a resource label). */
	public static final long SELF = 0;

	private static final String SELF_PREFIX = "opsguard_";

	private final Metrics metrics;

	private final Bands bands;

	private final Duration lookback;

	private final Predicate<String> openAtStart;

	private final Map<Long, Map<SeriesKey, State>> states = new HashMap<>();

	private long seriesEvaluated;

	/**
	 * @param lookback a series whose newest sample is older than this is not evaluated
	 * @param openAtStart whether an alert is open for a fingerprint (read once per series, so that a
	 *        restart resumes the open alerts instead of firing them again or never resolving them)
	 */
	public RuleEngine(Metrics metrics, Bands bands, Duration lookback, Predicate<String> openAtStart) {
		this.metrics = metrics;
		this.bands = bands;
		this.lookback = lookback;
		this.openAtStart = openAtStart;
	}

	/** The series stepped in the last evaluation. */
	public long seriesEvaluated() {
		return this.seriesEvaluated;
	}

	/** How many series the engine keeps a state for. */
	public int states() {
		return this.states.values().stream().mapToInt(Map::size).sum();
	}

	/** Evaluates every rule once at {@code now} (epoch milliseconds). */
	public List<Signal> evaluate(List<Compiled> rules, long now) {
		List<Signal> signals = new ArrayList<>();
		this.seriesEvaluated = 0;
		Map<String, List<Compiled>> byMetric = new LinkedHashMap<>();
		Set<Long> live = new java.util.HashSet<>();
		for (Compiled compiled : rules) {
			AlertRule rule = compiled.rule();
			live.add(rule.id());
			if (!rule.enabled()) {
				continue;
			}
			if (rule.kind() == RuleKind.EXPRESSION) {
				evaluateExpression(compiled, now, signals);
				continue;
			}
			if (rule.kind() == RuleKind.AVAILABILITY && (rule.check() == null || rule.check().eventBased())) {
				continue;
			}
			String metric = rule.watchedMetric();
			if (metric != null) {
				byMetric.computeIfAbsent(metric, any -> new ArrayList<>()).add(compiled);
			}
		}
		this.states.keySet().removeIf(id -> !live.contains(id));
		for (Map.Entry<String, List<Compiled>> entry : byMetric.entrySet()) {
			List<LatestValue> latest = this.metrics.latest(entry.getKey(), this.lookback);
			for (Compiled compiled : entry.getValue()) {
				evaluateSeries(compiled, latest, signals);
			}
		}
		return signals;
	}

	private void evaluateSeries(Compiled compiled, List<LatestValue> latest, List<Signal> signals) {
		AlertRule rule = compiled.rule();
		Map<SeriesKey, State> ruleStates = this.states.computeIfAbsent(rule.id(), any -> new HashMap<>());
		for (LatestValue sample : latest) {
			SeriesKey series = sample.series();
			if (rule.instance() != null && !rule.instance().equals(series.label(SeriesKey.INSTANCE))) {
				continue;
			}
			if (!compiled.applies().test(series)) {
				continue;
			}
			long resource = resourceOf(series);
			if (resource < 0) {
				if (!series.metric().startsWith(SELF_PREFIX)) {
					continue;
				}
				// OpsGuard's own metrics (self-diagnosis, R-SYS-06): about no CI
				resource = SELF;
			}
			State state = ruleStates.get(series);
			if (state == null) {
				String fingerprint = fingerprint(rule.id(), series);
				state = new State(series, resource, fingerprint,
						new ThresholdMachine(this.openAtStart.test(fingerprint)));
				ruleStates.put(series, state);
			}
			this.seriesEvaluated++;
			step(rule, state, sample.timestamp(), sample.value(), signals);
		}
	}

	private void step(AlertRule rule, State state, long timestamp, double value, List<Signal> signals) {
		ThresholdMachine.Condition trigger;
		ThresholdMachine.Condition recovery = null;
		int samples = 1;
		if (rule.kind() == RuleKind.AVAILABILITY) {
			double n = rule.checkValue() == null ? 1 : rule.checkValue();
			switch (rule.check()) {
				case COLLECTION_FAILING -> {
					trigger = v -> v == 0;
					samples = (int) Math.max(1, Math.round(n));
				}
				case CERT_EXPIRING, DISK_FULL -> trigger = v -> v < n;
				case BASELINE -> {
					double[] band = this.bands.band(state.series, timestamp);
					if (band == null) {
						return;
					}
					double margin = Math.max(0, n) / 100.0 * Math.max(Math.abs(band[0]), Math.abs(band[1]));
					double low = band[0] - margin;
					double high = band[1] + margin;
					trigger = v -> v < low || v > high;
				}
				default -> {
					return;
				}
			}
		}
		else {
			Comparison operator = rule.operator();
			double threshold = rule.threshold() == null ? Double.NaN : rule.threshold();
			if (operator == null || Double.isNaN(threshold)) {
				return;
			}
			trigger = v -> operator.test(v, threshold);
			if (rule.recoveryOperator() != null && rule.recoveryThreshold() != null) {
				Comparison back = rule.recoveryOperator();
				double level = rule.recoveryThreshold();
				recovery = v -> back.test(v, level);
			}
		}
		ThresholdMachine.Transition transition = state.machine.step(timestamp, value, trigger, recovery,
				rule.forDuration().toMillis(), samples, rule.recoveryFor().toMillis());
		if (transition != ThresholdMachine.Transition.NONE) {
			signals.add(new Signal(transition, rule, state.series, state.resource, value, timestamp, state.fingerprint));
		}
	}

	private void evaluateExpression(Compiled compiled, long now, List<Signal> signals) {
		AlertRule rule = compiled.rule();
		if (compiled.expression() == null || compiled.resources() == null) {
			return;
		}
		Map<SeriesKey, State> ruleStates = this.states.computeIfAbsent(rule.id(), any -> new HashMap<>());
		Map<Long, Map<String, Double>> verdicts = new HashMap<>();
		for (long resource : compiled.resources()) {
			Map<String, Double> firing = compiled.expression().firing(resource, now);
			verdicts.put(resource, firing);
			for (Map.Entry<String, Double> instance : firing.entrySet()) {
				SeriesKey series = expressionSeries(rule.id(), resource, instance.getKey());
				ruleStates.computeIfAbsent(series, key -> {
					String fingerprint = fingerprint(rule.id(), key);
					return new State(key, resource, fingerprint, new ThresholdMachine(this.openAtStart.test(fingerprint)));
				});
			}
		}
		for (Iterator<State> it = ruleStates.values().iterator(); it.hasNext();) {
			State state = it.next();
			Map<String, Double> firing = verdicts.get(state.resource);
			if (firing == null) {
				if (state.machine.phase() == ThresholdMachine.Phase.OK) {
					it.remove();
				}
				continue;
			}
			String instance = state.series.label(SeriesKey.INSTANCE);
			Double value = firing.get(instance == null ? "" : instance);
			boolean holds = value != null;
			this.seriesEvaluated++;
			ThresholdMachine.Transition transition = state.machine.step(now, holds ? 1 : 0, v -> v == 1, null,
					rule.forDuration().toMillis(), 1, rule.recoveryFor().toMillis());
			if (transition != ThresholdMachine.Transition.NONE) {
				double shown = holds ? value : state.machine.lastValue();
				signals.add(new Signal(transition, rule, state.series, state.resource, holds ? shown : Double.NaN, now,
						state.fingerprint));
			}
		}
	}

	/**
	 * Steps one rule with the given samples, as one evaluation would (the preview replays history
	 * so, instant by instant).
	 */
	public List<Signal> replay(Compiled compiled, List<LatestValue> samples) {
		List<Signal> signals = new ArrayList<>();
		evaluateSeries(compiled, samples, signals);
		return signals;
	}

	/** Forgets the state of one alert (resolved by a person or by a retention sweep). */
	public void forget(long ruleId, SeriesKey series) {
		Map<SeriesKey, State> ruleStates = this.states.get(ruleId);
		if (ruleStates != null) {
			State state = ruleStates.get(series);
			if (state != null) {
				state.machine.reset();
			}
		}
	}

	/** The series an expression rule's alert is about: the rule, the resource and the instance. */
	public static SeriesKey expressionSeries(long ruleId, long resource, String instance) {
		return instance == null || instance.isEmpty()
				? SeriesKey.of(EXPRESSION_METRIC, "resource", Long.toString(resource), "rule", Long.toString(ruleId))
				: SeriesKey.of(EXPRESSION_METRIC, "resource", Long.toString(resource), "rule", Long.toString(ruleId),
						SeriesKey.INSTANCE, instance);
	}

	/** The resource (CI id) a series belongs to, or -1. */
	public static long resourceOf(SeriesKey series) {
		String resource = series.label(SeriesKey.RESOURCE);
		if (resource == null) {
			return -1;
		}
		try {
			return Long.parseLong(resource);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** An alert's identity: 32 hex digits of SHA-256 over the rule and the series. */
	public static String fingerprint(long ruleId, SeriesKey series) {
		return fingerprint("rule:" + ruleId + "|" + series);
	}

	/** 32 hex digits of SHA-256 over a text (alerts of other systems: source and key). */
	public static String fingerprint(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class State {

		final SeriesKey series;

		final long resource;

		final String fingerprint;

		final ThresholdMachine machine;

		State(SeriesKey series, long resource, String fingerprint, ThresholdMachine machine) {
			this.series = series;
			this.resource = resource;
			this.fingerprint = fingerprint;
			this.machine = machine;
		}

	}

}
