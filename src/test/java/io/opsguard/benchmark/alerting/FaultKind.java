package io.opsguard.benchmark.alerting;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import io.opsguard.benchmark.alerting.NotifiedAlert.Condition;

/**
 * A kind of injected fault and its exact expected outcome under OpsGuard's default rules
 * ({@code up == 0 for 30s} critical, {@code cpu_usage > 90 for 1m} major).
 */
public enum FaultKind {

	/** The resource is down ({@code up=0}) for 60–90 s: one critical notification. */
	OUTAGE(true, true, Duration.ofSeconds(30), EnumSet.of(Condition.DOWN)),

	/** {@code cpu_usage} above 90 for 120–135 s: one major notification. */
	THRESHOLD(true, false, Duration.ofSeconds(60), EnumSet.of(Condition.CPU)),

	/** {@code cpu_usage} above 90 for 10–25 s, less than the rule's minute: no notification. */
	SPIKE(false, false, Duration.ZERO, EnumSet.of(Condition.CPU)),

	/**
	 * {@code up} toggling 0/1 every 10–20 s for 3 min (never down for 30 s): one notification for the
	 * episode, more are duplicates. Alertable once it has flapped for a minute.
	 */
	FLAP(true, true, Duration.ofSeconds(60), EnumSet.of(Condition.DOWN, Condition.FLAPPING)),

	/** A network device down for 60–90 s with its children: one critical notification for it. */
	PARENT_OUTAGE(true, true, Duration.ofSeconds(30), EnumSet.of(Condition.DOWN)),

	/**
	 * A resource behind a device of a {@link #PARENT_OUTAGE}, down while it is: no notification of
	 * its own (it is caused by the parent).
	 */
	CHILD_DOWN(false, false, Duration.ZERO, EnumSet.of(Condition.DOWN)),

	/** {@code cpu_usage} at 85–89 with jitter for 20–60 s, close to the threshold: no notification. */
	NOISE(false, false, Duration.ZERO, EnumSet.of(Condition.CPU));

	private final boolean mustAlert;

	private final boolean critical;

	private final Duration forDuration;

	private final Set<Condition> conditions;

	FaultKind(boolean mustAlert, boolean critical, Duration forDuration, Set<Condition> conditions) {
		this.mustAlert = mustAlert;
		this.critical = critical;
		this.forDuration = forDuration;
		this.conditions = conditions;
	}

	/** Whether the fault needs exactly one notification (otherwise it needs none). */
	public boolean mustAlert() {
		return this.mustAlert;
	}

	/** Whether its notification is a critical one (the fault-to-notification times count only those). */
	public boolean critical() {
		return this.critical;
	}

	/** How long after its start the fault becomes alertable (the rule's for-duration). */
	public Duration forDuration() {
		return this.forDuration;
	}

	/**
	 * Whether a notification about this condition can be about a fault of this kind (an alert of
	 * unknown condition can be about any).
	 */
	public boolean explains(Condition condition) {
		return condition == Condition.UNKNOWN || this.conditions.contains(condition);
	}

	/** Whether the fault counts as an injected fault event (the noise around thresholds does not). */
	public boolean isFaultEvent() {
		return this != NOISE;
	}

}
