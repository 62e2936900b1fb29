package io.opsguard.benchmark.alerting;

import java.time.Instant;

/**
 * One alert as a notification listed it (a message grouping several alerts lists several).
 *
 * @param resource the resource's id in the {@link FaultPlan} ({@code resource} label), null if absent
 * @param condition what the alert is about, {@link Condition#UNKNOWN} when the product does not say
 * @param firing true for a firing alert, false for a resolved one (resolved ones are not scored)
 * @param startsAt when the product says the alert began (Alertmanager: when Prometheus fired it),
 * null when it does not say; it ties a late notification to the right fault
 * @param name the alert's (rule's) name as the product sent it
 * @param severity its severity as the product sent it, null when absent
 */
public record NotifiedAlert(String resource, Condition condition, boolean firing, Instant startsAt, String name,
		String severity) {

	/** What a notified alert is about, to tell a late CPU alert from a new outage on one resource. */
	public enum Condition {

		/** The resource is unreachable / its collection fails ({@code up == 0}). */
		DOWN,

		/** {@code cpu_usage} above its threshold. */
		CPU,

		/** {@code up} changes too often (a flapping link). */
		FLAPPING,

		/** The notification does not say: it may be about any fault of the resource. */
		UNKNOWN

	}

}
