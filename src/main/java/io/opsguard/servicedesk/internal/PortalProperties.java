package io.opsguard.servicedesk.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The self-service portal ({@code opsguard.servicedesk.portal.*}).
 *
 * @param registrationEnabled whether people may apply for an account in the portal (注册账号); when
 *        off, the public registration endpoints answer 404 and the sign-in page shows no link
 * @param registrationRequestsPerMinute requests to the public registration endpoints per client
 *        address and minute
 */
@ConfigurationProperties("opsguard.servicedesk.portal")
public record PortalProperties(@DefaultValue("true") boolean registrationEnabled,
		@DefaultValue("10") int registrationRequestsPerMinute) {
}
