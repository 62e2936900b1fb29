package io.opsguard.benchmark.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opsguard.benchmark.alerting.AlertQualityScore.Notification;
import io.opsguard.benchmark.alerting.AlertQualityScore.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan, gauges and scoring agree: the ideal engine, fed the default plan's gauges at every step
 * (without waiting: they are a function of time) and notifying at once, misses nothing, raises no
 * false alarm and no duplicate, and its critical notifications come within one step of the fault
 * becoming alertable.
 */
class ReferenceAlertingTests {

	private static final Instant ORIGIN = Instant.parse("2026-11-07T08:00:00Z");

	@Test
	void aPerfectEngineScoresZeroOnTheDefaultPlan() {
		FaultPlan plan = FaultPlan.generate(FaultPlan.Settings.defaults(ORIGIN));
		SimulatedMetrics metrics = new SimulatedMetrics(plan);
		List<Notification> notifications = new ArrayList<>();
		Instant[] now = new Instant[1];
		ReferenceAlerting engine = new ReferenceAlerting(alert -> notifications.add(new Notification(now[0], alert)));
		engine.start(plan, null);
		long step = plan.step().toMillis();
		for (long offset = 0; offset <= plan.lastDeadlineMillis(AlertQualityScore.Settings.defaults().grace()); offset += step) {
			now[0] = ORIGIN.plusMillis(offset);
			engine.push(now[0], metrics.samples(now[0]));
		}

		Result result = AlertQualityScore.score(plan, notifications, AlertQualityScore.Settings.defaults());

		assertThat(result.mustAlert()).isEqualTo(plan.expectedNotifications());
		assertThat(result.notifications()).isEqualTo(plan.expectedNotifications());
		assertThat(result.missed()).isZero();
		assertThat(result.falseAlarms()).isZero();
		assertThat(result.duplicates()).isZero();
		assertThat(result.p95Seconds()).isLessThanOrEqualTo(step / 1000.0);
	}

	@Test
	void itsNotificationBodiesAreReadBackByItsParser() {
		NotifiedAlert alert = new ReferenceAlerting().parser()
			.parse("{\"resource\":\"42\",\"condition\":\"DOWN\",\"startsAt\":\"2026-11-07T08:01:00Z\"}")
			.get(0);

		assertThat(alert).isEqualTo(new NotifiedAlert("42", NotifiedAlert.Condition.DOWN, true, ORIGIN.plusSeconds(60), "DOWN", null));
	}

}
