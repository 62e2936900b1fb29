package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.alerting.internal.RuleService.RuleInput;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.alerting.rule.CheckKind;
import io.opsguard.alerting.rule.RuleEngine;
import io.opsguard.alerting.rule.RuleEngine.Signal;
import io.opsguard.alerting.rule.RuleKind;
import io.opsguard.alerting.rule.ScopeKind;
import io.opsguard.alerting.rule.ThresholdMachine.Transition;
import io.opsguard.monitoring.Monitors;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.shared.OpsGuardException;

import org.springframework.stereotype.Service;

/**
 * "This rule would have fired 4 times last week": replays a rule — as written in the editor, saved
 * or not — over the stored history with the same engine the live evaluation uses, step by step in
 * time, and answers each firing with its resource, start, end and peak.
 */
@Service
public class RulePreview {

	/** The most resources a preview reads. */
	static final int MAX_RESOURCES = 200;

	/** The most firings listed (all are counted). */
	static final int MAX_ITEMS = 200;

	private final RuleService rules;

	private final Topology topology;

	private final MetricStore store;

	private final Monitors monitors;

	private final Clock clock;

	RulePreview(RuleService rules, Topology topology, MetricStore store, Monitors monitors, Clock clock) {
		this.rules = rules;
		this.topology = topology;
		this.store = store;
		this.monitors = monitors;
		this.clock = clock;
	}

	/** A firing the rule would have raised. */
	public record Firing(long ciId, String ciName, String series, String instance, Instant startedAt, Instant endedAt,
			Double peak) {
	}

	/**
	 * The replay's answer; {@code previewable} false for rules history cannot replay (events,
	 * forecasts), with {@code reason}.
	 */
	public record Preview(boolean previewable, String reason, Instant from, Instant to, int firings, int resources,
			int seriesExamined, boolean truncated, List<Firing> items) {
	}

