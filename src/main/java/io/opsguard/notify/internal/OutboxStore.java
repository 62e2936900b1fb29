package io.opsguard.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.notify.Channel;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the outbox. A message is queued once per dedup key, channel, recipient and part
 * ({@code on conflict do nothing}: a second node queuing the same step neither fails nor queues it
 * twice); dispatchers claim due messages with {@code for update skip locked} and a conditional
 * update, so two dispatchers never send the same message.
 */
@Repository
class OutboxStore {

	private static final String COLUMNS = "id, dedup_key, type_code, channel, recipient, recipient_user_id, endpoint_id, "
			+ "organisation_id, locale, severity, part, parts, subject, body, body_html, link, status, attempts, "
			+ "next_attempt_at, last_error_key, last_error, created_at, sent_at";

	private static final String DUE = "((status in ('PENDING', 'FAILED') and next_attempt_at <= :now) "
			+ "or (status = 'SENDING' and claimed_until <= :now))";

	private final JdbcClient jdbc;

	OutboxStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues the message; false when its dedup key was queued before for this recipient and channel. */
	boolean enqueue(OutboxMessage m, Instant now) {
		return this.jdbc.sql("""
				insert into ntf_outbox (dedup_key, type_code, channel, recipient, recipient_user_id, endpoint_id,
				  organisation_id, locale, severity, part, parts, subject, body, body_html, link, status, attempts,
				  next_attempt_at, created_at, updated_at)
				values (:dedup, :type, :channel, :recipient, :user, :endpoint, :org, :locale, :severity, :part, :parts,
				  :subject, :body, :html, :link, 'PENDING', 0, :now, :now, :now)
				on conflict do nothing""")
			.param("dedup", m.dedupKey())
			.param("type", m.typeCode())
			.param("channel", m.channel().name())
			.param("recipient", m.recipient())
			.param("user", m.recipientUserId())
			.param("endpoint", m.endpointId())
			.param("org", m.organisationId())
			.param("locale", m.locale())
			.param("severity", m.severity())
			.param("part", m.part())
			.param("parts", m.parts())
			.param("subject", m.subject())
			.param("body", m.body())
			.param("html", m.bodyHtml())
			.param("link", m.link())
			.param("now", ts(now))
			.update() == 1;
	}

	/**
	 * Claims up to {@code limit} due messages for this dispatcher until {@code claimedUntil}; call
	 * in a transaction. Rows another dispatcher holds are skipped.
	 */
	List<OutboxMessage> claim(Instant now, Instant claimedUntil, int limit) {
		List<Long> candidates = this.jdbc
			.sql("select id from ntf_outbox where " + DUE + " order by next_attempt_at, id limit :limit for update skip locked")
			.param("now", ts(now))
			.param("limit", limit)
			.query(Long.class)
			.list();
		List<Long> claimed = new ArrayList<>();
		for (Long id : candidates) {
			int rows = this.jdbc.sql("update ntf_outbox set status = 'SENDING', claimed_until = :until, updated_at = :now "
					+ "where id = :id and " + DUE)
				.param("until", ts(claimedUntil))
				.param("now", ts(now))
				.param("id", id)
				.update();
			if (rows == 1) {
				claimed.add(id);
			}
		}
		return findAll(claimed);
	}

	/** Records a delivery; false when the message was no longer this dispatcher's to send. */
	boolean markSent(long id, Instant now) {
		return this.jdbc.sql("""
				update ntf_outbox set status = 'SENT', attempts = attempts + 1, sent_at = :now, claimed_until = null,
				  last_error_key = null, last_error = null, updated_at = :now
				where id = :id and status = 'SENDING'""")
			.param("id", id)
			.param("now", ts(now))
			.update() == 1;
	}

	void markFailed(long id, DeliveryStatus status, Instant nextAttempt, String reasonKey, String detail, Instant now) {
		this.jdbc.sql("""
				update ntf_outbox set status = :status, attempts = attempts + 1, next_attempt_at = :next, claimed_until = null,
				  last_error_key = :key, last_error = :detail, updated_at = :now
				where id = :id and status = 'SENDING'""")
			.param("status", status.name())
			.param("next", ts(nextAttempt))
			.param("key", reasonKey)
			.param("detail", detail)
			.param("now", ts(now))
			.param("id", id)
			.update();
	}

	/** Makes a failed or given-up message due now (a given-up one gets its attempts back). */
	boolean retryNow(long id, Instant now) {
		return this.jdbc.sql("""
				update ntf_outbox set attempts = case when status = 'DEAD' then 0 else attempts end, status = 'PENDING',
				  next_attempt_at = :now, updated_at = :now
				where id = :id and status in ('FAILED', 'DEAD')""")
			.param("id", id)
			.param("now", ts(now))
			.update() == 1;
	}

	Optional<OutboxMessage> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from ntf_outbox where id = :id").param("id", id)
			.query(OutboxStore::map)
			.optional();
	}

	List<OutboxMessage> findAll(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, OutboxMessage> byId = new HashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from ntf_outbox where id in (:ids)").param("ids", ids)
			.query(OutboxStore::map)
			.list()
			.forEach(m -> byId.put(m.id(), m));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	/** One page of the delivery log; {@code condition} restricts alias {@code o}. */
	PageResult<OutboxMessage> page(String condition, Map<String, ?> params, PageQuery paging) {
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "o.id", "ntf_outbox o", condition, params, paging, 10_000);
		return new PageResult<>(findAll(ids.items()), ids.total(), ids.page(), ids.size());
	}

	/** How many messages of a dedup key were queued (tests, and the caller's "told already?"). */
	long countByDedupKey(String dedupKey) {
		return this.jdbc.sql("select count(*) from ntf_outbox where dedup_key = :key").param("key", dedupKey)
			.query(Long.class)
			.single();
	}

	private static OutboxMessage map(ResultSet rs, int row) throws SQLException {
		return new OutboxMessage(rs.getLong("id"), rs.getString("dedup_key"), rs.getString("type_code"),
				Channel.valueOf(rs.getString("channel")), rs.getString("recipient"), nullableLong(rs, "recipient_user_id"),
				nullableLong(rs, "endpoint_id"), nullableLong(rs, "organisation_id"), rs.getString("locale"),
				rs.getString("severity"), rs.getInt("part"), rs.getInt("parts"), rs.getString("subject"), rs.getString("body"),
				rs.getString("body_html"), rs.getString("link"), DeliveryStatus.valueOf(rs.getString("status")),
				rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error_key"),
				rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"));
	}

	/** Whole microseconds, as both databases keep them: a stored instant never rounds up past "now". */
	static Timestamp ts(Instant instant) {
		return Timestamp.from(instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
