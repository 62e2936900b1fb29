package io.opsguard.servicedesk;

import java.time.Duration;
import java.util.Optional;

/**
 * Faults found by monitoring become incident tickets (R-DSK-05, ADR 0021): what the alerting
 * module asks the service desk. Every method may be called inside the caller's transaction (it
 * then commits with it) or without one; two nodes asking the same at once get the same answer.
 */
public interface MonitoringIncidents {

	/**
	 * Opens an incident ticket for an alert, or attaches the alert to an open one; idempotent by
	 * {@code alertKey}: asking again with the same key answers the same ticket and changes nothing.
	 * <p>
	 * An alert of a business system joins the system's open monitoring incident (channel
	 * MONITORING, not resolved or closed) when an alert was attached to it within
	 * {@code joinWindow}: the ticket gets a system note naming the alert, the alert's CI and, when
	 * the alert is more severe than the ticket's level, a higher fault level (never a lower one).
	 * Otherwise a new incident is recorded by the system: channel MONITORING, the fault level from
	 * the severity and the system's guarantee level, the CI and business system linked (when they
	 * still exist in the CMDB), the description followed by the link, SLA timers started.
	 *
	 * @throws IllegalArgumentException when the request breaks its contract (blank key or title, a
	 * severity rank outside 1–4, a negative window)
	 */
	IncidentLink openOrAttach(AlertIncident request);

	/**
	 * Adds a note by the system to the ticket, once per key and ticket (again with the same key:
	 * nothing). An internal note (not shown to the requester), in the history of comments.
	 *
	 * @throws io.opsguard.shared.OpsGuardException SD-0001 when there is no such ticket
	 */
	void annotate(long ticketId, String key, String text);

	/** The ticket's number and state (resolved, closed …), for the alert pages; empty when unknown. */
	Optional<IncidentView> find(long ticketId);

	/**
	 * An alert to hand over.
	 *
	 * @param alertKey what makes the hand-over idempotent (e.g. {@code alert:42}), at most 200 characters
	 * @param severityRank 1 critical (紧急), 2 major (重要), 3 minor (次要), 4 info (提示)
	 * @param title the ticket's title (longer than 200 characters: cut)
	 * @param description the alert's values, in the site's language (longer than 8,000 characters: cut)
	 * @param ciId the resource the alert is about, if it is a CI
	 * @param businessSystemId the business system it belongs to, if any: alerts of one system join
	 * @param organisationId the organisation the ticket belongs to
	 * @param joinWindow how long after the last alert attached an open incident takes more alerts of
	 * its system; null or zero: never
	 * @param link the graph of the alert, a path or an address (optional)
	 */
	record AlertIncident(String alertKey, long alertId, int severityRank, String title, String description, Long ciId,
			Long businessSystemId, long organisationId, Duration joinWindow, String link) {
	}

	/** The ticket an alert was handed to; {@code opened} false: the alert joined an open one. */
	record IncidentLink(long ticketId, String number, boolean opened) {
	}

	/** A ticket as the alert pages show it. */
	record IncidentView(long ticketId, String number, TicketState state) {

		/** Whether the work on it is done (resolved, told, rated or closed). */
		public boolean done() {
			return this.state.done();
		}

	}

}
