package io.opsguard.servicedesk.internal;

import java.time.Instant;

import io.opsguard.servicelevel.TicketType;

/**
 * A mailbox the e-mail intake polls ({@code sd_mailbox}), with how its last polls went. The
 * password is here for the poller only: views leave it out.
 */
public record Mailbox(long id, String name, String host, int port, String protocol, String username, String password,
		String folder, String processedFolder, int pollIntervalSeconds, TicketType ticketType, int faultLevel,
		long organisationId, boolean enabled, Instant lastPollAt, Instant lastSuccessAt, String lastError,
		Instant failingSince, int failures, Instant nextPollAt, int version, Instant createdAt, Instant updatedAt) {

	/** Whether the last poll failed: the mail server has been unreachable since {@link #failingSince()}. */
	public boolean unreachable() {
		return this.failingSince != null;
	}

	/** The password is never shown, nor written to logs. */
	@Override
	public String toString() {
		return "Mailbox[" + this.id + " " + this.name + " " + this.username + "@" + this.host + ":" + this.port + "]";
	}

}
