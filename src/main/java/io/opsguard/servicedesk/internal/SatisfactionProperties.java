package io.opsguard.servicedesk.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Satisfaction (R-DSK-11, {@code opsguard.servicedesk.satisfaction.*}).
 *
 * @param invitationDays an invitation to rate a resolved ticket can be answered for this many days
 * @param surveyDays a survey invitation can be answered for this many days unless the survey says
 * @param publicRequestsPerMinute requests to the public token pages per client address and minute
 * @param expiryInterval how often expired invitations are marked
 * @param portalPath where the portal's public pages live, for the links sent to requesters
 */
@ConfigurationProperties("opsguard.servicedesk.satisfaction")
public record SatisfactionProperties(@DefaultValue("7") int invitationDays, @DefaultValue("14") int surveyDays,
		@DefaultValue("60") int publicRequestsPerMinute, @DefaultValue("10m") Duration expiryInterval,
		@DefaultValue("/portal") String portalPath) {
}
