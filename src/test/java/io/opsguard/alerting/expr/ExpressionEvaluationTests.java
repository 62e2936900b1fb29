package io.opsguard.alerting.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.opsguard.alerting.expr.AlertExpression.Result;
import io.opsguard.alerting.expr.SeriesAccess.Samples;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ExpressionEvaluationTests {

	private static final long NOW = 1_800_000_000_000L;

	private static final long SECOND = 1_000L;

	private static final long MINUTE = 60 * SECOND;

	private final Store store = new Store();

	// ---- functions over a window

	@Test
	void rateIsThePerSecondIncreaseOfACounter() {
		for (int i = 0; i <= 30; i++) {
			this.store.add("errors", "", NOW - 300 * SECOND + i * 10 * SECOND, i * 100);
		}
		assertThat(shown("rate(errors[5m]) > 9.5")).containsExactly(entry("", 10.0));
		assertThat(evaluate("rate(errors[5m]) > 10").firing()).isFalse();
		assertThat(shown("rate(errors[1m]) > 0")).containsExactly(entry("", 10.0));
	}

	@Test
	void rateCountsACounterResetFromZero() {
		double[] values = { 100, 200, 300, 10, 110 };
		for (int i = 0; i < values.length; i++) {
			this.store.add("errors", "", NOW - 40 * SECOND + i * 10 * SECOND, values[i]);
		}
		// 100 + 100 + 10 (after the reset) + 100 over 40 s
		assertThat(shown("rate(errors) > 0")).containsExactly(entry("", 310.0 / 40));
	}

	@Test
	void averageMinimumMaximumDeltaCountAndLast() {
		double[] values = { 10, 50, 30, 20 };
		for (int i = 0; i < values.length; i++) {
			this.store.add("x", "", NOW - 30 * SECOND + i * 10 * SECOND, values[i]);
		}
		assertThat(shown("avg(x[1m]) > 0")).containsExactly(entry("", 27.5));
		assertThat(shown("min(x[1m]) > 0")).containsExactly(entry("", 10.0));
		assertThat(shown("max(x[1m]) > 0")).containsExactly(entry("", 50.0));
		assertThat(shown("delta(x[1m]) > 0")).containsExactly(entry("", 10.0));
		assertThat(shown("count_over(x[1m]) > 0")).containsExactly(entry("", 4.0));
		assertThat(shown("last(x[1m]) > 0")).containsExactly(entry("", 20.0));
		assertThat(shown("x > 0")).containsExactly(entry("", 20.0));
		assertThat(shown("abs(delta(x[15s]) - 20) > 0")).as("the last two samples: 20 - 30").containsExactly(entry("", 30.0));
		assertThat(shown("max(x[15s]) > 0")).containsExactly(entry("", 30.0));
	}

	@Test
	void theWindowIncludesItsStartAndNowButNothingBeforeOrAfter() {
		this.store.add("x", "", NOW - 5 * MINUTE - 1, 100);
		this.store.add("x", "", NOW - 5 * MINUTE, 1);
		this.store.add("x", "", NOW, 2);
		this.store.add("x", "", NOW + 1, 100);
		assertThat(shown("count_over(x[5m]) > 0")).containsExactly(entry("", 2.0));
		assertThat(shown("max(x[5m]) > 0")).containsExactly(entry("", 2.0));
		assertThat(shown("x > 0")).containsExactly(entry("", 2.0));
	}

	@Test
	void rateAndDeltaNeedTwoSamples() {
		this.store.add("x", "", NOW - 10 * SECOND, 5);
		assertThat(evaluate("delta(x[5m]) >= 0").firing()).isFalse();
		assertThat(evaluate("rate(x[5m]) >= 0").firing()).isFalse();
		assertThat(evaluate("x >= 0").firing()).isTrue();
	}

	@Test
	void valuesThatAreNotNumbersAreNoSamples() {
		this.store.add("x", "", NOW - 20 * SECOND, 4);
		this.store.add("x", "", NOW - 10 * SECOND, Double.NaN);
		this.store.add("x", "", NOW, Double.POSITIVE_INFINITY);
		assertThat(shown("x > 0")).containsExactly(entry("", 4.0));
		assertThat(shown("avg(x[1m]) > 0")).containsExactly(entry("", 4.0));
		assertThat(shown("count_over(x[1m]) > 0")).containsExactly(entry("", 1.0));
	}

	// ---- instances

	@Test
	void aMetricWithInstancesIsEvaluatedPerInstanceAndNamesThose() {
		this.store.add("fs_usage", "/", NOW, 50).add("fs_usage", "/data", NOW, 95).add("fs_usage", "/home", NOW, 91);
		Result result = evaluate("fs_usage > 90");
		assertThat(result.firing()).isTrue();
		assertThat(result.firingInstances()).containsExactly("/data", "/home");
		assertThat(result.valueByInstance()).containsExactly(entry("/data", 95.0), entry("/home", 91.0));
	}

	@Test
	void aMetricWithoutInstancesJoinsEveryInstance() {
		this.store.add("fs_usage", "/", NOW, 50).add("fs_usage", "/data", NOW, 95).add("up", "", NOW, 1);
		assertThat(evaluate("fs_usage > 90 and up == 1").firingInstances()).containsExactly("/data");
		assertThat(evaluate("up == 1 and fs_usage > 90").valueByInstance()).containsExactly(entry("/data", 1.0));
		this.store.clear("up").add("up", "", NOW, 0);
		assertThat(evaluate("fs_usage > 90 and up == 1").firing()).isFalse();
	}

	@Test
	void metricsWithInstancesJoinOnTheInstanceName() {
		this.store.add("fs_used", "/", NOW, 10).add("fs_size", "/", NOW, 100);
		this.store.add("fs_used", "/data", NOW, 95).add("fs_size", "/data", NOW, 100);
		this.store.add("fs_used", "/only-used", NOW, 99);
		this.store.add("fs_size", "/only-size", NOW, 1);
		Result result = evaluate("fs_used / fs_size * 100 > 90");
		assertThat(result.firingInstances()).containsExactly("/data");
		assertThat(result.valueByInstance()).containsExactly(entry("/data", 95.0));
		assertThat(evaluate("fs_used > 50 and fs_size > 0").firingInstances()).as("both must have the instance")
			.containsExactly("/data");
	}

	@Test
	void orNeedsOnlyOneSide() {
		this.store.add("if_in_errors", "eth0", NOW, 20).add("if_in_errors", "eth2", NOW, 0);
		this.store.add("if_out_errors", "eth1", NOW, 30).add("if_out_errors", "eth2", NOW, 0);
		Result result = evaluate("if_in_errors > 10 or if_out_errors > 10");
		assertThat(result.valueByInstance()).containsExactly(entry("eth0", 20.0), entry("eth1", 30.0));
	}

	@Test
	void aSelectedInstanceIsOneValueAndNamedWhenItIsTheOnlyOne() {
		this.store.add("fs_usage", "/", NOW, 50).add("fs_usage", "/data", NOW, 95);
		Result data = evaluate("fs_usage{instance=\"/data\"} > 90");
		assertThat(data.firingInstances()).containsExactly("/data");
		assertThat(data.valueByInstance()).containsExactly(entry("/data", 95.0));
		assertThat(evaluate("fs_usage{instance=\"/\"} > 40 and fs_usage{instance=\"/data\"} > 90").firingInstances())
			.containsExactly("");
		assertThat(evaluate("fs_usage{instance=\"/\"} > 90").firing()).isFalse();
		assertThat(evaluate("fs_usage{instance=\"/nowhere\"} >= 0").firing()).isFalse();
		assertThat(evaluate("fs_usage > 40 and fs_usage{instance=\"/data\"} > 90").firingInstances())
			.containsExactly("/", "/data");
	}

	// ---- missing data and division by zero: no value, never an alert, never an exception

	@Test
	void divisionByZeroHasNoValue() {
		this.store.add("errors", "", NOW, 5).add("requests", "", NOW, 0);
		assertThat(evaluate("errors / requests > 0.1").firing()).isFalse();
		assertThat(evaluate("not (errors / requests > 0.1)").firing()).isFalse();
		assertThat(evaluate("errors / requests > 0.1 or errors > 1").valueByInstance()).containsExactly(entry("", 5.0));
		assertThat(evaluate("errors / (requests - requests) != 0").firing()).isFalse();
	}

	@Test
	void aMetricWithoutASampleInItsWindowNeverFires() {
		assertThat(evaluate("cpu_usage > 90")).isEqualTo(Result.NOT_FIRING);
		assertThat(evaluate("not (cpu_usage > 90)").firing()).as("no data is not 'not above 90'").isFalse();
		assertThat(evaluate("cpu_usage < 90 or cpu_usage >= 90").firing()).isFalse();
		this.store.add("cpu_usage", "", NOW - 6 * MINUTE, 99);
		assertThat(evaluate("cpu_usage > 90").firing()).as("older than the 5 minutes a metric looks back").isFalse();
		assertThat(evaluate("max(cpu_usage[10m]) > 90").firing()).isTrue();
	}

	@Test
	void missingDataOnOneSideOfAndOrOr() {
		this.store.add("up", "", NOW, 0);
		assertThat(evaluate("cpu_usage > 90 or up == 0").valueByInstance()).containsExactly(entry("", 0.0));
		assertThat(evaluate("cpu_usage > 90 and up == 0").firing()).isFalse();
		assertThat(evaluate("cpu_usage > 90 and up == 1").firing()).isFalse();
	}

	@Test
	void absentFiresOnNoDataAndCountOverCountsZero() {
		assertThat(shown("absent(up[5m])")).containsExactly(entry("", 1.0));
		assertThat(shown("count_over(up[10m]) < 3")).containsExactly(entry("", 0.0));
		this.store.add("up", "", NOW - 7 * MINUTE, 1);
		assertThat(evaluate("absent(up[5m])").firing()).isTrue();
		assertThat(evaluate("absent(up[10m])").firing()).isFalse();
		this.store.add("process_up", "sshd", NOW, 1);
		assertThat(evaluate("absent(process_up{instance=\"nginx\"})").firingInstances()).containsExactly("nginx");
		assertThat(evaluate("absent(process_up{instance=\"sshd\"})").firing()).isFalse();
		assertThat(evaluate("absent(process_up)").firing()).isFalse();
		assertThat(evaluate("not absent(process_up) and count_over(process_up[5m]) == 1").firing()).isTrue();
	}

	@Test
	void anAccessAnsweringNullIsNoData() {
		Result result = AlertExpression.parse("absent(up) and not (cpu_usage > 1)").evaluate((metric, from, to) -> null, NOW);
		assertThat(result.firing()).isFalse();
		assertThat(AlertExpression.parse("absent(up)").evaluate((metric, from, to) -> null, NOW).firing()).isTrue();
	}

	// ---- the value an alert shows

	@Test
	void showsTheLeftHandSideOfTheComparisonThatFired() {
		for (int i = 0; i <= 30; i++) {
			this.store.add("errors", "", NOW - 300 * SECOND + i * 10 * SECOND, i * 200);
		}
		this.store.add("status", "", NOW, 1).add("cpu_usage", "", NOW, 50).add("mem_usage", "", NOW, 95);
		assertThat(shown("rate(errors[5m]) > 10 and status == 1")).containsExactly(entry("", 20.0));
		assertThat(shown("cpu_usage > 90 or mem_usage > 90")).containsExactly(entry("", 95.0));
		assertThat(shown("not (cpu_usage > 90)")).containsExactly(entry("", 50.0));
		assertThat(shown("100 - cpu_usage < 60")).containsExactly(entry("", 50.0));
	}

	// ---- reading

	@Test
	void readsEachMetricOnceOverTheLargestWindowItNeeds() {
		evaluate("avg(cpu_usage[10m]) > 1 and cpu_usage > 1 and rate(errors[1m]) > 0 and max(cpu_usage[2m]) > 0");
		assertThat(this.store.reads).containsExactly("cpu_usage " + (NOW - 10 * MINUTE) + ".." + NOW,
				"errors " + (NOW - MINUTE) + ".." + NOW);
	}

	@Test
	void tenThousandSmallExpressionsEvaluateQuickly() {
		String[] templates = { "cpu_usage > %d", "fs_usage > %d and up == 1", "rate(errors[5m]) > %d and status == 1",
				"avg(mem_usage[10m]) > %d or absent(up)", "fs_used / fs_size * 100 > %d" };
		List<AlertExpression> expressions = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			expressions.add(AlertExpression.parse(String.format(templates[i % templates.length], 50 + i % 50)));
		}
		Map<String, Map<String, Samples>> data = new TreeMap<>();
		long[] times = new long[30];
		double[] values = new double[30];
		for (int i = 0; i < times.length; i++) {
			times[i] = NOW - (29 - i) * 10 * SECOND;
			values[i] = 40 + i * 2;
		}
		Samples samples = new Samples(times, values);
		for (String metric : List.of("cpu_usage", "up", "errors", "status", "mem_usage")) {
			data.put(metric, Map.of("", samples));
		}
		for (String metric : List.of("fs_usage", "fs_used", "fs_size")) {
			data.put(metric, Map.of("/", samples, "/data", samples, "/home", samples));
		}
		SeriesAccess access = (metric, from, to) -> data.get(metric);
		int firing = 0;
		for (AlertExpression expression : expressions) {
			firing += expression.evaluate(access, NOW).firing() ? 1 : 0;
		}
		long start = System.nanoTime();
		for (AlertExpression expression : expressions) {
			firing += expression.evaluate(access, NOW).firing() ? 1 : 0;
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(firing).isPositive();
		// a few milliseconds on a laptop; the bound leaves room for a busy build machine
		assertThat(millis).as("10,000 evaluations took %d ms", millis).isLessThan(1_000);
	}

	// ---- random expressions over random data never throw

	@Property(tries = 300)
	void anyExpressionEvaluatesWithoutExceptionAndFiresAsItReports(@ForAll("conditions") Node condition,
			@ForAll("data") Map<String, Map<String, Samples>> data) {
		AlertExpression expression = AlertExpression.parse(Node.canonical(condition));
		Result result = expression.evaluate((metric, from, to) -> data.get(metric), NOW);
		assertThat(result.firing()).isEqualTo(!result.firingInstances().isEmpty());
		assertThat(result.valueByInstance().keySet()).isEqualTo(result.firingInstances());
	}

	@Provide
	Arbitrary<Node> conditions() {
		return AlertExpressionTests.condition(3).filter(node -> Node.canonical(node).length() <= AlertExpression.MAX_LENGTH);
	}

	@Provide
	Arbitrary<Map<String, Map<String, Samples>>> data() {
		Arbitrary<Samples> samples = Arbitraries.doubles()
			.between(-5, 100)
			.injectNull(0.05)
			.list()
			.ofMaxSize(8)
			.map(list -> {
				long[] times = new long[list.size()];
				double[] values = new double[list.size()];
				for (int i = 0; i < times.length; i++) {
					times[i] = NOW - (list.size() - 1 - i) * 40 * SECOND;
					values[i] = (list.get(i) == null) ? Double.NaN : list.get(i);
				}
				return new Samples(times, values);
			});
		Arbitrary<Map<String, Samples>> instances = Arbitraries
			.maps(Arbitraries.of("", "/", "/data", "接口1", "C:\\"), samples)
			.ofMaxSize(3);
		return Arbitraries
			.maps(Arbitraries.of("cpu_usage", "fs_usage", "errors", "up", "_x1", "rate", "for"), instances)
			.ofMaxSize(7);
	}

	// ----

	private Result evaluate(String text) {
		return AlertExpression.parse(text).evaluate(this.store, NOW);
	}

	private Map<String, Double> shown(String text) {
		Result result = evaluate(text);
		assertThat(result.firing()).as(text).isTrue();
		return result.valueByInstance();
	}

	/** Samples kept as a metric store keeps them, read per window, and the reads made. */
	private static final class Store implements SeriesAccess {

		private final Map<String, Map<String, TreeMap<Long, Double>>> series = new LinkedHashMap<>();

		final List<String> reads = new ArrayList<>();

		Store add(String metric, String instance, long time, double value) {
			this.series.computeIfAbsent(metric, key -> new TreeMap<>())
				.computeIfAbsent(instance, key -> new TreeMap<>())
				.put(time, value);
			return this;
		}

		Store clear(String metric) {
			this.series.remove(metric);
			return this;
		}

		@Override
		public Map<String, Samples> read(String metric, long fromMillis, long toMillis) {
			this.reads.add(metric + " " + fromMillis + ".." + toMillis);
			Map<String, Samples> result = new LinkedHashMap<>();
			this.series.getOrDefault(metric, Map.of()).forEach((instance, points) -> {
				Map<Long, Double> window = points.subMap(fromMillis, true, toMillis, true);
				if (!window.isEmpty()) {
					long[] times = new long[window.size()];
					double[] values = new double[window.size()];
					int i = 0;
					for (Map.Entry<Long, Double> point : window.entrySet()) {
						times[i] = point.getKey();
						values[i++] = point.getValue();
					}
					result.put(instance, new Samples(times, values));
				}
			});
			return result;
		}

	}


	@Test
	void changesCountsHowOftenALinkWentDownAndUp() {
		AlertExpression flapping = AlertExpression.parse("changes(up[2m]) >= 4");
		long now = 120_000;
		SeriesAccess toggling = (metric, from, to) -> java.util.Map.of("", new SeriesAccess.Samples(
				new long[] { 10_000, 25_000, 40_000, 55_000, 70_000, 85_000 }, new double[] { 1, 0, 1, 0, 1, 1 }));
		assertThat(flapping.evaluate(toggling, now).firing()).isTrue();
		SeriesAccess outage = (metric, from, to) -> java.util.Map.of("", new SeriesAccess.Samples(
				new long[] { 10_000, 40_000, 70_000, 100_000 }, new double[] { 1, 0, 0, 1 }));
		assertThat(flapping.evaluate(outage, now).firing()).isFalse();
	}
}
