package io.opsguard.monitoring.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.identity.CurrentUser;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.internal.MonitorService.MonitorInput;
import io.opsguard.monitoring.internal.MonitorService.Prepared;
import io.opsguard.monitoring.schedule.Collections;
import io.opsguard.monitoring.schedule.CounterRates;
import io.opsguard.monitoring.schedule.MetricDerivation;
import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MetricKind;
import io.opsguard.monitoring.template.MonitorType;

import org.springframework.stereotype.Service;

/**
 * "Test now": collects once with the parameters of a form (saved or not) and answers the values it
 * read or the exact error, storing nothing. A type with counters is collected twice, a second
 * apart, so that rates show too. It runs on the wall clock, as collections do.
 */
@Service
public class MonitorTrial {

	private final MonitorService monitors;

	private final Collections collections;

	MonitorTrial(MonitorService monitors, Collections collections) {
		this.monitors = monitors;
		this.collections = collections;
	}

	/** One value the trial read. */
	public record TrialValue(String metric, String label, String unit, String instance, double value) {
	}

	/** What a trial found. */
	public record Trial(CollectionResult result, long durationMillis, List<TrialValue> values) {
	}

	/**
	 * Tries a monitor's settings. With {@code monitorId}, its stored secrets fill the secret fields
	 * left empty (an edit form never holds them).
	 */
	public Trial trial(CurrentUser user, Long monitorId, MonitorInput input, Locale locale) {
		Map<String, String> stored = Map.of();
		MonitorRow before = null;
		if (monitorId != null) {
			before = this.monitors.get(user, monitorId);
			stored = before.typeId().equals(input.typeId()) ? this.monitors.openSecrets(before) : Map.of();
		}
		MonitorInput effective = before == null ? input
				: new MonitorInput(before.ciId(), input.typeId(), input.name(), input.parameters(), input.intervalSeconds(),
						input.enabled(), input.version());
		Prepared prepared = this.monitors.prepare(user.scope(), effective, stored, before, locale);
		MonitorType type = prepared.type();
		Map<String, Object> parameters = MonitorParameters.forCollection(type, prepared.parameters().plain(),
				prepared.parameters().secrets());
		MetricDerivation derivation = new MetricDerivation(new CounterRates());
		long started = System.currentTimeMillis();
		CollectionResult result = this.collections.collect(type, parameters, MonitorService.TEST_TIMEOUT);
		Map<String, Map<String, Double>> values = derivation.values(type, 0, result, started);
		boolean counters = type.metrics().stream().anyMatch(m -> m.kind() == MetricKind.COUNTER);
		if (counters && result.outcome().collected()) {
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			long second = System.currentTimeMillis();
			CollectionResult again = this.collections.collect(type, parameters, MonitorService.TEST_TIMEOUT);
			if (again.outcome().collected()) {
				result = again;
				values = derivation.values(type, 0, again, second);
			}
		}
		long duration = System.currentTimeMillis() - started;
		List<TrialValue> shown = new ArrayList<>();
		for (Map.Entry<String, Map<String, Double>> row : values.entrySet()) {
			for (Map.Entry<String, Double> value : row.getValue().entrySet()) {
				MetricDefinition metric = type.metric(value.getKey()).orElse(null);
				if (metric == null || metric.hidden() || !Double.isFinite(value.getValue())) {
					continue;
				}
				shown.add(new TrialValue(metric.name(), metric.label().in(locale), metric.unit(),
						row.getKey().isEmpty() ? null : row.getKey(), value.getValue()));
			}
		}
		Map<String, Integer> order = new LinkedHashMap<>();
		for (int i = 0; i < type.metrics().size(); i++) {
			order.put(type.metrics().get(i).name(), i);
		}
		shown.sort(java.util.Comparator.<TrialValue>comparingInt(v -> order.getOrDefault(v.metric(), 0))
			.thenComparing(v -> v.instance() == null ? "" : v.instance()));
		return new Trial(result, duration, shown);
	}

}
