package io.opsguard.benchmark.alerting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.opsguard.benchmark.alerting.FaultPlan.Fault;
import io.opsguard.benchmark.alerting.FaultPlan.Resource;
import io.opsguard.benchmark.alerting.FaultPlan.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated plan: its size, determinism and the shape every fault must have. */
class FaultPlanTests {

	private static final Instant ORIGIN = Instant.parse("2026-11-07T08:00:00Z");

	private static final FaultPlan DEFAULT = FaultPlan.generate(FaultPlan.Settings.defaults(ORIGIN));

	@Test
	void theDefaultsInjectOverTenThousandFaultEventsOfEveryKind() {
		assertThat(DEFAULT.resources()).hasSize(2_500);
		assertThat(DEFAULT.faultEvents()).isGreaterThanOrEqualTo(10_000);
		assertThat(DEFAULT.countsByKind()).allSatisfy((kind, count) -> assertThat(count).as(kind.name()).isPositive());
		assertThat(DEFAULT.expectedNotifications())
			.isEqualTo(DEFAULT.faults().stream().filter(fault -> fault.kind().mustAlert()).count());
		assertThat(DEFAULT.resources().stream().filter(r -> r.role() == Role.NETWORK_DEVICE)).hasSize(100);
		assertThat(DEFAULT.resources().stream().filter(Resource::busy).count()).isBetween(150L, 350L);
	}

	@Test
	void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
		FaultPlan again = FaultPlan.generate(FaultPlan.Settings.defaults(ORIGIN.plusSeconds(3600)));
		FaultPlan other = FaultPlan.generate(FaultPlan.Settings.defaults(ORIGIN).withSeed(7));

		assertThat(again.faults()).isEqualTo(DEFAULT.faults());
		assertThat(again.resources()).isEqualTo(DEFAULT.resources());
		assertThat(other.faults()).isNotEqualTo(DEFAULT.faults());
		FaultPlan moved = DEFAULT.withOrigin(ORIGIN.plusSeconds(60));
		assertThat(moved.origin()).isEqualTo(ORIGIN.plusSeconds(60));
		assertThat(moved.faults()).isEqualTo(DEFAULT.faults());
	}

	@Test
	void everyFaultHasItsKindsShapeWithinTheRunAndTheFaultsOfAResourceKeepTheirDistance() {
		long duration = DEFAULT.duration().toMillis();
		for (Resource resource : DEFAULT.resources()) {
			List<Fault> faults = DEFAULT.faultsOf(resource.id());
			for (int i = 0; i < faults.size(); i++) {
				Fault fault = faults.get(i);
				long length = fault.endMillis() - fault.startMillis();
				assertThat(fault.startMillis()).isGreaterThanOrEqualTo(FaultPlan.WARM_UP.toMillis());
				assertThat(fault.endMillis()).isLessThanOrEqualTo(duration);
				switch (fault.kind()) {
					case OUTAGE, PARENT_OUTAGE -> assertThat(length).isBetween(60_000L, 90_000L);
					case THRESHOLD -> assertThat(length).isBetween(120_000L, 135_000L);
					case SPIKE -> assertThat(length).isBetween(10_000L, 25_000L);
					case NOISE -> assertThat(length).isBetween(20_000L, 60_000L);
					case FLAP -> {
						assertThat(length).isEqualTo(180_000L);
						assertThat(fault.flapPhasesMillis()).allSatisfy(phase -> assertThat(phase).isLessThanOrEqualTo(20_000L));
						assertThat(fault.flapPhasesMillis().stream().mapToLong(Long::longValue).sum()).isEqualTo(length);
						assertThat(fault.flapPhasesMillis().size()).isGreaterThanOrEqualTo(9);
					}
					case CHILD_DOWN -> {
						Fault parent = DEFAULT.faults().stream().filter(f -> f.id() == fault.causedBy()).findFirst().orElseThrow();
						assertThat(parent.kind()).isEqualTo(FaultKind.PARENT_OUTAGE);
						assertThat(parent.resource()).isEqualTo(resource.parent());
						assertThat(fault.startMillis() - parent.startMillis()).isBetween(0L, 2_000L);
						assertThat(fault.endMillis() - parent.endMillis()).isBetween(0L, 2_000L);
					}
				}
				if (resource.role() == Role.NETWORK_DEVICE) {
					assertThat(fault.kind()).isIn(FaultKind.PARENT_OUTAGE, FaultKind.THRESHOLD, FaultKind.SPIKE, FaultKind.NOISE);
				}
				if (i > 0) {
					Fault previous = faults.get(i - 1);
					long gap = previous.kind() == FaultKind.FLAP ? 90_000 : 30_000;
					assertThat(fault.startMillis() - previous.endMillis()).as("%s after %s", fault, previous)
						.isGreaterThanOrEqualTo(gap);
				}
			}
		}
	}

	@Test
	void everyDeviceGoesDownTwiceInEightMinutesWithEveryResourceBehindIt() {
		Map<Long, Long> childOutages = new java.util.HashMap<>();
		DEFAULT.faults()
			.stream()
			.filter(fault -> fault.kind() == FaultKind.CHILD_DOWN)
			.forEach(fault -> childOutages.merge(DEFAULT.resource(fault.resource()).parent(), 1L, Long::sum));
		for (Resource device : DEFAULT.resources()) {
			if (device.role() != Role.NETWORK_DEVICE) {
				continue;
			}
			long children = DEFAULT.resources().stream().filter(r -> Long.valueOf(device.id()).equals(r.parent())).count();
			assertThat(children).isBetween(5L, 20L);
			assertThat(DEFAULT.faultsOf(device.id()).stream().filter(f -> f.kind() == FaultKind.PARENT_OUTAGE)).hasSize(2);
			assertThat(childOutages.get(device.id())).isEqualTo(2 * children);
		}
	}

	@Test
	void aShortRunHasNoFaultLongerThanItself() {
		FaultPlan plan = FaultPlan.generate(FaultPlan.Settings.defaults(ORIGIN).withResources(300).withDuration(Duration.ofMinutes(3)));

		assertThat(plan.resources()).hasSize(300);
		assertThat(plan.faults()).allSatisfy(fault -> assertThat(fault.endMillis()).isLessThanOrEqualTo(180_000));
		assertThat(plan.countsByKind().get(FaultKind.FLAP)).isZero();
		assertThat(plan.countsByKind().get(FaultKind.PARENT_OUTAGE)).isEqualTo(12);
		assertThat(plan.lastDeadlineMillis(Duration.ofSeconds(60))).isLessThanOrEqualTo(180_000 + 30_000);
	}

	@Test
	void aFlapIsDownInItsOddPhasesAndUpAfterwards() {
		Fault flap = new Fault(1, FaultKind.FLAP, 1, 10_000, 50_000, null, List.of(15_000L, 10_000L, 15_000L));

		assertThat(flap.down(10_000)).isTrue();
		assertThat(flap.down(24_999)).isTrue();
		assertThat(flap.down(25_000)).isFalse();
		assertThat(flap.down(35_000)).isTrue();
		assertThat(flap.down(50_000)).isFalse();
	}

	@Test
	void thePlanIsWrittenAsJsonWithItsCounts(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("plan.json");
		FaultPlan.generate(FaultPlan.Settings.defaults(ORIGIN).withResources(100).withDuration(Duration.ofMinutes(4))).writeJson(file);

		String json = Files.readString(file);
		assertThat(json).contains("\"faultEvents\"", "\"expectedNotifications\"", "\"PARENT_OUTAGE\"", "\"sw-0001\"",
				"\"alertableAt\"", "\"2026-11-07T08:");
	}

}
