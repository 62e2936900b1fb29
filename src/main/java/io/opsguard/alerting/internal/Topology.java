package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

import io.opsguard.alerting.rule.ScopeKind;
import io.opsguard.cmdb.CiChanged;
import io.opsguard.cmdb.CiCreated;
import io.opsguard.cmdb.CiRetired;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiSelection;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.ConfigurationItems.RelationView;
import io.opsguard.cmdb.RelationChanged;
import io.opsguard.cmdb.RelationType;
import io.opsguard.identity.DataScope;
import io.opsguard.monitoring.Monitors;
import io.opsguard.monitoring.Monitors.MonitorView;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What alerting needs to know about the monitored resources, read from the CMDB and monitoring and
 * kept as a snapshot refreshed every minute (and soon after the CMDB changes): each resource's
 * name, class, organisation and business systems, which monitors watch it, the resources each scope
 * covers, and the parents a resource depends on (what it runs on, the device it is connected to).
 */
@Component
class Topology {

	static final int MAX_RESOURCES = 200_000;

	private static final Duration REFRESH = Duration.ofMinutes(1);

	private static final Duration SYSTEMS_REFRESH = Duration.ofMinutes(10);

	private final ConfigurationItems cis;

	private final Monitors monitors;

	private final Clock clock;

	private volatile Snapshot snapshot;

	private volatile boolean dirty = true;

	private volatile boolean systemsDirty = true;

	private volatile Map<Long, Set<Long>> systemsByCi = Map.of();

	private volatile Instant systemsReadAt = Instant.EPOCH;

	Topology(ConfigurationItems cis, Monitors monitors, Clock clock) {
		this.cis = cis;
		this.monitors = monitors;
		this.clock = clock;
	}

	/** A resource as alerting sees it. */
	record Resource(long id, String name, String classCode, long organisationId, Set<Long> businessSystems) {
	}

	/** The current snapshot, read again when it is a minute old or the CMDB changed. */
	Snapshot current() {
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		if (current == null || this.dirty || current.readAt.plus(REFRESH).isBefore(now)) {
			synchronized (this) {
				current = this.snapshot;
				if (current == null || this.dirty || current.readAt.plus(REFRESH).isBefore(now)) {
					this.dirty = false;
					current = read(now);
					this.snapshot = current;
				}
			}
		}
		return current;
	}

	/** Reads the snapshot again at the next use. */
	void invalidate() {
		this.dirty = true;
	}

	@EventListener
	void on(CiChanged event) {
		this.dirty = true;
		this.systemsDirty = true;
	}

	@EventListener
	void on(CiCreated event) {
		this.dirty = true;
	}

	@EventListener
	void on(CiRetired event) {
		this.dirty = true;
		this.systemsDirty = true;
	}

	@EventListener
	void on(RelationChanged event) {
		this.dirty = true;
		this.systemsDirty = true;
	}

	private Snapshot read(Instant now) {
		Map<Long, MonitorView> monitorsById = new HashMap<>();
		Set<Long> ciIds = new HashSet<>();
		for (MonitorView monitor : this.monitors.all()) {
			monitorsById.put(monitor.id(), monitor);
			ciIds.add(monitor.ciId());
		}
		Map<Long, Set<Long>> systems = businessSystems(now);
		Map<Long, Resource> resources = new HashMap<>();
		if (!ciIds.isEmpty()) {
			for (CiView ci : this.cis.select(DataScope.everything(), new CiSelection(null, null, null, null, ciIds, null),
					MAX_RESOURCES)) {
				resources.put(ci.id(), new Resource(ci.id(), ci.name(), ci.classCode(), ci.organisationId(),
						systems.getOrDefault(ci.id(), Set.of())));
			}
		}
		Map<Long, Set<Long>> parents = new HashMap<>();
		for (RelationView relation : this.cis.relationsOfType(RelationType.RUNS_ON)) {
			parents.computeIfAbsent(relation.sourceId(), any -> new HashSet<>()).add(relation.targetId());
		}
		for (RelationView relation : this.cis.relationsOfType(RelationType.CONNECTED_TO)) {
			parents.computeIfAbsent(relation.sourceId(), any -> new HashSet<>()).add(relation.targetId());
		}
		return new Snapshot(now, monitorsById, resources, parents, this);
	}

	private Map<Long, Set<Long>> businessSystems(Instant now) {
		if (this.systemsDirty || this.systemsReadAt.plus(SYSTEMS_REFRESH).isBefore(now)) {
			this.systemsDirty = false;
			Map<Long, Set<Long>> byCi = new HashMap<>();
			for (CiView system : this.cis.businessSystems()) {
				byCi.computeIfAbsent(system.id(), any -> new HashSet<>()).add(system.id());
				for (Long component : this.cis.componentsOf(system.id())) {
					byCi.computeIfAbsent(component, any -> new HashSet<>()).add(system.id());
				}
			}
			this.systemsByCi = byCi;
			this.systemsReadAt = now;
		}
		return this.systemsByCi;
	}

	/** A CI that no monitor watches, read from the CMDB. */
	java.util.Optional<Resource> read(long id) {
		java.util.Optional<CiView> ci = this.cis.find(id);
		if (ci.isEmpty()) {
			return java.util.Optional.empty();
		}
		Set<Long> systems = businessSystemsOf(id);
		return java.util.Optional.of(new Resource(id, ci.get().name(), ci.get().classCode(), ci.get().organisationId(), systems));
	}

