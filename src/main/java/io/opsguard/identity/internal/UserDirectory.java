package io.opsguard.identity.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.Users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@link Users} other modules use. */
@Component
class UserDirectory implements Users {

	private final JdbcClient jdbc;

	UserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
