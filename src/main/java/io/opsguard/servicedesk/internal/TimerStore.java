package io.opsguard.servicedesk.internal;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.calendar.WorkingDuration;
import io.opsguard.servicedesk.TimerMetric;
import io.opsguard.servicedesk.TimerState;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * The SQL of timers and their event logs ({@code sd_timer}, {@code sd_timer_event},
 * {@code sd_timer_alert}). The log is the truth; state, target, breach and the next due instant are
 * kept beside it for the queues and the sweep, and the working time counted at the last event for
 * the statistics; all rewritten after every event.
 */
@Repository
public class TimerStore {

	private static final String COLUMNS = """
			id, ticket_id, metric, group_id, policy_code, policy_version, calendar_code, calendar_version, state, target,
			  thresholds, breached, fired_percent, next_percent, next_due_at, due_at""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	/** PostgreSQL takes a batch as one statement of many rows; H2 is quicker with a JDBC batch. */
	private final boolean postgres;

	TimerStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
		this.postgres = Boolean.TRUE.equals(template.execute((java.sql.Connection connection) -> connection.getMetaData()
			.getDatabaseProductName()
			.toLowerCase(java.util.Locale.ROOT)
			.contains("postgres")));
	}

	/** A new timer; {@code measure}: what its log counts at its start (the target in working time). */
	long insert(TimerRow timer, Measure measure) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_timer (ticket_id, metric, group_id, policy_code, policy_version, calendar_code,
				  calendar_version, state, target, thresholds, breached, fired_percent, next_percent, next_due_at, due_at,
				  elapsed_seconds, target_seconds, stopped_at)
				values (:ticket, :metric, :group, :policy, :policyVersion, :calendar, :calendarVersion, :state, :target,
				  :thresholds, :breached, :fired, :nextPercent, :nextDue, :due, :elapsed, :targetSeconds, :stoppedAt)""")
			.param("elapsed", measure.elapsedSeconds())
			.param("targetSeconds", measure.targetSeconds())
			.param("stoppedAt", ts(measure.stoppedAt()))
			.param("ticket", timer.ticketId())
			.param("metric", timer.metric().name())
			.param("group", timer.groupId())
			.param("policy", timer.policyCode())
			.param("policyVersion", timer.policyVersion())
			.param("calendar", timer.calendarCode())
			.param("calendarVersion", timer.calendarVersion())
			.param("state", timer.state().name())
			.param("target", timer.target().toString())
			.param("thresholds", timer.thresholds().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))
			.param("breached", timer.breached())
			.param("fired", timer.firedPercent())
			.param("nextPercent", timer.nextPercent())
			.param("nextDue", ts(timer.nextDueAt()))
			.param("due", ts(timer.dueAt()))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/**
	 * Rewrites what the log gives, and what it counted at its last event ({@code measure}): the
	 * numbers the ticket statistics read.
	 */
	void updateDerived(TimerRow timer, Measure measure) {
		this.jdbc.sql("""
				update sd_timer set state = :state, target = :target, breached = :breached, fired_percent = :fired,
				  next_percent = :nextPercent, next_due_at = :nextDue, due_at = :due, elapsed_seconds = :elapsed,
				  target_seconds = :targetSeconds, stopped_at = :stoppedAt, version = version + 1
				where id = :id""")
			.param("state", timer.state().name())
			.param("target", timer.target().toString())
			.param("breached", timer.breached())
			.param("fired", timer.firedPercent())
			.param("nextPercent", timer.nextPercent())
			.param("nextDue", ts(timer.nextDueAt()))
			.param("due", ts(timer.dueAt()))
			.param("elapsed", measure.elapsedSeconds())
			.param("targetSeconds", measure.targetSeconds())
			.param("stoppedAt", ts(measure.stoppedAt()))
			.param("id", timer.id())
			.update();
	}

	/** Rewrites what their logs give for many timers at once (the sweep). */
	void updateDerived(List<TimerRow> timers) {
		if (timers.isEmpty()) {
			return;
		}
		if (this.postgres) {
			// one statement of eight array parameters: PostgreSQL parses and plans it as quickly for
			// 500 rows as for one, where a statement of 4,000 parameters took as long as the update
			this.template.execute((ConnectionCallback<Integer>) connection -> {
				try (PreparedStatement statement = connection.prepareStatement("""
						update sd_timer t set state = v.state, target = v.target, breached = v.breached,
						  fired_percent = v.fired, next_percent = v.next_percent, next_due_at = v.next_due, due_at = v.due,
						  version = t.version + 1
						from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::boolean[], ?::integer[], ?::integer[],
						  ?::timestamptz[], ?::timestamptz[]) as v (id, state, target, breached, fired, next_percent, next_due, due)
						where t.id = v.id""")) {
					statement.setArray(1, connection.createArrayOf("bigint", timers.stream().map(TimerRow::id).toArray()));
					statement.setArray(2, connection.createArrayOf("varchar", timers.stream().map(t -> t.state().name()).toArray()));
					statement.setArray(3, connection.createArrayOf("varchar", timers.stream().map(t -> t.target().toString()).toArray()));
					statement.setArray(4, connection.createArrayOf("boolean", timers.stream().map(TimerRow::breached).toArray()));
					statement.setArray(5, connection.createArrayOf("integer", timers.stream().map(TimerRow::firedPercent).toArray()));
					statement.setArray(6, connection.createArrayOf("integer", timers.stream().map(TimerRow::nextPercent).toArray()));
					statement.setArray(7, connection.createArrayOf("timestamptz", timers.stream().map(t -> iso(t.nextDueAt())).toArray()));
					statement.setArray(8, connection.createArrayOf("timestamptz", timers.stream().map(t -> iso(t.dueAt())).toArray()));
					return statement.executeUpdate();
				}
			});
			return;
		}
		this.template.batchUpdate("""
				update sd_timer set state = ?, target = ?, breached = ?, fired_percent = ?, next_percent = ?, next_due_at = ?,
				  due_at = ?, version = version + 1
				where id = ?""", timers.stream()
			.map(t -> new Object[] { t.state().name(), t.target().toString(), t.breached(), t.firedPercent(), t.nextPercent(),
					ts(t.nextDueAt()), ts(t.dueAt()), t.id() })
			.toList());
	}

	/**
	 * Records alerts, each once: the alerts that were new (another sweep, or one before a restart,
	 * may have recorded some).
	 */
	List<Alert> recordAlerts(List<Alert> alerts) {
		if (alerts.isEmpty()) {
			return List.of();
		}
		if (this.postgres) {
			java.util.Set<String> inserted = new java.util.HashSet<>(this.template.execute((ConnectionCallback<List<String>>) connection -> {
				try (PreparedStatement statement = connection.prepareStatement("""
						insert into sd_timer_alert (timer_id, ticket_id, percent, due_at, fired_at, late)
						select * from unnest(?::bigint[], ?::bigint[], ?::integer[], ?::timestamptz[], ?::timestamptz[], ?::boolean[])
						on conflict do nothing returning timer_id, percent, due_at""")) {
					statement.setArray(1, connection.createArrayOf("bigint", alerts.stream().map(Alert::timerId).toArray()));
					statement.setArray(2, connection.createArrayOf("bigint", alerts.stream().map(Alert::ticketId).toArray()));
					statement.setArray(3, connection.createArrayOf("integer", alerts.stream().map(Alert::percent).toArray()));
					statement.setArray(4, connection.createArrayOf("timestamptz", alerts.stream().map(a -> iso(a.dueAt())).toArray()));
					statement.setArray(5, connection.createArrayOf("timestamptz", alerts.stream().map(a -> iso(a.firedAt())).toArray()));
					statement.setArray(6, connection.createArrayOf("boolean", alerts.stream().map(Alert::late).toArray()));
					List<String> keys = new ArrayList<>();
					try (java.sql.ResultSet rs = statement.executeQuery()) {
						while (rs.next()) {
							keys.add(rs.getLong(1) + "/" + rs.getInt(2) + "/" + micros(instant(rs, "due_at")));
						}
					}
					return keys;
				}
			}));
			List<Alert> recorded = new ArrayList<>();
			for (Alert a : alerts) {
				if (inserted.contains(a.timerId() + "/" + a.percent() + "/" + micros(a.dueAt()))) {
					recorded.add(a);
				}
			}
			return recorded;
		}
		int[] counts = this.template.batchUpdate("""
				insert into sd_timer_alert (timer_id, ticket_id, percent, due_at, fired_at, late)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing""", alerts.stream()
			.map(a -> new Object[] { a.timerId(), a.ticketId(), a.percent(), ts(a.dueAt()), ts(a.firedAt()), a.late() })
			.toList());
		List<Alert> recorded = new ArrayList<>();
		for (int i = 0; i < alerts.size(); i++) {
			if (counts[i] != 0) {
				recorded.add(alerts.get(i));
			}
		}
		return recorded;
	}

	/** An instant as PostgreSQL reads a timestamptz array element: ISO-8601 in UTC to the microsecond, or null. */
	private static String iso(Instant at) {
		return at == null ? null : micros(at).toString();
	}

	/** As the database keeps an instant: to the microsecond. */
	private static Instant micros(Instant at) {
		return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
	}

	void appendEvent(long timerId, int seq, TimerEvent event) {
		this.jdbc.sql("""
				insert into sd_timer_event (timer_id, seq, kind, at, target, reason)
				values (:timer, :seq, :kind, :at, :target, :reason)""")
			.param("timer", timerId)
			.param("seq", seq)
			.param("kind", event.kind().name())
			.param("at", ts(event.at()))
			.param("target", event.target() == null ? null : event.target().toString())
			.param("reason", event.reason())
			.update();
	}

	List<TimerRow> ofTicket(long ticketId) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_timer where ticket_id = :ticket order by id")
			.param("ticket", ticketId)
			.query(TimerStore::row)
			.list();
	}

	/** The events of the given timers, in order. */
	Map<Long, List<TimerEvent>> events(Collection<Long> timerIds) {
		Map<Long, List<TimerEvent>> events = new HashMap<>();
		if (timerIds.isEmpty()) {
			return events;
		}
		org.springframework.jdbc.core.RowCallbackHandler read = rs -> {
			String target = rs.getString("target");
			events.computeIfAbsent(rs.getLong("timer_id"), k -> new ArrayList<>())
				.add(new TimerEvent(TimerEvent.Kind.valueOf(rs.getString("kind")), instant(rs, "at"),
						target == null ? null : WorkingDuration.parse(target), rs.getString("reason")));
		};
		if (this.postgres && timerIds.size() > 1) {
			// one array parameter instead of a list of hundreds (the sweep reads 500 logs at a time)
			this.template.query(connection -> {
				PreparedStatement statement = connection.prepareStatement(
						"select timer_id, kind, at, target, reason from sd_timer_event where timer_id = any(?) order by timer_id, seq");
				statement.setArray(1, connection.createArrayOf("bigint", timerIds.toArray()));
				return statement;
			}, read);
			return events;
		}
		this.jdbc.sql("select timer_id, kind, at, target, reason from sd_timer_event where timer_id in (:ids) order by timer_id, seq")
			.param("ids", timerIds)
			.query(read);
		return events;
	}

	/**
	 * Timers with an alert due by {@code now}, in (due, id) order after the given one (the last of the
	 * previous batch, or null to start); one node sweeps at a time. A sweep moves every timer it reads
	 * past {@code now}, so it never needs to read behind its cursor again.
	 */
	List<TimerRow> due(Instant now, Cursor after, int limit) {
		// PostgreSQL starts its index scan at a row comparison; the same condition written with "or"
		// is a filter, and each batch walked again over the entries of every timer swept before it
		String behind = this.postgres ? " and (next_due_at, id) > (:afterDue, :afterId)"
				: " and (next_due_at > :afterDue or (next_due_at = :afterDue and id > :afterId))";
		return this.jdbc.sql("select " + COLUMNS + " from sd_timer where next_due_at <= :now"
				+ (after == null ? "" : behind)
				+ " order by next_due_at, id limit :limit")
			.param("now", ts(now))
			.param("afterDue", after == null ? null : ts(after.dueAt()))
			.param("afterId", after == null ? null : after.id())
			.param("limit", limit)
			.query(TimerStore::row)
			.list();
	}

	/**
	 * Lets the sweep's transaction commit without waiting for the disk on PostgreSQL: the sweep can be
	 * done again, and what a crash takes back (alerts, derived state and their events alike) the next
	 * sweep tells again, once, by the alerts' unique key.
	 */
	void commitWithoutWaiting() {
		if (this.postgres) {
			this.template.execute("set local synchronous_commit = off");
		}
	}

	/** Where a sweep stopped: the due instant and id of the last timer it read. */
	record Cursor(Instant dueAt, long id) {
	}

	/** What the sweep told of the given timers, in order. */
	Map<Long, List<AlertRow>> alerts(Collection<Long> timerIds) {
		Map<Long, List<AlertRow>> alerts = new HashMap<>();
		if (timerIds.isEmpty()) {
			return alerts;
		}
		this.jdbc.sql("select timer_id, percent, due_at, fired_at, late from sd_timer_alert where timer_id in (:ids) order by id")
			.param("ids", timerIds)
			.query(rs -> {
				alerts.computeIfAbsent(rs.getLong("timer_id"), k -> new ArrayList<>())
					.add(new AlertRow(rs.getInt("percent"), instant(rs, "due_at"), instant(rs, "fired_at"), rs.getBoolean("late")));
			});
		return alerts;
	}

	private static TimerRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		int policyVersion = rs.getInt("policy_version");
		Integer policy = rs.wasNull() ? null : policyVersion;
		int next = rs.getInt("next_percent");
		Integer nextPercent = rs.wasNull() ? null : next;
		return new TimerRow(rs.getLong("id"), rs.getLong("ticket_id"), TimerMetric.valueOf(rs.getString("metric")),
				nullableLong(rs, "group_id"), rs.getString("policy_code"), policy, rs.getString("calendar_code"),
				rs.getInt("calendar_version"), TimerState.valueOf(rs.getString("state")),
				WorkingDuration.parse(rs.getString("target")), thresholds(rs.getString("thresholds")), rs.getBoolean("breached"), rs.getInt("fired_percent"),
				nextPercent, instant(rs, "next_due_at"), instant(rs, "due_at"));
	}

	private static List<Integer> thresholds(String text) {
		List<Integer> values = new ArrayList<>();
		for (String part : text.split(",")) {
			if (!part.isBlank()) {
				values.add(Integer.parseInt(part.trim()));
			}
		}
		return values;
	}

	/**
	 * What a timer's log counted at its last event: working seconds in the current cycle, the target
	 * in working seconds, and when it stopped (null unless stopped).
	 */
	record Measure(long elapsedSeconds, long targetSeconds, Instant stoppedAt) {

		static Measure of(TimerLog log) {
			Instant last = log.events().get(log.events().size() - 1).at();
			return new Measure(log.elapsed(last).getSeconds(), log.targetTime().getSeconds(),
					log.state() == TimerState.STOPPED ? last : null);
		}

	}

	/** An alert to record. */
	record Alert(long timerId, long ticketId, TimerMetric metric, Long groupId, int percent, Instant dueAt, Instant firedAt,
			boolean late) {
	}

	/** An alert the sweep told: the threshold, when it fell due, when it was told, whether late. */
	public record AlertRow(int percent, Instant dueAt, Instant firedAt, boolean late) {
	}

	/** A timer as stored, with what its log gave when it was last written. */
	public record TimerRow(Long id, long ticketId, TimerMetric metric, Long groupId, String policyCode, Integer policyVersion,
			String calendarCode, int calendarVersion, TimerState state, WorkingDuration target, List<Integer> thresholds,
			boolean breached,
			int firedPercent, Integer nextPercent, Instant nextDueAt, Instant dueAt) {

		TimerRow derived(TimerState state, WorkingDuration target, boolean breached, int firedPercent, Integer nextPercent,
				Instant nextDueAt, Instant dueAt) {
			return new TimerRow(this.id, this.ticketId, this.metric, this.groupId, this.policyCode, this.policyVersion,
					this.calendarCode, this.calendarVersion, state, target, this.thresholds, breached, firedPercent, nextPercent,
					nextDueAt, dueAt);
		}

	}

}
