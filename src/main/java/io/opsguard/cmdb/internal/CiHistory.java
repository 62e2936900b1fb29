package io.opsguard.cmdb.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import io.opsguard.identity.CurrentUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The version history of every CI (R-PRC-06): each change keeps who, when, what changed (field by
 * field, old → new) and the whole CI as it was afterwards, so that a CI can be shown as of any date.
 */
@Component
public class CiHistory {

	private static final TypeReference<List<Change>> CHANGES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final CiStore store;

	CiHistory(JdbcClient jdbc, CiStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	/** The CI as a flat map of fields; attributes appear as {@code attributes.<code>}. */
	static Map<String, Object> snapshot(CiRecord r) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("classId", r.classId());
		map.put("code", r.code());
		map.put("name", r.name());
		map.put("organisationId", r.organisationId());
		map.put("ownerId", r.ownerId());
		map.put("status", r.status());
		map.put("importance", r.importance());
		map.put("location", r.location());
		map.put("vendor", r.vendor());
		map.put("model", r.model());
		map.put("serialNumber", r.serialNumber());
		map.put("contract", r.contract());
		map.put("documents", r.documents());
		map.put("tags", r.tags());
		map.put("notes", r.notes());
		map.put("lastVerifiedAt", r.lastVerifiedAt());
		map.put("retiredAt", r.retiredAt());
		r.attributes().forEach((k, v) -> map.put("attributes." + k, v));
		return map;
	}

	/** The fields whose values differ between two snapshots, in a stable order. */
	static List<Change> diff(Map<String, Object> before, Map<String, Object> after) {
		Set<String> fields = new LinkedHashSet<>(after.keySet());
		fields.addAll(before.keySet());
		List<Change> changes = new ArrayList<>();
		for (String field : fields) {
			Object a = before.get(field);
			Object b = after.get(field);
			if (!Objects.equals(text(a), text(b))) {
				changes.add(new Change(field, text(a), text(b)));
			}
		}
		return changes;
	}

	private static String text(Object value) {
		if (value == null || (value instanceof java.util.Collection<?> c && c.isEmpty())) {
			return null;
		}
		if (value instanceof java.math.BigDecimal d) {
			return d.stripTrailingZeros().toPlainString();
		}
		return value.toString();
	}

	/** Appends a version; {@code before} is null for a creation. */
	void record(long ciId, Action action, Map<String, Object> before, Map<String, Object> after, List<Change> extra,
			CurrentUser user, Instant at) {
		List<Change> changes = new ArrayList<>(before == null ? diff(Map.of(), after) : diff(before, after));
		changes.addAll(extra);
		int next = this.jdbc.sql("select coalesce(max(version_no), 0) + 1 from cmdb_ci_history where ci_id = :id")
			.param("id", ciId)
			.query(Integer.class)
			.single();
		this.jdbc.sql("""
				insert into cmdb_ci_history (ci_id, version_no, changed_at, user_id, username, action, changes, snapshot)
				values (:ci, :version, :at, :user, :username, :action, :changes, :snapshot)""")
			.param("ci", ciId)
			.param("version", next)
			.param("at", Timestamp.from(at))
			.param("user", user == null ? null : user.id())
			.param("username", user == null ? null : user.username())
			.param("action", action.name())
			.param("changes", this.store.write(changes))
			.param("snapshot", this.store.write(after))
			.update();
	}

	List<Entry> entries(long ciId) {
		return this.jdbc.sql("""
				select version_no, changed_at, user_id, username, action, changes from cmdb_ci_history
				where ci_id = :id order by version_no desc""")
			.param("id", ciId)
			.query((rs, i) -> new Entry(rs.getInt(1), rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3, Long.class),
					rs.getString(4), Action.valueOf(rs.getString(5)), this.store.read(rs.getString(6), CHANGES, List.of())))
			.list();
	}

	/** The latest version at or before {@code at}, if the CI existed then. */
	Optional<Version> asOf(long ciId, Instant at) {
		return this.jdbc.sql("""
				select version_no, changed_at, snapshot from cmdb_ci_history
				where ci_id = :id and changed_at <= :at order by version_no desc limit 1""")
			.param("id", ciId)
			.param("at", Timestamp.from(at))
			.query((rs, i) -> new Version(rs.getInt(1), rs.getTimestamp(2).toInstant(), this.store.readMap(rs.getString(3))))
			.optional();
	}

	/** A CI rebuilt from a snapshot of its history (without times of creation and change, version 0). */
	@SuppressWarnings("unchecked")
	static CiRecord record(long id, Map<String, Object> s) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		s.forEach((k, v) -> {
			if (k.startsWith("attributes.")) {
				attributes.put(k.substring("attributes.".length()), v);
			}
		});
		List<CiRecord.Document> documents = s.get("documents") instanceof List<?> list ? list.stream()
			.map(d -> (Map<String, Object>) d)
			.map(d -> new CiRecord.Document((String) d.get("title"), (String) d.get("reference")))
			.toList() : List.of();
		return new CiRecord(id, ((Number) s.get("classId")).longValue(), (String) s.get("code"), (String) s.get("name"),
				((Number) s.get("organisationId")).longValue(),
				s.get("ownerId") == null ? null : ((Number) s.get("ownerId")).longValue(),
				io.opsguard.cmdb.CiStatus.valueOf((String) s.get("status")),
				io.opsguard.cmdb.Importance.valueOf((String) s.get("importance")), (String) s.get("location"),
				(String) s.get("vendor"), (String) s.get("model"), (String) s.get("serialNumber"), (String) s.get("contract"),
				documents, s.get("tags") instanceof List<?> tags ? (List<String>) tags : List.of(), (String) s.get("notes"),
				attributes, instant(s.get("lastVerifiedAt")), null, null, instant(s.get("retiredAt")), 0);
	}

	private static Instant instant(Object value) {
		if (value == null) {
			return null;
		}
		return value instanceof Number n ? Instant.ofEpochMilli((long) (n.doubleValue() * 1000))
				: Instant.parse(value.toString());
	}

	/** What happened in a version. */
	public enum Action {

		CREATED, UPDATED, RETIRED, VERIFIED, RELATION_ADDED, RELATION_REMOVED, IMPORTED

	}

	/** One changed field: {@code before} and {@code after} as text. */
	public record Change(String field, String before, String after) {
	}

	/** One version in a CI's timeline. */
	public record Entry(int version, Instant changedAt, Long userId, String username, Action action, List<Change> changes) {
	}

	/** The CI as it was after a version. */
	record Version(int version, Instant changedAt, Map<String, Object> snapshot) {
	}

}
