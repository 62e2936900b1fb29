package io.opsguard.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.opsguard.alerting.rule.ThresholdMachine.Condition;
import io.opsguard.alerting.rule.ThresholdMachine.Phase;
import io.opsguard.alerting.rule.ThresholdMachine.Transition;

import org.junit.jupiter.api.Test;

class ThresholdMachineTests {

	private static final Condition ABOVE_90 = v -> v > 90;

	private static final Condition BELOW_80 = v -> v < 80;

	private static final long MINUTE = 60_000;

	@Test
	void firesOnlyAfterTheConditionHeldForTheDuration() {
		ThresholdMachine machine = new ThresholdMachine();
		assertThat(machine.step(0, 95, ABOVE_90, null, 3 * MINUTE, 1, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.phase()).isEqualTo(Phase.PENDING);
		assertThat(machine.step(MINUTE, 96, ABOVE_90, null, 3 * MINUTE, 1, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(2 * MINUTE, 97, ABOVE_90, null, 3 * MINUTE, 1, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(3 * MINUTE, 97, ABOVE_90, null, 3 * MINUTE, 1, 0)).isEqualTo(Transition.FIRE);
		assertThat(machine.step(4 * MINUTE, 98, ABOVE_90, null, 3 * MINUTE, 1, 0)).isEqualTo(Transition.UPDATE);
	}

	@Test
	void aBriefSpikeShorterThanTheDurationNeverFires() {
		ThresholdMachine machine = new ThresholdMachine();
		machine.step(0, 99, ABOVE_90, null, MINUTE, 1, 0);
		machine.step(20_000, 99, ABOVE_90, null, MINUTE, 1, 0);
		assertThat(machine.step(40_000, 50, ABOVE_90, null, MINUTE, 1, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.phase()).isEqualTo(Phase.OK);
		// the duration counts afresh after the spike
		assertThat(machine.step(60_000, 99, ABOVE_90, null, MINUTE, 1, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(110_000, 99, ABOVE_90, null, MINUTE, 1, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(120_000, 99, ABOVE_90, null, MINUTE, 1, 0)).isEqualTo(Transition.FIRE);
	}

	@Test
	void hysteresisKeepsTheAlertUntilTheRecoveryConditionHolds() {
		ThresholdMachine machine = new ThresholdMachine();
		assertThat(machine.step(0, 95, ABOVE_90, BELOW_80, 0, 1, 0)).isEqualTo(Transition.FIRE);
		// between the two thresholds: still firing
		assertThat(machine.step(1000, 85, ABOVE_90, BELOW_80, 0, 1, 0)).isEqualTo(Transition.UPDATE);
		assertThat(machine.phase()).isEqualTo(Phase.FIRING);
		assertThat(machine.step(2000, 79, ABOVE_90, BELOW_80, 0, 1, 0)).isEqualTo(Transition.RECOVER);
		assertThat(machine.phase()).isEqualTo(Phase.OK);
	}

	@Test
	void recoveryMustHoldForItsOwnDuration() {
		ThresholdMachine machine = new ThresholdMachine();
		machine.step(0, 95, ABOVE_90, null, 0, 1, 0);
		assertThat(machine.step(MINUTE, 50, ABOVE_90, null, 0, 1, 2 * MINUTE)).isEqualTo(Transition.UPDATE);
		assertThat(machine.phase()).isEqualTo(Phase.RECOVERING);
		// back above: firing again, the recovery starts over
		assertThat(machine.step(2 * MINUTE, 95, ABOVE_90, null, 0, 1, 2 * MINUTE)).isEqualTo(Transition.UPDATE);
		assertThat(machine.phase()).isEqualTo(Phase.FIRING);
		machine.step(3 * MINUTE, 50, ABOVE_90, null, 0, 1, 2 * MINUTE);
		assertThat(machine.step(4 * MINUTE, 50, ABOVE_90, null, 0, 1, 2 * MINUTE)).isEqualTo(Transition.UPDATE);
		assertThat(machine.step(5 * MINUTE, 50, ABOVE_90, null, 0, 1, 2 * MINUTE)).isEqualTo(Transition.RECOVER);
	}

	@Test
	void consecutiveSamplesCountForCollectionFailures() {
		ThresholdMachine machine = new ThresholdMachine();
		Condition failed = v -> v == 0;
		assertThat(machine.step(0, 0, failed, null, 0, 3, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(60_000, 0, failed, null, 0, 3, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(120_000, 1, failed, null, 0, 3, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(180_000, 0, failed, null, 0, 3, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(240_000, 0, failed, null, 0, 3, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(300_000, 0, failed, null, 0, 3, 0)).isEqualTo(Transition.FIRE);
		assertThat(machine.step(360_000, 1, failed, null, 0, 3, 0)).isEqualTo(Transition.RECOVER);
	}

	@Test
	void anOlderOrRepeatedSampleChangesNothing() {
		ThresholdMachine machine = new ThresholdMachine();
		machine.step(1000, 95, ABOVE_90, null, 0, 1, 0);
		assertThat(machine.step(1000, 10, ABOVE_90, null, 0, 1, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.step(500, 10, ABOVE_90, null, 0, 1, 0)).isEqualTo(Transition.NONE);
		assertThat(machine.phase()).isEqualTo(Phase.FIRING);
	}

	@Test
	void aMachineResumedFiringResolvesWhenTheConditionClears() {
		ThresholdMachine machine = new ThresholdMachine(true);
		assertThat(machine.step(0, 95, ABOVE_90, null, 0, 1, 0)).isEqualTo(Transition.UPDATE);
		assertThat(machine.step(1000, 10, ABOVE_90, null, 0, 1, 0)).isEqualTo(Transition.RECOVER);
	}

	@Test
	void notANumberNeverTriggers() {
		assertThat(Comparison.GT.test(Double.NaN, 1)).isFalse();
		assertThat(Comparison.NE.test(Double.NaN, 1)).isFalse();
		assertThat(Comparison.GE.negate()).isEqualTo(Comparison.LT);
		assertThat(Comparison.of(" >= ")).isEqualTo(Comparison.GE);
		assertThat(Comparison.of("=")).isNull();
	}

}