	/**
	 * The business systems a CI is part of, monitored or not (alerts from other systems may name a
	 * CI that OpsGuard does not monitor itself).
	 */
	Set<Long> businessSystemsOf(long ciId) {
		return businessSystems(this.clock.instant()).getOrDefault(ciId, Set.of());
	}

	Set<Long> select(ScopeKind kind, String value) {
		CiSelection selection = switch (kind) {
			case CLASS -> new CiSelection(value, null, null, null, null, null);
			case TAG -> new CiSelection(null, value, null, null, null, null);
			case ORGANISATION -> new CiSelection(null, null, parseLong(value), null, null, null);
			case BUSINESS_SYSTEM -> new CiSelection(null, null, null, parseLong(value), null, null);
			default -> throw new IllegalArgumentException(kind.name());
		};
		if ((kind == ScopeKind.ORGANISATION || kind == ScopeKind.BUSINESS_SYSTEM) && parseLong(value) == null) {
			return Set.of();
		}
		Set<Long> ids = new HashSet<>();
		for (CiView ci : this.cis.select(DataScope.everything(), selection, MAX_RESOURCES)) {
			ids.add(ci.id());
		}
		return ids;
	}

	static Long parseLong(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** One reading of the topology. */
	static final class Snapshot {

		final Instant readAt;

		final Map<Long, MonitorView> monitors;

		final Map<Long, Resource> resources;

		final Map<Long, Set<Long>> parents;

		private final Topology topology;

		private final Map<String, Set<Long>> scopes = new ConcurrentHashMap<>();

		private final Map<Long, java.util.Optional<Resource>> others = new ConcurrentHashMap<>();

		Snapshot(Instant readAt, Map<Long, MonitorView> monitors, Map<Long, Resource> resources,
				Map<Long, Set<Long>> parents, Topology topology) {
			this.readAt = readAt;
			this.monitors = monitors;
			this.resources = resources;
			this.parents = parents;
			this.topology = topology;
		}

		/**
		 * A resource by CI id: the monitored ones are read with the snapshot, others (series sent
		 * in through the ingestion API, alerts of other systems) at their first use.
		 */
		Resource resource(long id) {
			Resource known = this.resources.get(id);
			if (known != null) {
				return known;
			}
			return this.others.computeIfAbsent(id, key -> this.topology.read(key)).orElse(null);
		}

		/** Which resources a scope covers. */
		LongPredicate scope(ScopeKind kind, String value) {
			return switch (kind) {
				case ALL, MONITOR_TYPE -> id -> true;
				case RESOURCE -> {
					Long id = parseLong(value);
					yield candidate -> id != null && candidate == id;
				}
				default -> {
					Set<Long> ids = this.scopes.computeIfAbsent(kind + ":" + value, key -> this.topology.select(kind, value));
					yield ids::contains;
				}
			};
		}

		/**
		 * The resources a scope covers: the monitored ones for every resource or a monitor type, the
		 * CIs of the scope otherwise.
		 */
		Set<Long> resourcesIn(ScopeKind kind, String value, String monitorType) {
			LongPredicate scope = scope(kind, value);
			Set<Long> ids = new HashSet<>();
			if (kind == ScopeKind.RESOURCE) {
				Long id = parseLong(value);
				if (id != null) {
					ids.add(id);
				}
				return ids;
			}
			if (kind != ScopeKind.ALL && kind != ScopeKind.MONITOR_TYPE && monitorType == null) {
				return new HashSet<>(this.scopes.computeIfAbsent(kind + ":" + value, key -> this.topology.select(kind, value)));
			}
			if (monitorType != null) {
				for (MonitorView monitor : this.monitors.values()) {
					if (monitor.typeId().equals(monitorType) && scope.test(monitor.ciId())) {
						ids.add(monitor.ciId());
					}
				}
				return ids;
			}
			for (Long id : this.resources.keySet()) {
				if (scope.test(id)) {
					ids.add(id);
				}
			}
			return ids;
		}

		/** Every resource the resource depends on, transitively (nearest first). */
		List<Long> ancestors(long id) {
			List<Long> found = new java.util.ArrayList<>();
			Set<Long> seen = new HashSet<>();
			seen.add(id);
			Deque<Long> queue = new ArrayDeque<>(this.parents.getOrDefault(id, Set.of()));
			while (!queue.isEmpty() && found.size() < 100) {
				Long next = queue.poll();
				if (seen.add(next)) {
					found.add(next);
					queue.addAll(this.parents.getOrDefault(next, Set.of()));
				}
			}
			return found;
		}

		/** The monitor type of the monitor with this id (a series' {@code monitor} label), or null. */
		String monitorType(String monitorId) {
			Long id = parseLong(monitorId);
			MonitorView monitor = id == null ? null : this.monitors.get(id);
			return monitor == null ? null : monitor.typeId();
		}

		Collection<MonitorView> monitorsOf(long ciId) {
			return this.monitors.values().stream().filter(m -> m.ciId() == ciId).toList();
		}

	}

}
