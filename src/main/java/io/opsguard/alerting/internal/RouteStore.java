package io.opsguard.alerting.internal;

import static io.opsguard.alerting.internal.RuleStore.instant;
import static io.opsguard.alerting.internal.RuleStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.notify.Channel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The notification routes ({@code alr_route}); lists of ids and names are kept comma-separated. */
@Repository
class RouteStore {

	private static final String COLUMNS = "id, name, position, enabled, match_severities, match_organisation_id, "
			+ "match_class_code, match_tag, match_business_system_id, user_ids, group_ids, endpoint_ids, channels, "
			+ "group_wait_seconds, repeat_minutes, escalate_after_minutes, escalate_user_ids, escalate_group_ids, "
			+ "escalate_voice, cap_count, cap_period_minutes, notify_resolved, open_incident, continue_matching, "
			+ "created_by, created_at, updated_at, version";

	private final JdbcClient jdbc;

	RouteStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every route in the order they are tried. */
	List<NotificationRoute> all() {
		return this.jdbc.sql("select " + COLUMNS + " from alr_route order by position, id").query(this::map).list();
	}

	Optional<NotificationRoute> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_route where id = :id").param("id", id).query(this::map).optional();
	}

	List<NotificationRoute> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from alr_route where id in (:ids) order by position, id")
			.param("ids", ids)
			.query(this::map)
			.list();
	}

	/** The position after the last route. */
	int nextPosition() {
		return this.jdbc.sql("select coalesce(max(position), 0) + 1 from alr_route").query(Integer.class).single();
	}

	long insert(NotificationRoute route) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into alr_route (name, position, enabled, match_severities, match_organisation_id, "
				+ "match_class_code, match_tag, match_business_system_id, user_ids, group_ids, endpoint_ids, channels, "
				+ "group_wait_seconds, repeat_minutes, escalate_after_minutes, escalate_user_ids, escalate_group_ids, "
				+ "escalate_voice, cap_count, cap_period_minutes, notify_resolved, open_incident, continue_matching, "
				+ "created_by, created_at, updated_at, version) values (:name, :position, :enabled, :severities, "
				+ ":organisation, :classCode, :tag, :system, :users, :groups, :endpoints, :channels, :groupWait, :repeat, "
				+ ":escalateAfter, :escalateUsers, :escalateGroups, :escalateVoice, :capCount, :capPeriod, :notifyResolved, "
				+ ":openIncident, :continueMatching, :createdBy, :createdAt, :updatedAt, 0)")
			.params(params(route))
			.param("position", route.position())
			.param("createdBy", route.createdBy())
			.param("createdAt", ts(route.createdAt()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Writes a route's fields (not its position); false when its version is not {@code route.version()}. */
	boolean update(NotificationRoute route) {
		return this.jdbc.sql("update alr_route set name = :name, enabled = :enabled, match_severities = :severities, "
				+ "match_organisation_id = :organisation, match_class_code = :classCode, match_tag = :tag, "
				+ "match_business_system_id = :system, user_ids = :users, group_ids = :groups, endpoint_ids = :endpoints, "
				+ "channels = :channels, group_wait_seconds = :groupWait, repeat_minutes = :repeat, "
				+ "escalate_after_minutes = :escalateAfter, escalate_user_ids = :escalateUsers, "
				+ "escalate_group_ids = :escalateGroups, escalate_voice = :escalateVoice, cap_count = :capCount, "
				+ "cap_period_minutes = :capPeriod, notify_resolved = :notifyResolved, open_incident = :openIncident, "
				+ "continue_matching = :continueMatching, updated_at = :updatedAt, version = version + 1 "
				+ "where id = :id and version = :version")
			.params(params(route))
			.param("id", route.id())
			.param("version", route.version())
			.update() == 1;
	}

	boolean delete(long id, int version) {
		return this.jdbc.sql("delete from alr_route where id = :id and version = :version")
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	/** Moves a route to a position (reordering; the version is kept). */
	void position(long id, int position) {
		this.jdbc.sql("update alr_route set position = :position where id = :id").param("position", position).param("id", id).update();
	}

	private static java.util.Map<String, Object> params(NotificationRoute route) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("name", route.name());
		params.put("enabled", route.enabled());
		params.put("severities", route.severities().isEmpty() ? null
				: route.severities().stream().map(Enum::name).collect(Collectors.joining(",")));
		params.put("organisation", route.organisationId());
		params.put("classCode", route.classCode());
		params.put("tag", route.tag());
		params.put("system", route.businessSystemId());
		params.put("users", ids(route.userIds()));
		params.put("groups", ids(route.groupIds()));
		params.put("endpoints", ids(route.endpointIds()));
		params.put("channels", route.channels().stream().map(Enum::name).collect(Collectors.joining(",")));
		params.put("groupWait", route.groupWaitSeconds());
		params.put("repeat", route.repeatMinutes());
		params.put("escalateAfter", route.escalateAfterMinutes());
		params.put("escalateUsers", ids(route.escalateUserIds()));
		params.put("escalateGroups", ids(route.escalateGroupIds()));
		params.put("escalateVoice", route.escalateVoice());
		params.put("capCount", route.capCount());
		params.put("capPeriod", route.capPeriodMinutes());
		params.put("notifyResolved", route.notifyResolved());
		params.put("openIncident", route.openIncident());
		params.put("continueMatching", route.continueMatching());
		params.put("updatedAt", ts(route.updatedAt()));
		return params;
	}

	static String ids(List<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	static List<Long> ids(String text) {
		List<Long> ids = new ArrayList<>();
		if (text == null) {
			return ids;
		}
		for (String part : text.split(",")) {
			Long id = Topology.parseLong(part);
			if (id != null) {
				ids.add(id);
			}
		}
		return ids;
	}

	private NotificationRoute map(ResultSet rs, int n) throws SQLException {
		String severities = rs.getString("match_severities");
		List<AlertSeverity> matched = severities == null ? List.of()
				: Arrays.stream(severities.split(",")).map(AlertSeverity::parse).filter(java.util.Objects::nonNull).toList();
		List<Channel> channels = new ArrayList<>();
		for (String name : rs.getString("channels").split(",")) {
			for (Channel channel : Channel.values()) {
				if (channel.name().equals(name.trim())) {
					channels.add(channel);
				}
			}
		}
		return new NotificationRoute(rs.getLong("id"), rs.getString("name"), rs.getInt("position"), rs.getBoolean("enabled"),
				matched, (Long) rs.getObject("match_organisation_id", Long.class), rs.getString("match_class_code"),
				rs.getString("match_tag"), (Long) rs.getObject("match_business_system_id", Long.class),
				ids(rs.getString("user_ids")), ids(rs.getString("group_ids")), ids(rs.getString("endpoint_ids")), channels,
				rs.getInt("group_wait_seconds"), rs.getInt("repeat_minutes"), rs.getInt("escalate_after_minutes"),
				ids(rs.getString("escalate_user_ids")), ids(rs.getString("escalate_group_ids")),
				rs.getBoolean("escalate_voice"), rs.getInt("cap_count"), rs.getInt("cap_period_minutes"),
				rs.getBoolean("notify_resolved"), rs.getBoolean("open_incident"), rs.getBoolean("continue_matching"),
				(Long) rs.getObject("created_by", Long.class), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), rs.getInt("version"));
	}

}
