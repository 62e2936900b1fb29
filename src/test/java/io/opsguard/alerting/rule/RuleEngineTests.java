package io.opsguard.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.rule.RuleEngine.Signal;
import io.opsguard.alerting.rule.ThresholdMachine.Transition;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.SeriesKey;

import org.junit.jupiter.api.Test;

class RuleEngineTests {

	private final Map<String, List<LatestValue>> newest = new HashMap<>();

	private final RuleEngine engine = new RuleEngine((metric, lookback) -> this.newest.getOrDefault(metric, List.of()),
			(series, at) -> new double[] { 10, 20 }, Duration.ofMinutes(15), fingerprint -> false);

	@Test
	void oneReadPerMetricStepsEverySeriesTheRuleCovers() {
		AlertRule rule = threshold(1, "cpu_usage", Comparison.GT, 90, Duration.ZERO);
		RuleEngine.Compiled compiled = new RuleEngine.Compiled(rule, series -> !"3".equals(series.label("resource")), null,
				null);
		sample("cpu_usage", 1000, 95, "1");
		sample("cpu_usage", 1000, 50, "2");
		sample("cpu_usage", 1000, 99, "3");
		List<Signal> signals = this.engine.evaluate(List.of(compiled), 1000);
		assertThat(signals).extracting(Signal::kind, Signal::resourceId).containsExactly(
				org.assertj.core.groups.Tuple.tuple(Transition.FIRE, 1L));
		assertThat(this.engine.seriesEvaluated()).isEqualTo(2);
		// the same samples again: nothing new
		assertThat(this.engine.evaluate(List.of(compiled), 2000)).isEmpty();
		this.newest.clear();
		sample("cpu_usage", 3000, 96, "1");
		sample("cpu_usage", 3000, 20, "2");
		assertThat(this.engine.evaluate(List.of(compiled), 3000)).extracting(Signal::kind).containsExactly(Transition.UPDATE);
		this.newest.clear();
		sample("cpu_usage", 4000, 10, "1");
		assertThat(this.engine.evaluate(List.of(compiled), 4000)).extracting(Signal::kind).containsExactly(Transition.RECOVER);
	}

	@Test
	void aFingerprintIsTheRuleAndTheSeriesAndStable() {
		SeriesKey a = SeriesKey.of("cpu_usage", "resource", "1", "monitor", "7");
		SeriesKey b = SeriesKey.of("cpu_usage", "monitor", "7", "resource", "1");
		assertThat(RuleEngine.fingerprint(5, a)).isEqualTo(RuleEngine.fingerprint(5, b)).hasSize(32);
		assertThat(RuleEngine.fingerprint(6, a)).isNotEqualTo(RuleEngine.fingerprint(5, a));
	}

	@Test
	void anAlertOpenBeforeARestartResolvesInsteadOfFiringAgain() {
		AlertRule rule = threshold(1, "cpu_usage", Comparison.GT, 90, Duration.ZERO);
		SeriesKey series = SeriesKey.of("cpu_usage", "resource", "1");
		String open = RuleEngine.fingerprint(1, series);
		RuleEngine resumed = new RuleEngine((metric, lookback) -> this.newest.getOrDefault(metric, List.of()),
				(s, at) -> null, Duration.ofMinutes(15), open::equals);
		sample("cpu_usage", 1000, 95, "1");
		assertThat(resumed.evaluate(List.of(new RuleEngine.Compiled(rule, s -> true, null, null)), 1000))
			.extracting(Signal::kind)
			.containsExactly(Transition.UPDATE);
	}

