package io.opsguard.alerting.rule;

/**
 * The state of one rule on one series, stepped sample by sample in time order: a condition must
 * hold for a duration (and a number of consecutive samples) before the alert fires, and the
 * recovery condition must hold for its own duration before it resolves (hysteresis). Used alike by
 * the live evaluation and by the preview against history, so that a preview shows exactly what the
 * rule will do.
 */
public final class ThresholdMachine {

	/** Where the series stands. */
	public enum Phase {
		OK, PENDING, FIRING, RECOVERING
	}

	/** What a step did. */
	public enum Transition {
		/** nothing to tell */
		NONE,
		/** the alert begins */
		FIRE,
		/** the alert goes on, with a new value */
		UPDATE,
		/** the alert ends */
		RECOVER
	}

	/** A condition on a sample's value; {@link #holds} must be false for NaN. */
	@FunctionalInterface
	public interface Condition {

		boolean holds(double value);

	}

	private Phase phase;

	private long since;

	private int consecutive;

	private long lastTimestamp = Long.MIN_VALUE;

	private double lastValue = Double.NaN;

	public ThresholdMachine() {
		this(false);
	}

	/** A machine that starts firing (its alert is open from before a restart). */
	public ThresholdMachine(boolean firing) {
		this.phase = firing ? Phase.FIRING : Phase.OK;
	}

	public Phase phase() {
		return this.phase;
	}

	public long lastTimestamp() {
		return this.lastTimestamp;
	}

	public double lastValue() {
		return this.lastValue;
	}

	/** When the current phase began (PENDING, RECOVERING), in epoch milliseconds. */
	public long since() {
		return this.since;
	}

	/**
	 * Steps with a sample newer than the last; an older or repeated sample changes nothing.
	 *
	 * @param trigger when the alert should fire
	 * @param recovery when a firing alert may resolve (null: when the trigger no longer holds)
	 * @param forMillis how long the trigger must hold
	 * @param forSamples how many consecutive samples must satisfy the trigger (at least 1)
	 * @param recoveryMillis how long the recovery condition must hold
	 */
	public Transition step(long timestamp, double value, Condition trigger, Condition recovery, long forMillis,
			int forSamples, long recoveryMillis) {
		if (timestamp <= this.lastTimestamp) {
			return Transition.NONE;
		}
		this.lastTimestamp = timestamp;
		this.lastValue = value;
		boolean triggered = trigger.holds(value);
		boolean recovered = recovery == null ? !triggered : recovery.holds(value) && !triggered;
		switch (this.phase) {
			case OK -> {
				if (triggered) {
					this.phase = Phase.PENDING;
					this.since = timestamp;
					this.consecutive = 1;
					return firesNow(timestamp, forMillis, forSamples) ? fire() : Transition.NONE;
				}
				return Transition.NONE;
			}
			case PENDING -> {
				if (!triggered) {
					this.phase = Phase.OK;
					this.consecutive = 0;
					return Transition.NONE;
				}
				this.consecutive++;
				return firesNow(timestamp, forMillis, forSamples) ? fire() : Transition.NONE;
			}
			case FIRING -> {
				if (recovered) {
					if (recoveryMillis <= 0) {
						return recover();
					}
					this.phase = Phase.RECOVERING;
					this.since = timestamp;
					return Transition.UPDATE;
				}
				return Transition.UPDATE;
			}
			case RECOVERING -> {
				if (!recovered) {
					this.phase = Phase.FIRING;
					return Transition.UPDATE;
				}
				return timestamp - this.since >= recoveryMillis ? recover() : Transition.UPDATE;
			}
			default -> throw new IllegalStateException(this.phase.name());
		}
	}

	/** Forgets the alert (it was resolved elsewhere): the series must trigger afresh to fire again. */
	public void reset() {
		this.phase = Phase.OK;
		this.consecutive = 0;
	}

	private boolean firesNow(long timestamp, long forMillis, int forSamples) {
		return timestamp - this.since >= forMillis && this.consecutive >= Math.max(1, forSamples);
	}

	private Transition fire() {
		this.phase = Phase.FIRING;
		return Transition.FIRE;
	}

	private Transition recover() {
		this.phase = Phase.OK;
		this.consecutive = 0;
		return Transition.RECOVER;
	}

}
