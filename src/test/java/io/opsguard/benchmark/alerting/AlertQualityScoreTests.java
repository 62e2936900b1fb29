package io.opsguard.benchmark.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.opsguard.benchmark.alerting.AlertQualityScore.Notification;
import io.opsguard.benchmark.alerting.AlertQualityScore.Result;
import io.opsguard.benchmark.alerting.FaultPlan.Fault;
import io.opsguard.benchmark.alerting.FaultPlan.Resource;
import io.opsguard.benchmark.alerting.FaultPlan.Role;
import io.opsguard.benchmark.alerting.NotifiedAlert.Condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The scoring of notifications against a hand-made plan. */
class AlertQualityScoreTests {

	private static final Instant ORIGIN = Instant.parse("2026-11-07T08:00:00Z");

	/**
	 * Device 1 with hosts 2 and 3 behind it; hosts 4 and 5 alone. Four faults must alert: the outage
	 * of 4 (alertable +90 s, deadline +150 s), the threshold crossing of 5 (+120 s, +180 s), the
	 * device's outage (+130 s, +190 s) and the flapping of 5 (+360 s, +420 s).
	 */
	private static final FaultPlan PLAN = new FaultPlan(1, ORIGIN, Duration.ofMinutes(8), Duration.ofSeconds(5),
			List.of(new Resource(1, "sw-0001", Role.NETWORK_DEVICE, null, 8, 20, 40),
					new Resource(2, "host-00001", Role.HOST, 1L, 0, 20, 40),
					new Resource(3, "host-00002", Role.HOST, 1L, 0, 20, 40), new Resource(4, "host-00003", Role.HOST, null, 0, 20, 40),
					new Resource(5, "host-00004", Role.HOST, null, 0, 20, 40)),
			List.of(fault(1, FaultKind.OUTAGE, 4, 60, 130), fault(2, FaultKind.THRESHOLD, 5, 60, 190),
					fault(3, FaultKind.SPIKE, 4, 200, 220), fault(4, FaultKind.PARENT_OUTAGE, 1, 100, 170),
					new Fault(5, FaultKind.CHILD_DOWN, 2, 100_000, 170_000, 4, null),
					new Fault(6, FaultKind.CHILD_DOWN, 3, 101_000, 171_000, 4, null),
					new Fault(7, FaultKind.FLAP, 5, 300_000, 480_000, null, List.of(15_000L, 15_000L, 150_000L)),
					fault(8, FaultKind.NOISE, 4, 300, 360)));

	@Test
	void aProductThatNotifiesEachFaultOnceInTimeScoresZeroAndItsCriticalTimes() {
		Result result = score(firing(95, "4", Condition.DOWN), firing(125, "5", Condition.CPU), firing(133, "1", Condition.DOWN),
				firing(370, "5", Condition.FLAPPING));

		assertThat(result.mustAlert()).isEqualTo(4);
		assertThat(result.faultEvents()).isEqualTo(7);
		assertThat(result.notifications()).isEqualTo(4);
		assertThat(result.missed()).isZero();
		assertThat(result.falseAlarms()).isZero();
		assertThat(result.duplicates()).isZero();
		// critical: the outage 5 s after it became alertable, the device's 3 s; not the flapping
		assertThat(result.criticalSeconds()).containsExactly(3.0, 5.0);
		assertThat(result.medianSeconds()).isEqualTo(3.0);
		assertThat(result.p95Seconds()).isEqualTo(5.0);
	}

	@Test
	void aFaultWithoutANotificationByItsDeadlineIsMissedAndALateOneIsMissedButNotFalse() {
		Result result = score(firing(133, "1", Condition.DOWN), firing(200, "5", Condition.CPU),
				firing(370, "5", Condition.FLAPPING));

		assertThat(result.missed()).isEqualTo(2);
		assertThat(result.late()).isEqualTo(1);
		assertThat(result.missedPercent()).isEqualTo(50.0);
		assertThat(result.falseAlarms()).isZero();
		assertThat(result.byKind().get(FaultKind.OUTAGE).missed()).isEqualTo(1);
		assertThat(result.byKind().get(FaultKind.THRESHOLD).missed()).isEqualTo(1);
		assertThat(result.missedExamples()).anySatisfy(line -> assertThat(line).contains("OUTAGE #1", "no notification"))
			.anySatisfy(line -> assertThat(line).contains("THRESHOLD #2", "first at +200.0 s"));
	}

