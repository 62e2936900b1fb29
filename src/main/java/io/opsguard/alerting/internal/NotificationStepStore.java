package io.opsguard.alerting.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notification steps ({@code alr_notification}, {@code alr_notification_alert}): one message of
 * a route listing one or more alerts. A groupable step is found by its {@code pending_key} while it
 * is pending; a step that must exist once ever by its {@code step_key}; both are inserted with
 * {@code on conflict do nothing}, so two nodes planning the same step create one. Sending claims a
 * step with a conditional update ({@code status = 'PENDING'}), so each is sent once.
 */
@Repository
class NotificationStepStore {

	static final String PENDING = "PENDING";

	static final String SENT = "SENT";

	static final String CANCELLED = "CANCELLED";

	static final String FAILED = "FAILED";

	private static final String COLUMNS = "id, route_id, group_key, kind, status, due_at, created_at, sent_at, detail, "
			+ "recipients, pending_key, step_key, attempts";

	private final JdbcClient jdbc;

	NotificationStepStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A notification step as stored. */
	record Step(long id, long routeId, String groupKey, StepKind kind, String status, Instant dueAt, Instant createdAt,
			Instant sentAt, String detail, int recipients, String pendingKey, String stepKey, int attempts) {
	}

	Optional<Step> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_notification where id = :id").param("id", id).query(this::map).optional();
	}

	/** The pending step with this key, if any. */
	Optional<Step> pending(String pendingKey) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_notification where pending_key = :key")
			.param("key", pendingKey)
			.query(this::map)
			.optional();
	}

	/** The step with this once-ever key, if any. */
	Optional<Step> byStepKey(String stepKey) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_notification where step_key = :key")
			.param("key", stepKey)
			.query(this::map)
			.optional();
	}

	/**
	 * Adds a pending step under a pending key or a once-ever key; nothing when a step holds the key
	 * already (another node, or an earlier plan). Whether it added one.
	 */
	boolean insert(long routeId, String groupKey, StepKind kind, Instant dueAt, Instant now, String pendingKey,
			String stepKey) {
		return this.jdbc.sql("insert into alr_notification (route_id, group_key, kind, status, due_at, created_at, recipients, "
				+ "pending_key, step_key, attempts) values (:route, :group, :kind, 'PENDING', :due, :now, 0, :pending, :step, 0) "
				+ "on conflict do nothing")
			.param("route", routeId)
			.param("group", groupKey)
			.param("kind", kind.name())
			.param("due", ts(dueAt))
			.param("now", ts(now))
			.param("pending", pendingKey)
			.param("step", stepKey)
			.update() == 1;
	}

	/**
	 * Locks a pending step for this transaction (waiting for a sender that holds it); false when it
	 * is no longer pending — it was sent or cancelled meanwhile.
	 */
	boolean lockPending(long id) {
		return this.jdbc.sql("update alr_notification set attempts = attempts where id = :id and status = 'PENDING'")
			.param("id", id)
			.update() == 1;
	}

	void link(long stepId, long alertId) {
		this.jdbc.sql("insert into alr_notification_alert (notification_id, alert_id) values (:step, :alert) on conflict do nothing")
			.param("step", stepId)
			.param("alert", alertId)
			.update();
	}

	void unlink(long stepId, long alertId) {
		this.jdbc.sql("delete from alr_notification_alert where notification_id = :step and alert_id = :alert")
			.param("step", stepId)
			.param("alert", alertId)
			.update();
	}

	List<Long> alerts(long stepId) {
		return this.jdbc.sql("select alert_id from alr_notification_alert where notification_id = :step order by alert_id")
			.param("step", stepId)
			.query(Long.class)
			.list();
	}

	/** The pending steps of these kinds that list the alert. */
	List<Long> pendingOf(long alertId, Collection<StepKind> kinds) {
		return this.jdbc.sql("select n.id from alr_notification n join alr_notification_alert na on na.notification_id = n.id "
				+ "where na.alert_id = :alert and n.status = 'PENDING' and n.kind in (:kinds) order by n.id")
			.param("alert", alertId)
			.param("kinds", kinds.stream().map(Enum::name).toList())
			.query(Long.class)
			.list();
	}

	/** The routes whose sent steps of these kinds told about the alert. */
	List<Long> routesThatTold(long alertId, Collection<StepKind> kinds) {
		return this.jdbc.sql("select distinct n.route_id from alr_notification n join alr_notification_alert na "
				+ "on na.notification_id = n.id where na.alert_id = :alert and n.status = 'SENT' and n.kind in (:kinds)")
			.param("alert", alertId)
			.param("kinds", kinds.stream().map(Enum::name).toList())
			.query(Long.class)
			.list();
	}

	/** When the route last sent a step of the kind (grouping: the leading edge). */
	Optional<Instant> lastSent(long routeId, StepKind kind) {
		Timestamp last = this.jdbc.sql("select max(sent_at) from alr_notification where route_id = :route and kind = :kind "
				+ "and status = 'SENT'")
			.param("route", routeId)
			.param("kind", kind.name())
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		return Optional.ofNullable(last).map(Timestamp::toInstant);
	}

	/**
	 * How many steps of these kinds the route sent since {@code since} that told about an alert of
	 * the same rule and resource as the given one (of the same fingerprint when it has neither).
	 */
	int sentAbout(long routeId, AlertRow alert, Collection<StepKind> kinds, Instant since) {
		return this.jdbc.sql("select count(distinct n.id) from alr_notification n join alr_notification_alert na "
				+ "on na.notification_id = n.id join alr_alert a on a.id = na.alert_id where n.route_id = :route "
				+ "and n.status = 'SENT' and n.kind in (:kinds) and n.sent_at >= :since and " + same(alert))
			.param("route", routeId)
			.param("kinds", kinds.stream().map(Enum::name).toList())
			.param("since", ts(since))
			.params(sameParams(alert))
			.query(Integer.class)
			.single();
	}

	/** Whether the step already lists an alert of the same rule and resource as the given one. */
	boolean listsSame(long stepId, AlertRow alert) {
		return this.jdbc.sql("select count(*) from alr_notification_alert na join alr_alert a on a.id = na.alert_id "
				+ "where na.notification_id = :step and " + same(alert))
			.param("step", stepId)
			.params(sameParams(alert))
			.query(Integer.class)
			.single() > 0;
	}

	private static String same(AlertRow alert) {
		if (alert.ruleId() == null && alert.ciId() == null) {
			return "a.fingerprint = :fingerprint";
		}
		return (alert.ruleId() == null ? "a.rule_id is null" : "a.rule_id = :rule") + " and "
				+ (alert.ciId() == null ? "a.ci_id is null" : "a.ci_id = :ci");
	}

	private static java.util.Map<String, Object> sameParams(AlertRow alert) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("fingerprint", alert.fingerprint());
		if (alert.ruleId() != null) {
			params.put("rule", alert.ruleId());
		}
		if (alert.ciId() != null) {
			params.put("ci", alert.ciId());
		}
		return params;
	}

	/** The pending steps due at {@code now}, oldest first. */
	List<Long> due(Instant now, int limit) {
		return this.jdbc.sql("select id from alr_notification where status = 'PENDING' and due_at <= :now "
				+ "order by due_at, id limit :limit")
			.param("now", ts(now))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/**
	 * Claims a due step for sending in this transaction: it becomes SENT and leaves its pending key
	 * (new alerts start a new step); false when another sender claimed it first or it is no longer
	 * pending. A rollback gives it back.
	 */
	boolean claim(long id, Instant now) {
		return this.jdbc.sql("update alr_notification set status = 'SENT', sent_at = :now, pending_key = null "
				+ "where id = :id and status = 'PENDING' and due_at <= :now")
			.param("now", ts(now))
			.param("id", id)
			.update() == 1;
	}

	/** Records what a sent step did. */
	void sent(long id, int recipients, String detail) {
		this.jdbc.sql("update alr_notification set recipients = :recipients, detail = :detail where id = :id")
			.param("recipients", recipients)
			.param("detail", AlertStore.cut(detail, 1000))
			.param("id", id)
			.update();
	}

	/** Cancels a step (pending, or claimed in this transaction) with the reason. */
	void cancel(long id, String reason) {
		this.jdbc.sql("update alr_notification set status = 'CANCELLED', pending_key = null, detail = :reason "
				+ "where id = :id and status in ('PENDING', 'SENT')")
			.param("reason", reason)
			.param("id", id)
			.update();
	}

	/** Cancels a pending step that lists no alert any more; whether it did. */
	boolean cancelIfEmpty(long id, String reason) {
		return this.jdbc.sql("update alr_notification set status = 'CANCELLED', pending_key = null, detail = :reason "
				+ "where id = :id and status = 'PENDING' and not exists (select 1 from alr_notification_alert "
				+ "where notification_id = :id)")
			.param("reason", reason)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * A send failed: the step is tried again at {@code retryAt}, or given up (FAILED) after
	 * {@code maxAttempts} failures.
	 */
	void failed(long id, Instant retryAt, int maxAttempts, String detail) {
		this.jdbc.sql("update alr_notification set attempts = attempts + 1, due_at = :retry, detail = :detail, "
				+ "status = case when attempts + 1 >= :max then 'FAILED' else status end, "
				+ "pending_key = case when attempts + 1 >= :max then null else pending_key end "
				+ "where id = :id and status = 'PENDING'")
			.param("retry", ts(retryAt))
			.param("detail", AlertStore.cut(detail, 1000))
			.param("max", maxAttempts)
			.param("id", id)
			.update();
	}

	/** An open, unacknowledged alert told by a route, and when the route first told it. */
	record Told(long routeId, long alertId, String severity, Instant firstSentAt) {
	}

	/** The firing (unacknowledged) alerts that these routes told, with when each route first told them. */
	List<Told> firingToldBy(Collection<Long> routeIds, int limit) {
		if (routeIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select n.route_id, a.id as alert_id, a.severity, min(n.sent_at) as first_sent "
				+ "from alr_notification n join alr_notification_alert na on na.notification_id = n.id "
				+ "join alr_alert a on a.id = na.alert_id where a.state = 'FIRING' and n.status = 'SENT' "
				+ "and n.kind in ('FIRING', 'FLAPPING') and n.route_id in (:routes) group by n.route_id, a.id, a.severity "
				+ "order by a.id limit :limit")
			.param("routes", routeIds)
			.param("limit", limit)
			.query((rs, n) -> new Told(rs.getLong("route_id"), rs.getLong("alert_id"), rs.getString("severity"),
					rs.getTimestamp("first_sent").toInstant()))
			.list();
	}

	/** Steps of a route, newest first (the delivery view of a route). */
	List<Step> ofRoute(long routeId, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_notification where route_id = :route order by created_at desc, id desc "
				+ "limit :limit")
			.param("route", routeId)
			.param("limit", limit)
			.query(this::map)
			.list();
	}

	/** Whole microseconds, as both databases keep them: a stored instant never rounds up past "now". */
	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
	}

	private Step map(ResultSet rs, int n) throws SQLException {
		Timestamp sent = rs.getTimestamp("sent_at");
		return new Step(rs.getLong("id"), rs.getLong("route_id"), rs.getString("group_key"),
				StepKind.valueOf(rs.getString("kind")), rs.getString("status"), rs.getTimestamp("due_at").toInstant(),
				rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant(), rs.getString("detail"),
				rs.getInt("recipients"), rs.getString("pending_key"), rs.getString("step_key"), rs.getInt("attempts"));
	}

}
