package io.opsguard.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.DataScope;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the intake's decisions ({@code sd_mail_log}): written once, never changed or wiped. */
@Repository
class MailLogStore {

	private static final String COLUMNS = """
			l.id, l.mailbox_id, m.name as mailbox_name, m.organisation_id as mailbox_org, l.message_id, l.sender, l.subject,
			  l.sent_at, l.logged_at, l.decision, l.reason_key, l.reason_args, l.ticket_id, t.number as ticket_number,
			  l.comment_id, l.attachments, l.raw_path, l.raw_size""";

	private static final String FROM = """
			sd_mail_log l join sd_mailbox m on m.id = l.mailbox_id left join sd_ticket t on t.id = l.ticket_id""";

	private final JdbcClient jdbc;

	MailLogStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a decision; fails with a duplicate key when the message was decided on before. */
	long insert(Entry e) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_mail_log (mailbox_id, message_key, message_id, sender, subject, sent_at, logged_at, decision,
				  reason_key, reason_args, ticket_id, comment_id, attachments, raw_path, raw_size)
				values (:mailbox, :key, :messageId, :sender, :subject, :sentAt, :loggedAt, :decision, :reasonKey, :reasonArgs,
				  :ticket, :comment, :attachments, :rawPath, :rawSize)""")
			.param("mailbox", e.mailboxId())
			.param("key", e.messageKey())
			.param("messageId", cut(e.messageId(), 500))
			.param("sender", cut(e.sender(), 254))
			.param("subject", cut(e.subject(), 500))
			.param("sentAt", TicketStore.ts(e.sentAt()))
			.param("loggedAt", TicketStore.ts(e.loggedAt()))
			.param("decision", e.decision().name())
			.param("reasonKey", e.reasonKey())
			.param("reasonArgs", cut(e.reasonArgs(), 1000))
			.param("ticket", e.ticketId())
			.param("comment", e.commentId())
			.param("attachments", e.attachments())
			.param("rawPath", e.rawPath())
			.param("rawSize", e.rawSize())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	boolean decided(long mailboxId, String messageKey) {
		return this.jdbc.sql("select count(*) from sd_mail_log where mailbox_id = :mailbox and message_key = :key")
			.param("mailbox", mailboxId)
			.param("key", messageKey)
			.query(Long.class)
			.single() > 0;
	}

	/** How many messages of a sender the mailbox received since then (the loop check). */
	long fromSenderSince(long mailboxId, String sender, Instant since) {
		return this.jdbc.sql("""
				select count(*) from sd_mail_log where sender = :sender and mailbox_id = :mailbox and logged_at >= :since""")
			.param("sender", sender)
			.param("mailbox", mailboxId)
			.param("since", TicketStore.ts(since))
			.query(Long.class)
			.single();
	}

	boolean anyOf(long mailboxId) {
		return this.jdbc.sql("select count(*) from sd_mail_log where mailbox_id = :mailbox")
			.param("mailbox", mailboxId)
			.query(Long.class)
			.single() > 0;
	}

	Optional<MailLogRow> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from " + FROM + " where l.id = :id")
			.param("id", id)
			.query(MailLogStore::row)
			.optional();
	}

	/** One page of decisions, newest first, of the mailboxes in the scope. */
	PageResult<MailLogRow> page(DataScope scope, MailLogFilter filter, PageQuery paging) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (!scope.all()) {
			conditions.add(scope.sqlCondition("m.organisation_id"));
		}
		if (filter.mailboxId() != null) {
			conditions.add("l.mailbox_id = :mailbox");
			params.put("mailbox", filter.mailboxId());
		}
		if (filter.decision() != null) {
			conditions.add("l.decision = :decision");
			params.put("decision", filter.decision().name());
		}
		if (filter.from() != null) {
			conditions.add("l.logged_at >= :from");
			params.put("from", TicketStore.ts(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("l.logged_at < :to");
			params.put("to", TicketStore.ts(filter.to()));
		}
		if (filter.sender() != null && !filter.sender().isBlank()) {
			conditions.add("lower(l.sender) like :sender escape '\\'");
			params.put("sender", "%" + filter.sender().strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
				.replace("%", "\\%").replace("_", "\\_") + "%");
		}
		String condition = String.join(" and ", conditions);
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "l.id", FROM, condition, params, paging, 10_000);
		if (ids.items().isEmpty()) {
			return new PageResult<>(List.of(), ids.total(), ids.page(), ids.size());
		}
		Map<Long, MailLogRow> rows = new HashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from " + FROM + " where l.id in (:ids)")
			.param("ids", ids.items())
			.query(MailLogStore::row)
			.list()
			.forEach(r -> rows.put(r.id(), r));
		return new PageResult<>(ids.items().stream().map(rows::get).filter(java.util.Objects::nonNull).toList(), ids.total(),
				ids.page(), ids.size());
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	private static MailLogRow row(ResultSet rs, int n) throws SQLException {
		long rawSize = rs.getLong("raw_size");
		Long raw = rs.wasNull() ? null : rawSize;
		return new MailLogRow(rs.getLong("id"), rs.getLong("mailbox_id"), rs.getString("mailbox_name"),
				rs.getLong("mailbox_org"), rs.getString("message_id"), rs.getString("sender"), rs.getString("subject"),
				TicketStore.instant(rs, "sent_at"), TicketStore.instant(rs, "logged_at"),
				MailDecision.valueOf(rs.getString("decision")), rs.getString("reason_key"), rs.getString("reason_args"),
				TicketStore.nullableLong(rs, "ticket_id"), rs.getString("ticket_number"),
				TicketStore.nullableLong(rs, "comment_id"), rs.getInt("attachments"), rs.getString("raw_path"), raw);
	}

	/** A decision to record. */
	record Entry(long mailboxId, String messageKey, String messageId, String sender, String subject, Instant sentAt,
			Instant loggedAt, MailDecision decision, String reasonKey, String reasonArgs, Long ticketId, Long commentId,
			int attachments, String rawPath, Long rawSize) {
	}

}
