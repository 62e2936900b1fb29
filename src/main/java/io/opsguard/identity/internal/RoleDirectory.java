package io.opsguard.identity.internal;

import io.opsguard.shared.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.identity.internal.Role.DataScopeType;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * All roles with their permissions and listed organisations, read in three queries and kept in
 * memory (there are tens of roles, read on every request). Dropped when a role changes here, and
 * reloaded at least every 30 seconds for clusters.
 */
@Component
public class RoleDirectory {

	private final JdbcClient jdbc;

	private final Snapshot<Map<Long, RoleInfo>> roles;

	private final MessageSource messages;

	private final OrganisationTree organisations;

	RoleDirectory(JdbcClient jdbc, Clock clock, MessageSource messages, OrganisationTree organisations) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.organisations = organisations;
		this.roles = new Snapshot<>(Duration.ofSeconds(30), clock, this::load);
	}

	/** A built-in role's name in the request's language; other roles keep the name they were given. */
	public String displayName(RoleInfo role) {
		return role.builtIn() ? builtInName(role.code(), role.name()) : role.name();
	}

	String builtInName(String code, String fallback) {
		return this.messages.getMessage("role.builtin." + code, null, fallback, LocaleContextHolder.getLocale());
	}

	/**
	 * Built-in roles are visible to everyone; other roles to the subtree of the organisation that
	 * defined them and to the organisations below it, which may assign but not change them.
	 */
	public boolean visibleTo(RoleInfo role, io.opsguard.identity.CurrentUser user) {
		return role.builtIn() || role.ownerId() == null || user.scope().includes(role.ownerId())
				|| this.organisations.ancestors(user.organisationId()).contains(role.ownerId());
	}

	/** Only roles defined inside the user's scope can be changed (built-in roles never). */
	public boolean editableBy(RoleInfo role, io.opsguard.identity.CurrentUser user) {
		return !role.builtIn() && (role.ownerId() == null ? user.scope().all() : user.scope().includes(role.ownerId()));
	}

	public RoleInfo get(long id) {
		return this.roles.get().get(id);
	}

	public Collection<RoleInfo> all() {
		return this.roles.get().values();
	}

	/** The union of the permissions of the given roles. */
	public Set<String> permissions(Collection<Long> roleIds) {
		Set<String> permissions = new HashSet<>();
		Map<Long, RoleInfo> roles = this.roles.get();
		for (Long id : roleIds) {
			RoleInfo role = roles.get(id);
			if (role != null) {
				permissions.addAll(role.permissions());
			}
		}
		return permissions;
	}

	public void invalidate() {
		this.roles.invalidate();
	}

	private Map<Long, RoleInfo> load() {
		Map<Long, Set<String>> permissions = new HashMap<>();
		this.jdbc.sql("select role_id, permission from idn_role_permission")
			.query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.forEach(e -> permissions.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
		Map<Long, Set<Long>> organisations = new HashMap<>();
		this.jdbc.sql("select role_id, organisation_id from idn_role_organisation")
			.query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2)))
			.list()
			.forEach(e -> organisations.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
		List<RoleInfo> all = this.jdbc.sql("select id, code, name, built_in, data_scope, organisation_id from idn_role")
			.query((rs, i) -> new RoleInfo(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
					rs.getBoolean("built_in"), (Long) rs.getObject("organisation_id", Long.class),
					DataScopeType.valueOf(rs.getString("data_scope")),
					Set.copyOf(permissions.getOrDefault(rs.getLong("id"), Set.of())),
					Set.copyOf(organisations.getOrDefault(rs.getLong("id"), Set.of()))))
			.list();
		Map<Long, RoleInfo> byId = new HashMap<>();
		all.forEach(r -> byId.put(r.id(), r));
		return Map.copyOf(byId);
	}

	/** A role as the rest of the module needs it on every request. */
	public record RoleInfo(long id, String code, String name, boolean builtIn, Long ownerId, DataScopeType dataScope,
			Set<String> permissions, Set<Long> organisationIds) {
	}

}
