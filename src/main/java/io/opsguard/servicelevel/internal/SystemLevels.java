package io.opsguard.servicelevel.internal;

import java.sql.Timestamp;
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
import io.opsguard.cmdb.CiChanged;
import io.opsguard.cmdb.CiRetired;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.RelationChanged;
import io.opsguard.cmdb.RelationType;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicelevel.GuaranteeLevelChanged;
import io.opsguard.servicelevel.GuaranteeLevels;
import io.opsguard.servicelevel.internal.LevelResolver.Resolved;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The level each business system has: the graded level from its last confirmed grading, and the
 * effective level, which for an application-support system follows the systems it supports
 * (R-GRD-08). Recomputed after every confirmed grading and after every CMDB change that can move
 * it (a {@code supports} relation, the application-support flag, a retired system); each change of
 * an effective level is kept in the history with its cause.
 */
@Service
public class SystemLevels implements GuaranteeLevels, BusinessSystemLevels {

	static final String APPLICATION_SUPPORT = "applicationSupport";

	private final JdbcClient jdbc;

	private final ConfigurationItems cmdb;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	SystemLevels(JdbcClient jdbc, ConfigurationItems cmdb, ApplicationEventPublisher events, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jdbc = jdbc;
		this.cmdb = cmdb;
		this.events = events;
		this.clock = clock;
	}

