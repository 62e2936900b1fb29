package io.opsguard.calendar.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.Period;
import io.opsguard.calendar.WorkingDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTests {

	private final BusinessCalendar officeHours = TestCalendars.officeHours();

	private final BusinessCalendar roundTheClock = TestCalendars.roundTheClock();

	private static Instant at(String text) {
		return OffsetDateTime.parse(text).toInstant();
	}

	private Instant deadline(String start, String duration) {
		return this.officeHours.deadline(at(start), WorkingDuration.parse(duration));
	}

	@Test
	void eightWorkingHoursFromFridayEveningEndOnTheSpringFestivalMakeUpSaturday() {
		// Sat 14 Feb 2026 is a working day (调休); 17:00–18:00 Friday, then 7 hours on Saturday
		assertThat(deadline("2026-02-13T17:00+08:00", "PT8H")).isEqualTo(at("2026-02-14T17:00+08:00"));
	}

	@Test
	void theSpringFestivalIsSkippedAsAWhole() {
		// holidays from Sun 15 to Mon 23 Feb 2026: the next working time is Tue 24 at 08:30
		assertThat(deadline("2026-02-14T18:00+08:00", "PT1H")).isEqualTo(at("2026-02-24T09:30+08:00"));
		assertThat(this.officeHours.elapsed(at("2026-02-14T17:00+08:00"), at("2026-02-24T09:00+08:00")))
			.isEqualTo(Duration.ofMinutes(90));
	}

	@Test
	void oneWorkingDayIsEightHoursAndCrossesTheNationalDayHolidays() {
		assertThat(this.officeHours.workingDay()).isEqualTo(Duration.ofHours(8));
		assertThat(deadline("2026-09-30T17:00+08:00", "P1D")).isEqualTo(at("2026-10-08T17:00+08:00"));
		assertThat(deadline("2026-09-30T17:00+08:00", "P3D")).as("Sat 10 Oct is a make-up working day")
			.isEqualTo(at("2026-10-10T17:00+08:00"));
	}

	@Test
	void theYearEndRunsIntoTheNewYearHolidaysAndTheirMakeUpSunday() {
		assertThat(deadline("2025-12-31T17:00+08:00", "PT2H")).isEqualTo(at("2026-01-04T09:30+08:00"));
	}

	@Test
	void aStartOutsideWorkingTimeBeginsAtTheNextPeriod() {
		assertThat(deadline("2026-03-02T12:30+08:00", "PT30M")).as("lunch break").isEqualTo(at("2026-03-02T14:00+08:00"));
		assertThat(deadline("2026-03-02T07:00+08:00", "PT30M")).as("early morning").isEqualTo(at("2026-03-02T09:00+08:00"));
		assertThat(deadline("2026-03-01T23:59+08:00", "PT1M")).as("Sunday before midnight")
			.isEqualTo(at("2026-03-02T08:31+08:00"));
	}

	@Test
	void anAmountThatFillsAPeriodEndsAtItsEnd() {
		assertThat(deadline("2026-03-02T08:30+08:00", "PT3H30M")).isEqualTo(at("2026-03-02T12:00+08:00"));
		assertThat(deadline("2026-03-02T08:30+08:00", "PT8H")).isEqualTo(at("2026-03-02T18:00+08:00"));
	}

	@Test
	void workingTimeIncludesThePeriodStartAndExcludesItsEnd() {
		assertThat(this.officeHours.isWorkingTime(at("2026-03-02T08:30+08:00"))).isTrue();
		assertThat(this.officeHours.isWorkingTime(at("2026-03-02T12:00+08:00"))).isFalse();
		assertThat(this.officeHours.isWorkingTime(at("2026-03-02T11:59:59+08:00"))).isTrue();
		assertThat(this.officeHours.isWorkingTime(at("2026-02-14T10:00+08:00"))).as("make-up Saturday").isTrue();
		assertThat(this.officeHours.isWorkingTime(at("2026-02-16T10:00+08:00"))).as("Spring Festival Monday").isFalse();
		assertThat(this.officeHours.isWorkingTime(at("2026-03-07T10:00+08:00"))).as("ordinary Saturday").isFalse();
		assertThat(this.officeHours.nextWorkingTime(at("2026-02-14T18:00+08:00"))).isEqualTo(at("2026-02-24T08:30+08:00"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" })
	void everyMakeUpWorkingDayOf2026HasAFullWorkingDay(String day) {
		LocalDate date = LocalDate.parse(day);
		assertThat(date.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
		assertThat(this.officeHours.isMakeUpWorkday(date)).isTrue();
		Instant morning = date.atTime(8, 30).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
		assertThat(this.officeHours.deadline(morning, Duration.ofHours(8)))
			.isEqualTo(date.atTime(18, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
		assertThat(this.officeHours.elapsed(morning, morning.plus(Duration.ofDays(1)))).isEqualTo(Duration.ofHours(8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-23", "2026-04-06", "2026-05-04",
			"2026-05-05", "2026-06-19", "2026-09-25", "2026-10-05", "2026-10-07", "2025-10-08", "2025-01-28" })
	void weekdayHolidaysHaveNoWorkingTime(String day) {
		LocalDate date = LocalDate.parse(day);
		assertThat(this.officeHours.periodsOn(date)).isEmpty();
		assertThat(this.officeHours.isHoliday(date)).isTrue();
	}

	@Test
	void roundTheClockCountsEveryMinuteAndIgnoresHolidays() {
		Instant start = at("2026-02-15T23:30+08:00");
		assertThat(this.roundTheClock.deadline(start, Duration.ofHours(4))).isEqualTo(start.plus(Duration.ofHours(4)));
		assertThat(this.roundTheClock.deadline(start, WorkingDuration.parse("P1D"))).isEqualTo(start.plus(Duration.ofDays(1)));
		assertThat(this.roundTheClock.elapsed(start, start.plusSeconds(3_600 * 50))).isEqualTo(Duration.ofHours(50));
		assertThat(this.roundTheClock.roundTheClock()).isTrue();
		assertThat(this.officeHours.roundTheClock()).isFalse();
	}

	@Test
	void theSameInstantWrittenInAnotherOffsetHasTheSameDeadline() {
		assertThat(deadline("2026-02-13T09:00:00Z", "PT8H")).isEqualTo(deadline("2026-02-13T17:00+08:00", "PT8H"));
	}

	@Test
	void periodsAreReadInTheCalendarsZone() {
		Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			week.put(day, List.of(Period.of("09:00", "17:00")));
		}
		BusinessCalendar london = new BusinessCalendar("uk", 1, ZoneId.of("Europe/London"), week,
				List.of(Period.of("09:00", "17:00")), Set.of(), Set.of());
		// 26 Oct 2025: the clocks go back: Saturday ends at 16:00 UTC, Sunday starts at 09:00 UTC
		assertThat(london.deadline(at("2025-10-25T16:00Z"), Duration.ofHours(1))).isEqualTo(at("2025-10-26T10:00Z"));
		assertThat(london.deadline(at("2025-10-24T15:00Z"), Duration.ofMinutes(30))).isEqualTo(at("2025-10-24T15:30Z"));
		assertThat(london.elapsed(at("2025-03-29T00:00Z"), at("2025-03-31T00:00Z"))).as("spring forward")
			.isEqualTo(Duration.ofHours(16));
	}

	@Test
	void durationsAreWorkingDaysAndTime() {
		assertThat(WorkingDuration.parse("P2DT4H").on(this.officeHours)).isEqualTo(Duration.ofHours(20));
		assertThat(WorkingDuration.parse("pt30m").toString()).isEqualTo("PT30M");
		assertThat(WorkingDuration.parse("P1D").toString()).isEqualTo("P1D");
		for (String bad : List.of("", "P", "PT", "P1W", "P1M", "1H", "PT-1H", "P1Y", "PT1.5H", "P99999D")) {
			assertThatThrownBy(() -> WorkingDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void elapsedIsZeroBackwardsAndDeadlineOfNothingIsTheStart() {
		Instant start = at("2026-03-07T10:00+08:00");
		assertThat(this.officeHours.elapsed(start, start.minusSeconds(60))).isZero();
		assertThat(this.officeHours.deadline(start, Duration.ZERO)).isEqualTo(start);
	}

}
