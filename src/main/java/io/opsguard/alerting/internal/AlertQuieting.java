package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

import io.opsguard.alerting.rule.ScopeKind;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.Organisations;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link Quieting} over the silences, the maintenance windows and the dependencies: an alert of a
 * resource is "caused by" a parent it runs on or is connected to when that parent is down — its
 * collections all failing, or an alert of its collections failing open.
 */
@Component
class AlertQuieting implements Quieting {

	private static final Duration CACHE = Duration.ofSeconds(2);

	/**
	 * How long after a parent came back a resource behind it, not seen failing since, is still taken
	 * as caused by it (its next collection may be minutes away).
	 */
	static final Duration PARENT_SETTLE = Duration.ofMinutes(10);

	private final Silences silences;

	private final MaintenanceWindows windows;

	private final Topology topology;

	private final ConfigurationItems cis;

	private final Organisations organisations;

	private final MetricStore metrics;

	private final JdbcClient jdbc;

	private final AlertingProperties properties;

	private final Clock clock;

	private volatile Cached cached;

	AlertQuieting(Silences silences, MaintenanceWindows windows, Topology topology, ConfigurationItems cis,
			Organisations organisations, MetricStore metrics, JdbcClient jdbc, AlertingProperties properties, Clock clock) {
		this.silences = silences;
		this.windows = windows;
		this.topology = topology;
		this.cis = cis;
		this.organisations = organisations;
		this.metrics = metrics;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	private record Cached(Instant at, List<Silences.Silence> silences, List<MaintenanceWindows.Window> windows) {
	}

	@Override
	public Verdict judge(AlertRow alert, Instant now) {
		Cached current = this.cached;
		if (current == null || current.at().plus(CACHE).isBefore(now) || current.at().isAfter(now)) {
			current = new Cached(now, this.silences.active(now), this.windows.openAt(now));
			this.cached = current;
		}
		Long silence = null;
		for (Silences.Silence candidate : current.silences()) {
			if (candidate.activeAt(now) && matches(candidate, alert)) {
				silence = candidate.id();
				break;
			}
		}
		Long window = null;
		if (alert.ciId() != null) {
			Topology.Snapshot snapshot = this.topology.current();
			for (MaintenanceWindows.Window candidate : current.windows()) {
				LongPredicate scope = snapshot.scope(candidate.scopeKind(), candidate.scopeValue());
				if (scope.test(alert.ciId())) {
					window = candidate.id();
					break;
				}
			}
		}
		Long[] parent = alert.ciId() == null ? new Long[2] : downParent(alert);
		return new Verdict(silence, window, parent[0], parent[1]);
	}

	/** Forgets the cached silences and windows (one was just written). */
	void refresh() {
		this.cached = null;
	}

	private boolean matches(Silences.Silence silence, AlertRow alert) {
		if (silence.ruleId() != null && !silence.ruleId().equals(alert.ruleId())) {
			return false;
		}
		if (silence.ciId() != null && !silence.ciId().equals(alert.ciId())) {
			return false;
		}
		if (silence.severity() != null && silence.severity() != alert.severity()) {
			return false;
		}
		if (silence.organisationId() != null && (alert.organisationId() == null
				|| !this.organisations.subtree(silence.organisationId()).contains(alert.organisationId()))) {
			return false;
		}
		if (alert.ciId() == null && (silence.classCode() != null || silence.tag() != null
				|| silence.businessSystemId() != null)) {
			return false;
		}
		Topology.Snapshot snapshot = this.topology.current();
		if (silence.classCode() != null && !snapshot.scope(ScopeKind.CLASS, silence.classCode()).test(alert.ciId())) {
			return false;
		}
		if (silence.tag() != null && !snapshot.scope(ScopeKind.TAG, silence.tag()).test(alert.ciId())) {
			return false;
		}
		return silence.businessSystemId() == null
				|| snapshot.scope(ScopeKind.BUSINESS_SYSTEM, silence.businessSystemId().toString()).test(alert.ciId());
	}

	/** The parent found down and its open alert, nearest first; both null when none is down. */
	private Long[] downParent(AlertRow alert) {
		List<Long> ancestors = this.topology.current().ancestors(alert.ciId());
		if (ancestors.isEmpty()) {
			return new Long[2];
		}
		// a parent whose availability alert is open, or resolved lately while this resource has not been seen
		// failing since (what stood behind the parent comes back a little later: not a fault of its own)
		Map<Long, Long> openAlerts = new HashMap<>();
		Instant seen = alert.lastSeenAt();
		this.jdbc.sql("select ci_id, id, resolved_at from alr_alert where metric in ('collect_success', 'up') "
				+ "and ci_id in (:ids) and (open_key is not null or resolved_at >= :settled) order by id")
			.param("ids", ancestors)
			.param("settled", java.sql.Timestamp.from(this.clock.instant().minus(PARENT_SETTLE)))
			.query((rs, n) -> {
				java.sql.Timestamp resolved = rs.getTimestamp("resolved_at");
				if (resolved == null || seen == null || !seen.isAfter(resolved.toInstant())) {
					openAlerts.putIfAbsent(rs.getLong("ci_id"), rs.getLong("id"));
				}
				return null;
			})
			.list();
		Set<Long> down = downByCollections(ancestors);
		for (Long ancestor : ancestors) {
			if (openAlerts.containsKey(ancestor) || down.contains(ancestor)) {
				return new Long[] { openAlerts.get(ancestor), ancestor };
			}
		}
		return new Long[2];
	}

	/** The resources whose newest collections all failed. */
	private Set<Long> downByCollections(List<Long> resources) {
		SeriesSelector selector = SeriesSelector.metric("collect_success")
			.where(SeriesKey.RESOURCE, resources.stream().map(String::valueOf).toList());
		Map<Long, boolean[]> seen = new HashMap<>();
		for (LatestValue latest : this.metrics.latest(selector, this.properties.lookback())) {
			long resource = io.opsguard.alerting.rule.RuleEngine.resourceOf(latest.series());
			boolean[] state = seen.computeIfAbsent(resource, any -> new boolean[] { true });
			state[0] &= latest.value() == 0;
		}
		Set<Long> down = new java.util.HashSet<>();
		seen.forEach((resource, state) -> {
			if (state[0]) {
				down.add(resource);
			}
		});
		return down;
	}



}
