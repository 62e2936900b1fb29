package io.opsguard.alerting.rule;

import java.time.Duration;

/** Rules for tests of other packages. */
public final class RuleEngineTestsAccess {

	private RuleEngineTestsAccess() {
	}

	public static AlertRule threshold() {
		return RuleEngineTests.threshold(1, "cpu_usage", Comparison.GT, 90, Duration.ofMinutes(3));
	}

}
