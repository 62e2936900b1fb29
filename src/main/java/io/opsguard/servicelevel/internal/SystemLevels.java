package io.opsguard.servicelevel.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.opsguard.cmdb.BusinessSystemLevels;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.RelationType;
import io.opsguard.servicelevel.GuaranteeLevelChanged;
import io.opsguard.servicelevel.GuaranteeLevels;
import io.opsguard.servicelevel.internal.LevelResolver.Resolved;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The level each business system has: the graded level from its last confirmed grading, and the
 * effective level, which for an application-support system follows the systems it supports
 * (R-GRD-08). Recomputed inside the transaction of a confirmed grading, and after every CMDB
 * transaction that can move a level ({@link LevelsOutdated}, a reliable module event: retried
 * until it completes); each change of an effective level is kept in the history with its cause.
 */
@Service
public class SystemLevels implements GuaranteeLevels, BusinessSystemLevels {

	static final String APPLICATION_SUPPORT = "applicationSupport";

	private final LevelStore store;

	private final ConfigurationItems cmdb;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SystemLevels(LevelStore store, ConfigurationItems cmdb, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.cmdb = cmdb;
		this.events = events;
		this.clock = clock;
	}

	/** A stored level row. */
	public record LevelRow(long systemId, Integer gradedLevel, Long gradingId, Integer effectiveLevel, Long inheritedFrom,
			Integer serviceGrade, String slaPolicyCode, Instant updatedAt) {
	}

	public enum Cause {

		/** A grading was confirmed by the four parties. */
		GRADING,
		/** An application-support system follows a system it supports. */
		INHERITED,
		/** An application-support system no longer follows another system: its own level applies. */
		INHERITANCE_ENDED

	}

	/**
	 * A change of a system's effective level: {@code causeSystemId} the supported system it follows
	 * now, {@code originSystemId} the graded system at the end of the chain (when not the same).
	 */
	public record HistoryEntry(Long id, long systemId, Integer level, Integer previousLevel, Cause cause, Long gradingId,
			Long causeSystemId, Long originSystemId, Instant changedAt, Long changedBy) {
	}

	// ---- reading --------------------------------------------------------------------------

