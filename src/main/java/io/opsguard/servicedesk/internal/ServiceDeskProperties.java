package io.opsguard.servicedesk.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service desk's rules that the standards fix rather than an SLA policy
 * ({@code opsguard.servicedesk.*}).
 *
 * Durations of dispatch and updates are working time on the ticket's calendar.
 *
 * @param incidentDispatch an engineer is dispatched to an incident within this (R-DSK-04: 30 min)
 * @param complaintDispatch a complaint is dispatched within this (R-DSK-06: 15 min)
 * @param complaintUpdate the complainant hears how things stand at least this often (R-DSK-06: hourly)
 * @param firstFeedback a ticket submitted online is answered within this, in clock time (R-DSK-07: 24 h)
 * @param reopenWithin a resolved ticket can be reopened for this many days
 * @param sweepInterval how often due timers are looked for
 * @param autoCloseAfter a ticket whose requester was told the result and did not rate it is closed
 *        after this many working days (0: never)
 * @param autoCloseInterval how often tickets due to close are looked for
 * @param attainmentTarget the share of timers met (per cent) the statistics hold each metric against
 */
@ConfigurationProperties("opsguard.servicedesk")
public record ServiceDeskProperties(@DefaultValue("30m") Duration incidentDispatch,
		@DefaultValue("15m") Duration complaintDispatch, @DefaultValue("1h") Duration complaintUpdate,
		@DefaultValue("24h") Duration firstFeedback, @DefaultValue("7") int reopenWithin,
		@DefaultValue("30s") Duration sweepInterval, @DefaultValue("5") int autoCloseAfter,
		@DefaultValue("15m") Duration autoCloseInterval, @DefaultValue("95") int attainmentTarget) {
}
