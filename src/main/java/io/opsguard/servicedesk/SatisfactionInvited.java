package io.opsguard.servicedesk;

import java.time.Instant;

/**
 * A resolved ticket's requester is invited to rate it (R-DSK-11): {@code link} is the path of the
 * public rating page with its one-use token ({@code /portal/rate/<token>}), to be sent by e-mail,
 * WeCom or DingTalk with the site's address in front; it works without signing in until
 * {@code expiresAt}. The token exists only here and in the link: the database keeps its hash.
 * {@code requesterId} is null for a contact without an account (then {@code contactPhone} may be
 * reached by SMS).
 */
public record SatisfactionInvited(long invitationId, long ticketId, String number, String title, Long requesterId,
		String contactPhone, long organisationId, String link, Instant expiresAt) {

	/** The link alone is a credential: never print it in logs. */
	@Override
	public String toString() {
		return "SatisfactionInvited[invitationId=" + this.invitationId + ", ticketId=" + this.ticketId + "]";
	}

}
