package io.opsguard.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Read access to user accounts for other modules (owners, assignees, approvers). */
public interface Users {

	Optional<UserSummary> find(long id);

	Optional<UserSummary> findByUsername(String username);

	/** The enabled users with this phone number (a caller on the hotline), at most {@code limit}. */
	java.util.List<UserSummary> findByPhone(String phone, int limit);

	/**
	 * The enabled user with this e-mail address (case ignored), when exactly one has it: who wrote
	 * in by e-mail (the service desk's intake).
	 */
	Optional<UserSummary> findByEmail(String email);

	/** Display names of the given users; unknown ids are left out. */
	Map<Long, String> displayNames(Collection<Long> ids);

	/**
	 * The given users, by id; unknown ids are left out. With their organisation, so that a caller
	 * can keep to its data scope ({@link DataScope#includes}).
	 */
	Map<Long, UserSummary> findAll(Collection<Long> ids);

	/**
	 * How to reach the given users (notifications), by id; unknown ids are left out. E-mail and phone
	 * are null when the account has none.
	 */
	Map<Long, UserContact> contacts(Collection<Long> ids);

	/**
	 * Checks a password someone chose for a new account against the password policy (length,
	 * character classes, not containing the username, not a common password); throws a field
	 * problem on {@code field} naming the first rule it breaks. For self-registration, which keeps
	 * only the hash until the account exists.
	 */
	void checkNewPassword(String password, String username, String field);

	/**
	 * Creates an enabled account without any role (a requester of the self-service portal) in an
	 * enabled organisation, with a password already hashed by the application's password encoder
	 * and checked by {@link #checkNewPassword}; the user need not change it at first sign-in. Audited
	 * as a user creation by the current user. Throws a field problem on {@code username} when it is
	 * taken and on {@code organisationId} when the organisation is unknown or disabled.
	 *
	 * @return the new account's id
	 */
	long createRequester(NewRequester requester);

	/**
	 * The enabled users who hold the permission through one of their roles and whose data scope
	 * includes the organisation (e.g. who reviews an application for an account there), at most
	 * {@code limit}.
	 */
	java.util.Set<Long> holding(String permission, long organisationId, int limit);

	/** An account applied for by its future user (self-registration), approved by someone else. */
	record NewRequester(String username, String displayName, long organisationId, String phone, String email,
			String passwordHash) {
	}

	/** A user as other modules see it. */
	record UserSummary(long id, String username, String displayName, long organisationId, boolean enabled) {
	}

	/** How to reach a user: their display name, e-mail address and phone number (either may be null). */
	record UserContact(long id, String displayName, String email, String phone, long organisationId, boolean enabled) {
	}

}