	@Test
	void notificationsOfSpikesChildrenNoiseAndUnknownResourcesAreFalseAlarmsOverAllNotifications() {
		Result result = score(firing(95, "4", Condition.DOWN), firing(125, "5", Condition.CPU), firing(133, "1", Condition.DOWN),
				firing(370, "5", Condition.FLAPPING),
				// a child of the down device notified on its own
				firing(135, "2", Condition.DOWN),
				// a spike of 20 s notified
				firing(215, "4", Condition.CPU),
				// noise near the threshold notified
				firing(340, "4", Condition.CPU),
				// a resource that is not in the plan, one without a resource label, one without a fault then
				firing(100, "99", Condition.DOWN), firing(100, null, Condition.DOWN), firing(30, "3", Condition.DOWN));

		assertThat(result.notifications()).isEqualTo(10);
		assertThat(result.falseAlarms()).isEqualTo(6);
		assertThat(result.falsePercent()).isEqualTo(60.0);
		assertThat(result.missed()).isZero();
		assertThat(result.byKind().get(FaultKind.CHILD_DOWN).falseAlarms()).isEqualTo(1);
		assertThat(result.byKind().get(FaultKind.SPIKE).falseAlarms()).isEqualTo(1);
		assertThat(result.byKind().get(FaultKind.NOISE).falseAlarms()).isEqualTo(1);
		assertThat(result.falseExamples()).hasSize(5);
	}

