package io.opsguard.monitoring.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.monitoring.MonitorStatus;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.internal.MonitorRow;
import io.opsguard.monitoring.internal.MonitorService;
import io.opsguard.monitoring.internal.MonitorService.MonitorFilter;
import io.opsguard.monitoring.internal.MonitorService.MonitorInput;
import io.opsguard.monitoring.internal.MonitorTrial;
import io.opsguard.monitoring.internal.MonitorTrial.Trial;
import io.opsguard.monitoring.internal.MonitorTrial.TrialValue;
import io.opsguard.monitoring.web.MonitorViews.MonitorView;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
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

/**
 * Monitors (R-MON-01/02): a monitor type attached to a CI with its parameters and interval, listed
 * with the outcome of their last collection; "test now" before saving.
 */
@RestController
@RequestMapping("/api/v1/monitors")
@Tag(name = "monitors", description = "Monitors: what is collected from which CI, how often, and how the last "
		+ "collection went. Secrets (passwords, communities, keys) are write-only: answers name the ones set.")
class MonitorController {

	private static final Map<String, String> SORTABLE = Map.of("name", "m.name", "status", "m.status", "typeId",
			"m.type_id", "lastCollectedAt", "m.last_collected_at", "createdAt", "m.created_at", "host", "m.host");

	private final MonitorService monitors;

	private final MonitorTrial trials;

	private final MonitorViews views;

	MonitorController(MonitorService monitors, MonitorTrial trials, MonitorViews views) {
		this.monitors = monitors;
		this.trials = trials;
		this.views = views;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('monitoring:monitor:read')")
	@Operation(summary = "List monitors",
			description = "One page of the monitors of the CIs in the caller's scope, filtered by CI, type, status, "
					+ "organisation and text (name, host); sortable by name, status, typeId, host, lastCollectedAt, "
					+ "createdAt.")
	PageResult<MonitorView> list(@RequestParam(required = false) Long ciId, @RequestParam(required = false) String typeId,
			@RequestParam(required = false) MonitorStatus status, @RequestParam(required = false) Long organisationId,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "m.name, m.id");
		PageResult<MonitorRow> rows = this.monitors.list(CurrentUsers.require(),
				new MonitorFilter(ciId, typeId, status, organisationId, q), paging);
		return new PageResult<>(this.views.views(rows.items(), LocaleContextHolder.getLocale()), rows.total(), rows.page(),
				rows.size());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('monitoring:monitor:read')")
	@Operation(summary = "Read a monitor",
			description = "One monitor of a CI in the caller's scope, with the outcome of its last collection and the names "
					+ "(never the values) of its stored secrets.")
	@ErrorResponses({ "MON-0001" })
	MonitorView get(@PathVariable long id) {
		return this.views.view(this.monitors.get(CurrentUsers.require(), id), LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Add a monitor",
			description = "`ciId` (a CI in scope, not retired), `typeId`, `parameters` as the type declares them "
					+ "(each checked: required, host, port, number range, option, URL, list), optional `name` "
					+ "(default: the type's name and the host), `intervalSeconds` (10–3600; default by the CI's "
					+ "importance: 60/120/240 s) and `enabled`. Every bad field is named. Audited without secrets.")
	@ErrorResponses(value = { "MON-0009" }, fields = { "MON-0002", "MON-0003", "MON-0004", "MON-0007", "MON-0008",
			"MON-0010", "MON-0011", "MON-0012", "MON-0013", "MON-0014", "MON-0015", "MON-0016", "MON-0017", "MON-0018",
			"MON-0019" })
	ResponseEntity<MonitorView> create(@RequestBody MonitorInput input) {
		Locale locale = LocaleContextHolder.getLocale();
		MonitorRow created = this.monitors.create(CurrentUsers.require(), input, locale);
		return ResponseEntity.status(HttpStatus.CREATED).body(this.views.view(created, locale));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Change a monitor",
			description = "As adding, with the `version` read; the CI cannot change. A secret sent empty keeps the "
					+ "stored one; changing the type drops the stored secrets.")
	@ErrorResponses(value = { "MON-0001", "MON-0005", "MON-0006", "MON-0009", "MON-0040" }, fields = { "MON-0002",
			"MON-0003", "MON-0007", "MON-0008", "MON-0010", "MON-0011", "MON-0012", "MON-0013", "MON-0014", "MON-0015",
			"MON-0016", "MON-0017", "MON-0018", "MON-0019" })
	MonitorView update(@PathVariable long id, @RequestBody MonitorInput input) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.views.view(this.monitors.update(CurrentUsers.require(), id, input, locale), locale);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Delete a monitor",
			description = "With the `version` read. Its history stays in the metric store until retention drops it.")
	@ErrorResponses({ "MON-0001", "MON-0005", "MON-0006" })
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
		this.monitors.delete(CurrentUsers.require(), id, version);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/test")
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Test a monitor's settings now",
			description = "Collects once (twice, a second apart, for types with counters) with the form's settings and "
					+ "answers the values read or the exact error; stores nothing. With `monitorId`, the stored "
					+ "secrets fill secret fields left empty. Takes up to 20 s per collection.")
	@ErrorResponses(value = { "MON-0001", "MON-0009", "MON-0040" }, fields = { "MON-0002", "MON-0003", "MON-0010",
			"MON-0011", "MON-0012", "MON-0013", "MON-0014", "MON-0015", "MON-0016", "MON-0017", "MON-0018", "MON-0019" })
	TrialView test(@RequestParam(required = false) Long monitorId, @RequestBody MonitorInput input) {
		Locale locale = LocaleContextHolder.getLocale();
		Trial trial = this.trials.trial(CurrentUsers.require(), monitorId, input, locale);
		Outcome outcome = trial.result().outcome();
		return new TrialView(outcome, this.views.text("monitoring.outcome." + outcome.name(), locale), outcome.collected(),
				trial.result().detail(), trial.durationMillis(), trial.values(), trial.result().facts(),
				trial.result().inventories().entrySet().stream()
					.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())));
	}

	/**
	 * What "test now" found.
	 *
	 * @param inventories the lists the target reported (processes …) and how many items each had
	 */
	record TrialView(Outcome outcome, String outcomeText, boolean collected, String detail, long durationMillis,
			List<TrialValue> values, Map<String, String> facts, Map<String, Integer> inventories) {
	}


}
