package io.opsguard.servicelevel.internal;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.Period;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.servicelevel.internal.GapCheck.Outcome;
import io.opsguard.servicelevel.internal.GapCheck.PolicyInForce;
import io.opsguard.servicelevel.internal.GapCheck.Recorded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GapCheckTests {

	private final Standards standards = new Standards(new ObjectMapper().findAndRegisterModules());

	private static BusinessCalendar calendar(String code, Period... periods) {
		Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
			week.put(day, code.equals("7x24") || !weekend ? List.of(periods) : List.of());
		}
		return new BusinessCalendar(code, 1, ZoneId.of("Asia/Shanghai"), week, List.of(periods), Set.of(), Set.of());
	}

	private static final BusinessCalendar ROUND_THE_CLOCK = calendar("7x24", new Period(0, 1440));

	private static final BusinessCalendar OFFICE = calendar("5x8", Period.of("08:30", "12:00"), Period.of("13:30", "18:00"));

	private Map<String, Outcome> check(int level, SystemFacts facts, int components, Set<StandbyMode> standbys, int backups,
			PolicyInForce policy) {
		Recorded recorded = new Recorded(level, facts, components, standbys, backups, policy);
		WorkingDuration recovery = WorkingDuration.parse(this.standards.level(level).orElseThrow().recovery());
		return GapCheck.check(this.standards.items(), recorded, recovery)
			.stream()
			.collect(Collectors.toMap(r -> r.item().code(), GapCheck.Result::outcome));
	}

	private static PolicyInForce policy(BusinessCalendar calendar, String resolution) {
		return new PolicyInForce("P", new GapCheck.Named("策略", "Policy"), calendar,
				new GapCheck.Named("日历", "Calendar"), WorkingDuration.parse(resolution));
	}

	private static SystemFacts declared(boolean all) {
		return new SystemFacts(all ? "每日全量备份" : null, null, all, all, all, all, all, null, null);
	}

	@Test
	void theMatrixHoldsTable1() {
		assertThat(this.standards.items()).hasSize(17);
		assertThat(this.standards.items().stream().filter(i -> i.requiredAt(5)).map(Standards.ServiceItem::code))
			.containsExactly("BASIC", "HOTLINE_WORKING", "RECOVERY");
		assertThat(this.standards.items().stream().filter(i -> i.requiredAt(1)).count()).isEqualTo(15);
		assertThat(this.standards.levels()).extracting(Standards.GuaranteeLevel::recovery)
			.containsExactly("PT2H", "PT4H", "P1D", "P2D", "P3D");
		assertThat(this.standards.grades()).hasSize(4);
	}

	@Test
	void aLevelOneSystemWithNothingRecordedLacksEverythingItNeeds() {
		Map<String, Outcome> gaps = check(1, SystemFacts.none(), 0, Set.of(), 0, policy(OFFICE, "P1D"));
		assertThat(gaps.entrySet().stream().filter(e -> e.getValue() == Outcome.GAP).map(Map.Entry::getKey))
			.containsExactlyInAnyOrder("BASIC", "HOT_STANDBY", "DATA_BACKUP", "SYSTEM_MONITORING", "PERFORMANCE",
					"APP_MONITORING", "DISPATCH_OFF_HOURS", "HOTLINE_OFF_HOURS", "APP_SUPPORT_OFF_HOURS", "STATISTICS_REPORTS",
					"RECOVERY", "BUSINESS_PARTY_7X24");
		assertThat(gaps.get("WARM_STANDBY")).isEqualTo(Outcome.NOT_REQUIRED);
		assertThat(gaps.get("DISPATCH_WORKING")).isEqualTo(Outcome.MET);
	}

	@Test
	void aLevelOneSystemWithAHotStandbyOnA7x24PolicyMeetsEverything() {
		Map<String, Outcome> gaps = check(1, declared(true), 3, EnumSet.of(StandbyMode.HOT), 0, policy(ROUND_THE_CLOCK, "PT2H"));
		assertThat(gaps.values()).doesNotContain(Outcome.GAP);
	}

	@Test
	void aHotterStandbyMeetsAColderRequirementButNotTheOtherWayRound() {
		assertThat(check(2, declared(true), 1, EnumSet.of(StandbyMode.HOT), 0, policy(ROUND_THE_CLOCK, "PT4H"))
			.get("WARM_STANDBY")).isEqualTo(Outcome.MET);
		assertThat(check(3, declared(true), 1, EnumSet.of(StandbyMode.WARM), 0, policy(OFFICE, "P1D")).get("COLD_STANDBY"))
			.isEqualTo(Outcome.MET);
		assertThat(check(1, declared(true), 1, EnumSet.of(StandbyMode.WARM), 0, policy(ROUND_THE_CLOCK, "PT2H"))
			.get("HOT_STANDBY")).isEqualTo(Outcome.GAP);
	}

	@Test
	void aBackupRelationInTheCmdbCountsAsPeriodicBackup() {
		assertThat(check(4, SystemFacts.none(), 1, Set.of(), 1, policy(OFFICE, "P2D")).get("DATA_BACKUP")).isEqualTo(Outcome.MET);
		assertThat(check(4, SystemFacts.none(), 1, Set.of(), 0, policy(OFFICE, "P2D")).get("DATA_BACKUP")).isEqualTo(Outcome.GAP);
	}

	@Test
	void theRecoveryDeadlineIsComparedOnThePolicysCalendar() {
		// level 3 needs one working day: 8 hours on 5×8; the contract's 24 h on 7×24 is a full day too
		assertThat(check(3, declared(true), 1, EnumSet.of(StandbyMode.COLD), 0, policy(OFFICE, "PT8H")).get("RECOVERY"))
			.isEqualTo(Outcome.MET);
		assertThat(check(3, declared(true), 1, EnumSet.of(StandbyMode.COLD), 0, policy(OFFICE, "PT9H")).get("RECOVERY"))
			.isEqualTo(Outcome.GAP);
		assertThat(check(3, declared(true), 1, EnumSet.of(StandbyMode.COLD), 0, policy(ROUND_THE_CLOCK, "PT24H"))
			.get("RECOVERY")).isEqualTo(Outcome.MET);
		assertThat(check(2, declared(true), 1, EnumSet.of(StandbyMode.WARM), 0, policy(ROUND_THE_CLOCK, "PT24H"))
			.get("RECOVERY")).as("level 2 needs 4 hours").isEqualTo(Outcome.GAP);
	}

	@Test
	void aLevelFiveSystemNeedsOnlyTheBasicsAndItsRecoveryDeadline() {
		Map<String, Outcome> gaps = check(5, SystemFacts.none(), 1, Set.of(), 0, policy(OFFICE, "P3D"));
		assertThat(gaps.values()).doesNotContain(Outcome.GAP);
		assertThat(gaps.values().stream().filter(o -> o == Outcome.NOT_REQUIRED)).hasSize(14);
	}

	@Test
	void anUngradedSystemHasOneGapNotGradedAndNothingElseIsJudged() {
		Recorded recorded = new Recorded(null, SystemFacts.none(), 0, Set.of(), 0, policy(OFFICE, "P1D"));
		List<GapCheck.Result> results = GapCheck.check(this.standards.items(), recorded, null);
		assertThat(results.get(0).item().code()).isEqualTo(GapCheck.GRADED);
		assertThat(results.get(0).outcome()).isEqualTo(Outcome.GAP);
		assertThat(results.get(0).key()).isEqualTo("gap.notGraded.missing");
		assertThat(GapCheck.gapCount(results)).isEqualTo(1);
		assertThat(results.subList(1, results.size())).hasSize(17)
			.allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.AWAITING_GRADING));
	}

	@Test
	void findingsCarryNamesAndDurationsForTheReadersLanguageNotRawValues() {
		Recorded recorded = new Recorded(1, declared(true), 1, EnumSet.of(StandbyMode.HOT), 0, policy(OFFICE, "PT2H"));
		GapCheck.Result recovery = GapCheck.check(this.standards.items(), recorded, WorkingDuration.parse("PT2H"))
			.stream()
			.filter(r -> r.item().code().equals("RECOVERY"))
			.findFirst()
			.orElseThrow();
		assertThat(recovery.args()).containsExactly(new GapCheck.Named("策略", "Policy"), WorkingDuration.parse("PT2H"),
				WorkingDuration.parse("PT2H"));
	}

}
