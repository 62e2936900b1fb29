package io.opsguard.alerting.internal;

import java.util.EnumSet;
import java.util.Set;

/** What a notification step tells, and the notice type it is sent as. */
enum StepKind {

	/** Alerts began (grouped per route within its group wait). */
	FIRING("alerting.alert.firing"),
	/** Alerts that were told resolved (grouped, after the resolve hold). */
	RESOLVED("alerting.alert.resolved"),
	/** An alert changes state too often: told once, not each time. */
	FLAPPING("alerting.alert.flapping"),
	/** A critical alert nobody acknowledged, told again. */
	REPEAT("alerting.alert.repeat"),
	/** An alert nobody acknowledged in time, told to the escalation recipients. */
	ESCALATION("alerting.alert.escalated");

	/** The kinds that tell that alerts are firing (they mark alerts notified). */
	static final Set<StepKind> TELLING_FIRING = EnumSet.of(FIRING, FLAPPING, REPEAT, ESCALATION);

	/** The kinds the notification cap counts: what the alerts themselves cause, not the follow-ups. */
	static final Set<StepKind> CAPPED = EnumSet.of(FIRING, FLAPPING);

	private final String noticeType;

	StepKind(String noticeType) {
		this.noticeType = noticeType;
	}

	String noticeType() {
		return this.noticeType;
	}

	/** Whether alerts of the kind are grouped into one pending step per route. */
	boolean grouped() {
		return this == FIRING || this == RESOLVED;
	}

}
