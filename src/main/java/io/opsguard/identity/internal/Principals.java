package io.opsguard.identity.internal;

import io.opsguard.shared.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;

import org.springframework.stereotype.Component;

/**
 * Resolves a user id to a {@link CurrentUser} (effective permissions and data scope), cached per
 * node. The cache is dropped for a user when their account changes and entirely when roles or
 * organisations change; entries older than a minute are reloaded, which bounds staleness across
 * a cluster.
 */
@Component
public class Principals {

	private static final Duration MAX_AGE = Duration.ofSeconds(60);

	private final UserAccountRepository users;

	private final RoleDirectory roles;

	private final OrganisationTree organisations;

	private final PasswordPolicy policy;

	private final Clock clock;

	private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

	Principals(UserAccountRepository users, RoleDirectory roles, OrganisationTree organisations,
			IdentityProperties properties, Clock clock) {
		this.users = users;
		this.roles = roles;
		this.organisations = organisations;
		this.policy = PasswordPolicy.from(properties.password());
		this.clock = clock;
	}

	/** The user as a principal, or empty when the account no longer may act (disabled, locked, gone). */
	public Optional<CurrentUser> resolve(long userId) {
		Instant now = this.clock.instant();
		return load(userId, now).user();
	}

	/**
	 * A fingerprint of the user's current password (of its salted hash, which changes with every
	 * change or reset), or empty when the account no longer may act. A browser session signed in
	 * with another password is over (ADR 0002). The fingerprint reveals nothing about the password.
	 */
	public Optional<String> passwordStamp(long userId) {
		Cached cached = load(userId, this.clock.instant());
		return cached.user().isPresent() ? Optional.ofNullable(cached.passwordStamp()) : Optional.empty();
	}

	private Cached load(long userId, Instant now) {
		Cached cached = this.cache.get(userId);
		if (cached != null && cached.loadedAt().plus(MAX_AGE).isAfter(now)) {
			return cached;
		}
		Optional<UserAccount> account = this.users.findById(userId);
		Optional<CurrentUser> user = account.filter(u -> mayAct(u, now)).map(u -> toPrincipal(u, now));
		Cached loaded = new Cached(user, account.map(u -> stamp(u.passwordHash)).orElse(null), now);
		this.cache.put(userId, loaded);
		return loaded;
	}

	boolean mayAct(UserAccount account, Instant now) {
		boolean organisationEnabled = this.organisations.find(account.organisationId).map(o -> o.enabled()).orElse(false);
		return account.enabled && organisationEnabled && !account.lockedAt(now);
	}

	CurrentUser toPrincipal(UserAccount account, Instant now) {
		Set<String> permissions = new HashSet<>();
		Set<Long> scopeRoots = new HashSet<>();
		scopeRoots.add(account.organisationId);
		boolean all = false;
		for (Long roleId : account.roleIds()) {
			RoleDirectory.RoleInfo role = this.roles.get(roleId);
			if (role == null) {
				continue;
			}
			permissions.addAll(role.permissions());
			switch (role.dataScope()) {
				case ALL -> all = true;
				case LISTED -> scopeRoots.addAll(role.organisationIds());
				case OWN_SUBTREE -> {
				}
			}
		}
		DataScope scope = all ? DataScope.everything() : DataScope.of(this.organisations.subtrees(scopeRoots));
		boolean mustChange = account.passwordChangeReason != null || this.policy.expired(account.passwordChangedAt, now);
		return new CurrentUser(account.id, account.username, account.displayName, account.organisationId, permissions,
				scope, mustChange);
	}

	/** Forgets one user, now and after the running transaction ends. */
	public void forget(long userId) {
		this.cache.remove(userId);
		Snapshot.afterTransaction(() -> this.cache.remove(userId));
	}

	/** Forgets everyone, e.g. after a role or an organisation changed. */
	public void forgetAll() {
		this.cache.clear();
		Snapshot.afterTransaction(this.cache::clear);
	}

	private static String stamp(String passwordHash) {
		return passwordHash == null ? null : ApiTokens.sha256("password-stamp:" + passwordHash).substring(0, 16);
	}

	private record Cached(Optional<CurrentUser> user, String passwordStamp, Instant loadedAt) {
	}

}
