package io.opsguard.shared.definition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The SQL of one kind of definition: the module's table {@code <table>} and its versions in
 * {@code <table>_version} (ADR 0009 gives the columns). Contents are JSON; the table name comes
 * from the type, never from a request.
 */
final class DefinitionStore<D> {

	private static final String COLUMNS = "id, code, name_zh, name_en, organisation_id, built_in, based_on, "
			+ "current_version, version, created_at, updated_at";

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Class<D> contentType;

	private final String table;

	private final String versions;

	DefinitionStore(JdbcClient jdbc, ObjectMapper json, DefinitionType<D> type) {
		if (!type.table().matches("[a-z][a-z0-9_]{1,40}")) {
			throw new IllegalArgumentException("Not a table name: " + type.table());
		}
		this.jdbc = jdbc;
		this.json = json;
		this.contentType = type.contentType();
		this.table = type.table();
		this.versions = type.table() + "_version";
	}

	// ---- definitions ----------------------------------------------------------------------

	Optional<DefinitionRow> find(String code) {
		return this.jdbc.sql("select " + COLUMNS + " from " + this.table + " where lower(code) = lower(:code)")
			.param("code", code)
			.query((rs, i) -> row(rs))
			.optional();
	}

	List<DefinitionRow> all() {
		return this.jdbc.sql("select " + COLUMNS + " from " + this.table + " order by built_in desc, code")
			.query((rs, i) -> row(rs))
			.list();
	}

	/** The definitions {@code actor} sees, narrowed by {@code filter}, one page. */
	PageResult<DefinitionRow> page(Actor actor, DefinitionFilter filter, PageQuery page) {
		StringBuilder where = new StringBuilder(" where ").append(actor.sqlCondition("organisation_id"));
		List<Object> params = new ArrayList<>();
		if (filter.q() != null && !filter.q().isBlank()) {
			String like = "%" + filter.q().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
					+ "%";
			where.append(" and (lower(code) like ? escape '\\' or lower(name_zh) like ? escape '\\' or lower(name_en) like ? escape '\\')");
			params.add(like);
			params.add(like);
			params.add(like);
		}
		if (filter.builtIn() != null) {
			where.append(" and built_in = ?");
			params.add(filter.builtIn());
		}
		if (filter.codes() != null) {
			if (filter.codes().isEmpty()) {
				return new PageResult<>(List.of(), 0, page.page(), page.size());
			}
			where.append(" and code in (").append(String.join(",", filter.codes().stream().map(c -> "?").toList())).append(')');
			params.addAll(filter.codes());
		}
		long total = this.jdbc.sql("select count(*) from " + this.table + where).params(params).query(Long.class).single();
		List<Object> paged = new ArrayList<>(params);
		paged.add(page.size());
		paged.add(page.offset());
		List<DefinitionRow> rows = this.jdbc
			.sql("select " + COLUMNS + " from " + this.table + where + " order by " + page.orderBy() + " limit ? offset ?")
			.params(paged)
			.query((rs, i) -> row(rs))
			.list();
		return new PageResult<>(rows, total, page.page(), page.size());
	}

	/** A new definition at version 1 (its first version is written next), lock 1. */
	long insert(String code, String nameZh, String nameEn, Long organisationId, boolean builtIn, String basedOn,
			Instant at) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into " + this.table + " (code, name_zh, name_en, organisation_id, built_in, based_on, "
				+ "current_version, version, created_at, updated_at) values (:code, :zh, :en, :org, :builtIn, :basedOn, 1, 1, :at, :at)")
			.param("code", code)
			.param("zh", nameZh)
			.param("en", nameEn)
			.param("org", organisationId)
			.param("builtIn", builtIn)
			.param("basedOn", basedOn)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/**
	 * Changes names and current version if the row is still at lock {@code expected}, and increments
	 * the lock; answers whether it did (another writer got there first otherwise).
	 */
	boolean update(long id, int expected, String nameZh, String nameEn, int currentVersion, Instant at) {
		return this.jdbc.sql("update " + this.table + " set name_zh = :zh, name_en = :en, current_version = :current, "
				+ "version = version + 1, updated_at = :at where id = :id and version = :expected")
			.param("zh", nameZh)
			.param("en", nameEn)
			.param("current", currentVersion)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("expected", expected)
			.update() == 1;
	}

	void delete(long id) {
		this.jdbc.sql("delete from " + this.versions + " where definition_id = :id").param("id", id).update();
		this.jdbc.sql("delete from " + this.table + " where id = :id").param("id", id).update();
	}

	private static DefinitionRow row(ResultSet rs) throws SQLException {
		return new DefinitionRow(rs.getLong("id"), rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
				rs.getObject("organisation_id", Long.class), rs.getBoolean("built_in"), rs.getString("based_on"),
				rs.getInt("current_version"), rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	// ---- versions -------------------------------------------------------------------------

	void insertVersion(long id, int number, D content, Object derived, String note, Long userId, Instant at) {
		this.jdbc.sql("insert into " + this.versions + " (definition_id, version, definition, derived, note, created_at, created_by)"
				+ " values (:id, :number, :definition, :derived, :note, :at, :by)")
			.param("id", id)
			.param("number", number)
			.param("definition", write(content))
			.param("derived", derived == null ? null : write(derived))
			.param("note", note == null ? null : note.length() > 500 ? note.substring(0, 500) : note)
			.param("at", Timestamp.from(at))
			.param("by", userId)
			.update();
	}

	Optional<DefinitionVersion<D>> version(long id, int number) {
		return this.jdbc.sql("select version, definition, derived, note, created_at, created_by from " + this.versions
				+ " where definition_id = :id and version = :number")
			.param("id", id)
			.param("number", number)
			.query((rs, i) -> new DefinitionVersion<>(rs.getInt(1), read(rs.getString(2)), tree(rs.getString(3)),
					rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getObject(6, Long.class)))
			.optional();
	}

	/** Versions newest first, without their contents. */
	PageResult<VersionInfo> versions(long id, int current, int page, int size) {
		long total = this.jdbc.sql("select count(*) from " + this.versions + " where definition_id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		List<VersionInfo> items = this.jdbc.sql("select version, note, created_at, created_by from " + this.versions
				+ " where definition_id = :id order by version desc limit :size offset :offset")
			.param("id", id)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, i) -> new VersionInfo(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getObject(4, Long.class), rs.getInt(1) == current))
			.list();
		return new PageResult<>(items, total, page, size);
	}

	// ---- JSON -----------------------------------------------------------------------------

	JsonNode tree(Object value) {
		return this.json.valueToTree(value);
	}

	private String write(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private D read(String value) {
		try {
			return this.json.readValue(value, this.contentType);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable " + this.table + " definition: " + ex.getOriginalMessage(), ex);
		}
	}

	private JsonNode tree(String value) {
		if (value == null) {
			return null;
		}
		try {
			return this.json.readTree(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable " + this.table + " version data: " + ex.getOriginalMessage(), ex);
		}
	}

}
