package io.opsguard.benchmark;

import java.util.ArrayList;
import java.util.List;

import io.opsguard.benchmark.alerting.AlertQualityScore;
import io.opsguard.benchmark.alerting.AlertingQualityRun;
import io.opsguard.benchmark.alerting.AlertingUnderTest;

/**
 * The "Measured quality" (R-ALR-01, issue 11): the fault-injection run of
 * {@link AlertingQualityRun} — 2,500 simulated resources over 8 minutes in real time, over 10,000
 * injected faults (outages, threshold crossings, spikes that must not alert, flapping links, parent
 * outages, noise near thresholds) — against Prometheus + Alertmanager (Debian's, where installed)
 * and OpsGuard in the same run, printing one table of missed, false and duplicate notifications and
 * fault-to-notification times. Figures with targets for OpsGuard: missed ≤ 0.1 %, false ≤ 0.5 %,
 * median ≤ 10 s. {@code -Dbenchmark.alerting.resources}, {@code -Dbenchmark.alerting.seconds}.
 * <p>
 * It runs on every database only when OpsGuard is plugged in (its alerts live in the database);
 * otherwise once per JVM.
 */
class AlertingQualityBenchmark implements Benchmark {

	private static boolean ran;

	@Override
	public String name() {
		return "alerting-quality";
	}

	/**
	 * OpsGuard's alerting engine under test, or null while it is not plugged in. The lead's
	 * implementation of {@link AlertingUnderTest} goes here, built from the running application.
	 */
	AlertingUnderTest opsGuard(BenchmarkContext context) {
		return new OpsGuardAlertingSide(context);
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		AlertingUnderTest opsGuard = opsGuard(context);
		if (opsGuard == null && ran) {
			return List.of();
		}
		ran = true;
		AlertingQualityRun.Outcome outcome = AlertingQualityRun.run(AlertingQualityRun.Settings.fromSystemProperties(),
				opsGuard, System.out);
		List<Figure> figures = new ArrayList<>();
		figures.add(Figure.atLeast("alerting: injected fault events", outcome.plan().faultEvents(), "", 10_000)
			.remark(outcome.plan().resources().size() + " resources over " + outcome.plan().duration().toSeconds() + " s"));
		String name = opsGuard != null ? opsGuard.name() : "opsguard";
		AlertQualityScore.Result opsGuardResult = outcome.results().get(name);
		if (opsGuardResult == null) {
			String remark = AlertingQualityRun.NOT_RUN + ": the OpsGuard alerting engine is not plugged in";
			figures.add(new Figure("alerting: OpsGuard missed alarms", Double.NaN, "%", "≤ 0.1 %", false, remark));
			figures.add(new Figure("alerting: OpsGuard false alarms", Double.NaN, "%", "≤ 0.5 %", false, remark));
			figures.add(new Figure("alerting: OpsGuard median fault-to-notification, critical", Double.NaN, "s", "≤ 10 s", false, remark));
		}
		else {
			figures.add(Figure.atMost("alerting: OpsGuard missed alarms", opsGuardResult.missedPercent(), "%", 0.1)
				.remark(opsGuardResult.missed() + " of " + opsGuardResult.mustAlert()));
			figures.add(Figure.atMost("alerting: OpsGuard false alarms", opsGuardResult.falsePercent(), "%", 0.5)
				.remark(opsGuardResult.falseAlarms() + " of " + opsGuardResult.notifications()));
			figures.add(Figure.atMost("alerting: OpsGuard median fault-to-notification, critical", opsGuardResult.medianSeconds(), "s", 10)
				.remark("p95 " + Figure.format(opsGuardResult.p95Seconds()) + " s"));
			figures.add(Figure.info("alerting: OpsGuard duplicate notifications", opsGuardResult.duplicatePercent(), "%"));
		}
		AlertQualityScore.Result prometheus = outcome.results().get("prometheus");
		if (prometheus != null) {
			figures.add(Figure.info("alerting: Prometheus + Alertmanager missed alarms", prometheus.missedPercent(), "%"));
			figures.add(Figure.info("alerting: Prometheus + Alertmanager false alarms", prometheus.falsePercent(), "%"));
			figures.add(Figure.info("alerting: Prometheus + Alertmanager duplicate notifications", prometheus.duplicatePercent(), "%"));
			figures.add(Figure.info("alerting: Prometheus + Alertmanager median fault-to-notification, critical",
					prometheus.medianSeconds(), "s").remark("p95 " + Figure.format(prometheus.p95Seconds()) + " s"));
		}
		return figures;
	}

}