	@Test
	void collectionFailuresFireAfterNConsecutiveIntervals() {
		AlertRule rule = availability(2, CheckKind.COLLECTION_FAILING, 3.0);
		RuleEngine.Compiled compiled = new RuleEngine.Compiled(rule, s -> true, null, null);
		List<Transition> seen = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			this.newest.clear();
			sample("collect_success", i * 60_000L, 0, "9");
			this.engine.evaluate(List.of(compiled), i * 60_000L).forEach(signal -> seen.add(signal.kind()));
		}
		assertThat(seen).containsExactly(Transition.FIRE, Transition.UPDATE);
	}

	@Test
	void aBaselineRuleFiresOutsideTheBand() {
		AlertRule rule = new AlertRule(3, "偏离基线", null, RuleKind.AVAILABILITY, AlertRule.USER, null, null, ScopeKind.ALL,
				null, AlertSeverity.MINOR, "net_in_bps", null, null, null, Duration.ZERO, null, null, Duration.ZERO,
				CheckKind.BASELINE, 10.0, null, true, true, false, null, null, null, 0);
		RuleEngine.Compiled compiled = new RuleEngine.Compiled(rule, s -> true, null, null);
		sample("net_in_bps", 1000, 21, "1");
		assertThat(this.engine.evaluate(List.of(compiled), 1000)).isEmpty();
		this.newest.clear();
		sample("net_in_bps", 2000, 23, "1");
		assertThat(this.engine.evaluate(List.of(compiled), 2000)).extracting(Signal::kind).containsExactly(Transition.FIRE);
	}

	@Test
	void eventChecksAndDisabledRulesAreNotEvaluatedOverMetrics() {
		AlertRule disabled = new AlertRule(4, "x", null, RuleKind.THRESHOLD, AlertRule.USER, null, null, ScopeKind.ALL, null,
				AlertSeverity.MAJOR, "cpu_usage", null, Comparison.GT, 1.0, Duration.ZERO, null, null, Duration.ZERO, null,
				null, null, false, true, false, null, null, null, 0);
		sample("cpu_usage", 1000, 95, "1");
		assertThat(this.engine.evaluate(List.of(new RuleEngine.Compiled(disabled, s -> true, null, null),
				new RuleEngine.Compiled(availability(5, CheckKind.TRAP, null), s -> true, null, null)), 1000)).isEmpty();
	}

	@Test
	void expressionRulesAreSteppedPerResourceAndInstance() {
		AlertRule rule = new AlertRule(6, "expr", null, RuleKind.EXPRESSION, AlertRule.USER, null, null, ScopeKind.ALL, null,
				AlertSeverity.MAJOR, null, null, null, null, Duration.ZERO, null, null, Duration.ZERO, null, null, "x > 1",
				true, true, false, null, null, null, 0);
		Map<Long, Map<String, Double>> verdicts = new HashMap<>();
		verdicts.put(1L, Map.of("/data", 3.0));
		RuleEngine.Compiled compiled = new RuleEngine.Compiled(rule, s -> true, Set.of(1L, 2L),
				(resource, now) -> verdicts.getOrDefault(resource, Map.of()));
		List<Signal> fired = this.engine.evaluate(List.of(compiled), 1000);
		assertThat(fired).extracting(Signal::kind).containsExactly(Transition.FIRE);
		assertThat(fired.get(0).series().label("instance")).isEqualTo("/data");
		verdicts.clear();
		assertThat(this.engine.evaluate(List.of(compiled), 2000)).extracting(Signal::kind).containsExactly(Transition.RECOVER);
	}

	@Test
	void opsGuardsOwnSeriesAreWatchedAsTheSystemItselfOthersWithoutAResourceAreNot() {
		AlertRule rule = threshold(7, "opsguard_store_healthy", Comparison.EQ, 0, Duration.ZERO);
		this.newest.put("opsguard_store_healthy",
				List.of(new LatestValue(SeriesKey.of("opsguard_store_healthy", "node", "og-1"), 1000, 0)));
		List<Signal> fired = this.engine.evaluate(List.of(new RuleEngine.Compiled(rule, s -> true, null, null)), 1000);
		assertThat(fired).extracting(Signal::kind, Signal::resourceId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Transition.FIRE, RuleEngine.SELF));
		AlertRule other = threshold(8, "cpu_usage", Comparison.GT, 1, Duration.ZERO);
		this.newest.put("cpu_usage", List.of(new LatestValue(SeriesKey.of("cpu_usage", "host", "x"), 1000, 99)));
		assertThat(this.engine.evaluate(List.of(new RuleEngine.Compiled(other, s -> true, null, null)), 1000)).isEmpty();
	}

	private void sample(String metric, long at, double value, String resource) {
		this.newest.computeIfAbsent(metric, any -> new ArrayList<>())
			.add(new LatestValue(SeriesKey.of(metric, "resource", resource), at, value));
	}

	static AlertRule threshold(long id, String metric, Comparison operator, double value, Duration hold) {
		return new AlertRule(id, "rule " + id, null, RuleKind.THRESHOLD, AlertRule.USER, null, null, ScopeKind.ALL, null,
				AlertSeverity.MAJOR, metric, null, operator, value, hold, null, null, Duration.ZERO, null, null, null, true,
				true, false, null, null, null, 0);
	}

	static AlertRule availability(long id, CheckKind check, Double value) {
		return new AlertRule(id, "rule " + id, null, RuleKind.AVAILABILITY, AlertRule.USER, null, null, ScopeKind.ALL, null,
				AlertSeverity.CRITICAL, null, null, null, null, Duration.ZERO, null, null, Duration.ZERO, check, value, null,
				true, true, false, null, null, null, 0);
	}

}
