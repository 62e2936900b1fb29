package io.opsguard.monitoring.schedule;

import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.ResourceEventKind;
import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceChecksTests {

	private final ResourceChecks checks = new ResourceChecks();

	@Test
	void aProcessThatAppearsIsToldOnceItRanAtTwoCollectionsAndNeverAgain() {
		assertThat(this.checks.check(1, 10, processes("sshd", "nginx"))).isEmpty();
		// ps itself shows once: never told
		assertThat(this.checks.check(1, 10, processes("sshd", "nginx", "ps"))).isEmpty();
		assertThat(this.checks.check(1, 10, processes("sshd", "nginx", "xmrig"))).isEmpty();
		assertThat(this.checks.check(1, 10, processes("sshd", "nginx", "xmrig")))
			.singleElement()
			.satisfies(f -> {
				assertThat(f.kind()).isEqualTo(ResourceEventKind.PROCESS_NEW);
				assertThat(f.summary()).contains("xmrig").doesNotContain("ps,");
				assertThat(f.details()).containsEntry("processes", List.of("xmrig"));
			});
		assertThat(this.checks.check(1, 10, processes("sshd", "nginx", "xmrig"))).isEmpty();
	}

	@Test
	void anExpectedProcessThatStopsIsToldOnceUntilItRunsAgain() {
		assertThat(this.checks.check(1, 11, expected(true, true))).isEmpty();
		assertThat(this.checks.check(1, 11, expected(true, false))).singleElement().satisfies(f -> {
			assertThat(f.kind()).isEqualTo(ResourceEventKind.PROCESS_MISSING);
			assertThat(f.details()).containsEntry("processes", List.of("java"));
		});
		assertThat(this.checks.check(1, 11, expected(true, false))).isEmpty();
		assertThat(this.checks.check(1, 11, expected(true, true))).isEmpty();
		assertThat(this.checks.check(1, 11, expected(true, false))).hasSize(1);
		// a monitor that starts with a process missing says so at once
		assertThat(this.checks.check(2, 12, expected(false, true))).hasSize(1);
	}

	@Test
	void aResourceIsUnreachableWhenEveryMonitorFailsAndReachableWhenOneAnswers() {
		CollectionResult ok = CollectionResult.success(List.of(CollectedValue.of("up", 1)));
		CollectionResult timeout = CollectionResult.failure(Outcome.TIMEOUT, "no answer from 10.0.0.5:161");
		assertThat(this.checks.check(5, 1, ok)).isEmpty();
		assertThat(this.checks.check(5, 2, ok)).isEmpty();
		assertThat(this.checks.check(5, 1, timeout)).as("one of two monitors fails").isEmpty();
		assertThat(this.checks.check(5, 2, timeout)).singleElement().satisfies(f -> {
			assertThat(f.kind()).isEqualTo(ResourceEventKind.UNREACHABLE);
			assertThat(f.summary()).contains("TIMEOUT", "10.0.0.5:161");
		});
		assertThat(this.checks.check(5, 1, timeout)).isEmpty();
		assertThat(this.checks.check(5, 2, ok)).singleElement()
			.satisfies(f -> assertThat(f.kind()).isEqualTo(ResourceEventKind.REACHABLE));
		// a resource that never answered since the start is not told "unreachable" out of nothing twice
		assertThat(this.checks.check(6, 3, timeout)).isEmpty();
		assertThat(this.checks.check(6, 3, timeout)).isEmpty();
	}

	private static CollectionResult processes(String... names) {
		return CollectionResult.success(List.of(CollectedValue.of("process_count", names.length)))
			.withInventory("processes", List.of(names));
	}

	private static CollectionResult expected(boolean nginx, boolean java) {
		return new CollectionResult(Outcome.SUCCESS, null, List.of(new CollectedValue("process_up", "nginx", nginx ? 1 : 0),
				new CollectedValue("process_up", "java", java ? 1 : 0)), Map.of(), Map.of());
	}

}
