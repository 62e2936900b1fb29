package io.opsguard.identity;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the web layer's security filter chains need from identity: who the caller is (an API
 * token or a browser session) and whether they may act at all (a forced password change). The
 * chains themselves (CSRF, sessions, entry points) belong to the web layer; each method answers a
 * new filter instance to place in a chain.
 */
public interface SecurityFilters {

	/** Whether the request presents an API token ({@code Authorization: Bearer …}). */
	boolean carriesApiToken(HttpServletRequest request);

	/**
	 * Authenticates a request that carries an API token; an unknown, expired or revoked token
	 * answers 401 problem+json. Requests without a token pass through unchanged.
	 */
	Filter apiTokenAuthentication();

	/**
	 * Reloads the signed-in user of a browser session on every request, so that a disabled
	 * account, changed roles or a signed-out session take effect at once.
	 */
	Filter sessionPrincipalRefresh();

	/**
	 * While the user must change their password, answers 403 {@code IDN-0004} to every API call
	 * except the few needed to change it.
	 */
	Filter passwordChangeGate();

	/**
	 * Whether the API path stays open to a user who must change their password (sign-in, the
	 * session, the password policy, the change itself, sign-out), so that the API documentation
	 * can say which operations answer {@code IDN-0004}.
	 */
	boolean openDuringPasswordChange(String path);

}
