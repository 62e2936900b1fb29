package io.opsguard.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** In-app notifications: each user's inbox behind the bell. A user reaches only their own. */
@Service
public class Inbox {

	private static final String COLUMNS = "id, user_id, type_code, subject, body, link, severity, created_at, read_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	Inbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Adds a notification; empty when its dedup key was added for the user before. */
	Optional<Long> add(long userId, String type, String subject, String body, String link, String severity,
			String dedupKey) {
		if (dedupKey != null) {
			boolean seen = this.jdbc.sql("select count(*) from ntf_inbox where user_id = :user and dedup_key = :key")
				.param("user", userId)
				.param("key", dedupKey)
				.query(Long.class)
				.single() > 0;
			if (seen) {
				return Optional.empty();
			}
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		int rows = this.jdbc.sql("""
				insert into ntf_inbox (user_id, type_code, subject, body, link, severity, dedup_key, created_at)
				values (:user, :type, :subject, :body, :link, :severity, :key, :now) on conflict do nothing""")
			.param("user", userId)
			.param("type", type)
			.param("subject", subject)
			.param("body", body)
			.param("link", link)
			.param("severity", severity)
			.param("key", dedupKey)
			.param("now", Timestamp.from(this.clock.instant()))
			.update(keys, "id");
		return rows == 1 ? Optional.of(keys.getKeyAs(Number.class).longValue()) : Optional.empty();
	}

	@Transactional(readOnly = true)
	public PageResult<Notification> page(long userId, boolean unreadOnly, PageQuery paging) {
		String condition = "n.user_id = :user" + (unreadOnly ? " and n.read_at is null" : "");
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "n.id", "ntf_inbox n", condition, Map.of("user", userId), paging);
		List<Notification> items = ids.items().isEmpty() ? List.of()
				: this.jdbc.sql("select " + COLUMNS + " from ntf_inbox where id in (:ids) order by id desc")
					.param("ids", ids.items())
					.query(Inbox::map)
					.list();
		return new PageResult<>(items, ids.total(), ids.page(), ids.size());
	}

	@Transactional(readOnly = true)
	public long unreadCount(long userId) {
		return this.jdbc.sql("select count(*) from ntf_inbox where user_id = :user and read_at is null")
			.param("user", userId)
			.query(Long.class)
			.single();
	}

	/** Marks one of the user's notifications read; 404 when it is not theirs. */
	@Transactional
	public void markRead(long userId, long id) {
		Optional<Long> owner = this.jdbc.sql("select user_id from ntf_inbox where id = :id").param("id", id)
			.query(Long.class)
			.optional();
		if (owner.isEmpty() || owner.get() != userId) {
			throw new OpsGuardException(NotifyError.UNKNOWN_NOTIFICATION, String.valueOf(id));
		}
		this.jdbc.sql("update ntf_inbox set read_at = :now where id = :id and read_at is null")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update();
	}

	/** Marks all the user's notifications read; how many were unread. */
	@Transactional
	public int markAllRead(long userId) {
		return this.jdbc.sql("update ntf_inbox set read_at = :now where user_id = :user and read_at is null")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("user", userId)
			.update();
	}

	private static Notification map(ResultSet rs, int row) throws SQLException {
		Timestamp read = rs.getTimestamp("read_at");
		return new Notification(rs.getLong("id"), rs.getString("type_code"), rs.getString("subject"), rs.getString("body"),
				rs.getString("link"), rs.getString("severity"), rs.getTimestamp("created_at").toInstant(),
				read == null ? null : read.toInstant());
	}

	/** An in-app notification. */
	public record Notification(long id, String type, String subject, String body, String link, String severity,
			Instant createdAt, Instant readAt) {

		public boolean read() {
			return this.readAt != null;
		}

	}

}
