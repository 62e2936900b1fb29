package io.opsguard.servicelevel.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.servicelevel.internal.GradingService.ModelVersion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the grading model's versions ({@code sl_grading_model}); a version never changes. */
@Repository
class ModelStore {

	private static final String COLUMNS = "version, tables, note, created_at, created_by";

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	ModelStore(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	ModelVersion latest() {
		return this.jdbc.sql("select " + COLUMNS + " from sl_grading_model order by version desc limit 1")
			.query((rs, i) -> version(rs))
			.single();
	}

	List<ModelVersion> all() {
		return this.jdbc.sql("select " + COLUMNS + " from sl_grading_model order by version desc")
			.query((rs, i) -> version(rs))
			.list();
	}

	long count() {
		return this.jdbc.sql("select count(*) from sl_grading_model").query(Long.class).single();
	}

	void insert(ModelVersion version) {
		try {
			this.jdbc.sql("insert into sl_grading_model (" + COLUMNS + ") values (:v, :tables, :note, :at, :by)")
				.param("v", version.version())
				.param("tables", this.json.writeValueAsString(version.model()))
				.param("note", version.note())
				.param("at", Timestamp.from(version.createdAt()))
				.param("by", version.createdBy())
				.update();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ModelVersion version(ResultSet rs) throws SQLException {
		try {
			return new ModelVersion(rs.getInt(1), this.json.readValue(rs.getString(2), GradingModel.class), rs.getString(3),
					rs.getTimestamp(4).toInstant(), (Long) rs.getObject(5, Long.class));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable grading model: " + ex.getOriginalMessage(), ex);
		}
	}

}
