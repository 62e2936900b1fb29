package io.opsguard.identity.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A user account with its role assignments (aggregate root of {@code idn_user}). */
@Table("idn_user")
public class UserAccount {

	@Id
	Long id;

	String username;

	String displayName;

	Long organisationId;

	String phone;

	String email;

	String passwordHash;

	boolean enabled = true;

	int failedAttempts;

	Instant lockedUntil;

	Instant lastLoginAt;

	Instant passwordChangedAt;

	/** Why the user must change the password before doing anything else; null when they need not. */
	PasswordChangeReason passwordChangeReason;

	Instant createdAt;

	Instant updatedAt;

	@Version
	Integer version;

	@MappedCollection(idColumn = "user_id")
	Set<RoleAssignment> roles = new HashSet<>();

	Set<Long> roleIds() {
		return this.roles.stream().map(RoleAssignment::roleId).collect(Collectors.toSet());
	}

	void assignRoles(Set<Long> roleIds) {
		this.roles = roleIds.stream().map(RoleAssignment::new).collect(Collectors.toCollection(HashSet::new));
	}

	boolean lockedAt(Instant now) {
		return this.lockedUntil != null && now.isBefore(this.lockedUntil);
	}

	/** A role held by a user ({@code idn_user_role}). */
	@Table("idn_user_role")
	record RoleAssignment(Long roleId) {
	}

	/** Why a password change is forced. */
	public enum PasswordChangeReason {

		/** A generated or administrator-set password. */
		INITIAL,
		/** Expired under the password policy (computed, never stored). */
		EXPIRED

	}

}
