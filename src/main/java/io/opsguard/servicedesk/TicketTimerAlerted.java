package io.opsguard.servicedesk;

import java.time.Instant;

/**
 * A ticket's timer reached a threshold of its target: a warning (e.g. 50 %, 80 %), the target
 * itself (100 %, a breach) or an escalation step of the SLA policy. {@code late} when the sweep
 * told it noticeably after it was due (the platform was down). For notifications and escalation.
 */
public record TicketTimerAlerted(long ticketId, TimerMetric metric, Long groupId, int percent, Instant dueAt,
		Instant firedAt, boolean late) {
}
