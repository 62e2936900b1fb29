package io.opsguard.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.monitoring.MonitorStatus;
import io.opsguard.monitoring.collect.Outcome;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of monitors ({@code mon_monitor}). */
@Repository
public class MonitorStore {

	static final String COLUMNS = "m.id, m.ci_id, m.organisation_id, m.type_id, m.name, m.host, m.parameters, m.secrets, "
			+ "m.interval_seconds, m.enabled, m.status, m.last_outcome, m.last_detail, m.last_collected_at, "
			+ "m.last_success_at, m.last_duration_ms, m.consecutive_failures, m.created_at, m.created_by, m.updated_at, m.version";

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final NamedParameterJdbcTemplate named;

	MonitorStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, ObjectMapper json) {
		this.jdbc = jdbc;
		this.named = named;
		this.json = json;
	}

	public Optional<MonitorRow> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from mon_monitor m where m.id = :id")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	public List<MonitorRow> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, MonitorRow> byId = new LinkedHashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from mon_monitor m where m.id in (:ids)")
			.param("ids", ids)
			.query(this::map)
			.list()
			.forEach(row -> byId.put(row.id(), row));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	/** The monitors of one CI, oldest first. */
	public List<MonitorRow> ofCi(long ciId) {
		return this.jdbc.sql("select " + COLUMNS + " from mon_monitor m where m.ci_id = :ci order by m.id")
			.param("ci", ciId)
			.query(this::map)
			.list();
	}

	/** Every enabled monitor (the scheduler's work). */
	public List<MonitorRow> enabled() {
		return this.jdbc.sql("select " + COLUMNS + " from mon_monitor m where m.enabled = true order by m.id")
			.query(this::map)
			.list();
	}

	/** Every monitor, enabled or not. */
	public List<MonitorRow> all() {
		return this.jdbc.sql("select " + COLUMNS + " from mon_monitor m order by m.id").query(this::map).list();
	}

	/** How many monitors use a type. */
	public long countOfType(String typeId) {
		return this.jdbc.sql("select count(*) from mon_monitor where type_id = :type")
			.param("type", typeId)
			.query(Long.class)
			.single();
	}

	/** The (CI, type) pairs already monitored among these CIs. */
	public java.util.Set<String> existingPairs(Collection<Long> ciIds, String typeId) {
		if (ciIds.isEmpty()) {
			return java.util.Set.of();
		}
		return this.jdbc.sql("select ci_id from mon_monitor where type_id = :type and ci_id in (:cis)")
			.param("type", typeId)
			.param("cis", ciIds)
			.query((rs, n) -> rs.getLong(1) + "/" + typeId)
			.set();
	}

	long insert(MonitorRow row) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into mon_monitor (ci_id, organisation_id, type_id, name, host, parameters, secrets, interval_seconds,
				  enabled, status, created_at, created_by, updated_at, version)
				values (:ci, :organisation, :type, :name, :host, :parameters, :secrets, :interval, :enabled, :status,
				  :created, :createdBy, :updated, 0)""")
			.params(editable(row))
			.param("ci", row.ciId())
			.param("organisation", row.organisationId())
			.param("type", row.typeId())
			.param("created", Timestamp.from(row.createdAt()))
			.param("createdBy", row.createdBy())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Saves what a person changed; false when the version is stale. */
	boolean update(MonitorRow row) {
		return this.jdbc.sql("""
				update mon_monitor set name = :name, host = :host, parameters = :parameters, secrets = :secrets,
				  interval_seconds = :interval, enabled = :enabled, status = :status, updated_at = :updated,
				  version = version + 1
				where id = :id and version = :version""")
			.params(editable(row))
			.param("id", row.id())
			.param("version", row.version())
			.update() == 1;
	}

	/** The columns a person's edit writes, as named parameters. */
	private Map<String, Object> editable(MonitorRow row) {
		Map<String, Object> values = new java.util.HashMap<>();
		values.put("name", row.name());
		values.put("host", row.host());
		values.put("parameters", write(row.parameters()));
		values.put("secrets", row.sealedSecrets());
		values.put("interval", row.intervalSeconds());
		values.put("enabled", row.enabled());
		values.put("status", row.status().name());
		values.put("updated", Timestamp.from(row.updatedAt()));
		return values;
	}

	boolean delete(long id, int version) {
		return this.jdbc.sql("delete from mon_monitor where id = :id and version = :version")
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	/** The outcome of one collection, for {@link #recordOutcomes}. */
	public record OutcomeUpdate(long monitorId, MonitorStatus status, Outcome outcome, String detail, Instant collectedAt,
			int durationMs, boolean success, Map<String, String> facts) {
	}

	/**
	 * Records collection outcomes in one batch (the scheduler writes thousands a minute); a monitor
	 * switched off meanwhile keeps its DISABLED status. Does not touch {@code version}: outcomes are
	 * not a person's edit.
	 */
	public void recordOutcomes(List<OutcomeUpdate> updates) {
		if (updates.isEmpty()) {
			return;
		}
		SqlParameterSource[] batch = updates.stream()
			.map(u -> new MapSqlParameterSource()
				.addValue("id", u.monitorId())
				.addValue("status", u.status().name())
				.addValue("outcome", u.outcome().name())
				.addValue("detail", u.detail() == null ? null : truncate(u.detail(), 1000))
				.addValue("collected", Timestamp.from(u.collectedAt()))
				.addValue("duration", u.durationMs())
				.addValue("success", u.success())
				.addValue("facts", u.facts() == null || u.facts().isEmpty() ? null : truncate(write(new java.util.TreeMap<>(u.facts())), 4000)))
			.toArray(SqlParameterSource[]::new);
		this.named.batchUpdate("""
				update mon_monitor set
				  status = case when enabled then :status else 'DISABLED' end,
				  last_outcome = :outcome, last_detail = :detail, last_collected_at = :collected,
				  last_duration_ms = :duration,
				  last_success_at = case when :success then :collected else last_success_at end,
				  consecutive_failures = case when :success then 0 else consecutive_failures + 1 end,
				  last_facts = case when :success then coalesce(:facts, last_facts) else last_facts end
				where id = :id""", batch);
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	MonitorRow map(ResultSet rs, int n) throws SQLException {
		Integer interval = rs.getObject("interval_seconds") == null ? null : rs.getInt("interval_seconds");
		Integer duration = rs.getObject("last_duration_ms") == null ? null : rs.getInt("last_duration_ms");
		Long createdBy = rs.getObject("created_by") == null ? null : rs.getLong("created_by");
		String outcome = rs.getString("last_outcome");
		return new MonitorRow(rs.getLong("id"), rs.getLong("ci_id"), rs.getLong("organisation_id"), rs.getString("type_id"),
				rs.getString("name"), rs.getString("host"), read(rs.getString("parameters")), rs.getString("secrets"), interval,
				rs.getBoolean("enabled"), MonitorStatus.valueOf(rs.getString("status")),
				outcome == null ? null : Outcome.valueOf(outcome), rs.getString("last_detail"),
				instant(rs.getTimestamp("last_collected_at")), instant(rs.getTimestamp("last_success_at")), duration,
				rs.getInt("consecutive_failures"), instant(rs.getTimestamp("created_at")), createdBy,
				instant(rs.getTimestamp("updated_at")), rs.getInt("version"));
	}

	static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

	/** The facts the last successful collection reported (sysDescr, OS, server version), by monitor. */
	public Map<Long, Map<String, Object>> facts(Collection<Long> monitorIds) {
		Map<Long, Map<String, Object>> facts = new java.util.HashMap<>();
		if (monitorIds.isEmpty()) {
			return facts;
		}
		this.jdbc.sql("select id, last_facts from mon_monitor where id in (:ids) and last_facts is not null")
			.param("ids", monitorIds)
			.query((rs, n) -> facts.put(rs.getLong(1), read(rs.getString(2))))
			.list();
		return facts;
	}

	String write(Map<String, ?> parameters) {
		try {
			return this.json.writeValueAsString(parameters);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Parameters are not serialisable", ex);
		}
	}

	Map<String, Object> read(String text) {
		try {
			return text == null ? Map.of() : this.json.readValue(text, MAP);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored monitor parameters are not JSON", ex);
		}
	}

	static String idList(Collection<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

}
