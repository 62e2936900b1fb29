package io.opsguard.servicelevel;

import java.util.List;

import io.opsguard.calendar.WorkingDuration;

/**
 * The SLA targets a ticket gets: from the policy of its business system (or the policy its
 * guarantee level implies, or the platform's default policy), for its type and fault level.
 * Deadlines are computed with the named calendar version ({@link io.opsguard.calendar.BusinessCalendars}).
 */
public interface SlaPolicies {

	/**
	 * The targets for a ticket. {@code systemId} may be null (no business system known yet: the
	 * default policy applies); {@code faultLevel} is 1 (most severe) to 4.
	 */
	SlaTargets targetsFor(Long systemId, TicketType ticketType, int faultLevel);

	/** What a ticket must meet, and the versions they come from (a running timer keeps them). */
	record SlaTargets(String policyCode, int policyVersion, String calendarCode, int calendarVersion,
			WorkingDuration response, WorkingDuration onSite, WorkingDuration resolution,
			WorkingDuration updateInterval, List<Integer> warnAtPercent, List<Escalation> escalations) {
	}

	/** At {@code atPercent} of the resolution time, tell {@code recipient}. */
	record Escalation(int atPercent, String recipient) {
	}

}
