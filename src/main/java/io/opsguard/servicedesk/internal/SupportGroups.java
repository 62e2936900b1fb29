package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.shared.OpsGuardException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * Support groups (一线/二线, R-DSK-08): who receives tickets. A group belongs to an organisation and
 * is seen by those whose scope holds it; its members are users of that scope. Small enough that
 * the SQL lives here.
 */
@Service
public class SupportGroups {

	private final JdbcClient jdbc;

	private final Users users;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final Clock clock;

	SupportGroups(JdbcClient jdbc, Users users, Organisations organisations, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.organisations = organisations;
		this.audit = audit;
		this.clock = clock;
	}

	/** The groups the user sees, first line first, by name. */
	@Transactional(readOnly = true)
	public List<Group> visible(CurrentUser user) {
		List<Group> groups = this.jdbc
			.sql("select id, name, line, organisation_id, lead_id, enabled, version from sd_group g where "
					+ user.scope().sqlCondition("g.organisation_id") + " order by line, name")
			.query((rs, n) -> new Group(rs.getLong("id"), rs.getString("name"), rs.getInt("line"), rs.getLong("organisation_id"),
					nullableLong(rs, "lead_id"), rs.getBoolean("enabled"), rs.getInt("version"), List.of()))
			.list();
		Map<Long, List<Long>> members = members(groups.stream().map(Group::id).toList());
		return groups.stream().map(g -> g.withMembers(members.getOrDefault(g.id(), List.of()))).toList();
	}

	/** A group the user sees, or empty. */
	@Transactional(readOnly = true)
	public Optional<Group> find(CurrentUser user, long id) {
		return visible(user).stream().filter(g -> g.id() == id).findFirst();
	}

	/** A group by id whatever the reader's scope (the desk's own notices), with its members. */
	Optional<Group> byId(long id) {
		return this.jdbc.sql("select id, name, line, organisation_id, lead_id, enabled, version from sd_group where id = :id")
			.param("id", id)
			.query((rs, n) -> new Group(rs.getLong("id"), rs.getString("name"), rs.getInt("line"), rs.getLong("organisation_id"),
					nullableLong(rs, "lead_id"), rs.getBoolean("enabled"), rs.getInt("version"), List.of()))
			.optional()
			.map(g -> g.withMembers(members(List.of(g.id())).getOrDefault(g.id(), List.of())));
	}

	/** Every group whatever the reader's scope (other modules' routing), first line first, by name, with its members. */
	List<Group> all() {
		List<Group> groups = this.jdbc
			.sql("select id, name, line, organisation_id, lead_id, enabled, version from sd_group order by line, name, id")
			.query((rs, n) -> new Group(rs.getLong("id"), rs.getString("name"), rs.getInt("line"), rs.getLong("organisation_id"),
					nullableLong(rs, "lead_id"), rs.getBoolean("enabled"), rs.getInt("version"), List.of()))
			.list();
		Map<Long, List<Long>> members = members(groups.stream().map(Group::id).toList());
		return groups.stream().map(g -> g.withMembers(members.getOrDefault(g.id(), List.of()))).toList();
	}

	/** The ids of the groups a user is a member of. */
	@Transactional(readOnly = true)
	public Set<Long> groupsOf(long userId) {
		return new TreeSet<>(this.jdbc.sql("select group_id from sd_group_member where user_id = :user")
			.param("user", userId)
			.query(Long.class)
			.list());
	}