	@Test
	void eachNotificationOfAFaultBeyondItsFirstIsADuplicateAndResolvedOnesAreNotScored() {
		Result result = score(firing(95, "4", Condition.DOWN), firing(100, "4", Condition.DOWN), firing(125, "5", Condition.CPU),
				firing(133, "1", Condition.DOWN), firing(370, "5", Condition.FLAPPING), firing(380, "5", Condition.DOWN),
				firing(400, "5", Condition.FLAPPING), resolved(140, "4", Condition.DOWN), resolved(200, "5", Condition.CPU));

		assertThat(result.notifications()).isEqualTo(7);
		assertThat(result.resolved()).isEqualTo(2);
		assertThat(result.duplicates()).isEqualTo(3);
		assertThat(result.duplicatePercent()).isCloseTo(100.0 * 3 / 7, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(result.byKind().get(FaultKind.FLAP).duplicates()).isEqualTo(2);
		assertThat(result.falseAlarms()).isZero();
		// the first notification counts for the time
		assertThat(result.criticalSeconds()).containsExactly(3.0, 5.0);
	}

	@Test
	void aLateAlertIsMatchedToTheFaultItsConditionCanExplainNotToTheLatestFault() {
		// the threshold crossing of 5 notified at +310 s, while 5 flaps: a CPU alert is about the crossing
		Result cpu = score(firing(310, "5", Condition.CPU));
		assertThat(cpu.byKind().get(FaultKind.THRESHOLD).notifications()).isEqualTo(1);
		assertThat(cpu.late()).isEqualTo(1);
		assertThat(cpu.falseAlarms()).isZero();

		// an alert that does not say what it is about goes to the fault that began last
		Result unknown = score(firing(310, "5", Condition.UNKNOWN));
		assertThat(unknown.byKind().get(FaultKind.FLAP).notifications()).isEqualTo(1);
	}

	@Test
	void theAlertsStartTimeWhenGivenDecidesTheFaultRatherThanItsArrival() {
		// the outage of 4 notified at +240 s, during no fault (after the spike at +200 s): its startsAt
		// (+61 s) says it is about the outage
		Notification late = new Notification(ORIGIN.plusSeconds(240),
				new NotifiedAlert("4", Condition.UNKNOWN, true, ORIGIN.plusSeconds(61), "down", "critical"));
		Result result = AlertQualityScore.score(PLAN, List.of(late), AlertQualityScore.Settings.defaults());

		assertThat(result.byKind().get(FaultKind.OUTAGE).notifications()).isEqualTo(1);
		assertThat(result.falseAlarms()).isZero();

		// without it, the arrival points at the spike
		Result byArrival = score(firing(240, "4", Condition.UNKNOWN));
		assertThat(byArrival.byKind().get(FaultKind.SPIKE).falseAlarms()).isEqualTo(1);
	}

	@Test
	void aLateNotificationLongAfterItsFaultEndedIsAFalseAlarm() {
		// the device's outage ended at +170 s; the late window is 6 min
		assertThat(score(firing(170 + 359, "1", Condition.DOWN)).falseAlarms()).isZero();
		assertThat(score(firing(170 + 361, "1", Condition.DOWN)).falseAlarms()).isEqualTo(1);
	}

	@Test
	void noNotificationsAtAllMissEverythingAndHaveNoTimes() {
		Result result = score();

		assertThat(result.missedPercent()).isEqualTo(100.0);
		assertThat(result.falsePercent()).isZero();
		assertThat(result.medianSeconds()).isNaN();
	}

	@Test
	void alertmanagerWebhookBodiesListEachAlertWithItsResourceConditionAndStart() {
		AlertmanagerWebhookParser parser = new AlertmanagerWebhookParser(PrometheusAlertmanagerSide.CONDITIONS);
		String body = """
				{"receiver":"sink","status":"firing","version":"4","groupKey":"{}:{resource=\\"4\\"}","truncatedAlerts":0,
				 "groupLabels":{"resource":"4"},"commonLabels":{"resource":"4"},"commonAnnotations":{},"externalURL":"http://x",
				 "alerts":[
				  {"status":"firing","labels":{"alertname":"InstanceDown","resource":"4","severity":"critical"},
				   "annotations":{},"startsAt":"2026-11-07T16:01:01.5+08:00","endsAt":"0001-01-01T00:00:00Z","fingerprint":"a"},
				  {"status":"resolved","labels":{"alertname":"HighCpu","resource":"4","severity":"major"},
				   "annotations":{},"startsAt":"2026-11-07T08:00:30Z","endsAt":"2026-11-07T08:02:00Z","fingerprint":"b"},
				  {"status":"firing","labels":{"alertname":"Other","resource":"4"},"startsAt":"0001-01-01T00:00:00Z"}]}
				""";

		List<NotifiedAlert> alerts = parser.parse(body);

		assertThat(alerts).containsExactly(
				new NotifiedAlert("4", Condition.DOWN, true, ORIGIN.plusMillis(61_500), "InstanceDown", "critical"),
				new NotifiedAlert("4", Condition.CPU, false, ORIGIN.plusSeconds(30), "HighCpu", "major"),
				new NotifiedAlert("4", Condition.UNKNOWN, true, null, "Other", null));
		assertThatIllegalArgumentException().isThrownBy(() -> parser.parse("{\"version\":\"3\",\"alerts\":[]}"));
		assertThatIllegalArgumentException().isThrownBy(() -> parser.parse("not json"));
	}

	@Test
	void theSinkRecordsEveryBodyWithItsArrivalAndCountsWhatTheParserRefuses() throws Exception {
		try (NotificationSink sink = NotificationSink.start()) {
			java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
				.proxy(java.net.http.HttpClient.Builder.NO_PROXY)
				.build();
			for (String body : List.of("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"resource\":\"4\"}}]}",
					"garbage")) {
				java.net.http.HttpResponse<Void> response = http.send(
						java.net.http.HttpRequest.newBuilder(sink.url("prometheus"))
							.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
							.build(),
						java.net.http.HttpResponse.BodyHandlers.discarding());
				assertThat(response.statusCode()).isEqualTo(200);
			}
			http.send(java.net.http.HttpRequest.newBuilder(sink.url("opsguard")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
					java.net.http.HttpResponse.BodyHandlers.discarding());

			NotificationSink.Parsed parsed = sink.parse("prometheus", new AlertmanagerWebhookParser(Map.of()));

			assertThat(parsed.messages()).isEqualTo(2);
			assertThat(parsed.notifications()).singleElement()
				.satisfies(n -> assertThat(n.alert().resource()).isEqualTo("4"))
				.satisfies(n -> assertThat(n.arrival()).isBefore(Instant.now().plusMillis(1)));
			assertThat(parsed.unreadable()).singleElement().asString().contains("garbage");
			assertThat(sink.received("opsguard")).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo("{}"));
		}
	}

	private static Fault fault(int id, FaultKind kind, long resource, long startSeconds, long endSeconds) {
		return new Fault(id, kind, resource, startSeconds * 1000, endSeconds * 1000, null, null);
	}

	private static Notification firing(long atSeconds, String resource, Condition condition) {
		return new Notification(ORIGIN.plusSeconds(atSeconds), new NotifiedAlert(resource, condition, true, null, "rule", null));
	}

	private static Notification resolved(long atSeconds, String resource, Condition condition) {
		return new Notification(ORIGIN.plusSeconds(atSeconds), new NotifiedAlert(resource, condition, false, null, "rule", null));
	}

	private static Result score(Notification... notifications) {
		return AlertQualityScore.score(PLAN, new ArrayList<>(List.of(notifications)), AlertQualityScore.Settings.defaults());
	}

}
