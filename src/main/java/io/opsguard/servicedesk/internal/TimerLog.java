package io.opsguard.servicedesk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.servicedesk.TimerState;

/**
 * A timer replayed from its log (R-DSK-04, R-SLA-02): the working time it has counted is the sum
 * of its running intervals measured on the calendar version it started with, never a deadline kept
 * and edited. Pausing, a new target or a holiday therefore neither loses nor invents time, and the
 * same log read twice gives the same answer. A recurring timer counts from its last restart.
 */
public final class TimerLog {

	private final BusinessCalendar calendar;

	private final List<TimerEvent> events;

	/** The running intervals of the current cycle; the last one has no end while the timer runs. */
	private final List<Instant[]> intervals = new ArrayList<>();

	private final TimerState state;

	private final WorkingDuration target;

	/** When the current target was set: a breach is not known before it. */
	private final Instant targetSince;

	public TimerLog(BusinessCalendar calendar, List<TimerEvent> events) {
		if (events.isEmpty() || events.get(0).kind() != TimerEvent.Kind.START) {
			throw new IllegalArgumentException("A timer's log begins with its start");
		}
		this.calendar = calendar;
		this.events = List.copyOf(events);
		TimerState current = TimerState.RUNNING;
		WorkingDuration goal = null;
		Instant since = null;
		Instant previous = null;
		for (TimerEvent event : this.events) {
			if (previous != null && event.at().isBefore(previous)) {
				throw new IllegalArgumentException("Timer events are in time order: " + event.at() + " before " + previous);
			}
			previous = event.at();
			switch (event.kind()) {
				case START -> {
					if (goal != null) {
						throw new IllegalArgumentException("A timer starts once");
					}
					goal = event.target();
					since = event.at();
					this.intervals.add(new Instant[] { event.at(), null });
				}
				case PAUSE, STOP -> {
					if (current == TimerState.RUNNING) {
						openInterval()[1] = event.at();
					}
					else if (event.kind() == TimerEvent.Kind.PAUSE) {
						throw new IllegalArgumentException("Only a running timer pauses");
					}
					current = event.kind() == TimerEvent.Kind.PAUSE ? TimerState.PAUSED : TimerState.STOPPED;
				}
				case RESUME -> {
					if (current == TimerState.RUNNING) {
						throw new IllegalArgumentException("A running timer is not resumed");
					}
					current = TimerState.RUNNING;
					this.intervals.add(new Instant[] { event.at(), null });
				}
				case RETARGET -> {
					goal = event.target();
					since = event.at();
				}
				case RESTART -> {
					this.intervals.clear();
					since = event.at();
					if (current == TimerState.STOPPED) {
						throw new IllegalArgumentException("A stopped timer is resumed, not restarted");
					}
					if (current == TimerState.RUNNING) {
						this.intervals.add(new Instant[] { event.at(), null });
					}
				}
			}
		}
		this.state = current;
		this.target = goal;
		this.targetSince = since;
	}

	/** The log with one more event, checked like the rest. */
	public TimerLog with(TimerEvent event) {
		List<TimerEvent> more = new ArrayList<>(this.events);
		more.add(event);
		return new TimerLog(this.calendar, more);
	}

	public List<TimerEvent> events() {
		return this.events;
	}

	public TimerState state() {
		return this.state;
	}

	public WorkingDuration target() {
		return this.target;
	}

	public BusinessCalendar calendar() {
		return this.calendar;
	}

	/** The target as working time on the timer's calendar. */
	public Duration targetTime() {
		return this.target.on(this.calendar);
	}

	/** The working time counted in the current cycle up to {@code now}. */
	public Duration elapsed(Instant now) {
		Duration total = Duration.ZERO;
		for (Instant[] interval : this.intervals) {
			Instant end = interval[1] == null || interval[1].isAfter(now) ? now : interval[1];
			total = total.plus(this.calendar.elapsed(interval[0], end));
		}
		return total;
	}

	/** Whether more working time than the target has been counted by {@code now}. */
	public boolean breached(Instant now) {
		return elapsed(now).compareTo(targetTime()) > 0;
	}

	/** When the target is (or was) reached: empty when the timer stands before reaching it. */
	public Optional<Instant> dueAt() {
		return crossing(100);
	}

	/**
	 * When the counted time reached (or, running, will reach) {@code percent} % of the target. Empty
	 * when the timer stopped or paused before getting there. A threshold passed before the current
	 * target was set counts from that moment: nobody could have been warned earlier.
	 */
	public Optional<Instant> crossing(int percent) {
		Duration threshold = targetTime().multipliedBy(percent).dividedBy(100);
		Duration counted = Duration.ZERO;
		for (Instant[] interval : this.intervals) {
			Duration remaining = threshold.minus(counted);
			if (interval[1] == null) {
				return Optional.of(later(this.calendar.deadline(interval[0], remaining)));
			}
			Duration piece = this.calendar.elapsed(interval[0], interval[1]);
			if (piece.compareTo(remaining) >= 0 && (remaining.compareTo(Duration.ZERO) > 0 || threshold.isZero())) {
				return Optional.of(later(this.calendar.deadline(interval[0], remaining)));
			}
			counted = counted.plus(piece);
		}
		return Optional.empty();
	}

	/** Each event with the working time counted when it happened, for the ticket's timeline. */
	public List<Step> timeline() {
		List<Step> steps = new ArrayList<>();
		List<TimerEvent> prefix = new ArrayList<>();
		for (TimerEvent event : this.events) {
			prefix.add(event);
			TimerLog upTo = new TimerLog(this.calendar, prefix);
			steps.add(new Step(event, upTo.elapsed(event.at()), upTo.target()));
		}
		return steps;
	}

	private Instant later(Instant instant) {
		return instant.isBefore(this.targetSince) ? this.targetSince : instant;
	}

	private Instant[] openInterval() {
		return this.intervals.get(this.intervals.size() - 1);
	}

	/** An event of the timeline: what happened, the time counted so far, the target then. */
	public record Step(TimerEvent event, Duration elapsed, WorkingDuration target) {
	}

}