	@Transactional
	public Group create(CurrentUser user, GroupInput input) {
		GroupInput checked = check(user, input);
		Instant now = this.clock.instant();
		refuseTakenName(checked, null);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_group (name, line, organisation_id, lead_id, enabled, version, created_at, updated_at)
				values (:name, :line, :org, :lead, true, 0, :now, :now)""")
			.param("name", checked.name())
			.param("line", checked.line())
			.param("org", checked.organisationId())
			.param("lead", checked.leadId())
			.param("now", ts(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		writeMembers(id, checked.memberIds());
		Group group = find(user, id).orElseThrow();
		this.audit.recordChange("SUPPORT_GROUP_CREATED", "supportGroup", id, null, group);
		return group;
	}

	@Transactional
	public Group update(CurrentUser user, long id, GroupInput input, Integer version) {
		Group before = find(user, id).orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_SUPPORT_GROUP, String.valueOf(id)));
		if (version == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		GroupInput checked = check(user, input);
		refuseTakenName(checked, id);
		int rows = this.jdbc.sql("""
				update sd_group set name = :name, line = :line, organisation_id = :org, lead_id = :lead,
				  enabled = :enabled, version = version + 1, updated_at = :now
				where id = :id and version = :version""")
			.param("name", checked.name())
			.param("line", checked.line())
			.param("org", checked.organisationId())
			.param("lead", checked.leadId())
			.param("enabled", input.enabled() == null || input.enabled())
			.param("now", ts(this.clock.instant()))
			.param("id", id)
			.param("version", version)
			.update();
		if (rows == 0) {
			throw new OpsGuardException(ServiceDeskError.STALE_VERSION, before.version());
		}
		writeMembers(id, checked.memberIds());
		Group after = find(user, id).orElseThrow();
		this.audit.recordChange("SUPPORT_GROUP_UPDATED", "supportGroup", id, before, after);
		return after;
	}

	private GroupInput check(CurrentUser user, GroupInput input) {
		List<OpsGuardException.FieldProblem> problems = new ArrayList<>();
		String name = input.name() == null ? "" : input.name().strip();
		if (name.isEmpty()) {
			problems.add(new OpsGuardException.FieldProblem("name", ServiceDeskError.NAME_REQUIRED, new Object[0]));
		}
		else if (name.length() > 100) {
			problems.add(new OpsGuardException.FieldProblem("name", ServiceDeskError.TOO_LONG, new Object[] { 100 }));
		}
		int line = input.line() == null ? 1 : input.line();
		if (line != 1 && line != 2) {
			problems.add(new OpsGuardException.FieldProblem("line", ServiceDeskError.BAD_LINE, new Object[] { line }));
		}
		long organisationId = input.organisationId() == null ? user.organisationId() : input.organisationId();
		if (!user.scope().includes(organisationId) || this.organisations.find(organisationId).isEmpty()) {
			problems.add(new OpsGuardException.FieldProblem("organisationId", ServiceDeskError.UNKNOWN_ORGANISATION,
					new Object[] { String.valueOf(organisationId) }));
		}
		List<Long> memberIds = input.memberIds() == null ? List.of() : List.copyOf(new TreeSet<>(input.memberIds()));
		Map<Long, Users.UserSummary> found = this.users.findAll(memberIds);
		for (Long member : memberIds) {
			Users.UserSummary summary = found.get(member);
			if (summary == null || !user.scope().includes(summary.organisationId())) {
				problems.add(new OpsGuardException.FieldProblem("memberIds", ServiceDeskError.UNKNOWN_REQUESTER,
						new Object[] { String.valueOf(member) }));
			}
		}
		if (input.leadId() != null && !memberIds.contains(input.leadId())) {
			problems.add(new OpsGuardException.FieldProblem("leadId", ServiceDeskError.NOT_A_MEMBER,
					new Object[] { String.valueOf(input.leadId()) }));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		return new GroupInput(name, line, organisationId, input.leadId(), memberIds, input.enabled());
	}

	private void refuseTakenName(GroupInput input, Long id) {
		boolean taken = this.jdbc
			.sql("select count(*) from sd_group where organisation_id = :org and lower(name) = lower(:name) and id <> :id")
			.param("org", input.organisationId())
			.param("name", input.name())
			.param("id", id == null ? -1L : id)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw OpsGuardException.onField("name", ServiceDeskError.GROUP_NAME_TAKEN, input.name());
		}
	}

	private void writeMembers(long groupId, List<Long> memberIds) {
		this.jdbc.sql("delete from sd_group_member where group_id = :id").param("id", groupId).update();
		for (Long member : memberIds) {
			this.jdbc.sql("insert into sd_group_member (group_id, user_id) values (:id, :user)")
				.param("id", groupId)
				.param("user", member)
				.update();
		}
	}

	private Map<Long, List<Long>> members(List<Long> groupIds) {
		Map<Long, List<Long>> members = new HashMap<>();
		if (groupIds.isEmpty()) {
			return members;
		}
		this.jdbc.sql("select group_id, user_id from sd_group_member where group_id in (:ids) order by user_id")
			.param("ids", groupIds)
			.query(rs -> {
				members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
			});
		return members;
	}

	/** A support group with its members' ids. */
	public record Group(long id, String name, int line, long organisationId, Long leadId, boolean enabled, int version,
			List<Long> memberIds) {

		Group withMembers(List<Long> members) {
			return new Group(this.id, this.name, this.line, this.organisationId, this.leadId, this.enabled, this.version,
					members);
		}

	}

	/** What a group is made of; {@code line} 1 or 2, the organisation defaults to the user's. */
	public record GroupInput(String name, Integer line, Long organisationId, Long leadId, List<Long> memberIds,
			Boolean enabled) {
	}

}
