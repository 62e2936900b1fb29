package io.opsguard.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * All roles with their permissions and listed organisations, read in three queries and kept in
 * memory (there are tens of roles, read on every request). Dropped when a role changes here, and
 * reloaded at least every 30 seconds for clusters.
 */
@Component
public class RoleDirectory {

	private static final Duration MAX_AGE = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Snapshot snapshot;

	private final MessageSource messages;

	RoleDirectory(JdbcClient jdbc, Clock clock, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.clock = clock;
	}

	/** A built-in role's name in the request's language; other roles keep the name they were given. */
	public String displayName(RoleInfo role) {
		return role.builtIn() ? builtInName(role.code(), role.name()) : role.name();
	}

	String builtInName(String code, String fallback) {
		return this.messages.getMessage("role.builtin." + code, null, fallback, LocaleContextHolder.getLocale());
	}

	public RoleInfo get(long id) {
		return snapshot().roles().get(id);
	}

	public Collection<RoleInfo> all() {
		return snapshot().roles().values();
	}

	/** The union of the permissions of the given roles. */
	public Set<String> permissions(Collection<Long> roleIds) {
		Set<String> permissions = new HashSet<>();
		Map<Long, RoleInfo> roles = snapshot().roles();
		for (Long id : roleIds) {
			RoleInfo role = roles.get(id);
			if (role != null) {
				permissions.addAll(role.permissions());
			}
		}
		return permissions;
	}

	public void invalidate() {
		this.snapshot = null;
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					RoleDirectory.this.snapshot = null;
				}
			});
		}
	}

	private Snapshot snapshot() {
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		if (current == null || current.loadedAt().plus(MAX_AGE).isBefore(now)) {
			current = load(now);
			this.snapshot = current;
		}
		return current;
	}

	private Snapshot load(Instant now) {
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
		List<RoleInfo> roles = this.jdbc.sql("select id, code, name, built_in, data_scope from idn_role")
			.query((rs, i) -> new RoleInfo(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
					rs.getBoolean("built_in"), DataScopeType.valueOf(rs.getString("data_scope")),
					Set.copyOf(permissions.getOrDefault(rs.getLong("id"), Set.of())),
					Set.copyOf(organisations.getOrDefault(rs.getLong("id"), Set.of()))))
			.list();
		Map<Long, RoleInfo> byId = new HashMap<>();
		roles.forEach(r -> byId.put(r.id(), r));
		return new Snapshot(Map.copyOf(byId), now);
	}

	/** A role as the rest of the module needs it on every request. */
	public record RoleInfo(long id, String code, String name, boolean builtIn, DataScopeType dataScope,
			Set<String> permissions, Set<Long> organisationIds) {
	}

	private record Snapshot(Map<Long, RoleInfo> roles, Instant loadedAt) {
	}

}
