package io.opsguard.servicedesk.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * The SQL of the monitoring hand-over (ADR 0021): alerts by key ({@code sd_monitoring_alert}), the
 * per-system rows alerts of one business system take turns on ({@code sd_monitoring_system}) and
 * the system's notes by key ({@code sd_system_comment}).
 */
@Repository
class MonitoringAlertStore {

	private final JdbcClient jdbc;

	MonitoringAlertStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The ticket an alert key was handed to, once decided. */
	Optional<Handed> find(String alertKey) {
		return this.jdbc.sql("""
				select a.ticket_id, t.number, a.opened from sd_monitoring_alert a join sd_ticket t on t.id = a.ticket_id
				where a.alert_key = :key""")
			.param("key", alertKey)
			.query((rs, n) -> new Handed(rs.getLong("ticket_id"), rs.getString("number"), rs.getBoolean("opened")))
			.optional();
	}

	/**
	 * Claims an alert key for this transaction; false when it is claimed already (on PostgreSQL
	 * after waiting for the transaction that claimed it to end).
	 */
	boolean claim(String alertKey, long alertId, Long businessSystemId, Instant at) {
		return this.jdbc.sql("""
				insert into sd_monitoring_alert (alert_key, alert_id, business_system_id, attached_at, opened)
				values (:key, :alert, :system, :at, false) on conflict do nothing""")
			.param("key", alertKey)
			.param("alert", alertId)
			.param("system", businessSystemId)
			.param("at", ts(at))
			.update() == 1;
	}

	/** Writes down the ticket a claimed key was handed to. */
	void settle(String alertKey, long ticketId, boolean opened) {
		this.jdbc.sql("update sd_monitoring_alert set ticket_id = :ticket, opened = :opened where alert_key = :key")
			.param("ticket", ticketId)
			.param("opened", opened)
			.param("key", alertKey)
			.update();
	}

	/**
	 * Takes the business system's turn: its row, made on its first alert, locked for the rest of
	 * the transaction. False when the row cannot be seen yet (made by a transaction still running).
	 */
	boolean lockSystem(long businessSystemId, Instant at) {
		this.jdbc.sql("insert into sd_monitoring_system (business_system_id, created_at) values (:system, :at) on conflict do nothing")
			.param("system", businessSystemId)
			.param("at", ts(at))
			.update();
		return this.jdbc.sql("select business_system_id from sd_monitoring_system where business_system_id = :system for update")
			.param("system", businessSystemId)
			.query(Long.class)
			.optional()
			.isPresent();
	}

	/**
	 * The system's open monitoring incident that had an alert attached at or after {@code since}:
	 * the one attached to last.
	 */
	Optional<Long> openIncident(long businessSystemId, Instant since) {
		return this.jdbc.sql("""
				select a.ticket_id from sd_monitoring_alert a join sd_ticket t on t.id = a.ticket_id
				where a.business_system_id = :system and a.attached_at >= :since
				  and t.is_open = true and t.type = 'INCIDENT' and t.channel = 'MONITORING' and t.business_system_id = :system
				order by a.attached_at desc, a.id desc
				limit 1""")
			.param("system", businessSystemId)
			.param("since", ts(since))
			.query(Long.class)
			.optional();
	}

	/** Claims a note's key on a ticket for this transaction; false when it was written (or is being written). */
	boolean claimNote(long ticketId, String key, Instant at) {
		return this.jdbc.sql("""
				insert into sd_system_comment (ticket_id, comment_key, created_at) values (:ticket, :key, :at)
				on conflict do nothing""")
			.param("ticket", ticketId)
			.param("key", key)
			.param("at", ts(at))
			.update() == 1;
	}

	void settleNote(long ticketId, String key, long commentId) {
		this.jdbc.sql("update sd_system_comment set comment_id = :comment where ticket_id = :ticket and comment_key = :key")
			.param("comment", commentId)
			.param("ticket", ticketId)
			.param("key", key)
			.update();
	}

	/** An alert key's ticket. */
	record Handed(long ticketId, String number, boolean opened) {
	}

}
