package io.opsguard.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code opsguard.identity.*}: the first administrator, the password policy, lock-out, API token
 * limits and whether one account may hold several separated duties.
 */
@ConfigurationProperties("opsguard.identity")
public record IdentityProperties(String adminPassword, @DefaultValue("本单位") String rootOrganisationName,
		@DefaultValue("ROOT") String rootOrganisationCode, @DefaultValue Password password,
		@DefaultValue Lockout lockout, @DefaultValue ApiToken apiToken, @DefaultValue Duties duties) {

	/** Password rules; {@code expiryDays} 0 means passwords never expire. */
	public record Password(@DefaultValue("8") int minLength, @DefaultValue("3") int minCharacterClasses,
			@DefaultValue("5") int historySize, @DefaultValue("90") int expiryDays) {
	}

	/** Failed sign-ins before an account is locked, and for how long. */
	public record Lockout(@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockDuration) {
	}

	/**
	 * The separation of duties (三员分立, ADR 0006). {@code allowCombined} lets one account hold
	 * roles of several duties (small teams that cannot staff three people); off by default, and
	 * while it is off the first administrator loses its extra duties once they are split.
	 */
	public record Duties(@DefaultValue("false") boolean allowCombined) {
	}

	/** The longest lifetime a user may give an API token. */
	public record ApiToken(@DefaultValue("365d") Duration maxLifetime) {
	}

}
