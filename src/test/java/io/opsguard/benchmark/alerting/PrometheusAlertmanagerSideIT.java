package io.opsguard.benchmark.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opsguard.benchmark.alerting.FaultPlan.Fault;
import io.opsguard.benchmark.alerting.FaultPlan.Resource;
import io.opsguard.benchmark.alerting.FaultPlan.Role;
import io.opsguard.support.AlertmanagerPeer;
import io.opsguard.support.PrometheusPeer;
import io.opsguard.support.SystemPeers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus side of the fault-injection run with Debian's real {@code prometheus} and
 * {@code prometheus-alertmanager} (skipped when missing, unless {@code OPSGUARD_REQUIRE_SYSTEM_PEERS}):
 * a device down for 90 s with two resources behind it, a host down for 90 s and a spike of 15 s.
 * Alertmanager notifies the device and the host once each (about 35–45 s after they became
 * alertable: its group wait is 30 s), mutes the resources behind the device and nothing alerts on
 * the spike. About two minutes.
 */
class PrometheusAlertmanagerSideIT {

	@Test
	void outagesAreNotifiedOnceChildrenOfADownDeviceAreMutedAndASpikeIsNot() throws Exception {
		SystemPeers.program("prometheus", PrometheusPeer.BINARY.toString());
		SystemPeers.program("prometheus-alertmanager", AlertmanagerPeer.BINARY.toString());
		Instant origin = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
		FaultPlan plan = new FaultPlan(1, origin, Duration.ofSeconds(110), Duration.ofSeconds(5),
				List.of(new Resource(1, "sw-0001", Role.NETWORK_DEVICE, null, 4, 20, 40),
						new Resource(2, "host-00001", Role.HOST, 1L, 0, 20, 40), new Resource(3, "host-00002", Role.HOST, 1L, 0, 20, 40),
						new Resource(4, "host-00003", Role.HOST, null, 0, 20, 40),
						new Resource(5, "host-00004", Role.HOST, null, 0, FaultPlan.NEAR_THRESHOLD, 40)),
				List.of(new Fault(1, FaultKind.PARENT_OUTAGE, 1, 10_000, 100_000, null, null),
						new Fault(2, FaultKind.CHILD_DOWN, 2, 10_500, 99_000, 1, null),
						new Fault(3, FaultKind.CHILD_DOWN, 3, 11_000, 99_500, 1, null),
						new Fault(4, FaultKind.OUTAGE, 4, 10_000, 100_000, null, null),
						new Fault(5, FaultKind.SPIKE, 5, 10_000, 25_000, null, null)));
		try (SimulatedMetrics metrics = new SimulatedMetrics(plan); NotificationSink sink = NotificationSink.start()) {
			PrometheusAlertmanagerSide side = new PrometheusAlertmanagerSide(metrics.serve(), Duration.ofSeconds(5),
					List.of("resource"));
			try {
				side.start(plan, sink.url("prometheus"));
				sleepUntil(origin.plusSeconds(90));
				// Prometheus fires for the device, the host and the resources behind the device (muted by
				// Alertmanager), not for the spike
				assertThat(side.prometheus().query("ALERTS{alertstate=\"firing\"}")).contains("NetworkDeviceDown", "InstanceDown",
						"\"resource\":\"2\"", "\"resource\":\"3\"", "\"resource\":\"4\"")
					.doesNotContain("HighCpu");
				sleepUntil(origin.plusSeconds(98));
			}
			finally {
				side.stop();
			}
			NotificationSink.Parsed parsed = sink.parse("prometheus", side.parser());
			AlertQualityScore.Result result = AlertQualityScore.score(plan, parsed.notifications(),
					AlertQualityScore.Settings.defaults());

			assertThat(parsed.unreadable()).isEmpty();
			assertThat(result.notifications()).as("%s", parsed.notifications()).isEqualTo(2);
			assertThat(result.missed()).isZero();
			assertThat(result.falseAlarms()).isZero();
			assertThat(result.duplicates()).isZero();
			assertThat(result.criticalSeconds()).hasSize(2).allSatisfy(seconds -> assertThat(seconds).isBetween(25.0, 60.0));
		}
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), instant).toMillis()));
	}

}
