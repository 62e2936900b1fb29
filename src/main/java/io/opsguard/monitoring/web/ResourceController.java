package io.opsguard.monitoring.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.Importance;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.monitoring.ResourceEventKind;
import io.opsguard.monitoring.ResourceState;
import io.opsguard.monitoring.internal.MonitorRow;
import io.opsguard.monitoring.internal.MonitorStore;
import io.opsguard.monitoring.internal.MonitoredResources;
import io.opsguard.monitoring.internal.MonitoredResources.EventRow;
import io.opsguard.monitoring.internal.MonitoredResources.ResourceFilter;
import io.opsguard.monitoring.internal.MonitoredResources.ResourceSummary;
import io.opsguard.monitoring.internal.MonitoringError;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.monitoring.web.MonitorViews.MetricView;
import io.opsguard.monitoring.web.MonitorViews.MonitorView;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monitored resources: the list with status colours and last values, a resource's page (monitors,
 * facts, which metrics and rows it has for the charts) and the events recorded on resources.
 */
@RestController
@RequestMapping("/api/v1/monitoring")
@Tag(name = "monitored-resources", description = "Monitored resources (CIs with monitors) with their state and last "
		+ "values, one resource's monitors, facts and metric catalogue, and the events recorded on resources (traps, "
		+ "processes, reachability).")
class ResourceController {

	/** The values the resource list shows beside each resource. */
	static final List<String> HEADLINE = List.of("cpu_usage", "mem_usage", "fs_usage", "ping_rtt_avg", "if_in_bps");

	private static final Duration FRESH = Duration.ofMinutes(15);

	private static final Map<String, String> SORTABLE = Map.of("state", "r.state", "lastCollectedAt",
			"r.last_collected_at", "monitors", "r.monitors", "ciId", "r.ci_id");

	private final MonitoredResources resources;

	private final MonitorStore monitors;

	private final MonitorTypes types;

	private final ConfigurationItems cis;

	private final MetricStore store;

	private final MonitorViews views;

	ResourceController(MonitoredResources resources, MonitorStore monitors, MonitorTypes types, ConfigurationItems cis,
			MetricStore store, MonitorViews views) {
		this.resources = resources;
		this.monitors = monitors;
		this.types = types;
		this.cis = cis;
		this.store = store;
		this.views = views;
	}

	record ResourceView(long ciId, String ciCode, String ciName, String classCode, Importance importance,
			long organisationId, ResourceState state, String stateText, int monitors, int enabled, int up, int down,
			int partial, int pending, Instant lastCollectedAt, Map<String, Double> latest) {
	}

	record ResourcePage(List<ResourceView> items, long total, int page, int size, Map<ResourceState, Long> counts) {
	}

