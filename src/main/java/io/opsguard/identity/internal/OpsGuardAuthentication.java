package io.opsguard.identity.internal;

import java.util.stream.Collectors;

import io.opsguard.identity.CurrentUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link CurrentUser}; its authorities are the user's permission strings, so
 * {@code @PreAuthorize("hasAuthority('identity:user:read')")} works as written.
 */
public class OpsGuardAuthentication extends AbstractAuthenticationToken {

	private final CurrentUser user;

	/** Set for requests authenticated by an API token, null for browser sessions. */
	private final Long apiTokenId;

	/**
	 * For browser sessions: a fingerprint of the password in force at sign-in ({@link
	 * Principals#passwordStamp}). A session whose password has been changed or reset since then
	 * is over.
	 */
	private final String passwordStamp;

	public OpsGuardAuthentication(CurrentUser user, Long apiTokenId) {
		this(user, apiTokenId, null);
	}

	public OpsGuardAuthentication(CurrentUser user, Long apiTokenId, String passwordStamp) {
		super(user.permissions().stream().map(SimpleGrantedAuthority::new).collect(Collectors.toSet()));
		this.user = user;
		this.apiTokenId = apiTokenId;
		this.passwordStamp = passwordStamp;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public CurrentUser getPrincipal() {
		return this.user;
	}

	@Override
	public String getName() {
		return this.user.username();
	}

	public boolean viaApiToken() {
		return this.apiTokenId != null;
	}

	/** The fingerprint of the password this session signed in with (null for API tokens). */
	public String passwordStamp() {
		return this.passwordStamp;
	}

	/** The API token the request came with, or null for a browser session. */
	public Long apiTokenId() {
		return this.apiTokenId;
	}

}
