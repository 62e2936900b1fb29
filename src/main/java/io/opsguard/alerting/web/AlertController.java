package io.opsguard.alerting.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;
import io.opsguard.alerting.internal.AlertLifecycle;
import io.opsguard.alerting.internal.AlertQueries;
import io.opsguard.alerting.internal.AlertQueries.AlertFilter;
import io.opsguard.alerting.internal.AlertRow;
import io.opsguard.alerting.web.AlertViews.AlertView;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alerts (R-ALR-01/03): the list with filters, one alert and its timeline, acknowledging and resolving. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "alerts", description = "Alerts raised by the rules, by events on resources and by other systems "
		+ "(Zabbix, Prometheus): firing → acknowledged → resolved, deduplicated by fingerprint, with their timelines.")
class AlertController {

	private static final Map<String, String> SORTABLE = Map.of("startedAt", "a.started_at", "severity", "a.severity",
			"state", "a.state", "lastSeenAt", "a.last_seen_at", "resolvedAt", "a.resolved_at", "title", "a.title");

	private final AlertQueries queries;

	private final AlertLifecycle lifecycle;

	private final AlertViews views;

	private final Clock clock;

	AlertController(AlertQueries queries, AlertLifecycle lifecycle, AlertViews views, Clock clock) {
		this.queries = queries;
		this.lifecycle = lifecycle;
		this.views = views;
		this.clock = clock;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "List alerts",
			description = "One page of the alerts of resources in the caller's scope, newest first by default; filters: "
					+ "`state` (repeatable), `open` (firing or acknowledged), `severity` (repeatable), `ciId`, `ruleId`, "
					+ "`organisationId`, `businessSystemId`, `source`, `ticketId`, `flapping`, `quiet` (silenced, in "
					+ "maintenance or caused by a parent), `from`/`to` (started), `q` (title, summary, series); sortable by "
					+ "startedAt, severity, state, lastSeenAt, resolvedAt, title.")
	PageResult<AlertView> list(@RequestParam(required = false) List<AlertState> state,
			@RequestParam(required = false) Boolean open, @RequestParam(required = false) List<AlertSeverity> severity,
			@RequestParam(required = false) Long ciId, @RequestParam(required = false) Long ruleId,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) Long businessSystemId,
			@RequestParam(required = false) String source, @RequestParam(required = false) Long ticketId,
			@RequestParam(required = false) Boolean flapping, @RequestParam(required = false) Boolean quiet,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "a.started_at desc, a.id desc");
		PageResult<AlertRow> rows = this.queries.list(CurrentUsers.require(), new AlertFilter(state, open, severity, ciId,
				ruleId, organisationId, businessSystemId, source, ticketId, flapping, quiet, from, to, q), paging);
		return new PageResult<>(this.views.views(rows.items(), this.clock.instant()), rows.total(), rows.page(), rows.size());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "Read an alert",
			description = "One alert of a resource in the caller's scope: its values, why it is quiet (silence, maintenance, "
					+ "a parent down), its ticket and how often it was notified.")
	@ErrorResponses({ "ALR-0021" })
	AlertView get(@PathVariable long id) {
		return this.views.view(this.queries.get(CurrentUsers.require(), id), this.clock.instant());
	}

	/** A step of an alert's timeline. */
	record TimelineEntry(Instant at, String kind, Long actorId, String detail) {
	}

	@GetMapping("/{id}/timeline")
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "Read an alert's timeline",
			description = "What happened to the alert in order: fired, reopened, flapping, silenced, suppressed, notified, "
					+ "acknowledged, ticket opened or joined, resolved.")
	@ErrorResponses({ "ALR-0021" })
	List<TimelineEntry> timeline(@PathVariable long id) {
		return this.queries.timeline(CurrentUsers.require(), id)
			.stream()
			.map(e -> new TimelineEntry(e.at(), e.kind(), e.actorId(), e.detail()))
			.toList();
	}

	/** Alerts to act on, with a comment (acknowledging) or a reason (resolving). */
	record Handling(List<Long> ids, String comment, String reason) {
	}

	@PostMapping("/acknowledge")
	@PreAuthorize("hasAuthority('alerting:alert:handle')")
	@Operation(summary = "Acknowledge alerts",
			description = "`ids` (at most 500) of firing alerts in scope and an optional `comment`: somebody takes them on; "
					+ "their repeats and escalations stop and the console stops sounding. Resolved ones in a bulk request "
					+ "are passed over. Audited.")
	@ErrorResponses(value = { "ALR-0021", "ALR-0022" }, fields = { "ALR-0024" })
	List<AlertView> acknowledge(@RequestBody Handling handling) {
		return this.views.views(this.lifecycle.acknowledge(CurrentUsers.require(), handling == null ? null : handling.ids(),
				handling == null ? null : handling.comment()), this.clock.instant());
	}

	@PostMapping("/resolve")
	@PreAuthorize("hasAuthority('alerting:alert:handle')")
	@Operation(summary = "Resolve alerts by hand",
			description = "`ids` (at most 500) of open alerts in scope and a required `reason`. An alert whose condition "
					+ "still holds fires again only after it has cleared once. Audited.")
	@ErrorResponses(value = { "ALR-0021", "ALR-0022" }, fields = { "ALR-0023", "ALR-0024" })
	List<AlertView> resolve(@RequestBody Handling handling) {
		return this.views.views(this.lifecycle.resolve(CurrentUsers.require(), handling == null ? null : handling.ids(),
				handling == null ? null : handling.reason()), this.clock.instant());
	}

}
