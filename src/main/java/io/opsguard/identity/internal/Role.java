package io.opsguard.identity.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A role: permission strings and a data scope (aggregate root of {@code idn_role}). */
@Table("idn_role")
public class Role {

	@Id
	Long id;

	String code;

	String name;

	String description;

	boolean builtIn;

	/** The organisation that defined the role; null for built-in roles. */
	Long organisationId;

	DataScopeType dataScope = DataScopeType.OWN_SUBTREE;

	Instant createdAt;

	Instant updatedAt;

	@Version
	Integer version;

	@MappedCollection(idColumn = "role_id")
	Set<Grant> permissions = new HashSet<>();

	@MappedCollection(idColumn = "role_id")
	Set<ListedOrganisation> organisations = new HashSet<>();

	Set<String> permissionKeys() {
		return this.permissions.stream().map(Grant::permission).collect(Collectors.toCollection(TreeSet::new));
	}

	void setPermissionKeys(Set<String> keys) {
		this.permissions = keys.stream().map(Grant::new).collect(Collectors.toCollection(HashSet::new));
	}

	Set<Long> organisationIds() {
		return this.organisations.stream().map(ListedOrganisation::organisationId).collect(Collectors.toCollection(TreeSet::new));
	}

	void setOrganisationIds(Set<Long> ids) {
		this.organisations = ids.stream().map(ListedOrganisation::new).collect(Collectors.toCollection(HashSet::new));
	}

	/** One permission string of a role ({@code idn_role_permission}). */
	@Table("idn_role_permission")
	record Grant(String permission) {
	}

	/** An organisation whose subtree a {@code LISTED} role covers ({@code idn_role_organisation}). */
	@Table("idn_role_organisation")
	record ListedOrganisation(Long organisationId) {
	}

	/** Which organisations a role's holder may see. */
	public enum DataScopeType {

		/** The holder's own organisation and its descendants (default). */
		OWN_SUBTREE,
		/** Every organisation. */
		ALL,
		/** The listed organisations and their descendants, in addition to the holder's own subtree. */
		LISTED

	}

}
