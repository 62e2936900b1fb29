package io.opsguard.alerting.web;

import java.util.Locale;
import java.util.Map;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.internal.RulePreview;
import io.opsguard.alerting.internal.RuleService;
import io.opsguard.alerting.internal.RuleService.RuleFilter;
import io.opsguard.alerting.internal.RuleService.RuleInput;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.alerting.rule.RuleKind;
import io.opsguard.alerting.web.AlertViews.RuleView;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.monitoring.Monitors;
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

/** Alert rules: thresholds, availability checks and expressions; template rules and their overrides. */
@RestController
@RequestMapping("/api/v1/alert-rules")
@Tag(name = "alert-rules", description = "Alert rules: thresholds with duration and recovery condition, availability "
		+ "checks, expressions over several metrics of one resource. Template rules follow the monitor types' default "
		+ "thresholds; they can be tuned, disabled, or overridden for one resource. A change applies at the next "
		+ "evaluation (10 s).")
class AlertRuleController {

	private static final Map<String, String> SORTABLE = Map.of("name", "name", "severity", "severity", "kind", "kind",
			"updatedAt", "updatedAt", "id", "id");

	private final RuleService rules;

	private final AlertViews views;

	private final Monitors monitors;

	private final RulePreview preview;

	AlertRuleController(RuleService rules, AlertViews views, Monitors monitors, RulePreview preview) {
		this.rules = rules;
		this.views = views;
		this.monitors = monitors;
		this.preview = preview;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "List alert rules",
			description = "Filters: `kind` (THRESHOLD, AVAILABILITY, EXPRESSION), `origin` (USER, TEMPLATE), `severity`, "
					+ "`enabled`, `q` (name, metric, expression, scope); sortable by name, severity, kind, updatedAt.")
	PageResult<RuleView> list(@RequestParam(required = false) RuleKind kind, @RequestParam(required = false) String origin,
			@RequestParam(required = false) AlertSeverity severity, @RequestParam(required = false) Boolean enabled,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "id");
		PageResult<AlertRule> rows = this.rules.list(new RuleFilter(kind, origin, severity, enabled, q), paging);
		return new PageResult<>(this.views.rules(rows.items()), rows.total(), rows.page(), rows.size());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "Read an alert rule", description = "One rule with its version.")
	@ErrorResponses({ "ALR-0001" })
	RuleView get(@PathVariable long id) {
		return this.views.rule(this.rules.get(id));
	}

	/** A metric of the vocabulary, for the rule editor. */
	record MetricView(String name, String label, String unit, String instance) {
	}

	@GetMapping("/metrics")
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "List the metrics rules can watch",
			description = "Every metric a monitor type stores, with its label in the caller's language, its unit and what "
					+ "one row is called (interface, mount point), for the rule editor.")
	java.util.List<MetricView> metrics() {
		Locale locale = LocaleContextHolder.getLocale();
		boolean english = "en".equals(locale.getLanguage());
		return this.monitors.metrics()
			.values()
			.stream()
			.map(m -> new MetricView(m.name(), english && m.nameEn() != null ? m.nameEn() : m.nameZh(), m.unit(),
					english && m.instanceEn() != null ? m.instanceEn() : m.instanceZh()))
			.toList();
	}

	@PostMapping
	@PreAuthorize("hasAuthority('alerting:rule:manage')")
	@Operation(summary = "Add an alert rule",
			description = "`name`, `kind`, `severity` (CRITICAL, MAJOR, MINOR, INFO), `scopeKind` (ALL, RESOURCE, CLASS, TAG, "
					+ "ORGANISATION, BUSINESS_SYSTEM) with `scopeValue`; THRESHOLD: `metric`, optional `instance`, `operator` "
					+ "(> >= < <= == !=), `threshold`, `forSeconds`, optional recovery (`recoveryOperator`, "
					+ "`recoveryThreshold`, `recoverySeconds`) that must leave a gap from the trigger; AVAILABILITY: `check` "
					+ "(COLLECTION_FAILING with `checkValue` intervals, CERT_EXPIRING or DISK_FULL with days, BASELINE with "
					+ "`metric` and a tolerance in per cent, PROCESS_NEW, TRAP); EXPRESSION: `expression` (explained when "
					+ "invalid). `notify`, `openIncident`, `enabled`. Every bad field is named. Audited.")
	@ErrorResponses(value = { "ALR-0020" }, fields = { "ALR-0004", "ALR-0005", "ALR-0006", "ALR-0007", "ALR-0008",
			"ALR-0009", "ALR-0010", "ALR-0011", "ALR-0012", "ALR-0013", "ALR-0014", "ALR-0015", "ALR-0016", "ALR-0017" })
	ResponseEntity<RuleView> create(@RequestBody RuleInput input) {
		AlertRule created = this.rules.create(CurrentUsers.require(), input, LocaleContextHolder.getLocale());
		return ResponseEntity.status(HttpStatus.CREATED).body(this.views.rule(created));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:rule:manage')")
	@Operation(summary = "Change an alert rule",
			description = "As adding, with the `version` read. A template rule keeps its kind and scope; once changed it no "
					+ "longer follows its monitor type. Firing alerts of the rule follow the new condition.")
	@ErrorResponses(value = { "ALR-0001", "ALR-0002", "ALR-0003", "ALR-0020" }, fields = { "ALR-0004", "ALR-0005",
			"ALR-0006", "ALR-0007", "ALR-0008", "ALR-0009", "ALR-0010", "ALR-0011", "ALR-0012", "ALR-0013", "ALR-0014",
			"ALR-0015", "ALR-0016", "ALR-0017" })
	RuleView update(@PathVariable long id, @RequestBody RuleInput input) {
		return this.views.rule(this.rules.update(CurrentUsers.require(), id, input, LocaleContextHolder.getLocale()));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:rule:manage')")
	@Operation(summary = "Delete an alert rule",
			description = "With the `version` read. Template rules cannot be deleted, only disabled. Its alerts stay.")
	@ErrorResponses({ "ALR-0001", "ALR-0002", "ALR-0003", "ALR-0018" })
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
		this.rules.delete(CurrentUsers.require(), id, version);
		return ResponseEntity.noContent().build();
	}

	/** A rule as written in the editor and how far back to replay it. */
	record PreviewRequest(RuleInput rule, Integer days, Long resourceId) {
	}

	@PostMapping("/preview")
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "Preview a rule against history",
			description = "`rule` as for adding (saved or not), `days` 1–31 (default 7), optional `resourceId`: replays the "
					+ "rule over the stored history with the live engine and answers how often it would have fired, on how "
					+ "many resources, and each firing (resource, start, end, peak; at most 200 listed, 200 resources read). "
					+ "Event and forecast checks and expressions answer `previewable: false`.")
	@ErrorResponses(value = { "ALR-0020" }, fields = { "ALR-0004", "ALR-0006", "ALR-0007", "ALR-0008", "ALR-0009",
			"ALR-0010", "ALR-0011", "ALR-0012", "ALR-0013", "ALR-0014", "ALR-0015", "ALR-0016", "ALR-0017", "ALR-0026" })
	RulePreview.Preview preview(@RequestBody PreviewRequest request) {
		RuleInput rule = request == null || request.rule() == null
				? new RuleInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
						null, null, null, null, null)
				: request.rule();
		return this.preview.preview(CurrentUsers.require(), rule, request == null ? null : request.days(),
				request == null ? null : request.resourceId(), LocaleContextHolder.getLocale());
	}

	@PostMapping("/{id}/overrides")
	@PreAuthorize("hasAuthority('alerting:rule:manage')")
	@Operation(summary = "Override a template rule for one resource",
			description = "`resourceId` (query) and the fields to change (`threshold`, `operator`, `forSeconds`, "
					+ "`severity`, recovery, `enabled`); the rest comes from the template rule. Writing it again changes the "
					+ "override (with its `version`). The template rule no longer applies to that resource.")
	@ErrorResponses(value = { "ALR-0001", "ALR-0002", "ALR-0019", "ALR-0020" }, fields = { "ALR-0008", "ALR-0011",
			"ALR-0012", "ALR-0013", "ALR-0014" })
	RuleView override(@PathVariable long id, @RequestParam long resourceId, @RequestBody RuleInput input) {
		return this.views.rule(
				this.rules.override(CurrentUsers.require(), id, resourceId, input, LocaleContextHolder.getLocale()));
	}

}
