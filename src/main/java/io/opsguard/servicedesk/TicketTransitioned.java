package io.opsguard.servicedesk;

import io.opsguard.servicelevel.TicketType;

/**
 * A ticket was recorded ({@code action} "create", {@code from} null) or moved by an action: for
 * notifications, statistics and the modules that follow tickets.
 */
public record TicketTransitioned(long ticketId, String number, TicketType type, String action, TicketState from,
		TicketState to, long organisationId) {
}
