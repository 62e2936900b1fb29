package io.opsguard.servicelevel.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.servicelevel.internal.SystemLevels.Cause;
import io.opsguard.servicelevel.internal.SystemLevels.HistoryEntry;
import io.opsguard.servicelevel.internal.SystemLevels.LevelRow;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the levels aggregate: each business system's row in {@code sl_system_level} (graded
 * and effective level, chosen service grade and SLA policy) and its history in
 * {@code sl_level_history}.
 */
@Repository
class LevelStore {

	private static final String COLUMNS = "system_id, graded_level, grading_id, effective_level, inherited_from, "
			+ "service_grade, sla_policy_code, updated_at";

	private final JdbcClient jdbc;

	LevelStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<LevelRow> find(long systemId) {
		return this.jdbc.sql("select " + COLUMNS + " from sl_system_level where system_id = :id")
			.param("id", systemId)
			.query((rs, i) -> row(rs))
			.optional();
	}

	Map<Long, LevelRow> all() {
		Map<Long, LevelRow> rows = new HashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from sl_system_level").query((rs, i) -> row(rs)).list()
			.forEach(r -> rows.put(r.systemId(), r));
		return rows;
	}

	Map<Long, Integer> effectiveLevels(Collection<Long> systemIds) {
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

	List<Long> systemsWithPolicy(String code) {
		return this.jdbc.sql("select system_id from sl_system_level where lower(sla_policy_code) = lower(:code)")
			.param("code", code)
			.query(Long.class)
			.list();
	}

	/**
	 * Serialises recomputations (on every node): the caller holds the lock row until its
	 * transaction ends.
	 */
	void lockForRecompute() {
		this.jdbc.sql("select id from sl_level_recompute where id = 1 for update").query(Integer.class).optional();
	}

	void ensure(long systemId, Instant at) {
		if (find(systemId).isEmpty()) {
			this.jdbc.sql("insert into sl_system_level (system_id, updated_at) values (:id, :at)")
				.param("id", systemId)
				.param("at", Timestamp.from(at))
				.update();
		}
	}

	void setGraded(long systemId, int level, long gradingId, Instant at) {
		update(systemId, at, "graded_level = :a, grading_id = :b", level, gradingId);
	}

	void setService(long systemId, Integer serviceGrade, String slaPolicyCode, Instant at) {
		update(systemId, at, "service_grade = :a, sla_policy_code = :b", serviceGrade, slaPolicyCode);
	}

	void setEffective(long systemId, Integer level, Long inheritedFrom, Instant at) {
		update(systemId, at, "effective_level = :a, inherited_from = :b", level, inheritedFrom);
	}

	/** Sets two columns of a system's level row (named parameters {@code :a} and {@code :b}) and its time. */
	private void update(long systemId, Instant at, String assignments, Object a, Object b) {
		this.jdbc.sql("update sl_system_level set " + assignments + ", updated_at = :at where system_id = :id")
			.param("a", a)
			.param("b", b)
			.param("at", Timestamp.from(at))
			.param("id", systemId)
			.update();
	}

	// ---- history ----------------------------------------------------------------------------

	List<HistoryEntry> history(long systemId) {
		return this.jdbc.sql("select id, system_id, level, previous_level, cause, grading_id, cause_system_id, "
				+ "origin_system_id, changed_at, changed_by from sl_level_history where system_id = :id order by id desc")
			.param("id", systemId)
			.query((rs, i) -> new HistoryEntry(rs.getLong(1), rs.getLong(2), (Integer) rs.getObject(3, Integer.class),
					(Integer) rs.getObject(4, Integer.class), Cause.valueOf(rs.getString(5)), (Long) rs.getObject(6, Long.class),
					(Long) rs.getObject(7, Long.class), (Long) rs.getObject(8, Long.class),
					rs.getTimestamp(9).toInstant(), (Long) rs.getObject(10, Long.class)))
			.list();
	}

	void addHistory(HistoryEntry entry) {
		this.jdbc.sql("""
				insert into sl_level_history (system_id, level, previous_level, cause, grading_id, cause_system_id,
				  origin_system_id, changed_at, changed_by)
				values (:system, :level, :previous, :cause, :grading, :causeSystem, :origin, :at, :by)""")
			.param("system", entry.systemId())
			.param("level", entry.level())
			.param("previous", entry.previousLevel())
			.param("cause", entry.cause().name())
			.param("grading", entry.gradingId())
			.param("causeSystem", entry.causeSystemId())
			.param("origin", entry.originSystemId())
			.param("at", Timestamp.from(entry.changedAt()))
			.param("by", entry.changedBy())
			.update();
	}

	private static LevelRow row(ResultSet rs) throws SQLException {
		return new LevelRow(rs.getLong(1), (Integer) rs.getObject(2, Integer.class), (Long) rs.getObject(3, Long.class),
				(Integer) rs.getObject(4, Integer.class), (Long) rs.getObject(5, Long.class),
				(Integer) rs.getObject(6, Integer.class), rs.getString(7), rs.getTimestamp(8).toInstant());
	}

}
