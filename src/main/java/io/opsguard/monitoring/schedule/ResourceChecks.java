package io.opsguard.monitoring.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.opsguard.monitoring.ResourceEventKind;
import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.template.Severity;

/**
 * What in a collection deserves an event on the resource, remembered across collections in memory:
 * an expected process that stopped (R-MON-04), a process that appeared — confirmed at two
 * collections in a row, so short-lived commands (the collector's own included) never count —, a
 * resource whose every monitor now fails, and one that answers again. Only changes are told: a
 * process missing for an hour is one event, not sixty. After a restart the remembered state starts
 * again from the first collection.
 */
public final class ResourceChecks {

	/** How many process names are remembered per monitor. */
	static final int MAX_PROCESSES = 2000;

	/** An event to record. */
	public record Finding(ResourceEventKind kind, Severity severity, String summary, Map<String, Object> details) {
	}

	private record Processes(Set<String> seen, Set<String> candidates) {
	}

	/** Per monitor: the processes seen so far, and those seen once but not yet twice. */
	private final Map<Long, Processes> processes = new ConcurrentHashMap<>();

	/** Per monitor: whether its expected processes ran at the last collection. */
	private final Map<Long, Map<String, Boolean>> expected = new ConcurrentHashMap<>();

	/** Per resource: which of its monitors collected at their last collection. */
	private final Map<Long, Map<Long, Boolean>> reachability = new ConcurrentHashMap<>();

	/** The findings of one collection of a monitor of a resource. */
	public List<Finding> check(long resourceId, long monitorId, CollectionResult result) {
		List<Finding> findings = new ArrayList<>();
		expectedProcesses(monitorId, result, findings);
		newProcesses(monitorId, result, findings);
		reachability(resourceId, monitorId, result, findings);
		return findings;
	}

	/** Forgets what was remembered about a monitor (deleted or switched off). */
	public void forget(long monitorId) {
		this.processes.remove(monitorId);
		this.expected.remove(monitorId);
		this.reachability.values().forEach(monitors -> monitors.remove(monitorId));
	}

	private void expectedProcesses(long monitorId, CollectionResult result, List<Finding> findings) {
		Map<String, Boolean> running = new LinkedHashMap<>();
		for (CollectedValue value : result.values()) {
			if ("process_up".equals(value.metric()) && value.instance() != null) {
				running.put(value.instance(), value.value() > 0);
			}
		}
		if (running.isEmpty()) {
			return;
		}
		Map<String, Boolean> before = this.expected.put(monitorId, running);
		List<String> missing = running.entrySet()
			.stream()
			.filter(e -> !e.getValue() && (before == null || !Boolean.FALSE.equals(before.get(e.getKey()))))
			.map(Map.Entry::getKey)
			.toList();
		if (!missing.isEmpty()) {
			findings.add(new Finding(ResourceEventKind.PROCESS_MISSING, Severity.MAJOR,
					"process missing: " + String.join(", ", missing), Map.of("processes", missing)));
		}
	}

	private void newProcesses(long monitorId, CollectionResult result, List<Finding> findings) {
		List<String> list = result.inventories().get("processes");
		if (list == null || !result.outcome().collected()) {
			return;
		}
		Set<String> now = new TreeSet<>(list);
		Processes known = this.processes.get(monitorId);
		if (known == null) {
			this.processes.put(monitorId, new Processes(limit(now), Set.of()));
			return;
		}
		Set<String> confirmed = new TreeSet<>();
		Set<String> candidates = new TreeSet<>();
		for (String name : now) {
			if (known.seen().contains(name)) {
				continue;
			}
			if (known.candidates().contains(name)) {
				confirmed.add(name);
			}
			else {
				candidates.add(name);
			}
		}
		Set<String> seen = new LinkedHashSet<>(known.seen());
		seen.addAll(confirmed);
		this.processes.put(monitorId, new Processes(limit(seen), candidates));
		if (!confirmed.isEmpty()) {
			findings.add(new Finding(ResourceEventKind.PROCESS_NEW, Severity.MINOR,
					"new process: " + String.join(", ", confirmed), Map.of("processes", List.copyOf(confirmed))));
		}
	}

	private void reachability(long resourceId, long monitorId, CollectionResult result, List<Finding> findings) {
		Map<Long, Boolean> resource = this.reachability.computeIfAbsent(resourceId, id -> new ConcurrentHashMap<>());
		boolean known = !resource.isEmpty();
		boolean before = resource.containsValue(Boolean.TRUE);
		resource.put(monitorId, result.outcome().collected());
		boolean after = resource.containsValue(Boolean.TRUE);
		if (known && before && !after) {
			findings.add(new Finding(ResourceEventKind.UNREACHABLE, Severity.CRITICAL,
					"unreachable: " + result.outcome() + (result.detail() == null ? "" : " — " + result.detail()),
					Map.of("outcome", result.outcome().name())));
		}
		else if (known && !before && after) {
			findings.add(new Finding(ResourceEventKind.REACHABLE, Severity.INFO, "reachable again", Map.of()));
		}
	}

	private static Set<String> limit(Set<String> names) {
		return names.size() <= MAX_PROCESSES ? Set.copyOf(names)
				: Set.copyOf(new ArrayList<>(names).subList(0, MAX_PROCESSES));
	}

}
