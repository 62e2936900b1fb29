package io.opsguard.alerting.internal;

import static io.opsguard.alerting.internal.RuleStore.doubleOrNull;
import static io.opsguard.alerting.internal.RuleStore.instant;
import static io.opsguard.alerting.internal.RuleStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Alerts and their timelines ({@code alr_alert}, {@code alr_alert_event}). */
@Repository
class AlertStore {

	static final String COLUMNS = "a.id, a.fingerprint, a.source, a.rule_id, a.series, a.external_key, a.title, a.summary, "
			+ "a.severity, a.state, a.ci_id, a.organisation_id, a.business_system_id, a.metric, a.instance_value, "
			+ "a.first_value, a.last_value, a.threshold, a.eval_count, a.started_at, a.last_seen_at, a.acknowledged_at, "
			+ "a.acknowledged_by, a.ack_comment, a.resolved_at, a.resolved_by, a.resolve_reason, a.flapping, a.flap_count, "
			+ "a.suppressed_by, a.suppressed_by_ci, a.silence_id, a.maintenance_id, a.ticket_id, a.ticket_number, "
			+ "a.notified_at, a.notification_count, a.labels, a.version";

	private static final TypeReference<LinkedHashMap<String, String>> LABELS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate named;

	private final ObjectMapper json;

	AlertStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, ObjectMapper json) {
		this.jdbc = jdbc;
		this.named = named;
		this.json = json;
	}

	/** A new alert, firing. */
	record NewAlert(String fingerprint, String source, Long ruleId, String series, String externalKey, String title,
			String summary, AlertSeverity severity, Long ciId, Long organisationId, Long businessSystemId, String metric,
			String instance, Double value, Double threshold, Instant at, Map<String, String> labels) {
	}

	/**
	 * Inserts a firing alert; throws {@link org.springframework.dao.DuplicateKeyException} when an
	 * alert of the fingerprint is already open (another node was first).
	 */
	long insert(NewAlert alert) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into alr_alert (fingerprint, open_key, source, rule_id, series, external_key, title, summary, "
				+ "severity, state, ci_id, organisation_id, business_system_id, metric, instance_value, first_value, "
				+ "last_value, threshold, eval_count, started_at, last_seen_at, labels) values (:fingerprint, :fingerprint, "
				+ ":source, :rule, :series, :external, :title, :summary, :severity, 'FIRING', :ci, :organisation, :system, "
				+ ":metric, :instance, :value, :value, :threshold, 1, :at, :at, :labels)")
			.param("fingerprint", alert.fingerprint())
			.param("source", alert.source())
			.param("rule", alert.ruleId())
			.param("series", cut(alert.series(), 1000))
			.param("external", cut(alert.externalKey(), 300))
			.param("title", cut(alert.title(), 500))
			.param("summary", cut(alert.summary(), 2000))
			.param("severity", alert.severity().name())
			.param("ci", alert.ciId())
			.param("organisation", alert.organisationId())
			.param("system", alert.businessSystemId())
			.param("metric", alert.metric())
			.param("instance", cut(alert.instance(), 256))
			.param("value", finite(alert.value()))
			.param("threshold", finite(alert.threshold()))
			.param("at", ts(alert.at()))
			.param("labels", write(alert.labels()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	Optional<AlertRow> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_alert a where a.id = :id").param("id", id).query(this::map).optional();
	}

	List<AlertRow> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from alr_alert a where a.id in (:ids) order by a.id")
			.param("ids", ids)
			.query(this::map)
			.list();
	}

	Optional<AlertRow> findOpen(String fingerprint) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_alert a where a.open_key = :fingerprint")
			.param("fingerprint", fingerprint)
			.query(this::map)
			.optional();
	}

	/** The fingerprints of the open alerts of rules. */
	Set<String> openFingerprints() {
		return new HashSet<>(this.jdbc.sql("select open_key from alr_alert where open_key is not null")
			.query(String.class)
			.list());
	}

	/** The newest resolved alert of a fingerprint resolved at or after {@code since}. */
	Optional<AlertRow> recentlyResolved(String fingerprint, Instant since) {
		return this.jdbc
			.sql("select " + COLUMNS + " from alr_alert a where a.fingerprint = :fingerprint and a.state = 'RESOLVED' "
					+ "and a.resolved_by is null and a.resolved_at >= :since order by a.resolved_at desc, a.id desc")
			.param("fingerprint", fingerprint)
			.param("since", ts(since))
			.query(this::map)
			.list()
			.stream()
			.findFirst();
	}

	/** A sighting of an open alert: count, newest value, last seen. */
	record Sighting(String fingerprint, double value, Instant at) {
	}

	/** Records sightings of open alerts in one batch. */
	void seen(List<Sighting> sightings) {
		if (sightings.isEmpty()) {
			return;
		}
		MapSqlParameterSource[] batch = new MapSqlParameterSource[sightings.size()];
		for (int i = 0; i < batch.length; i++) {
			Sighting sighting = sightings.get(i);
			batch[i] = new MapSqlParameterSource().addValue("key", sighting.fingerprint())
				.addValue("value", finite(sighting.value()))
				.addValue("at", ts(sighting.at()));
		}
		this.named.batchUpdate("update alr_alert set eval_count = eval_count + 1, last_value = coalesce(:value, last_value), "
				+ "last_seen_at = case when last_seen_at < :at then :at else last_seen_at end where open_key = :key", batch);
	}

	/** Opens a recently resolved alert again (it fired again within the flap window). */
	boolean reopen(long id, String fingerprint, Double value, Instant at, boolean flapping, boolean restart) {
		return this.jdbc.sql("update alr_alert set state = 'FIRING', open_key = :fingerprint, resolved_at = null, "
				+ (restart ? "started_at = :at, first_value = :value, " : "")
				+ "resolved_by = null, resolve_reason = null, acknowledged_at = null, acknowledged_by = null, ack_comment = null, "
				+ "flap_count = flap_count + 1, flapping = :flapping, last_value = :value, last_seen_at = :at, "
				+ "eval_count = eval_count + 1, version = version + 1 where id = :id and state = 'RESOLVED'")
			.param("fingerprint", fingerprint)
			.param("flapping", flapping)
			.param("value", finite(value))
			.param("at", ts(at))
			.param("id", id)
			.update() == 1;
	}

	/** Resolves an open alert; false when it was no longer open. */
	boolean resolve(long id, Instant at, Long by, String reason, Double value) {
		return this.jdbc.sql("update alr_alert set state = 'RESOLVED', open_key = null, resolved_at = :at, resolved_by = :by, "
				+ "resolve_reason = :reason, last_value = coalesce(:value, last_value), version = version + 1 "
				+ "where id = :id and state <> 'RESOLVED'")
			.param("at", ts(at))
			.param("by", by)
			.param("reason", cut(reason, 1000))
			.param("value", finite(value))
			.param("id", id)
			.update() == 1;
	}

	/** Acknowledges a firing alert; false when it was not firing. */
	boolean acknowledge(long id, Instant at, Long by, String comment) {
		return this.jdbc.sql("update alr_alert set state = 'ACKNOWLEDGED', acknowledged_at = :at, acknowledged_by = :by, "
				+ "ack_comment = :comment, version = version + 1 where id = :id and state = 'FIRING'")
			.param("at", ts(at))
			.param("by", by)
			.param("comment", cut(comment, 1000))
			.param("id", id)
			.update() == 1;
	}

	void quiet(long id, Long suppressedBy, Long suppressedByCi, Long silenceId, Long maintenanceId) {
		this.jdbc.sql("update alr_alert set suppressed_by = :by, suppressed_by_ci = :ci, silence_id = :silence, "
				+ "maintenance_id = :maintenance where id = :id")
			.param("by", suppressedBy)
			.param("ci", suppressedByCi)
			.param("silence", silenceId)
			.param("maintenance", maintenanceId)
			.param("id", id)
			.update();
	}

	void severity(long id, AlertSeverity severity, String title, String summary) {
		this.jdbc.sql("update alr_alert set severity = :severity, title = :title, summary = :summary where id = :id")
			.param("severity", severity.name())
			.param("title", cut(title, 500))
			.param("summary", cut(summary, 2000))
			.param("id", id)
			.update();
	}

	void flapCount(long id, int count) {
		this.jdbc.sql("update alr_alert set flap_count = :count where id = :id").param("count", count).param("id", id).update();
	}

	void flapping(long id, boolean flapping) {
		this.jdbc.sql("update alr_alert set flapping = :flapping where id = :id").param("flapping", flapping).param("id", id).update();
	}

	void ticket(long id, long ticketId, String number) {
		this.jdbc.sql("update alr_alert set ticket_id = :ticket, ticket_number = :number where id = :id")
			.param("ticket", ticketId)
			.param("number", number)
			.param("id", id)
			.update();
	}

	void notified(Collection<Long> ids, Instant at) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.sql("update alr_alert set notified_at = :at, notification_count = notification_count + 1 where id in (:ids)")
			.param("at", ts(at))
			.param("ids", ids)
			.update();
	}

	/** Open alerts of rules whose series has not been seen since {@code before}. */
	List<AlertRow> openNotSeenSince(Instant before, String source, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from alr_alert a where a.open_key is not null and a.source = :source "
					+ "and a.last_seen_at < :before order by a.id")
			.param("source", source)
			.param("before", ts(before))
			.query(this::map)
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	/** Flapping alerts resolved before {@code before} and not firing since: stable again. */
	List<AlertRow> stableFlapping(Instant before) {
		return this.jdbc
			.sql("select " + COLUMNS + " from alr_alert a where a.flapping = true and a.state = 'RESOLVED' "
					+ "and a.resolved_at < :before")
			.param("before", ts(before))
			.query(this::map)
			.list();
	}

	/** Deletes resolved alerts (and their timelines) resolved before {@code before}; how many. */
	int purge(Instant before) {
		// notification steps sent or withdrawn before then, with the alerts they listed
		this.jdbc.sql("delete from alr_notification where created_at < :before and status <> 'PENDING'")
			.param("before", ts(before))
			.update();
		this.jdbc.sql("delete from alr_notification_alert where alert_id in (select id from alr_alert where state = 'RESOLVED' "
				+ "and resolved_at < :before)").param("before", ts(before)).update();
		return this.jdbc.sql("delete from alr_alert where state = 'RESOLVED' and resolved_at < :before")
			.param("before", ts(before))
			.update();
	}

	List<AlertRow> query(String where, Map<String, Object> params, String orderBy, int limit, long offset) {
		return this.jdbc
			.sql("select " + COLUMNS + " from alr_alert a where " + where + " order by " + orderBy + " limit " + limit
					+ " offset " + offset)
			.params(params)
			.query(this::map)
			.list();
	}

	long count(String where, Map<String, Object> params) {
		return this.jdbc.sql("select count(*) from alr_alert a where " + where).params(params).query(Long.class).single();
	}

	void event(long alertId, Instant at, String kind, Long actorId, String detail) {
		this.jdbc.sql("insert into alr_alert_event (alert_id, at, kind, actor_id, detail) values (:alert, :at, :kind, :actor, :detail)")
			.param("alert", alertId)
			.param("at", ts(at))
			.param("kind", kind)
			.param("actor", actorId)
			.param("detail", cut(detail, 2000))
			.update();
	}

	List<AlertEvent> events(long alertId) {
		return this.jdbc.sql("select id, alert_id, at, kind, actor_id, detail from alr_alert_event where alert_id = :alert "
				+ "order by at, id")
			.param("alert", alertId)
			.query((rs, n) -> new AlertEvent(rs.getLong("id"), rs.getLong("alert_id"), instant(rs.getTimestamp("at")),
					rs.getString("kind"), (Long) rs.getObject("actor_id", Long.class), rs.getString("detail")))
			.list();
	}

	AlertRow map(ResultSet rs, int n) throws SQLException {
		return new AlertRow(rs.getLong("id"), rs.getString("fingerprint"), rs.getString("source"),
				(Long) rs.getObject("rule_id", Long.class), rs.getString("series"), rs.getString("external_key"),
				rs.getString("title"), rs.getString("summary"), AlertSeverity.valueOf(rs.getString("severity")),
				AlertState.valueOf(rs.getString("state")), (Long) rs.getObject("ci_id", Long.class),
				(Long) rs.getObject("organisation_id", Long.class), (Long) rs.getObject("business_system_id", Long.class),
				rs.getString("metric"), rs.getString("instance_value"), doubleOrNull(rs, "first_value"),
				doubleOrNull(rs, "last_value"), doubleOrNull(rs, "threshold"), rs.getInt("eval_count"),
				instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("last_seen_at")),
				instant(rs.getTimestamp("acknowledged_at")), (Long) rs.getObject("acknowledged_by", Long.class),
				rs.getString("ack_comment"), instant(rs.getTimestamp("resolved_at")),
				(Long) rs.getObject("resolved_by", Long.class), rs.getString("resolve_reason"), rs.getBoolean("flapping"),
				rs.getInt("flap_count"), (Long) rs.getObject("suppressed_by", Long.class),
				(Long) rs.getObject("suppressed_by_ci", Long.class), (Long) rs.getObject("silence_id", Long.class),
				(Long) rs.getObject("maintenance_id", Long.class), (Long) rs.getObject("ticket_id", Long.class),
				rs.getString("ticket_number"), instant(rs.getTimestamp("notified_at")), rs.getInt("notification_count"),
				read(rs.getString("labels")), rs.getInt("version"));
	}

	private String write(Map<String, String> labels) {
		if (labels == null || labels.isEmpty()) {
			return null;
		}
		try {
			String text = this.json.writeValueAsString(labels);
			return text.length() > 4000 ? null : text;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, String> read(String text) {
		if (text == null || text.isEmpty()) {
			return Map.of();
		}
		try {
			return this.json.readValue(text, LABELS);
		}
		catch (JsonProcessingException ex) {
			return Map.of();
		}
	}

	static String cut(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

	static Double finite(Double value) {
		return value == null || value.isNaN() || value.isInfinite() ? null : value;
	}

}
