package io.opsguard.servicedesk.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.opsguard.calendar.WorkingDuration;

/**
 * One entry of a timer's log. {@code target} is set on {@link Kind#START} and {@link Kind#RETARGET}
 * and null otherwise; {@code reason} says why, as a message key with its arguments where a person
 * caused it. Instants are kept to the second: working time is counted in seconds.
 */
public record TimerEvent(Kind kind, Instant at, WorkingDuration target, String reason) {

	public TimerEvent {
		if (kind == null || at == null) {
			throw new IllegalArgumentException("A timer event has a kind and a time");
		}
		if ((kind == Kind.START || kind == Kind.RETARGET) != (target != null)) {
			throw new IllegalArgumentException(kind + " events " + (target == null ? "need" : "take no") + " target");
		}
		at = at.truncatedTo(ChronoUnit.SECONDS);
	}

	public static TimerEvent start(Instant at, WorkingDuration target, String reason) {
		return new TimerEvent(Kind.START, at, target, reason);
	}

	public static TimerEvent of(Kind kind, Instant at, String reason) {
		return new TimerEvent(kind, at, null, reason);
	}

	public static TimerEvent retarget(Instant at, WorkingDuration target, String reason) {
		return new TimerEvent(Kind.RETARGET, at, target, reason);
	}

	/** What happened to the timer. */
	public enum Kind {

		/** starts counting against a target */
		START,
		/** stops counting for a while (ticket suspended) */
		PAUSE,
		/** counts again */
		RESUME,
		/** the measured thing happened; a stopped timer may be resumed (a reopened ticket) */
		STOP,
		/** a new target (re-levelled, another policy); elapsed time is kept */
		RETARGET,
		/** a new cycle of a recurring timer starts from zero (the requester was updated) */
		RESTART

	}

}
