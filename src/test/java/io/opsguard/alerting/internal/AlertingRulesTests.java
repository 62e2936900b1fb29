package io.opsguard.alerting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import io.opsguard.alerting.internal.MaintenanceWindows.Recurrence;
import io.opsguard.alerting.internal.MaintenanceWindows.Window;
import io.opsguard.alerting.rule.Comparison;
import io.opsguard.alerting.rule.ScopeKind;

import org.junit.jupiter.api.Test;

class AlertingRulesTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Test
	void aRecoveryConditionMustLeaveAGapFromTheTrigger() {
		assertThat(RuleService.hysteresisValid(Comparison.GT, 90, Comparison.LT, 80)).isTrue();
		assertThat(RuleService.hysteresisValid(Comparison.GT, 90, Comparison.LE, 90)).isTrue();
		assertThat(RuleService.hysteresisValid(Comparison.GT, 90, Comparison.LT, 95)).isFalse();
		assertThat(RuleService.hysteresisValid(Comparison.GT, 90, Comparison.GT, 50)).isFalse();
		assertThat(RuleService.hysteresisValid(Comparison.LT, 10, Comparison.GT, 20)).isTrue();
		assertThat(RuleService.hysteresisValid(Comparison.LT, 10, Comparison.GT, 5)).isFalse();
		assertThat(RuleService.hysteresisValid(Comparison.EQ, 0, Comparison.EQ, 1)).isFalse();
	}

	@Test
	void aWeeklyWindowOpensOnItsDaysInTheSiteTimeZoneAndMayCrossMidnight() {
		// Saturdays 23:00 for 3 hours (until Sunday 02:00), Shanghai time
		Window window = recurring(Recurrence.WEEKLY, Set.of(6), "23:00", 180, null, null);
		assertThat(open(window, "2026-12-05T22:59:00")).isFalse();
		assertThat(open(window, "2026-12-05T23:00:00")).isTrue();
		assertThat(open(window, "2026-12-06T01:59:00")).isTrue();
		assertThat(open(window, "2026-12-06T02:00:00")).isFalse();
		assertThat(open(window, "2026-12-06T23:30:00")).isFalse();
	}

	@Test
	void aMonthlyWindowKeepsToItsValidRange() {
		Window window = recurring(Recurrence.MONTHLY, Set.of(1), "02:00", 60, LocalDate.of(2027, 1, 1), null);
		assertThat(open(window, "2026-12-01T02:30:00")).isFalse();
		assertThat(open(window, "2027-01-01T02:30:00")).isTrue();
		assertThat(open(window, "2027-01-02T02:30:00")).isFalse();
	}

	@Test
	void aOneOffWindowIsOpenFromItsStartUntilItsEnd() {
		Window window = new Window(1, "x", ScopeKind.ALL, null, Recurrence.ONCE, Instant.parse("2026-12-07T00:00:00Z"),
				Instant.parse("2026-12-07T02:00:00Z"), Set.of(), null, null, null, null, "r", true, null, null, null, 0);
		assertThat(MaintenanceWindows.isOpen(window, Instant.parse("2026-12-07T01:00:00Z"), SHANGHAI)).isTrue();
		assertThat(MaintenanceWindows.isOpen(window, Instant.parse("2026-12-07T02:00:00Z"), SHANGHAI)).isFalse();
		Window disabled = new Window(1, "x", ScopeKind.ALL, null, Recurrence.ONCE, Instant.parse("2026-12-07T00:00:00Z"),
				Instant.parse("2026-12-07T02:00:00Z"), Set.of(), null, null, null, null, "r", false, null, null, null, 0);
		assertThat(MaintenanceWindows.isOpen(disabled, Instant.parse("2026-12-07T01:00:00Z"), SHANGHAI)).isFalse();
	}

	@Test
	void summariesSayTheValueTheConditionAndTheDuration() {
		var rule = io.opsguard.alerting.rule.RuleEngineTestsAccess.threshold();
		assertThat(AlertEvaluation.summary(rule, 95.456)).isEqualTo("当前值 95.46，条件 cpu_usage > 90，持续 3 分钟");
		assertThat(RuleService.plain(90.0)).isEqualTo("90");
		assertThat(RuleService.plain(0.5)).isEqualTo("0.5");
	}

	private static boolean open(Window window, String local) {
		return MaintenanceWindows.isOpen(window, java.time.LocalDateTime.parse(local).atZone(SHANGHAI).toInstant(), SHANGHAI);
	}

	private static Window recurring(Recurrence recurrence, Set<Integer> days, String start, int minutes, LocalDate from,
			LocalDate until) {
		return new Window(1, "x", ScopeKind.ALL, null, recurrence, null, null, days, start, minutes, from, until, "r", true,
				null, null, null, 0);
	}

}
