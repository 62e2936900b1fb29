package io.opsguard.servicedesk.internal;

import java.time.Duration;
import java.util.List;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.servicedesk.TimerState;
import org.junit.jupiter.api.Test;

import static io.opsguard.servicedesk.internal.TimerCalendars.at;
import static io.opsguard.servicedesk.internal.TimerEvent.Kind.PAUSE;
import static io.opsguard.servicedesk.internal.TimerEvent.Kind.RESTART;
import static io.opsguard.servicedesk.internal.TimerEvent.Kind.RESUME;
import static io.opsguard.servicedesk.internal.TimerEvent.Kind.STOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TimerLogTests {

	private final BusinessCalendar office = TimerCalendars.officeHours();

	private final BusinessCalendar always = TimerCalendars.roundTheClock();

	@Test
	void countsOnlyWorkingTimeAcrossAWeekend() {
		TimerLog timer = new TimerLog(this.office,
				List.of(TimerEvent.start(at("2026-12-04T17:00"), WorkingDuration.parse("PT2H"), "created")));
		assertThat(timer.elapsed(at("2026-12-05T12:00"))).isEqualTo(Duration.ofHours(1));
		assertThat(timer.dueAt()).contains(at("2026-12-07T09:30"));
		assertThat(timer.breached(at("2026-12-07T09:30"))).isFalse();
		assertThat(timer.breached(at("2026-12-07T09:31"))).isTrue();
	}

	@Test
	void suspendedTimeDoesNotCount() {
		TimerLog timer = new TimerLog(this.office,
				List.of(TimerEvent.start(at("2026-12-07T08:30"), WorkingDuration.parse("PT8H"), "created"),
						TimerEvent.of(PAUSE, at("2026-12-07T10:30"), "waiting for the requester"),
						TimerEvent.of(RESUME, at("2026-12-07T14:00"), "requester answered")));
		assertThat(timer.state()).isEqualTo(TimerState.RUNNING);
		assertThat(timer.elapsed(at("2026-12-07T16:00"))).isEqualTo(Duration.ofHours(4));
		assertThat(timer.dueAt()).contains(at("2026-12-08T10:30"));
		TimerLog paused = timer.with(TimerEvent.of(PAUSE, at("2026-12-07T16:00"), "vendor"));
		assertThat(paused.dueAt()).as("a paused timer has no due time").isEmpty();
		assertThat(paused.elapsed(at("2026-12-09T16:00"))).isEqualTo(Duration.ofHours(4));
	}

	@Test
	void theNationalDayHolidayIsSkipped() {
		TimerLog timer = new TimerLog(this.office,
				List.of(TimerEvent.start(at("2026-09-30T17:00"), WorkingDuration.parse("P1D"), "created")));
		assertThat(timer.dueAt()).contains(at("2026-10-08T17:00"));
		assertThat(timer.elapsed(at("2026-10-07T23:00"))).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void aMakeUpSaturdayCounts() {
		TimerLog timer = new TimerLog(this.office,
				List.of(TimerEvent.start(at("2026-10-09T17:00"), WorkingDuration.parse("PT2H"), "created")));
		assertThat(timer.dueAt()).as("Saturday 10 October 2026 is a working day").contains(at("2026-10-10T09:30"));
	}

	@Test
	void aNewLevelKeepsTheTimeCountedAndABreachIsKnownFromTheChange() {
		TimerLog timer = new TimerLog(this.office,
				List.of(TimerEvent.start(at("2026-12-07T08:30"), WorkingDuration.parse("PT8H"), "level 3"),
						TimerEvent.retarget(at("2026-12-07T10:30"), WorkingDuration.parse("PT1H"), "re-levelled 3 → 1")));
		assertThat(timer.target()).isEqualTo(WorkingDuration.parse("PT1H"));
		assertThat(timer.elapsed(at("2026-12-07T10:30"))).isEqualTo(Duration.ofHours(2));
		assertThat(timer.breached(at("2026-12-07T10:30"))).isTrue();
		assertThat(timer.dueAt()).contains(at("2026-12-07T10:30"));
		TimerLog relaxed = new TimerLog(this.office,
				List.of(TimerEvent.start(at("2026-12-07T08:30"), WorkingDuration.parse("PT1H"), "level 1"),
						TimerEvent.retarget(at("2026-12-07T09:00"), WorkingDuration.parse("PT8H"), "re-levelled 1 → 3")));
		assertThat(relaxed.dueAt()).contains(at("2026-12-07T18:00"));
	}

	@Test
	void aRecurringTimerCountsFromItsLastRestart() {
		TimerLog progress = new TimerLog(this.always,
				List.of(TimerEvent.start(at("2026-12-06T10:00"), WorkingDuration.parse("PT1H"), "complaint"),
						TimerEvent.of(RESTART, at("2026-12-06T10:50"), "requester updated")));
		assertThat(progress.elapsed(at("2026-12-06T11:30"))).isEqualTo(Duration.ofMinutes(40));
		assertThat(progress.dueAt()).contains(at("2026-12-06T11:50"));
		assertThat(progress.breached(at("2026-12-06T11:30"))).isFalse();
	}

	@Test
	void aTimerStoppedInTimeHasNoDueTimeAndAStoppedLateOneKeepsItsBreach() {
		TimerLog met = new TimerLog(this.always,
				List.of(TimerEvent.start(at("2026-12-06T10:00"), WorkingDuration.parse("PT30M"), "created"),
						TimerEvent.of(STOP, at("2026-12-06T10:20"), "responded")));
		assertThat(met.dueAt()).isEmpty();
		assertThat(met.breached(at("2026-12-31T00:00"))).isFalse();
		assertThat(met.elapsed(at("2026-12-31T00:00"))).isEqualTo(Duration.ofMinutes(20));
		TimerLog late = new TimerLog(this.always,
				List.of(TimerEvent.start(at("2026-12-06T10:00"), WorkingDuration.parse("PT30M"), "created"),
						TimerEvent.of(STOP, at("2026-12-06T10:45"), "responded")));
		assertThat(late.dueAt()).contains(at("2026-12-06T10:30"));
		assertThat(late.breached(at("2026-12-31T00:00"))).isTrue();
		TimerLog reopened = late.with(TimerEvent.of(RESUME, at("2026-12-06T12:00"), "reopened"));
		assertThat(reopened.elapsed(at("2026-12-06T12:15"))).isEqualTo(Duration.ofMinutes(60));
	}

	@Test
	void warningThresholdsAreCrossingsOfTheTarget() {
		TimerLog timer = new TimerLog(this.office,
				List.of(TimerEvent.start(at("2026-12-07T08:30"), WorkingDuration.parse("PT8H"), "created")));
		assertThat(timer.crossing(50)).contains(at("2026-12-07T14:00"));
		assertThat(timer.crossing(80)).contains(at("2026-12-07T16:24"));
		assertThat(timer.crossing(100)).contains(at("2026-12-07T18:00"));
	}

	@Test
	void theTimelineShowsTheTimeCountedAtEachEvent() {
		TimerLog timer = new TimerLog(this.office,
				List.of(TimerEvent.start(at("2026-12-07T08:30"), WorkingDuration.parse("PT8H"), "created"),
						TimerEvent.of(PAUSE, at("2026-12-07T10:30"), "waiting"),
						TimerEvent.of(RESUME, at("2026-12-08T08:30"), "answered"),
						TimerEvent.retarget(at("2026-12-08T09:30"), WorkingDuration.parse("PT4H"), "re-levelled")));
		assertThat(timer.timeline()).extracting(TimerLog.Step::elapsed)
			.containsExactly(Duration.ZERO, Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(3));
		assertThat(timer.timeline().get(3).target()).isEqualTo(WorkingDuration.parse("PT4H"));
	}

	@Test
	void aLogThatCannotHaveHappenedIsRefused() {
		TimerEvent start = TimerEvent.start(at("2026-12-07T08:30"), WorkingDuration.parse("PT8H"), "created");
		assertThatIllegalArgumentException().isThrownBy(() -> new TimerLog(this.office, List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TimerLog(this.office, List.of(TimerEvent.of(PAUSE, at("2026-12-07T08:30"), null))));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new TimerLog(this.office, List.of(start, TimerEvent.of(PAUSE, at("2026-12-07T08:00"), "before"))));
		assertThatIllegalArgumentException().isThrownBy(() -> new TimerLog(this.office,
				List.of(start, TimerEvent.of(PAUSE, at("2026-12-07T09:00"), null), TimerEvent.of(PAUSE, at("2026-12-07T10:00"), null))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TimerLog(this.office, List.of(start, TimerEvent.of(RESUME, at("2026-12-07T09:00"), null))));
		assertThatIllegalArgumentException().isThrownBy(() -> TimerEvent.of(TimerEvent.Kind.START, at("2026-12-07T09:00"), null));
	}

}
