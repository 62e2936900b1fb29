package io.opsguard.identity.internal;

import io.opsguard.shared.OpsGuardException;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Credentials are managed only by a person signed in with their password, never with an API
 * token: otherwise a token could mint tokens that outlive its own revocation, or change the
 * password of the account it belongs to.
 */
final class Credentials {

	private Credentials() {
	}

	/** Refuses the running request with 403 {@code IDN-0040} when it came with an API token. */
	static void requireInteractiveSession() {
		if (viaApiToken()) {
			throw new OpsGuardException(IdentityError.TOKEN_CANNOT_MANAGE_CREDENTIALS);
		}
	}

	/** The id of the API token the running request came with, or null. */
	static Long currentTokenId() {
		return SecurityContextHolder.getContext().getAuthentication() instanceof OpsGuardAuthentication authentication
				? authentication.apiTokenId() : null;
	}

	static boolean viaApiToken() {
		return currentTokenId() != null;
	}

}