	@GetMapping("/resources")
	@PreAuthorize("hasAuthority('monitoring:monitor:read')")
	@Operation(summary = "List monitored resources",
			description = "One page of the CIs with monitors in the caller's scope, each with its state (OK, WARNING, "
					+ "UNREACHABLE when every enabled monitor fails, PENDING, DISABLED), monitor counts and the newest "
					+ "values of cpu_usage, mem_usage, fs_usage (fullest), ping_rtt_avg and if_in_bps (busiest) from "
					+ "the last 15 minutes. Filters: state, classCode (and below), organisationId (and below), q (CI "
					+ "code, name). Sortable by state, lastCollectedAt, monitors, ciId. `counts` gives every state's "
					+ "number in scope.")
	ResourcePage list(@RequestParam(required = false) ResourceState state, @RequestParam(required = false) String classCode,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		CurrentUser user = CurrentUsers.require();
		Locale locale = LocaleContextHolder.getLocale();
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "r.ci_id");
		PageResult<ResourceSummary> summaries = this.resources.list(user,
				new ResourceFilter(state, classCode, organisationId, q), paging);
		Map<Long, Map<String, Double>> latest = headline(summaries.items().stream().map(ResourceSummary::ciId).toList());
		List<ResourceView> items = new ArrayList<>();
		for (ResourceSummary summary : summaries.items()) {
			CiView ci = this.cis.find(summary.ciId()).orElse(null);
			items.add(view(summary, ci, latest.getOrDefault(summary.ciId(), Map.of()), locale));
		}
		return new ResourcePage(items, summaries.total(), summaries.page(), summaries.size(), this.resources.counts(user));
	}

	record MetricCatalogue(String monitorTypeId, long monitorId, MetricView metric, List<String> instances) {
	}

	record ResourceDetail(ResourceView resource, List<MonitorView> monitors, Map<String, Object> facts,
			List<MetricCatalogue> metrics) {
	}

	@GetMapping("/resources/{ciId}")
	@PreAuthorize("hasAuthority('monitoring:monitor:read')")
	@Operation(summary = "Read a monitored resource",
			description = "Its state, monitors, the facts its monitors reported (system description, versions) and "
					+ "its metric catalogue: each metric of its monitors' types with label, unit and the rows "
					+ "(`instances`) the store holds, for the dashboard's charts.")
	@ErrorResponses({ "MON-0042" })
	ResourceDetail get(@PathVariable long ciId) {
		CurrentUser user = CurrentUsers.require();
		Locale locale = LocaleContextHolder.getLocale();
		CiView ci = this.cis.find(ciId)
			.filter(c -> user.scope().includes(c.organisationId()))
			.orElseThrow(() -> new OpsGuardException(MonitoringError.UNKNOWN_RESOURCE));
		ResourceSummary summary = this.resources.summary(ciId)
			.orElse(new ResourceSummary(ciId, ci.organisationId(), 0, 0, 0, 0, 0, 0, null, ResourceState.DISABLED));
		List<MonitorRow> rows = this.monitors.ofCi(ciId);
		Map<String, Object> facts = new LinkedHashMap<>();
		this.monitors.facts(rows.stream().map(MonitorRow::id).toList()).values().forEach(facts::putAll);
		List<MetricCatalogue> catalogue = new ArrayList<>();
		Set<String> listed = new LinkedHashSet<>();
		for (MonitorRow row : rows) {
			MonitorType type = this.types.find(row.typeId()).orElse(null);
			if (type == null) {
				continue;
			}
			for (MetricDefinition metric : type.metrics()) {
				if (metric.hidden() || !listed.add(row.id() + "/" + metric.name())) {
					continue;
				}
				List<String> instances = new ArrayList<>();
				if (metric.instance() != null) {
					Set<String> names = new TreeSet<>();
					this.store.find(SeriesSelector.metric(metric.name())
						.where(SeriesKey.RESOURCE, Long.toString(ciId))
						.where(SeriesKey.MONITOR, Long.toString(row.id())), 500)
						.forEach(key -> {
							if (key.label(SeriesKey.INSTANCE) != null) {
								names.add(key.label(SeriesKey.INSTANCE));
							}
						});
					instances.addAll(names);
				}
				catalogue.add(new MetricCatalogue(type.id(), row.id(), MonitorViews.metric(metric, locale), instances));
			}
		}
		return new ResourceDetail(view(summary, ci, headline(List.of(ciId)).getOrDefault(ciId, Map.of()), locale),
				this.views.views(rows, locale), facts, catalogue);
	}

	record EventView(long id, Long ciId, String ciName, Long monitorId, ResourceEventKind kind, String kindText,
			String severity, String severityText, String summary, Map<String, Object> details, String source,
			Instant occurredAt, Instant receivedAt) {
	}

	@GetMapping("/events")
	@PreAuthorize("hasAuthority('monitoring:monitor:read')")
	@Operation(summary = "List events recorded on resources",
			description = "Traps, processes gone missing or new, resources unreachable and reachable again; newest "
					+ "first; filtered by resource (`ciId`), `kind` and period (`from` inclusive, `to` exclusive). Events "
					+ "from addresses no monitor knows are shown to callers whose scope is everything.")
	PageResult<EventView> events(@RequestParam(required = false) Long ciId,
			@RequestParam(required = false) ResourceEventKind kind, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		Locale locale = LocaleContextHolder.getLocale();
		PageQuery paging = PageQuery.of(page, size, null, Map.of(), "e.occurred_at desc, e.id desc");
		PageResult<EventRow> rows = this.resources.events(CurrentUsers.require(), ciId, kind, from, to, paging);
		Map<Long, String> names = this.cis.names(rows.items().stream().map(EventRow::ciId).filter(java.util.Objects::nonNull).toList());
		List<EventView> items = rows.items()
			.stream()
			.map(e -> new EventView(e.id(), e.ciId(), e.ciId() == null ? null : names.get(e.ciId()), e.monitorId(), e.kind(),
					this.views.text("monitoring.event." + e.kind().name(), locale), e.severity(),
					this.views.text("monitoring.severity." + e.severity(), locale), e.summary(), e.details(), e.source(),
					e.occurredAt(), e.receivedAt()))
			.toList();
		return new PageResult<>(items, rows.total(), rows.page(), rows.size());
	}

	private ResourceView view(ResourceSummary summary, CiView ci, Map<String, Double> latest, Locale locale) {
		return new ResourceView(summary.ciId(), ci == null ? null : ci.code(), ci == null ? null : ci.name(),
				ci == null ? null : ci.classCode(), ci == null ? null : ci.importance(), summary.organisationId(),
				summary.state(), this.views.text("monitoring.state." + summary.state().name(), locale), summary.monitors(),
				summary.enabled(), summary.up(), summary.down(), summary.partial(), summary.pending(),
				summary.lastCollectedAt(), latest);
	}

	/** The headline values per resource: the highest row's where a metric has rows (fullest disk, busiest link). */
	private Map<Long, Map<String, Double>> headline(List<Long> ciIds) {
		Map<Long, Map<String, Double>> values = new HashMap<>();
		if (ciIds.isEmpty()) {
			return values;
		}
		List<String> ids = ciIds.stream().map(String::valueOf).toList();
		for (String metric : HEADLINE) {
			for (LatestValue latest : this.store.latest(SeriesSelector.metric(metric).where(SeriesKey.RESOURCE, ids), FRESH)) {
				long ci = Long.parseLong(latest.series().label(SeriesKey.RESOURCE));
				values.computeIfAbsent(ci, id -> new LinkedHashMap<>()).merge(metric, latest.value(), Math::max);
			}
		}
		return values;
	}

}
