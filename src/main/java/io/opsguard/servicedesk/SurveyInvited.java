package io.opsguard.servicedesk;

import java.time.Instant;

/**
 * A requester is asked to answer a survey (R-DSK-11): {@code link} is the path of the public
 * answer page with its one-use token ({@code /portal/survey/<token>}), to be sent with the site's
 * address in front; it works without signing in until {@code expiresAt}.
 */
public record SurveyInvited(long invitationId, long surveyId, String title, long requesterId, String link,
		Instant expiresAt) {

	/** The link alone is a credential: never print it in logs. */
	@Override
	public String toString() {
		return "SurveyInvited[invitationId=" + this.invitationId + ", surveyId=" + this.surveyId + "]";
	}

}
