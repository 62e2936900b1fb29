package io.opsguard.alerting.internal;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsguard.identity.Users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link GroupMembers} over the service desk's support groups.
 * <p>
 * Stop-gap until {@code io.opsguard.servicedesk.SupportGroupDirectory} (branch {@code incidents})
 * is merged: then this adapter delegates to it ({@code find} → {@code directory.find(id)} mapped
 * to a {@link GroupMembers.Group}, {@code members} → {@code directory.members(id)}) and reads no
 * table of the service desk any more.
 */
@Component
class SupportGroupMembers implements GroupMembers {

	private final JdbcClient jdbc;

	private final Users users;

	SupportGroupMembers(JdbcClient jdbc, Users users) {
		this.jdbc = jdbc;
		this.users = users;
	}

	@Override
	public Optional<Group> find(long id) {
		return this.jdbc.sql("select id, name, enabled from sd_group where id = :id")
			.param("id", id)
			.query((rs, n) -> new Group(rs.getLong("id"), rs.getString("name"), rs.getBoolean("enabled")))
			.optional();
	}

	@Override
	public Set<Long> members(long groupId) {
		Set<Long> members = Set.copyOf(this.jdbc.sql("select user_id from sd_group_member where group_id = :group")
			.param("group", groupId)
			.query(Long.class)
			.list());
		return this.users.findAll(members)
			.values()
			.stream()
			.filter(Users.UserSummary::enabled)
			.map(Users.UserSummary::id)
			.collect(Collectors.toSet());
	}

}
