package io.opsguard.benchmark.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.opsguard.benchmark.alerting.FaultPlan.Fault;
import io.opsguard.benchmark.alerting.SimulatedMetrics.Reading;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.exposition.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated gauges: a pure function of plan and time that shows exactly the injected faults. */
class SimulatedMetricsTests {

	private static final Instant ORIGIN = Instant.parse("2026-11-07T08:00:00Z");

	private static final FaultPlan PLAN = FaultPlan
		.generate(FaultPlan.Settings.defaults(ORIGIN).withResources(200).withDuration(Duration.ofMinutes(8)));

	private final SimulatedMetrics metrics = new SimulatedMetrics(PLAN);

	@Test
	void atEveryStepTheGaugesShowExactlyTheActiveFault() {
		for (long offset = 0; offset <= PLAN.duration().toMillis(); offset += 2_500) {
			for (Reading reading : this.metrics.readings(ORIGIN.plusMillis(offset))) {
				Fault fault = PLAN.activeFault(reading.resource().id(), offset);
				FaultKind kind = fault == null ? null : fault.kind();
				boolean down = fault != null && fault.down(offset);
				assertThat(reading.up()).as("up of %s at %d", reading.resource(), offset).isEqualTo(!down);
				if (kind == FaultKind.THRESHOLD || kind == FaultKind.SPIKE) {
					assertThat(reading.cpuUsage()).isBetween(91.0, 99.0);
				}
				else if (kind == FaultKind.NOISE || reading.resource().busy()) {
					assertThat(reading.cpuUsage()).isBetween(85.0, 89.0);
				}
				else {
					assertThat(reading.cpuUsage()).isBetween(5.0, 60.0);
				}
				assertThat(reading.diskUsage()).isBetween(30.0, 77.0);
			}
		}
	}

	@Test
	void theSameInstantGivesTheSameValuesAndTheJitterChangesOncePerStep() {
		Instant at = ORIGIN.plusSeconds(3);
		assertThat(this.metrics.prometheusText(at)).isEqualTo(new SimulatedMetrics(PLAN).prometheusText(at));
		assertThat(this.metrics.readings(at)).isEqualTo(this.metrics.readings(at.plusMillis(1_999)));
		assertThat(this.metrics.readings(at)).isNotEqualTo(this.metrics.readings(at.plusSeconds(5)));
	}

	@Test
	void theTextParsesAsPrometheusTextWithTopologyLabelsAndAResourceDownShowsOnlyUp() {
		Fault outage = PLAN.faults().stream().filter(f -> f.kind() == FaultKind.PARENT_OUTAGE).findFirst().orElseThrow();
		long offset = outage.startMillis() + 10_000;
		PrometheusText.Parsed parsed = PrometheusText.parse(this.metrics.prometheusText(ORIGIN.plusMillis(offset)));

		assertThat(parsed.problems()).isEmpty();
		Map<String, List<PrometheusText.Line>> device = parsed.samples()
			.stream()
			.filter(line -> String.valueOf(outage.resource()).equals(line.labels().get("resource")))
			.collect(Collectors.groupingBy(PrometheusText.Line::metric));
		assertThat(device).containsOnlyKeys("up");
		assertThat(device.get("up")).singleElement().satisfies(line -> {
			assertThat(line.value()).isZero();
			assertThat(line.labels()).containsEntry("role", "network");
		});
		long child = PLAN.resources().stream().filter(r -> Long.valueOf(outage.resource()).equals(r.parent())).findFirst().orElseThrow().id();
		assertThat(parsed.samples()).filteredOn(line -> line.metric().equals("up") && String.valueOf(child).equals(line.labels().get("resource")))
			.singleElement()
			.satisfies(line -> assertThat(line.labels()).containsEntry("parent", String.valueOf(outage.resource())));
		assertThat(parsed.samples()).filteredOn(line -> line.metric().equals("if_oper_status")).isNotEmpty()
			.allSatisfy(line -> assertThat(line.labels()).containsKeys("resource", "instance", "role"));
	}

	@Test
	void theSamplesCarryTheInstantAndOnlyResourceAndInstanceLabels() {
		Instant at = ORIGIN.plusSeconds(100);
		List<Sample> samples = this.metrics.samples(at);

		assertThat(samples).allSatisfy(sample -> {
			assertThat(sample.timestamp()).isEqualTo(at.toEpochMilli());
			assertThat(sample.series().problem()).isNull();
			assertThat(sample.series().labels().keySet()).isSubsetOf("resource", "instance");
		});
		assertThat(samples).filteredOn(sample -> sample.series().metric().equals("up")).hasSize(PLAN.resources().size());
	}

	@Test
	void theEndpointServesTheTextOfTheMomentItIsAsked() throws Exception {
		Instant at = ORIGIN.plusSeconds(200);
		try (SimulatedMetrics served = new SimulatedMetrics(PLAN, Clock.fixed(at, ZoneOffset.UTC))) {
			URI url = served.serve();
			HttpResponse<String> response = HttpClient.newBuilder()
				.proxy(HttpClient.Builder.NO_PROXY)
				.build()
				.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
			assertThat(response.body()).isEqualTo(this.metrics.prometheusText(at));
			assertThat(served.scrapes()).isEqualTo(1);
		}
	}

}
