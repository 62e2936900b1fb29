package io.opsguard.monitoring.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.Importance;
import io.opsguard.monitoring.MonitorStatus;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.internal.MonitorRow;
import io.opsguard.monitoring.internal.MonitorService;
import io.opsguard.monitoring.schedule.CollectionScheduler;
import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.monitoring.template.ParameterDefinition;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Monitors and monitor types as the API shows them, in the reader's language; secrets only by name. */
@Component
class MonitorViews {

	private final MonitorTypes types;

	private final MonitorService monitors;

	private final ConfigurationItems cis;

	private final CollectionScheduler scheduler;

	private final MessageSource messages;

	MonitorViews(MonitorTypes types, MonitorService monitors, ConfigurationItems cis, CollectionScheduler scheduler,
			MessageSource messages) {
		this.types = types;
		this.monitors = monitors;
		this.cis = cis;
		this.scheduler = scheduler;
		this.messages = messages;
	}

	/**
	 * A monitor.
	 *
	 * @param secretsSet the secret parameters that hold a value (their values are never shown)
	 * @param intervalSeconds the monitor's own interval, or null for its CI's importance class
	 * @param effectiveIntervalSeconds the interval it runs at
	 */
	record MonitorView(long id, long ciId, String ciCode, String ciName, String ciClassCode, Importance importance,
			long organisationId, String typeId, String typeName, String protocol, String category, String name,
			String host, Map<String, Object> parameters, Set<String> secretsSet, Integer intervalSeconds,
			long effectiveIntervalSeconds, boolean enabled, MonitorStatus status, String statusText, Outcome lastOutcome,
			String lastOutcomeText, String lastDetail, Instant lastCollectedAt, Instant lastSuccessAt,
			Integer lastDurationMs, int consecutiveFailures, Instant createdAt, Instant updatedAt, int version) {
	}

	/** A monitor type for the type picker and the form. */
	record TypeView(String id, int version, String name, String description, String category, String categoryText,
			String protocol, List<String> appliesTo, boolean builtIn, List<ParameterView> parameters,
			List<MetricView> metrics) {
	}

	record ParameterView(String key, String type, String label, String help, boolean required, Object defaultValue,
			List<OptionView> options, Long min, Long max, String showWhenKey, String showWhenValue) {
	}

	record OptionView(String value, String label) {
	}

	record MetricView(String name, String label, String unit, String kind, String instance, boolean computed,
			List<ThresholdView> thresholds) {
	}

	record ThresholdView(String severity, String operator, double value, long forSeconds) {
	}

	List<MonitorView> views(Collection<MonitorRow> rows, Locale locale) {
		Map<Long, CiView> cis = new HashMap<>();
		List<MonitorView> views = new ArrayList<>();
		for (MonitorRow row : rows) {
			CiView ci = cis.computeIfAbsent(row.ciId(), id -> this.cis.find(id).orElse(null));
			views.add(view(row, ci, locale));
		}
		return views;
	}

	MonitorView view(MonitorRow row, Locale locale) {
		return view(row, this.cis.find(row.ciId()).orElse(null), locale);
	}

	private MonitorView view(MonitorRow row, CiView ci, Locale locale) {
		MonitorType type = this.types.find(row.typeId()).orElse(null);
		Importance importance = ci == null ? null : ci.importance();
		return new MonitorView(row.id(), row.ciId(), ci == null ? null : ci.code(), ci == null ? null : ci.name(),
				ci == null ? null : ci.classCode(), importance, row.organisationId(), row.typeId(),
				type == null ? row.typeId() : type.name().in(locale), type == null ? null : type.protocol(),
				type == null ? null : type.category(), row.name(), row.host(), row.parameters(),
				this.monitors.secretKeys(row), row.intervalSeconds(),
				this.scheduler.intervalOf(row, importance).toSeconds(), row.enabled(), row.status(),
				text("monitoring.status." + row.status().name(), locale), row.lastOutcome(),
				row.lastOutcome() == null ? null : text("monitoring.outcome." + row.lastOutcome().name(), locale),
				row.lastDetail(), row.lastCollectedAt(), row.lastSuccessAt(), row.lastDurationMs(),
				row.consecutiveFailures(), row.createdAt(), row.updatedAt(), row.version());
	}

	TypeView type(MonitorType type, Locale locale) {
		List<ParameterView> parameters = type.parameters()
			.stream()
			.map(p -> parameter(p, locale))
			.toList();
		List<MetricView> metrics = type.metrics()
			.stream()
			.filter(m -> !m.hidden())
			.map(m -> metric(m, locale))
			.toList();
		return new TypeView(type.id(), type.version(), type.name().in(locale),
				type.description() == null ? null : type.description().in(locale), type.category(),
				text("monitoring.category." + type.category(), locale), type.protocol(), type.appliesTo(), type.builtIn(),
				parameters, metrics);
	}

	private static ParameterView parameter(ParameterDefinition p, Locale locale) {
		return new ParameterView(p.key(), p.type().name(), p.label().in(locale), p.help() == null ? null : p.help().in(locale),
				p.required(), p.type() == io.opsguard.monitoring.template.ParameterType.SECRET ? null : p.defaultValue(),
				p.options().stream().map(o -> new OptionView(o.value(), o.label().in(locale))).toList(), p.min(), p.max(),
				p.showWhen() == null ? null : p.showWhen().key(), p.showWhen() == null ? null : p.showWhen().value());
	}

	static MetricView metric(MetricDefinition m, Locale locale) {
		return new MetricView(m.name(), m.label().in(locale), m.unit(), m.kind().name(),
				m.instance() == null ? null : m.instance().in(locale), !m.collected(),
				m.thresholds()
					.stream()
					.map(t -> new ThresholdView(t.severity().name(), t.operator(), t.value(), t.duration().toSeconds()))
					.toList());
	}

	String text(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

}
