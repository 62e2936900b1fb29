package io.opsguard.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.alerting.rule.Comparison;
import io.opsguard.alerting.rule.RuleEngine;
import io.opsguard.alerting.rule.RuleKind;
import io.opsguard.alerting.rule.ScopeKind;
import io.opsguard.monitoring.Monitors;
import io.opsguard.monitoring.Monitors.DefaultThreshold;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.store.embedded.EmbeddedMetricStore;

/**
 * Evaluation at scale (issue 11): the default rules (the monitor types' default thresholds on the
 * host metrics, plus "down" on {@code up}) over 7,000 monitored hosts × 20 metrics — 140,000 series —
 * in the embedded store, new samples of every series every 10 s, evaluated every 10 s by the engine
 * the application runs ({@link RuleEngine}, reading the newest samples from the store). Reports how
 * long an evaluation takes and its lag: how late after it was due it finished (target ≤ 5 s).
 * The store runs beside the application ({@code -Dbenchmark.databases=h2 -Dbenchmark.only=alert-evaluation};
 * {@code -Dbenchmark.alerting.hosts}, {@code -Dbenchmark.alerting.rounds}). Recording the alerts that
 * change (a few per round) is the lifecycle's database work, measured by the API tests, not here.
 */
class AlertEvaluationBenchmark implements Benchmark {

	private static final long INTERVAL = 10_000;

	@Override
	public String name() {
		return "alert-evaluation";
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		if (!context.database().equals("h2")) {
			return List.of();
		}
		int hosts = Integer.getInteger("benchmark.alerting.hosts", 7000);
		int rounds = Integer.getInteger("benchmark.alerting.rounds", 12);
		Path directory = Files.createTempDirectory("opsguard-alert-bench-");
		long start = (System.currentTimeMillis() / INTERVAL) * INTERVAL;
		HostMetricsGenerator data = new HostMetricsGenerator(hosts, rounds + 1, INTERVAL, start + (rounds + 1) * INTERVAL, 0);
		List<RuleEngine.Compiled> rules = defaultRules(context.bean(Monitors.class).defaultThresholds());
		try (EmbeddedMetricStore store = EmbeddedMetricStore.open(EmbeddedMetricStore.Settings.of(directory),
				Clock.systemUTC())) {
			RuleEngine engine = new RuleEngine((metric, lookback) -> store.latest(SeriesSelector.metric(metric), lookback),
					(series, at) -> null, Duration.ofMinutes(15), fingerprint -> false);
			ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
			long[] durations = new long[rounds];
			long[] lags = new long[rounds];
			long[] series = new long[rounds];
			long[] signals = new long[rounds];
			try {
				// the samples of round n arrive at start + n × 10 s; the evaluation is due 5 s later
				for (int n = 0; n <= rounds; n++) {
					int round = n;
					long due = start + n * INTERVAL;
					writer.schedule(() -> store.append(data.batch(round)), Math.max(0, due - System.currentTimeMillis()),
							TimeUnit.MILLISECONDS);
				}
				for (int n = 0; n < rounds; n++) {
					long due = start + n * INTERVAL + INTERVAL / 2;
					long wait = due - System.currentTimeMillis();
					if (wait > 0) {
						Thread.sleep(wait);
					}
					long began = System.nanoTime();
					signals[n] = engine.evaluate(rules, System.currentTimeMillis()).size();
					durations[n] = (System.nanoTime() - began) / 1_000_000;
					lags[n] = System.currentTimeMillis() - due;
					series[n] = engine.seriesEvaluated();
				}
			}
			finally {
				writer.shutdownNow();
			}
			// the first round that sees the samples builds a state per series: reported apart
			int first = 0;
			while (first < rounds - 2 && series[first] == 0) {
				first++;
			}
			long[] steady = Arrays.copyOfRange(durations, first + 1, rounds);
			long[] steadyLags = Arrays.copyOfRange(lags, first + 1, rounds);
			Arrays.sort(steady);
			long maxLag = Arrays.stream(lags).max().orElse(0);
			System.out.printf("alert evaluation: %d hosts, %d series, %d rules, %d rounds; durations ms %s; lags ms %s; "
					+ "series evaluated %s; signals %s%n", hosts, data.series(), rules.size(), rounds,
					Arrays.toString(durations), Arrays.toString(lags), Arrays.toString(series), Arrays.toString(signals));
			List<Figure> figures = new ArrayList<>();
			figures.add(Figure.info("alert evaluation: series evaluated per round", series[rounds - 1], "series"));
			figures.add(Figure.info("alert evaluation: rules", rules.size(), "rules"));
			figures.add(Figure.info("alert evaluation: first round (a state built per series)", durations[first], "ms"));
			figures.add(Figure.info("alert evaluation: median round", steady[steady.length / 2], "ms"));
			figures.add(Figure.atMost("alert evaluation: slowest round", steady[steady.length - 1], "ms", 5000));
			figures.add(Figure.atMost("alert evaluation: largest lag after due (every round)", maxLag, "ms", 5000));
			figures.add(Figure.info("alert evaluation: largest lag after due (steady rounds)",
					Arrays.stream(steadyLags).max().orElse(0), "ms"));
			return figures;
		}
	}

	/** The default thresholds on the generated metrics, each for every host, and "down" on {@code up}. */
	static List<RuleEngine.Compiled> defaultRules(List<DefaultThreshold> thresholds) {
		Set<String> generated = Set.of("cpu_usage", "load1", "load5", "load15", "mem_usage", "mem_used_bytes", "swap_usage",
				"fs_usage", "fs_free_bytes", "net_in_bps", "net_out_bps", "disk_read_bps", "disk_write_bps",
				"process_count", "tcp_connections", "uptime_seconds", "ping_rtt_ms", "up");
		List<RuleEngine.Compiled> rules = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		long id = 1;
		for (DefaultThreshold threshold : thresholds) {
			Comparison operator = Comparison.of(threshold.operator());
			if (!generated.contains(threshold.metric()) || operator == null
					|| !seen.add(threshold.metric() + threshold.severity() + threshold.operator() + threshold.value())) {
				continue;
			}
			rules.add(compiled(new AlertRule(id++, threshold.metric(), null, RuleKind.THRESHOLD, AlertRule.TEMPLATE, null,
					null, ScopeKind.ALL, null, AlertSeverity.valueOf(threshold.severity()), threshold.metric(), null, operator,
					threshold.value(), threshold.duration(), null, null, Duration.ZERO, null, null, null, true, true, false,
					null, null, null, 0)));
		}
		rules.add(compiled(new AlertRule(id, "down", null, RuleKind.THRESHOLD, AlertRule.TEMPLATE, null, null, ScopeKind.ALL,
				null, AlertSeverity.CRITICAL, "up", null, Comparison.EQ, 0.0, Duration.ofSeconds(30), null, null, Duration.ZERO,
				null, null, null, true, true, false, null, null, null, 0)));
		return rules;
	}

	private static RuleEngine.Compiled compiled(AlertRule rule) {
		return new RuleEngine.Compiled(rule, series -> true, null, null);
	}

}
