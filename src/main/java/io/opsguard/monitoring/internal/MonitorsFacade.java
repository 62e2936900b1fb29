package io.opsguard.monitoring.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiSelection;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.Importance;
import io.opsguard.identity.DataScope;
import io.opsguard.monitoring.Monitors;
import io.opsguard.monitoring.schedule.CollectionScheduler;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.monitoring.template.ThresholdDefinition;

/** {@link Monitors} over the monitor store, the monitor types and the metric analyses. */
@Component
class MonitorsFacade implements Monitors {

	private final MonitorStore store;

	private final MonitorTypes types;

	private final ConfigurationItems cis;

	private final CollectionScheduler scheduler;

	private final MetricAnalysis analysis;

	private final ResourceAddresses addresses;

	MonitorsFacade(MonitorStore store, MonitorTypes types, ConfigurationItems cis, CollectionScheduler scheduler,
			MetricAnalysis analysis, ResourceAddresses addresses) {
		this.addresses = addresses;
		this.store = store;
		this.types = types;
		this.cis = cis;
		this.scheduler = scheduler;
		this.analysis = analysis;
	}

	@Override
	public List<MonitorView> all() {
		List<MonitorRow> rows = this.store.all();
		Set<Long> ciIds = rows.stream().map(MonitorRow::ciId).collect(Collectors.toSet());
		Map<Long, Importance> importance = new HashMap<>();
		if (!ciIds.isEmpty()) {
			for (CiView ci : this.cis.select(DataScope.everything(), new CiSelection(null, null, null, null, ciIds, null),
					ciIds.size())) {
				importance.put(ci.id(), ci.importance());
			}
		}
		List<MonitorView> views = new ArrayList<>(rows.size());
		for (MonitorRow row : rows) {
			views.add(view(row, importance.get(row.ciId())));
		}
		return views;
	}

	@Override
	public Optional<MonitorView> find(long id) {
		return this.store.find(id)
			.map(row -> view(row, this.cis.find(row.ciId()).map(CiView::importance).orElse(null)));
	}

	private MonitorView view(MonitorRow row, Importance importance) {
		return new MonitorView(row.id(), row.ciId(), row.organisationId(), row.typeId(), row.name(),
				this.scheduler.intervalOf(row, importance), row.enabled());
	}

	@Override
	public List<DefaultThreshold> defaultThresholds() {
		List<DefaultThreshold> thresholds = new ArrayList<>();
		for (MonitorType type : this.types.all()) {
			for (MetricDefinition metric : type.metrics()) {
				if (metric.hidden()) {
					continue;
				}
				for (ThresholdDefinition threshold : metric.thresholds()) {
					thresholds.add(new DefaultThreshold(type.id(), type.name().zh(), type.name().en(), metric.name(),
							metric.label().zh(), metric.label().en(), metric.unit(), threshold.severity().name(),
							threshold.operator(), threshold.value(), threshold.duration()));
				}
			}
		}
		return thresholds;
	}

	@Override
	public Map<String, MetricInfo> metrics() {
		Map<String, MetricInfo> metrics = new TreeMap<>();
		for (MonitorType type : this.types.all()) {
			for (MetricDefinition metric : type.metrics()) {
				if (!metric.hidden()) {
					metrics.putIfAbsent(metric.name(),
							new MetricInfo(metric.name(), metric.label().zh(), metric.label().en(), metric.unit(),
									metric.instance() == null ? null : metric.instance().zh(),
									metric.instance() == null ? null : metric.instance().en()));
				}
			}
		}
		// what every monitor records about its own collections
		metrics.putIfAbsent("collect_success",
				new MetricInfo("collect_success", "采集成功", "Collection succeeded", "boolean", null, null));
		metrics.putIfAbsent("collect_duration",
				new MetricInfo("collect_duration", "采集耗时", "Collection duration", "milliseconds", null, null));
		// OpsGuard's own health (self-diagnosis)
		metrics.putIfAbsent("opsguard_store_healthy",
				new MetricInfo("opsguard_store_healthy", "平台指标存储健康", "Platform metric store healthy", "boolean", null,
						null));
		return metrics;
	}

	@Override
	public Optional<Band> baseline(SeriesKey series, Instant at) {
		MetricAnalysis.Baseline baseline = this.analysis.baseline(series);
		ZoneId zone = baseline.zone();
		ZonedDateTime local = at.atZone(zone);
		int hourOfWeek = (local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + local.getHour();
		return baseline.hours()
			.stream()
			.filter(hour -> hour.hourOfWeek() == hourOfWeek)
			.findFirst()
			.map(hour -> new Band(hour.typical(), hour.low(), hour.high()));
	}

	@Override
	public Map<String, Double> daysUntilFull(long resource) {
		Map<String, Double> days = new LinkedHashMap<>();
		for (MetricAnalysis.DiskForecast forecast : this.analysis.diskForecast(resource)) {
			if (forecast.daysUntilFull() != null) {
				days.put(forecast.instance(), forecast.daysUntilFull());
			}
		}
		return days;
	}

	@Override
	public Optional<Long> resourceAt(String address) {
		return this.addresses.resourceAt(address).map(ResourceAddresses.Resource::ciId);
	}

}
