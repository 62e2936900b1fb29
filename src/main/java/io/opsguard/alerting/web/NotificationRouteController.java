package io.opsguard.alerting.web;

import java.util.List;

import io.opsguard.alerting.internal.NotificationRoutes;
import io.opsguard.alerting.internal.NotificationRoutes.RouteInput;
import io.opsguard.alerting.web.RouteViews.RouteView;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.notify.NotificationEndpoints;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Notification routes (R-ALR-01): which alerts go to whom, through which channels, grouped, capped, repeated, escalated. */
@RestController
@RequestMapping("/api/v1/notification-routes")
@Tag(name = "notification-routes", description = "Notification routes: tried in order, the first that matches an alert "
		+ "(severity, organisation subtree, CMDB class or below, tag, business system) tells its users, support groups and "
		+ "robots through its channels, unless it lets matching continue. Alerts within the group wait go out as one "
		+ "message; a cap limits messages per rule and resource; unacknowledged critical alerts are repeated; alerts "
		+ "nobody acknowledges are escalated (with a phone call if wanted).")
class NotificationRouteController {

	private final NotificationRoutes routes;

	private final RouteViews views;

	private final NotificationEndpoints endpoints;

	NotificationRouteController(NotificationRoutes routes, RouteViews views, NotificationEndpoints endpoints) {
		this.routes = routes;
		this.views = views;
		this.endpoints = endpoints;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "List notification routes",
			description = "Every route the caller may see (those of organisations in their scope; routes for every "
					+ "organisation only for callers who see everything), in the order they are tried.")
	List<RouteView> list() {
		return this.views.views(this.routes.list(CurrentUsers.require()));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "Read a notification route",
			description = "One route with its version and the names of its recipients (`available` false for a user "
					+ "disabled or a group or robot removed since).")
	@ErrorResponses({ "ALR-0050" })
	RouteView get(@PathVariable long id) {
		return this.views.view(this.routes.get(CurrentUsers.require(), id));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('alerting:route:manage')")
	@Operation(summary = "Add a notification route",
			description = "`name`; matchers (all optional): `severities` (CRITICAL, MAJOR, MINOR, INFO; empty: all), "
					+ "`organisationId` (and below; required unless the caller sees everything), `classCode` (and below), "
					+ "`tag`, `businessSystemId`; recipients (at least one): `userIds` (existing, enabled), `groupIds` "
					+ "(support groups: their members), `endpointIds` (robots); `channels` (IN_APP, EMAIL, SMS, VOICE, "
					+ "WEBHOOK — WEBHOOK exactly when robots are named); `groupWaitSeconds` 0–300 (default 10); "
					+ "`repeatMinutes` 0–1440 (critical alerts not acknowledged; 0 never); `escalateAfterMinutes` 0–1440 "
					+ "with `escalateUserIds` / `escalateGroupIds` and `escalateVoice`; `capCount` ≥ 0 (0 no cap) per "
					+ "`capPeriodMinutes` 1–1440 (default 60); `notifyResolved` (default true), `openIncident`, "
					+ "`continueMatching`, `enabled` (default true). Added last in the order. Every bad field is named. "
					+ "Audited.")
	@ErrorResponses(value = { "ALR-0051" }, fields = { "ALR-0004", "ALR-0005", "ALR-0052", "ALR-0053", "ALR-0054",
			"ALR-0055", "ALR-0056", "ALR-0057", "ALR-0058", "ALR-0059", "ALR-0060", "ALR-0061", "ALR-0062", "ALR-0063" })
	ResponseEntity<RouteView> create(@RequestBody RouteInput input) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.view(this.routes.create(CurrentUsers.require(), input)));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:route:manage')")
	@Operation(summary = "Change a notification route",
			description = "As adding, with the `version` read; the position is kept (see the order). Pending messages "
					+ "follow the route as it is when they are sent.")
	@ErrorResponses(value = { "ALR-0050", "ALR-0002", "ALR-0003", "ALR-0051" }, fields = { "ALR-0004", "ALR-0005",
			"ALR-0052", "ALR-0053", "ALR-0054", "ALR-0055", "ALR-0056", "ALR-0057", "ALR-0058", "ALR-0059", "ALR-0060",
			"ALR-0061", "ALR-0062", "ALR-0063" })
	RouteView update(@PathVariable long id, @RequestBody RouteInput input) {
		return this.views.view(this.routes.update(CurrentUsers.require(), id, input));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:route:manage')")
	@Operation(summary = "Delete a notification route",
			description = "With the `version` read. Its pending messages are not sent. Audited.")
	@ErrorResponses({ "ALR-0050", "ALR-0002", "ALR-0003" })
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
		this.routes.delete(CurrentUsers.require(), id, version);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/robots")
	@PreAuthorize("hasAuthority('alerting:route:manage')")
	@Operation(summary = "List the chat robots a route may name",
			description = "Every WeCom, DingTalk, Feishu and generic webhook robot configured under notification endpoints, "
					+ "with its kind and whether it is enabled — for the route editor, whose users may not manage endpoints. "
					+ "No addresses or secrets.")
	List<NotificationEndpoints.EndpointSummary> robots() {
		return this.endpoints.robots();
	}

	/** The new order of the routes. */
	record OrderInput(List<Long> ids) {
	}

	@PutMapping("/order")
	@PreAuthorize("hasAuthority('alerting:route:manage')")
	@Operation(summary = "Reorder the notification routes",
			description = "`ids`: every route the caller sees, each once, in the order they are to be tried; routes the "
					+ "caller does not see keep their places. Answers the routes in the new order. Audited.")
	@ErrorResponses(value = {}, fields = { "ALR-0064" })
	List<RouteView> reorder(@RequestBody OrderInput input) {
		return this.views.views(this.routes.reorder(CurrentUsers.require(), input == null ? null : input.ids()));
	}

}
