package io.opsguard.alerting.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The decisions of grouping, without a database: when a route's next message is due, whether an
 * alert is over the route's cap, and which alerts a message lists in full.
 * <p>
 * Grouping takes the leading edge: when the route sent no message of the kind within its group wait,
 * a new message is due at once (a lone critical alert reaches people within seconds); otherwise the
 * alert waits in the pending message due at the last one plus the group wait, so that a storm becomes
 * one or two messages listing its alerts.
 */
final class Grouping {

	private Grouping() {
	}

	/** When a new message of alerts that began is due. */
	static Instant firingDue(Instant now, Duration groupWait, Instant lastSent) {
		if (lastSent == null) {
			return now;
		}
		Instant next = lastSent.plus(groupWait);
		return next.isAfter(now) ? next : now;
	}

	/**
	 * When a new message of resolved alerts is due: after the hold (an alert firing again at once is
	 * then never told resolved), and not within the group wait of the last one.
	 */
	static Instant resolvedDue(Instant now, Duration hold, Duration groupWait, Instant lastSent) {
		Instant held = now.plus(hold);
		if (lastSent == null) {
			return held;
		}
		Instant next = lastSent.plus(groupWait);
		return next.isAfter(held) ? next : held;
	}

	/**
	 * Whether an alert is kept from a route by its cap: at most {@code cap} messages per rule and
	 * resource per period, {@code sent} of which went out already. Joining a pending message that
	 * lists the same rule and resource adds no message, so it is never capped.
	 */
	static boolean capped(int cap, int sent, boolean pendingListsSame) {
		return cap > 0 && !pendingListsSame && sent >= cap;
	}

	/** The first {@code max} items, and how many more there are. */
	record Digest<T>(List<T> shown, int more) {
	}

	static <T> Digest<T> digest(List<T> items, int max) {
		if (items.size() <= max) {
			return new Digest<>(List.copyOf(items), 0);
		}
		return new Digest<>(List.copyOf(items.subList(0, max)), items.size() - max);
	}

}