	@Override
	@Transactional(readOnly = true)
	public Optional<Integer> levelOf(long systemId) {
		return row(systemId).map(LevelRow::effectiveLevel);
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, Integer> levels(Collection<Long> systemIds) {
		return this.store.effectiveLevels(systemIds);
	}

	Optional<LevelRow> row(long systemId) {
		return this.store.find(systemId);
	}

	Map<Long, LevelRow> rows() {
		return this.store.all();
	}

	List<HistoryEntry> history(long systemId) {
		return this.store.history(systemId);
	}

	List<Long> systemsWithPolicy(String code) {
		return this.store.systemsWithPolicy(code);
	}

	/** The level a support system inherits now (null: none), for checking a proposal. */
	@Transactional(readOnly = true)
	public Resolved inherited(long systemId) {
		Snapshot snapshot = snapshot();
		Map<Long, Integer> withoutOwn = new HashMap<>(snapshot.graded());
		withoutOwn.remove(systemId);
		return new LevelResolver(withoutOwn, snapshot.supportSystems(), snapshot.edges()).resolve(systemId);
	}

	/** Whether a CI has (or lends) a level, or is a business system that could get one. */
	boolean concerns(long ciId) {
		return row(ciId).isPresent()
				|| this.cmdb.find(ciId).map(ci -> this.cmdb.isA(ci.classCode(), "BUSINESS_SYSTEM")).orElse(false);
	}

	// ---- writing --------------------------------------------------------------------------

	/** A grading was confirmed: the system's graded level, then every effective level again. */
	@Transactional
	public void graded(long systemId, int level, long gradingId, Long userId) {
		this.store.lockForRecompute();
		Instant now = this.clock.instant();
		this.store.ensure(systemId, now);
		this.store.setGraded(systemId, level, gradingId, now);
		recompute(systemId, gradingId, userId);
	}

	/** The service grade and SLA policy chosen for a system (null: derived from its level). */
	@Transactional
	public void assign(long systemId, Integer serviceGrade, String slaPolicyCode) {
		Instant now = this.clock.instant();
		this.store.ensure(systemId, now);
		this.store.setService(systemId, serviceGrade, slaPolicyCode, now);
	}

	/**
	 * After a CMDB transaction that can move levels has committed; retried until it completes. The
	 * id is stable, so publications stored by an earlier version still find their listener.
	 */
	@ApplicationModuleListener(id = "servicelevel.recompute-levels")
	void on(LevelsOutdated event) {
		recompute(null, null, event.userId());
	}

	record Snapshot(Map<Long, CiView> systems, Map<Long, Integer> graded, Set<Long> supportSystems, List<long[]> edges) {
	}

	private Snapshot snapshot() {
		Map<Long, CiView> systems = new HashMap<>();
		Set<Long> support = new HashSet<>();
		for (CiView system : this.cmdb.businessSystems()) {
			systems.put(system.id(), system);
			if (Boolean.TRUE.equals(system.attributes().get(APPLICATION_SUPPORT))) {
				support.add(system.id());
			}
		}
		Map<Long, Integer> graded = new HashMap<>();
		rows().values()
			.stream()
			.filter(r -> r.gradedLevel() != null && systems.containsKey(r.systemId()))
			.forEach(r -> graded.put(r.systemId(), r.gradedLevel()));
		List<long[]> edges = new ArrayList<>();
		this.cmdb.relationsOfType(RelationType.SUPPORTS)
			.stream()
			.filter(r -> systems.containsKey(r.sourceId()) && systems.containsKey(r.targetId()))
			.forEach(r -> edges.add(new long[] { r.sourceId(), r.targetId() }));
		return new Snapshot(systems, graded, support, edges);
	}

	/**
	 * Every effective level from the graded levels and the {@code supports} relations; changes are
	 * written with their cause. {@code gradedSystem} is the system a confirmed grading just set (or
	 * null). One recomputation at a time (a row lock), so two never write the same change twice.
	 */
	@Transactional
	public void recompute(Long gradedSystem, Long gradingId, Long userId) {
		this.store.lockForRecompute();
		Snapshot snapshot = snapshot();
		Map<Long, LevelRow> rows = rows();
		LevelResolver resolver = new LevelResolver(snapshot.graded(), snapshot.supportSystems(), snapshot.edges());
		Instant now = this.clock.instant();
		for (Map.Entry<Long, Resolved> entry : resolver.resolveAll(snapshot.systems().keySet()).entrySet()) {
			long system = entry.getKey();
			Resolved resolved = entry.getValue();
			LevelRow row = rows.get(system);
			Integer before = row == null ? null : row.effectiveLevel();
			Long inheritedBefore = row == null ? null : row.inheritedFrom();
			boolean graded = gradedSystem != null && gradedSystem == system;
			if (Objects.equals(before, resolved.level()) && Objects.equals(inheritedBefore, resolved.inheritedFrom())
					&& !graded) {
				continue;
			}
			this.store.ensure(system, now);
			this.store.setEffective(system, resolved.level(), resolved.inheritedFrom(), now);
			Cause cause = resolved.inheritedFrom() != null ? Cause.INHERITED
					: graded ? Cause.GRADING : Cause.INHERITANCE_ENDED;
			Long origin = resolved.origin() != null && !resolved.origin().equals(resolved.inheritedFrom()) ? resolved.origin()
					: null;
			this.store.addHistory(new HistoryEntry(null, system, resolved.level(), before, cause, graded ? gradingId : null,
					resolved.inheritedFrom(), origin, now, userId));
			if (!Objects.equals(before, resolved.level())) {
				this.events.publishEvent(new GuaranteeLevelChanged(system, resolved.level(), before, cause.name()));
			}
		}
	}

}
