package io.opsguard.cmdb.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Reads and writes {@code cmdb_relation} rows. */
@Component
class RelationStore {

	private static final String COLUMNS = "id, type, source_id, target_id, standby_mode, notes, created_at, created_by";

	private final JdbcClient jdbc;

	RelationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The relations of a CI in both directions (of one type, unless {@code type} is null). */
	List<RelationRow> of(long ciId, RelationType type) {
		return this.jdbc.sql("select " + COLUMNS + " from cmdb_relation where (source_id = :id or target_id = :id)"
				+ (type == null ? "" : " and type = :type") + " order by type, id")
			.param("id", ciId)
			.params(type == null ? java.util.Map.of() : java.util.Map.of("type", type.name()))
			.query((rs, i) -> map(rs))
			.list();
	}

	List<RelationRow> ofType(RelationType type) {
		return this.jdbc.sql("select " + COLUMNS + " from cmdb_relation where type = :type order by id")
			.param("type", type.name())
			.query((rs, i) -> map(rs))
			.list();
	}

	Optional<RelationRow> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from cmdb_relation where id = :id")
			.param("id", id)
			.query((rs, i) -> map(rs))
			.optional();
	}

	boolean exists(RelationType type, long sourceId, long targetId) {
		return this.jdbc.sql("select count(*) from cmdb_relation where type = :type and source_id = :s and target_id = :t")
			.param("type", type.name())
			.param("s", sourceId)
			.param("t", targetId)
			.query(Long.class)
			.single() > 0;
	}

	long insert(RelationRow r) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into cmdb_relation (type, source_id, target_id, standby_mode, notes, created_at, created_by)
				values (:type, :s, :t, :mode, :notes, :at, :by)""")
			.param("type", r.type().name())
			.param("s", r.sourceId())
			.param("t", r.targetId())
			.param("mode", r.standbyMode() == null ? null : r.standbyMode().name())
			.param("notes", r.notes())
			.param("at", Timestamp.from(r.createdAt()))
			.param("by", r.createdBy())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Answers whether there was such a relation to delete. */
	boolean delete(long id) {
		return this.jdbc.sql("delete from cmdb_relation where id = :id").param("id", id).update() == 1;
	}

	private static RelationRow map(ResultSet rs) throws SQLException {
		String mode = rs.getString("standby_mode");
		return new RelationRow(rs.getLong("id"), RelationType.valueOf(rs.getString("type")), rs.getLong("source_id"),
				rs.getLong("target_id"), mode == null ? null : StandbyMode.valueOf(mode), rs.getString("notes"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
	}

}