	/** A stored level row. */
	record LevelRow(long systemId, Integer gradedLevel, Long gradingId, Integer effectiveLevel, Long inheritedFrom,
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

	// ---- reading --------------------------------------------------------------------------

	@Override
	@Transactional(readOnly = true)
	public Optional<Integer> levelOf(long systemId) {
		return row(systemId).map(LevelRow::effectiveLevel);
	}

	@Override
	@Transactional(readOnly = true)
	public Map<Long, Integer> levels(Collection<Long> systemIds) {
		Map<Long, Integer> levels = new HashMap<>();
		if (systemIds.isEmpty()) {
			return levels;
		}
		this.jdbc.sql("select system_id, effective_level from sl_system_level where effective_level is not null "
				+ "and system_id in (:ids)")
			.param("ids", systemIds)
			.query((rs, i) -> levels.put(rs.getLong(1), rs.getInt(2)))
			.list();
		return levels;
	}

	Optional<LevelRow> row(long systemId) {
		return this.jdbc.sql("select system_id, graded_level, grading_id, effective_level, inherited_from, service_grade, "
				+ "sla_policy_code, updated_at from sl_system_level where system_id = :id")
			.param("id", systemId)
			.query((rs, i) -> new LevelRow(rs.getLong(1), (Integer) rs.getObject(2, Integer.class),
					(Long) rs.getObject(3, Long.class), (Integer) rs.getObject(4, Integer.class), (Long) rs.getObject(5, Long.class),
					(Integer) rs.getObject(6, Integer.class), rs.getString(7), rs.getTimestamp(8).toInstant()))
			.optional();
	}

	Map<Long, LevelRow> rows() {
		Map<Long, LevelRow> rows = new HashMap<>();
		this.jdbc.sql("select system_id, graded_level, grading_id, effective_level, inherited_from, service_grade, "
				+ "sla_policy_code, updated_at from sl_system_level")
			.query((rs, i) -> rows.put(rs.getLong(1), new LevelRow(rs.getLong(1), (Integer) rs.getObject(2, Integer.class),
					(Long) rs.getObject(3, Long.class), (Integer) rs.getObject(4, Integer.class),
					(Long) rs.getObject(5, Long.class), (Integer) rs.getObject(6, Integer.class), rs.getString(7),
					rs.getTimestamp(8).toInstant())))
			.list();
		return rows;
	}

	/** The level a support system inherits now (null: none), for checking a proposal. */
	@Transactional(readOnly = true)
	public Resolved inherited(long systemId) {
		Snapshot snapshot = snapshot();
		Map<Long, Integer> withoutOwn = new HashMap<>(snapshot.graded());
		withoutOwn.remove(systemId);
		return new LevelResolver(withoutOwn, snapshot.supportSystems(), snapshot.edges()).resolve(systemId);
	}

	record HistoryEntry(long id, long systemId, Integer level, Integer previousLevel, Cause cause, Long gradingId,
			Long causeSystemId, String detail, Instant changedAt, Long changedBy) {
	}

	List<HistoryEntry> history(long systemId) {
		return this.jdbc.sql("select id, system_id, level, previous_level, cause, grading_id, cause_system_id, detail, "
				+ "changed_at, changed_by from sl_level_history where system_id = :id order by id desc")
			.param("id", systemId)
			.query((rs, i) -> new HistoryEntry(rs.getLong(1), rs.getLong(2), (Integer) rs.getObject(3, Integer.class),
					(Integer) rs.getObject(4, Integer.class), Cause.valueOf(rs.getString(5)), (Long) rs.getObject(6, Long.class),
					(Long) rs.getObject(7, Long.class), rs.getString(8), rs.getTimestamp(9).toInstant(),
					(Long) rs.getObject(10, Long.class)))
			.list();
	}

	// ---- writing --------------------------------------------------------------------------

	/** A grading was confirmed: the system's graded level, then every effective level again. */
	@Transactional
	public void graded(long systemId, int level, long gradingId, Long userId) {
		ensureRow(systemId);
		this.jdbc.sql("update sl_system_level set graded_level = :level, grading_id = :grading, updated_at = :at "
				+ "where system_id = :id")
			.param("level", level)
			.param("grading", gradingId)
			.param("at", Timestamp.from(this.clock.instant()))
			.param("id", systemId)
			.update();
		recompute(systemId, gradingId, userId);
	}

	/** The service grade and SLA policy chosen for a system (null: derived from its level). */
	@Transactional
	public void assign(long systemId, Integer serviceGrade, String slaPolicyCode) {
		ensureRow(systemId);
		this.jdbc.sql("update sl_system_level set service_grade = :grade, sla_policy_code = :policy, updated_at = :at "
				+ "where system_id = :id")
			.param("grade", serviceGrade)
			.param("policy", slaPolicyCode)
			.param("at", Timestamp.from(this.clock.instant()))
			.param("id", systemId)
			.update();
	}

	List<Long> systemsWithPolicy(String code) {
		return this.jdbc.sql("select system_id from sl_system_level where lower(sla_policy_code) = lower(:code)")
			.param("code", code)
			.query(Long.class)
			.list();
	}

	private void ensureRow(long systemId) {
		if (row(systemId).isEmpty()) {
			this.jdbc.sql("insert into sl_system_level (system_id, updated_at) values (:id, :at)")
				.param("id", systemId)
				.param("at", Timestamp.from(this.clock.instant()))
				.update();
		}
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
	 * written with their cause. {@code gradedSystem} is the system a confirmed grading just set (or null).
	 */
	@Transactional
	public void recompute(Long gradedSystem, Long gradingId, Long userId) {
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
			if (row == null) {
				ensureRow(system);
			}
			this.jdbc.sql("update sl_system_level set effective_level = :level, inherited_from = :from, updated_at = :at "
					+ "where system_id = :id")
				.param("level", resolved.level())
				.param("from", resolved.inheritedFrom())
				.param("at", Timestamp.from(now))
				.param("id", system)
				.update();
			Cause cause = resolved.inheritedFrom() != null ? Cause.INHERITED
					: graded ? Cause.GRADING : Cause.INHERITANCE_ENDED;
			String detail = detail(cause, resolved, snapshot);
			this.jdbc.sql("""
					insert into sl_level_history (system_id, level, previous_level, cause, grading_id, cause_system_id, detail,
					  changed_at, changed_by) values (:system, :level, :previous, :cause, :grading, :causeSystem, :detail, :at, :by)""")
				.param("system", system)
				.param("level", resolved.level())
				.param("previous", before)
				.param("cause", cause.name())
				.param("grading", graded ? gradingId : null)
				.param("causeSystem", resolved.inheritedFrom())
				.param("detail", detail)
				.param("at", Timestamp.from(now))
				.param("by", userId)
				.update();
			if (!Objects.equals(before, resolved.level())) {
				this.events.publishEvent(new GuaranteeLevelChanged(system, resolved.level(), before, cause.name()));
			}
		}
	}

	private static String detail(Cause cause, Resolved resolved, Snapshot snapshot) {
		if (cause != Cause.INHERITED) {
			return null;
		}
		String via = name(snapshot, resolved.inheritedFrom());
		String origin = name(snapshot, resolved.origin());
		return resolved.origin() != null && !resolved.origin().equals(resolved.inheritedFrom())
				? "随所支撑系统「" + via + "」（源自「" + origin + "」）" : "随所支撑系统「" + via + "」";
	}

	private static String name(Snapshot snapshot, Long id) {
		CiView view = id == null ? null : snapshot.systems().get(id);
		return view == null ? "#" + id : view.name();
	}

	// ---- CMDB changes that move levels -------------------------------------------------------

	@EventListener
	void on(RelationChanged event) {
		if (event.type() == RelationType.SUPPORTS) {
			recomputeAfterCommit();
		}
	}

	@EventListener
	void on(CiChanged event) {
		boolean flag = event.changedFields().contains("attributes." + APPLICATION_SUPPORT);
		boolean moved = event.changedFields().contains("status") || event.changedFields().contains("classId");
		if (flag || moved && concerns(event.ciId())) {
			recomputeAfterCommit();
		}
	}

	@EventListener
	void on(CiRetired event) {
		if (concerns(event.ciId())) {
			recomputeAfterCommit();
		}
	}

	/** Whether a CI has (or lends) a level, or is a business system that could get one. */
	private boolean concerns(long ciId) {
		return row(ciId).isPresent() || this.cmdb.find(ciId).map(ci -> this.cmdb.isA(ci.classCode(), "BUSINESS_SYSTEM")).orElse(false);
	}

	/**
	 * Recomputes once when the CMDB's transaction has committed, in a transaction of its own — an
	 * import that changes thousands of CIs in one transaction recomputes once, not once per CI.
	 */
	private void recomputeAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			recompute(null, null, currentUserId());
			return;
		}
		if (TransactionSynchronizationManager.hasResource(this)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
		Long user = currentUserId();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(SystemLevels.this);
				if (status == STATUS_COMMITTED) {
					SystemLevels.this.transactions.executeWithoutResult(t -> recompute(null, null, user));
				}
			}
		});
	}

	private static Long currentUserId() {
		return CurrentUsers.current().map(CurrentUser::id).orElse(null);
	}

}
