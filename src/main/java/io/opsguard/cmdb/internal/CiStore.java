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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiRecord.Document;
import io.opsguard.identity.DataScope;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@code cmdb_ci} rows (attributes and documents are JSON text) and the index of
 * unique attribute values ({@code cmdb_unique_value}); finds the ids of filtered, sorted lists.
 */
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

	private final boolean h2;

	CiStore(JdbcClient jdbc, ObjectMapper json, CiListCache lists, @Value("${spring.datasource.url:}") String url) {
		this.jdbc = jdbc;
		this.lists = lists;
		this.h2 = url.startsWith("jdbc:h2:");
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
		return this.jdbc.sql("select " + COLUMNS + " from cmdb_ci c where c.code_lower = :code")
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


	/**
	 * Locks the rows of these CIs until the transaction ends, always in ascending id order, so
	 * that two writers touching the same CIs queue instead of deadlocking.
	 */
	void lock(Collection<Long> ids) {
		List<Long> sorted = List.copyOf(new TreeSet<>(ids));
		for (int from = 0; from < sorted.size(); from += 500) {
			this.jdbc.sql("select id from cmdb_ci where id in (:ids) order by id for update")
				.param("ids", sorted.subList(from, Math.min(sorted.size(), from + 500)))
				.query(Long.class)
				.list();
		}
	}

	/** The CI holding a value of a unique attribute, if any. */
	Optional<Long> uniqueHolder(long attributeId, String key) {
		return this.jdbc.sql("select ci_id from cmdb_unique_value where attribute_id = :attribute and value_key = :key")
			.param("attribute", attributeId)
			.param("key", key)
			.query(Long.class)
			.optional();
	}

	/** The CI's values of unique attributes become exactly {@code keys} (attribute id → value key). */
	void replaceUniqueValues(long ciId, Map<Long, String> keys) {
		deleteUniqueValues(ciId);
		keys.forEach((attribute, key) -> this.jdbc
			.sql("insert into cmdb_unique_value (attribute_id, value_key, ci_id) values (:a, :k, :c)")
			.param("a", attribute)
			.param("k", key)
			.param("c", ciId)
			.update());
	}

	void deleteUniqueValues(long ciId) {
		this.jdbc.sql("delete from cmdb_unique_value where ci_id = :id").param("id", ciId).update();
	}

	// ---- lists ----------------------------------------------------------------------------

	/** The condition of a CI list, on {@code cmdb_ci c}. */
	record Where(String from, String condition, Map<String, Object> params, String orderPrefix) {

		String sql() {
			return this.condition.isEmpty() ? "" : " where " + this.condition;
		}

		/** A key naming the list, for what {@link CiListCache} keeps. */
		String key(String select) {
			return select + this.from + sql() + new java.util.TreeMap<>(this.params);
		}

	}

	/**
	 * The condition for a filter. {@code classIds} and {@code organisationIds} are the classes and
	 * organisations already expanded to their subtrees (null: any).
	 */
	Where where(DataScope scope, CiFilter filter, Collection<Long> classIds, Collection<Long> organisationIds,
			Instant verifiedBefore) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new java.util.HashMap<>();
		String orderPrefix = "";
		String from = "cmdb_ci c";
		if (!scope.all()) {
			conditions.add(scope.sqlCondition("c.organisation_id"));
		}
		if (!filter.includeRetired()) {
			conditions.add("c.status <> 'RETIRED'");
		}
		if (classIds != null) {
			conditions.add(classIds.isEmpty() ? "1 = 0" : "c.class_id in (" + literals(classIds) + ")");
			if (classIds.size() == 1) {
				// one class: ordering by it first changes nothing, but lets the database read the page
				// straight from the class's list index instead of sorting the whole class
				orderPrefix = "c.class_id, ";
			}
		}
		if (organisationIds != null) {
			conditions.add(organisationIds.isEmpty() ? "1 = 0" : "c.organisation_id in (" + literals(organisationIds) + ")");
		}
		if (filter.status() != null) {
			conditions.add("c.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.importance() != null) {
			conditions.add("c.importance = :importance");
			params.put("importance", filter.importance().name());
		}
		if (filter.ownerId() != null) {
			conditions.add("c.owner_id = :owner");
			params.put("owner", filter.ownerId());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			conditions.add("c.tags like :tag");
			params.put("tag", "%|" + escapeLike(filter.tag().trim()) + "|%");
		}
		if (verifiedBefore != null) {
			conditions.add("(c.last_verified_at is null or c.last_verified_at < :verifiedBefore)");
			params.put("verifiedBefore", Timestamp.from(verifiedBefore));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			conditions.add("c.search_text like :q");
			params.put("q", "%" + escapeLike(filter.q().trim().toLowerCase(Locale.ROOT)) + "%");
		}
		if (filter.name() != null && !filter.name().isBlank()) {
			// a range on the covering name_lower index finds the prefix; LIKE keeps the answer exact.
			// H2 cannot judge a range of parameters and is told which index to read.
			String prefix = filter.name().trim().toLowerCase(Locale.ROOT);
			conditions.add("c.name_lower >= :from and c.name_lower < :to and c.name_lower like :prefix");
			from = this.h2 ? "cmdb_ci c use index (ix_cmdb_ci_name_prefix)" : from;
			params.put("from", prefix);
			params.put("to", successor(prefix));
			params.put("prefix", escapeLike(prefix) + "%");
		}
		return new Where(from, String.join(" and ", conditions), params, orderPrefix);
	}

	private static String literals(Collection<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	long count(Where where) {
		return this.jdbc.sql("select count(*) from " + where.from() + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	/** The ids of one page of the list. */
	List<Long> ids(Where where, String orderBy, int limit, long offset) {
		return this.jdbc.sql(listSql(where, orderBy) + " limit :limit offset :offset")
			.params(where.params())
			.param("limit", limit)
			.param("offset", offset)
			.query(Long.class)
			.list();
	}

	/** Every id of the list in its order, handed over one by one. */
	void eachId(Where where, String orderBy, LongConsumer ids) {
		this.jdbc.sql(listSql(where, orderBy))
			.params(where.params())
			.query((RowCallbackHandler) rs -> ids.accept(rs.getLong(1)));
	}

	String listSql(Where where, String orderBy) {
		return "select c.id from " + where.from() + where.sql() + " order by " + where.orderPrefix() + orderBy;
	}

	/** The smallest string greater than every string that starts with {@code prefix}. */
	static String successor(String prefix) {
		int last = prefix.codePointBefore(prefix.length());
		String head = prefix.substring(0, prefix.length() - Character.charCount(last));
		return last == Character.MAX_CODE_POINT ? head + new String(Character.toChars(last)) + "\uffff"
				: head + new String(Character.toChars(last + 1));
	}

	static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	// ---- aggregates -----------------------------------------------------------------------

	/** CIs in use (not retired) per class, within the scope. */
	Map<Long, Long> countsByClass(DataScope scope) {
		Map<Long, Long> counts = new java.util.HashMap<>();
		String condition = scope.all() ? "" : " and " + scope.sqlCondition("organisation_id");
		this.jdbc.sql("select class_id, count(*) from cmdb_ci where status <> 'RETIRED'" + condition + " group by class_id")
			.query((rs, i) -> counts.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/** Every CI of these classes, retired ones included. */
	long countOfClasses(Collection<Long> classIds, boolean includeRetired) {
		if (classIds.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("select count(*) from cmdb_ci where class_id in (:classes)"
				+ (includeRetired ? "" : " and status <> 'RETIRED'"))
			.param("classes", classIds)
			.query(Long.class)
			.single();
	}

	/** The values CIs in use of these classes hold for an attribute, by CI id. */
	Map<Long, Object> valuesOf(String attributeCode, Collection<Long> classIds) {
		Map<Long, Object> values = new LinkedHashMap<>();
		if (classIds.isEmpty()) {
			return values;
		}
		this.jdbc.sql("select id, attributes from cmdb_ci where status <> 'RETIRED' and class_id in (:classes)")
			.param("classes", classIds)
			.query((RowCallbackHandler) rs -> {
				Object value = readMap(rs.getString(2)).get(attributeCode);
				if (value != null) {
					values.put(rs.getLong(1), value);
				}
			});
		return values;
	}

	/** CIs in use per organisation and owner: how many, and how many not verified since {@code cutoff}. */
	List<ReviewCount> reviewCounts(DataScope scope, Instant cutoff) {
		return this.jdbc.sql("select c.organisation_id, c.owner_id, count(*), "
				+ "sum(case when c.last_verified_at is null or c.last_verified_at < :cutoff then 1 else 0 end) "
				+ "from cmdb_ci c where c.status <> 'RETIRED' and " + scope.sqlCondition("c.organisation_id")
				+ " group by c.organisation_id, c.owner_id")
			.param("cutoff", Timestamp.from(cutoff))
			.query((rs, i) -> new ReviewCount(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getLong(3), rs.getLong(4)))
			.list();
	}

	/** CIs of one organisation and owner: how many, and how many not verified recently. */
	record ReviewCount(long organisationId, Long ownerId, long total, long unverified) {
	}

	/** Code, name and organisation of the CIs (among {@code ids}) that exist. */
	Map<Long, CiName> names(Collection<Long> ids) {
		Map<Long, CiName> names = new java.util.HashMap<>();
		List<Long> list = List.copyOf(new java.util.LinkedHashSet<>(ids));
		for (int from = 0; from < list.size(); from += 1000) {
			this.jdbc.sql("select id, code, name, organisation_id from cmdb_ci where id in (:ids)")
				.param("ids", list.subList(from, Math.min(list.size(), from + 1000)))
				.query((rs, i) -> names.put(rs.getLong(1), new CiName(rs.getLong(1), rs.getString(2), rs.getString(3),
						rs.getLong(4))))
				.list();
		}
		return names;
	}

	/** The business systems not retired: CIs of these classes, by name. */
	List<CiRecord> inUseOfClasses(Set<Long> classIds) {
		if (classIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from cmdb_ci c where c.status <> 'RETIRED' and c.class_id in (:classes)"
				+ " order by c.name, c.id")
			.param("classes", classIds)
			.query((rs, i) -> map(rs))
			.list();
	}

}
