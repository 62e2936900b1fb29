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

	/** A user as other modules see it. */
	record UserSummary(long id, String username, String displayName, long organisationId, boolean enabled) {
	}

	/** How to reach a user: their display name, e-mail address and phone number (either may be null). */
	record UserContact(long id, String displayName, String email, String phone, long organisationId, boolean enabled) {
	}

}
