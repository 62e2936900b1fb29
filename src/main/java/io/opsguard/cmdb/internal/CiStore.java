package io.opsguard.cmdb.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiRecord.Document;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes {@code cmdb_ci} rows; attributes and documents are JSON text. */
@Component
class CiStore {

	static final String COLUMNS = "c.id, c.class_id, c.code, c.name, c.organisation_id, c.owner_id, c.status, c.importance, "
			+ "c.location, c.vendor, c.model, c.serial_number, c.contract, c.documents, c.tags, c.notes, c.attributes, "
			+ "c.last_verified_at, c.created_at, c.updated_at, c.retired_at, c.version";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<Document>> DOCUMENTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final CiListCache lists;

	CiStore(JdbcClient jdbc, ObjectMapper json, CiListCache lists) {
		this.jdbc = jdbc;
		this.lists = lists;
		// numbers keep their exact value (BigDecimal), as the attribute checks produce them
		this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

	ObjectMapper json() {
		return this.json;
	}

	Optional<CiRecord> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from cmdb_ci c where c.id = :id")
			.param("id", id)
			.query((rs, i) -> map(rs))
			.optional();
	}

	Optional<CiRecord> findByCode(String code) {
		return this.jdbc.sql("select " + COLUMNS + " from cmdb_ci c where lower(c.code) = :code")
			.param("code", code.toLowerCase(Locale.ROOT))
			.query((rs, i) -> map(rs))
			.optional();
	}

	/** The rows in the order of {@code ids}. */
	List<CiRecord> findAll(List<Long> ids) {
		return findAll(ids, "", Map.of());
	}

	/** The rows in the order of {@code ids} that (still) meet {@code condition} (SQL on {@code c}). */
	List<CiRecord> findAll(List<Long> ids, String condition, Map<String, ?> params) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, CiRecord> byId = new LinkedHashMap<>();
		// the rows are found by primary key, then the condition is applied to those few: "offset 0"
		// keeps PostgreSQL from folding the two, which with statistics older than an import picks an
		// index of the condition and tests every CI of an organisation against the id list
		this.jdbc.sql("select " + COLUMNS + (condition.isEmpty() ? " from cmdb_ci c where c.id in (:ids)"
				: " from (select * from cmdb_ci where id in (:ids) offset 0) c where " + condition))
			.params(params)
			.param("ids", ids)
			.query((rs, i) -> map(rs))
			.list()
			.forEach(r -> byId.put(r.id(), r));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	long insert(CiRecord r) {
		this.lists.changed();
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into cmdb_ci (class_id, code, name, name_lower, organisation_id, owner_id, status, importance, location,
				  vendor, model, serial_number, contract, documents, tags, notes, attributes, search_text, last_verified_at,
				  created_at, updated_at, retired_at, version)
				values (:classId, :code, :name, :nameLower, :organisationId, :ownerId, :status, :importance, :location,
				  :vendor, :model, :serialNumber, :contract, :documents, :tags, :notes, :attributes, :searchText, :lastVerifiedAt,
				  :createdAt, :updatedAt, :retiredAt, 0)""")
			.params(params(r))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Updates the row if its version is still {@code r.version()}; answers whether it did. */
	boolean update(CiRecord r) {
		this.lists.changed();
		return this.jdbc.sql("""
				update cmdb_ci set code = :code, name = :name, name_lower = :nameLower, organisation_id = :organisationId,
				  owner_id = :ownerId, status = :status, importance = :importance, location = :location, vendor = :vendor,
				  model = :model, serial_number = :serialNumber, contract = :contract, documents = :documents, tags = :tags,
				  notes = :notes, attributes = :attributes, search_text = :searchText, last_verified_at = :lastVerifiedAt,
				  updated_at = :updatedAt, retired_at = :retiredAt, version = version + 1
				where id = :id and version = :version""")
			.params(params(r))
			.param("id", r.id())
			.param("version", r.version())
			.update() == 1;
	}

	private Map<String, Object> params(CiRecord r) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("classId", r.classId());
		p.put("code", r.code());
		p.put("name", r.name());
		p.put("nameLower", r.name().toLowerCase(Locale.ROOT));
		p.put("organisationId", r.organisationId());
		p.put("ownerId", r.ownerId());
		p.put("status", r.status().name());
		p.put("importance", r.importance().name());
		p.put("location", r.location());
		p.put("vendor", r.vendor());
		p.put("model", r.model());
		p.put("serialNumber", r.serialNumber());
		p.put("contract", r.contract());
		p.put("documents", r.documents() == null || r.documents().isEmpty() ? null : write(r.documents()));
		p.put("tags", r.tags() == null || r.tags().isEmpty() ? null : "|" + String.join("|", r.tags()) + "|");
		p.put("notes", r.notes());
		p.put("attributes", write(r.attributes()));
		p.put("searchText", searchText(r));
		p.put("lastVerifiedAt", timestamp(r.lastVerifiedAt()));
		p.put("createdAt", timestamp(r.createdAt()));
		p.put("updatedAt", timestamp(r.updatedAt()));
		p.put("retiredAt", timestamp(r.retiredAt()));
		return p;
	}

	/** Everything a user may search for with {@code q}, in lower case. */
	static String searchText(CiRecord r) {
		StringBuilder text = new StringBuilder();
		for (Object part : Arrays.asList(r.name(), r.code(), r.location(), r.vendor(), r.model(), r.serialNumber(),
				r.contract())) {
			if (part != null) {
				text.append(part).append('\n');
			}
		}
		if (r.tags() != null) {
			r.tags().forEach(t -> text.append(t).append('\n'));
		}
		r.attributes().values().forEach(v -> text.append(AttributeValues.key(v)).append('\n'));
		String lower = text.toString().toLowerCase(Locale.ROOT);
		return lower.length() > 29_000 ? lower.substring(0, 29_000) : lower;
	}

	CiRecord map(ResultSet rs) throws SQLException {
		String tags = rs.getString("tags");
		return new CiRecord(rs.getLong("id"), rs.getLong("class_id"), rs.getString("code"), rs.getString("name"),
				rs.getLong("organisation_id"), (Long) rs.getObject("owner_id", Long.class), CiStatus.valueOf(rs.getString("status")),
				Importance.valueOf(rs.getString("importance")), rs.getString("location"), rs.getString("vendor"),
				rs.getString("model"), rs.getString("serial_number"), rs.getString("contract"),
				read(rs.getString("documents"), DOCUMENTS, List.of()), tags == null ? List.of()
						: Arrays.stream(tags.split("\\|")).filter(t -> !t.isEmpty()).toList(),
				rs.getString("notes"), read(rs.getString("attributes"), MAP, Map.of()), instant(rs.getTimestamp("last_verified_at")),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
				instant(rs.getTimestamp("retired_at")), rs.getInt("version"));
	}

	String write(Object value) {
		try {
			return this.json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	<T> T read(String value, TypeReference<T> type, T empty) {
		if (value == null || value.isBlank()) {
			return empty;
		}
		try {
			return this.json.readValue(value, type);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable JSON in cmdb_ci: " + ex.getOriginalMessage(), ex);
		}
	}

	Map<String, Object> readMap(String value) {
		return read(value, MAP, Map.of());
	}

	static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** Ids of the CIs (among {@code ids}) that exist. */
	List<Long> existing(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return new ArrayList<>();
		}
		return this.jdbc.sql("select id from cmdb_ci where id in (:ids)").param("ids", ids).query(Long.class).list();
	}

}
