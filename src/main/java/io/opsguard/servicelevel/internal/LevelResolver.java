package io.opsguard.servicelevel.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R-GRD-08: an application-support system takes the highest level among the systems it supports,
 * and its own grading cannot set it lower. Along {@code supports} edges (support system → supported
 * system), the effective level of a support system is the most demanding (lowest number) of its own
 * graded level and the effective levels of the systems it supports; chains (a support system that
 * supports another) and diamonds follow. Systems that are not support systems keep their graded
 * level. Edges out of systems that are not support systems are ignored; a cycle (the CMDB forbids
 * one) is cut where it closes.
 */
final class LevelResolver {

	private final Map<Long, Integer> graded;

	private final Set<Long> supportSystems;

	private final Map<Long, List<Long>> supports = new HashMap<>();

	private final Map<Long, Resolved> resolved = new HashMap<>();

	private final Set<Long> visiting = new HashSet<>();

	/**
	 * @param graded the graded level of each system that has one
	 * @param supportSystems the systems flagged application-support
	 * @param edges {@code [source, target]}: source supports target
	 */
	LevelResolver(Map<Long, Integer> graded, Set<Long> supportSystems, List<long[]> edges) {
		this.graded = graded;
		this.supportSystems = supportSystems;
		for (long[] edge : edges) {
			if (supportSystems.contains(edge[0])) {
				this.supports.computeIfAbsent(edge[0], k -> new ArrayList<>()).add(edge[1]);
			}
		}
	}

	/** The effective level of a system and, when it comes from a supported system, which one. */
	record Resolved(Integer level, Long inheritedFrom, Long origin) {
	}

	Resolved resolve(long system) {
		Resolved known = this.resolved.get(system);
		if (known != null) {
			return known;
		}
		if (!this.visiting.add(system)) {
			return new Resolved(this.graded.get(system), null, null);
		}
		Integer own = this.graded.get(system);
		Resolved result = new Resolved(own, null, null);
		if (this.supportSystems.contains(system)) {
			for (long target : this.supports.getOrDefault(system, List.of())) {
				Resolved supported = resolve(target);
				if (supported.level() != null && (result.level() == null || supported.level() < result.level())) {
					result = new Resolved(supported.level(), target,
							supported.origin() != null ? supported.origin() : target);
				}
			}
		}
		this.visiting.remove(system);
		this.resolved.put(system, result);
		return result;
	}

	/** Every system's resolution. */
	Map<Long, Resolved> resolveAll(Iterable<Long> systems) {
		Map<Long, Resolved> all = new HashMap<>();
		for (long system : systems) {
			all.put(system, resolve(system));
		}
		return all;
	}

}
