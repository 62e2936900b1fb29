package io.opsguard.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of {@link Endpoint}s. Headers are kept as "Name: value" lines. */
@Repository
class EndpointStore {

	private static final String COLUMNS = "id, name, kind, url, method, headers, body_template, secret, enabled, version, created_at, updated_at";

	private final JdbcClient jdbc;

	EndpointStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Endpoint> all() {
		return this.jdbc.sql("select " + COLUMNS + " from ntf_endpoint order by kind, name").query(EndpointStore::map).list();
	}

	Optional<Endpoint> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from ntf_endpoint where id = :id").param("id", id)
			.query(EndpointStore::map)
			.optional();
	}

	List<Endpoint> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from ntf_endpoint where id in (:ids)").param("ids", ids)
			.query(EndpointStore::map)
			.list();
	}

	/** The enabled gateway of a kind that has been configured first. */
	Optional<Endpoint> gateway(EndpointKind kind) {
		return this.jdbc.sql("select " + COLUMNS + " from ntf_endpoint where kind = :kind and enabled = true order by id limit 1")
			.param("kind", kind.name())
			.query(EndpointStore::map)
			.optional();
	}

	boolean nameTaken(String name, Long exceptId) {
		return this.jdbc.sql("select count(*) from ntf_endpoint where lower(name) = lower(:name) and id <> :id")
			.param("name", name)
			.param("id", exceptId == null ? -1L : exceptId)
			.query(Long.class)
			.single() > 0;
	}

	long insert(Endpoint e, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into ntf_endpoint (name, kind, url, method, headers, body_template, secret, enabled, version, created_at, updated_at)
				values (:name, :kind, :url, :method, :headers, :body, :secret, :enabled, 0, :now, :now)""")
			.param("name", e.name())
			.param("kind", e.kind().name())
			.param("url", e.url())
			.param("method", e.method())
			.param("headers", headerLines(e.headers()))
			.param("body", e.bodyTemplate())
			.param("secret", e.secret())
			.param("enabled", e.enabled())
			.param("now", Timestamp.from(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	boolean update(Endpoint e, int version, Instant now) {
		return this.jdbc.sql("""
				update ntf_endpoint set name = :name, kind = :kind, url = :url, method = :method, headers = :headers,
				  body_template = :body, secret = :secret, enabled = :enabled, version = version + 1, updated_at = :now
				where id = :id and version = :version""")
			.param("name", e.name())
			.param("kind", e.kind().name())
			.param("url", e.url())
			.param("method", e.method())
			.param("headers", headerLines(e.headers()))
			.param("body", e.bodyTemplate())
			.param("secret", e.secret())
			.param("enabled", e.enabled())
			.param("now", Timestamp.from(now))
			.param("id", e.id())
			.param("version", version)
			.update() == 1;
	}

	void delete(long id) {
		this.jdbc.sql("delete from ntf_endpoint where id = :id").param("id", id).update();
	}

	static String headerLines(Map<String, String> headers) {
		if (headers == null || headers.isEmpty()) {
			return null;
		}
		StringBuilder lines = new StringBuilder();
		headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
		return lines.toString();
	}

	static Map<String, String> headers(String lines) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (lines == null) {
			return headers;
		}
		for (String line : lines.split("\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
			}
		}
		return headers;
	}

	private static Endpoint map(ResultSet rs, int row) throws SQLException {
		return new Endpoint(rs.getLong("id"), rs.getString("name"), EndpointKind.valueOf(rs.getString("kind")),
				rs.getString("url"), rs.getString("method"), headers(rs.getString("headers")), rs.getString("body_template"),
				rs.getString("secret"), rs.getBoolean("enabled"), rs.getInt("version"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
