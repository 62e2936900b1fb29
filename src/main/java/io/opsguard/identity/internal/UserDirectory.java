package io.opsguard.identity.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsguard.identity.Users;

import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@link Users} other modules use. */
@Component
class UserDirectory implements Users {

	private final JdbcClient jdbc;

	private final UserService service;

	private final Passwords passwords;

	private final RoleDirectory roles;

	private final Principals principals;

	UserDirectory(JdbcClient jdbc, @Lazy UserService service, Passwords passwords, RoleDirectory roles,
			@Lazy Principals principals) {
		this.jdbc = jdbc;
		this.service = service;
		this.passwords = passwords;
		this.roles = roles;
		this.principals = principals;
	}

	@Override
	public void checkNewPassword(String password, String username, String field) {
		this.passwords.checkPolicy(password, username, null, field);
	}

	@Override
	public long createRequester(NewRequester requester) {
		return this.service.createRequester(requester);
	}

	@Override
	public Set<Long> holding(String permission, long organisationId, int limit) {
		List<Long> roleIds = this.roles.all()
			.stream()
			.filter(r -> r.permissions().contains(permission))
			.map(RoleDirectory.RoleInfo::id)
			.toList();
		Set<Long> found = new LinkedHashSet<>();
		if (roleIds.isEmpty()) {
			return found;
		}
		List<Long> candidates = this.jdbc
			.sql("select distinct u.id from idn_user u join idn_user_role r on r.user_id = u.id"
					+ " where r.role_id in (:roles) and u.enabled = true order by u.id")
			.param("roles", roleIds)
			.query(Long.class)
			.list();
		for (Long id : candidates) {
			if (found.size() >= limit) {
				break;
			}
			this.principals.resolve(id)
				.filter(u -> u.hasPermission(permission) && u.scope().includes(organisationId))
				.ifPresent(u -> found.add(u.id()));
		}
		return found;
	}

	@Override
	public Optional<UserSummary> find(long id) {
		return this.jdbc.sql("select id, username, display_name, organisation_id, enabled from idn_user where id = :id")
			.param("id", id)
			.query((rs, i) -> new UserSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getBoolean(5)))
			.optional();
	}

	@Override
	public Optional<UserSummary> findByUsername(String username) {
		return this.jdbc.sql("select id, username, display_name, organisation_id, enabled from idn_user where lower(username) = lower(:u)")
			.param("u", username)
			.query((rs, i) -> new UserSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getBoolean(5)))
			.optional();
	}

	@Override
	public java.util.List<UserSummary> findByPhone(String phone, int limit) {
		return this.jdbc.sql("select id, username, display_name, organisation_id, enabled from idn_user"
				+ " where phone = :phone and enabled = true order by id limit :limit")
			.param("phone", phone)
			.param("limit", limit)
			.query((rs, i) -> new UserSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getBoolean(5)))
			.list();
	}

	@Override
	public Optional<UserSummary> findByEmail(String email) {
		if (email == null || email.isBlank()) {
			return Optional.empty();
		}
		java.util.List<UserSummary> found = this.jdbc
			.sql("select id, username, display_name, organisation_id, enabled from idn_user "
					+ "where lower(email) = lower(:e) and enabled = true")
			.param("e", email.strip())
			.query((rs, i) -> new UserSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getBoolean(5)))
			.list();
		return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
	}

	@Override
	public Map<Long, UserSummary> findAll(Collection<Long> ids) {
		Map<Long, UserSummary> users = new HashMap<>();
		if (ids.isEmpty()) {
			return users;
		}
		this.jdbc.sql("select id, username, display_name, organisation_id, enabled from idn_user where id in (:ids)")
			.param("ids", ids)
			.query((rs, i) -> new UserSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getBoolean(5)))
			.list()
			.forEach(u -> users.put(u.id(), u));
		return users;
	}

	@Override
	public Map<Long, UserContact> contacts(Collection<Long> ids) {
		Map<Long, UserContact> contacts = new HashMap<>();
		if (ids.isEmpty()) {
			return contacts;
		}
		this.jdbc.sql("select id, display_name, email, phone, organisation_id, enabled from idn_user where id in (:ids)")
			.param("ids", ids)
			.query((rs, i) -> new UserContact(rs.getLong(1), rs.getString(2), blankToNull(rs.getString(3)),
					blankToNull(rs.getString(4)), rs.getLong(5), rs.getBoolean(6)))
			.list()
			.forEach(c -> contacts.put(c.id(), c));
		return contacts;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	@Override
	public Map<Long, String> displayNames(Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		this.jdbc.sql("select id, display_name from idn_user where id in (:ids)")
			.param("ids", ids)
			.query((rs, i) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return names;
	}

}