	public Preview preview(io.opsguard.identity.CurrentUser user, RuleInput input, Integer days, Long resourceId,
			Locale locale) {
		int span = days == null ? 7 : days;
		if (span < 1 || span > 31) {
			throw OpsGuardException.onField("days", AlertingError.BAD_PREVIEW_RANGE);
		}
		AlertRule checked = this.rules.check(input, null, locale);
		AlertRule rule = new AlertRule(-1, checked.name(), null, checked.kind(), AlertRule.USER, null, null,
				checked.scopeKind(), checked.scopeValue(), checked.severity(), checked.metric(), checked.instance(),
				checked.operator(), checked.threshold(), checked.forDuration(), checked.recoveryOperator(),
				checked.recoveryThreshold(), checked.recoveryFor(), checked.check(), checked.checkValue(),
				checked.expression(), true, true, false, null, null, null, 0);
		Instant to = this.clock.instant();
		Instant from = to.minus(Duration.ofDays(span));
		if (rule.kind() == RuleKind.EXPRESSION
				|| rule.kind() == RuleKind.AVAILABILITY && (rule.check().eventBased() || rule.check() == CheckKind.DISK_FULL)) {
			return new Preview(false, rule.kind() == RuleKind.EXPRESSION ? "EXPRESSION" : rule.check().name(), from, to, 0, 0,
					0, false, List.of());
		}
		Topology.Snapshot snapshot = this.topology.current();
		Set<Long> resources = new TreeSet<>(snapshot.resourcesIn(rule.scopeKind(), rule.scopeValue(), null));
		if (resourceId != null) {
			resources.retainAll(Set.of(resourceId));
		}
		if (!user.scope().all()) {
			// only the resources of the caller's subtree
			resources.removeIf(id -> {
				Topology.Resource resource = snapshot.resource(id);
				return resource == null || !user.scope().includes(resource.organisationId());
			});
		}
		boolean truncated = resources.size() > MAX_RESOURCES;
		List<String> ids = resources.stream().limit(MAX_RESOURCES).map(String::valueOf).toList();
		if (ids.isEmpty()) {
			return new Preview(true, null, from, to, 0, 0, 0, false, List.of());
		}
		SeriesSelector selector = SeriesSelector.metric(rule.watchedMetric()).where(SeriesKey.RESOURCE, ids);
		Duration step = span <= 1 && ids.size() <= 20 ? null : Duration.ofMinutes(1);
		List<SeriesPoints> history = this.store.range(selector, from, to, step);
		// every instant any series has a point, in order
		TreeSet<Long> instants = new TreeSet<>();
		for (SeriesPoints points : history) {
			for (long t : points.timestamps()) {
				instants.add(t);
			}
		}
		Map<Long, List<LatestValue>> byInstant = new HashMap<>();
		for (SeriesPoints points : history) {
			long[] timestamps = points.timestamps();
			double[] values = points.values();
			for (int i = 0; i < timestamps.length; i++) {
				byInstant.computeIfAbsent(timestamps[i], any -> new ArrayList<>())
					.add(new LatestValue(points.series(), timestamps[i], values[i]));
			}
		}
		Map<String, double[]> bands = new HashMap<>();
		RuleEngine engine = new RuleEngine((metric, lookback) -> List.of(), (series, at) -> band(bands, series, at),
				Duration.ofDays(span + 1), fingerprint -> false);
		RuleEngine.Compiled compiled = this.rules.compile(rule, snapshot, Set.of());
		List<Firing> items = new ArrayList<>();
		Map<String, Firing> open = new HashMap<>();
		Map<String, double[]> peaks = new HashMap<>();
		int firings = 0;
		Set<Long> firingResources = new TreeSet<>();
		for (long at : instants) {
			List<LatestValue> samples = byInstant.get(at);
			List<Signal> signals = engine.replay(compiled, samples);
			for (LatestValue sample : samples) {
				String key = sample.series().toString();
				double[] peak = peaks.get(key);
				if (peak != null) {
					peak[0] = Math.max(peak[0], sample.value());
				}
			}
			for (Signal signal : signals) {
				String key = signal.series().toString();
				if (signal.kind() == Transition.FIRE) {
					firings++;
					firingResources.add(signal.resourceId());
					Topology.Resource resource = snapshot.resource(signal.resourceId());
					open.put(key, new Firing(signal.resourceId(), resource == null ? null : resource.name(), key,
							signal.series().label(SeriesKey.INSTANCE), Instant.ofEpochMilli(signal.at()), null, null));
					peaks.put(key, new double[] { signal.value() });
				}
				else if (signal.kind() == Transition.RECOVER) {
					Firing started = open.remove(key);
					double[] peak = peaks.remove(key);
					if (started != null && items.size() < MAX_ITEMS) {
						items.add(new Firing(started.ciId(), started.ciName(), key, started.instance(), started.startedAt(),
								Instant.ofEpochMilli(signal.at()), peak == null ? null : peak[0]));
					}
				}
			}
		}
		for (Map.Entry<String, Firing> still : open.entrySet()) {
			if (items.size() < MAX_ITEMS) {
				double[] peak = peaks.get(still.getKey());
				Firing f = still.getValue();
				items.add(new Firing(f.ciId(), f.ciName(), f.series(), f.instance(), f.startedAt(), null,
						peak == null ? null : peak[0]));
			}
		}
		items.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
		return new Preview(true, null, from, to, firings, firingResources.size(), history.size(),
				truncated || firings > items.size(), items);
	}

	/** The band of the series for the hour {@code at} falls in (read once per series and hour). */
	private double[] band(Map<String, double[]> cache, SeriesKey series, long at) {
		return cache.computeIfAbsent(series + "@" + at / 3_600_000L, key -> this.monitors.baseline(series, Instant.ofEpochMilli(at))
			.map(b -> new double[] { b.low(), b.high() })
			.orElse(null));
	}


}
