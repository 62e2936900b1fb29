package io.opsguard.servicedesk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.servicedesk.TimerState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timers replayed from random logs of pauses and resumptions on the 5×8 calendar across the
 * National Day holiday: suspended time never counts, counted time never runs backwards nor exceeds
 * the working time that passed, and a running timer's due time is exactly when the target is
 * reached.
 */
class TimerLogPropertyTests {

	private static final BusinessCalendar OFFICE = TimerCalendars.officeHours();

	private static final Instant FROM = TimerCalendars.at("2026-09-25T08:00");

	@Provide
	Arbitrary<List<Integer>> gaps() {
		return Arbitraries.integers().between(1, 3 * 24 * 60).list().ofMinSize(0).ofMaxSize(12);
	}

	@Property(tries = 300)
	void suspendedTimeNeverCounts(@ForAll("gaps") List<Integer> gaps, @ForAll @IntRange(min = 1, max = 4000) int targetMinutes) {
		TimerLog timer = log(gaps, targetMinutes);
		Instant now = end(gaps).plus(Duration.ofDays(2));
		Duration expected = Duration.ZERO;
		Instant t = FROM;
		boolean running = true;
		for (int gap : gaps) {
			Instant next = t.plus(Duration.ofMinutes(gap));
			if (running) {
				expected = expected.plus(OFFICE.elapsed(t, next));
			}
			running = !running;
			t = next;
		}
		if (running) {
			expected = expected.plus(OFFICE.elapsed(t, now));
		}
		assertThat(timer.elapsed(now)).isEqualTo(expected);
		assertThat(timer.elapsed(now)).isLessThanOrEqualTo(OFFICE.elapsed(FROM, now));
		assertThat(timer.elapsed(now)).isGreaterThanOrEqualTo(timer.elapsed(t));
	}

	@Property(tries = 300)
	void aRunningTimerIsDueExactlyWhenItsTargetIsReached(@ForAll("gaps") List<Integer> gaps,
			@ForAll @IntRange(min = 1, max = 4000) int targetMinutes) {
		TimerLog timer = log(gaps, targetMinutes);
		if (timer.state() != TimerState.RUNNING) {
			timer = timer.with(TimerEvent.of(TimerEvent.Kind.RESUME, end(gaps), "resumed"));
		}
		Instant due = timer.dueAt().orElseThrow();
		Duration target = Duration.ofMinutes(targetMinutes);
		assertThat(timer.elapsed(due)).as("counted at the due time").isGreaterThanOrEqualTo(target);
		assertThat(timer.breached(due)).isEqualTo(timer.elapsed(due).compareTo(target) > 0);
		if (timer.elapsed(end(gaps)).compareTo(target) < 0) {
			assertThat(timer.elapsed(due)).isEqualTo(target);
			assertThat(timer.elapsed(due.minusSeconds(1))).isLessThan(target);
		}
	}

	private static TimerLog log(List<Integer> gaps, int targetMinutes) {
		List<TimerEvent> events = new ArrayList<>();
		events.add(TimerEvent.start(FROM, WorkingDuration.of(Duration.ofMinutes(targetMinutes)), "created"));
		Instant t = FROM;
		boolean running = true;
		for (int gap : gaps) {
			t = t.plus(Duration.ofMinutes(gap));
			events.add(TimerEvent.of(running ? TimerEvent.Kind.PAUSE : TimerEvent.Kind.RESUME, t, null));
			running = !running;
		}
		return new TimerLog(OFFICE, events);
	}

	private static Instant end(List<Integer> gaps) {
		return FROM.plus(Duration.ofMinutes(gaps.stream().mapToLong(Integer::longValue).sum()));
	}

}
