package io.opsguard.alerting.web;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.internal.NotificationRoute;
import io.opsguard.alerting.internal.NotificationRoutes;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.notify.Channel;
import io.opsguard.notify.NotificationEndpoints;

import org.springframework.stereotype.Component;

/** Notification routes as the API answers them, naming the people, groups, robots and matchers they mention. */
@Component
class RouteViews {

	private final NotificationRoutes routes;

	private final Users users;

	private final NotificationEndpoints endpoints;

	private final Organisations organisations;

	private final ConfigurationItems cis;

	RouteViews(NotificationRoutes routes, Users users, NotificationEndpoints endpoints, Organisations organisations,
			ConfigurationItems cis) {
		this.routes = routes;
		this.users = users;
		this.endpoints = endpoints;
		this.organisations = organisations;
		this.cis = cis;
	}

	/**
	 * A recipient or matcher named: {@code available} false when it no longer exists or is disabled
	 * (a route naming it then tells nobody through it); {@code kind} for robots.
	 */
	record Named(long id, String name, boolean available, String kind) {
	}

	/** A route with the ids it was written with and the names of what they refer to. */
	record RouteView(long id, String name, int position, boolean enabled, List<AlertSeverity> severities,
			Long organisationId, String organisationName, String classCode, String tag, Long businessSystemId,
			String businessSystemName, List<Long> userIds, List<Named> users, List<Long> groupIds, List<Named> groups,
			List<Long> endpointIds, List<Named> endpoints, List<Channel> channels, int groupWaitSeconds, int repeatMinutes,
			int escalateAfterMinutes, List<Long> escalateUserIds, List<Named> escalateUsers, List<Long> escalateGroupIds,
			List<Named> escalateGroups, boolean escalateVoice, int capCount, int capPeriodMinutes, boolean notifyResolved,
			boolean openIncident, boolean continueMatching, Instant createdAt, Instant updatedAt, int version) {
	}

	List<RouteView> views(List<NotificationRoute> rows) {
		Set<Long> people = new HashSet<>();
		Set<Long> groupIds = new HashSet<>();
		Set<Long> robotIds = new HashSet<>();
		Set<Long> systems = new HashSet<>();
		for (NotificationRoute row : rows) {
			people.addAll(row.userIds());
			people.addAll(row.escalateUserIds());
			groupIds.addAll(row.groupIds());
			groupIds.addAll(row.escalateGroupIds());
			robotIds.addAll(row.endpointIds());
			if (row.businessSystemId() != null) {
				systems.add(row.businessSystemId());
			}
		}
		Map<Long, Users.UserSummary> userMap = people.isEmpty() ? Map.of() : this.users.findAll(people);
		Map<Long, String> groupMap = groupIds.isEmpty() ? Map.of() : this.routes.groupNames(groupIds);
		Map<Long, NotificationEndpoints.EndpointSummary> robotMap = this.endpoints.findAll(robotIds);
		Map<Long, String> systemMap = systems.isEmpty() ? Map.of() : this.cis.names(systems);
		return rows.stream().map(row -> new RouteView(row.id(), row.name(), row.position(), row.enabled(), row.severities(),
				row.organisationId(),
				row.organisationId() == null ? null
						: this.organisations.find(row.organisationId()).map(Organisations.OrganisationView::name).orElse(null),
				row.classCode(), row.tag(), row.businessSystemId(),
				row.businessSystemId() == null ? null : systemMap.get(row.businessSystemId()), row.userIds(),
				people(row.userIds(), userMap), row.groupIds(), groups(row.groupIds(), groupMap), row.endpointIds(),
				robots(row.endpointIds(), robotMap), row.channels(), row.groupWaitSeconds(), row.repeatMinutes(),
				row.escalateAfterMinutes(), row.escalateUserIds(), people(row.escalateUserIds(), userMap),
				row.escalateGroupIds(), groups(row.escalateGroupIds(), groupMap), row.escalateVoice(), row.capCount(),
				row.capPeriodMinutes(), row.notifyResolved(), row.openIncident(), row.continueMatching(), row.createdAt(),
				row.updatedAt(), row.version()))
			.toList();
	}

	RouteView view(NotificationRoute row) {
		return views(List.of(row)).get(0);
	}

	private static List<Named> people(List<Long> ids, Map<Long, Users.UserSummary> found) {
		return ids.stream().map(id -> {
			Users.UserSummary user = found.get(id);
			return new Named(id, user == null ? null : user.displayName(), user != null && user.enabled(), null);
		}).toList();
	}

	private static List<Named> groups(List<Long> ids, Map<Long, String> found) {
		return ids.stream().map(id -> new Named(id, found.get(id), found.containsKey(id), null)).toList();
	}

	private static List<Named> robots(List<Long> ids, Map<Long, NotificationEndpoints.EndpointSummary> found) {
		return ids.stream().map(id -> {
			NotificationEndpoints.EndpointSummary robot = found.get(id);
			return new Named(id, robot == null ? null : robot.name(), robot != null && robot.enabled(),
					robot == null ? null : robot.kind());
		}).toList();
	}

}
