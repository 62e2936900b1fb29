package io.opsguard.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.opsguard.identity.DataScope;
import io.opsguard.servicelevel.TicketType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the intake's mailboxes ({@code sd_mailbox}). */
@Repository
class MailboxStore {

	private static final String COLUMNS = """
			id, name, host, port, protocol, username, password, folder, processed_folder, poll_interval_seconds,
			  ticket_type, fault_level, organisation_id, enabled, last_poll_at, last_success_at, last_error, failing_since,
			  failures, next_poll_at, version, created_at, updated_at""";

	private final JdbcClient jdbc;

	MailboxStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(Mailbox m) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_mailbox (name, host, port, protocol, username, password, folder, processed_folder,
				  poll_interval_seconds, ticket_type, fault_level, organisation_id, enabled, failures, version, created_at,
				  updated_at)
				values (:name, :host, :port, :protocol, :username, :password, :folder, :processed, :interval, :type, :level,
				  :org, :enabled, 0, 0, :at, :at)""")
			.param("name", m.name())
			.param("host", m.host())
			.param("port", m.port())
			.param("protocol", m.protocol())
			.param("username", m.username())
			.param("password", m.password())
			.param("folder", m.folder())
			.param("processed", m.processedFolder())
			.param("interval", m.pollIntervalSeconds())
			.param("type", m.ticketType().name())
			.param("level", m.faultLevel())
			.param("org", m.organisationId())
			.param("enabled", m.enabled())
			.param("at", TicketStore.ts(m.createdAt()))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Writes the settings back if nobody changed them since {@code version}; the next poll comes at once. */
	boolean update(Mailbox m) {
		return this.jdbc.sql("""
				update sd_mailbox set name = :name, host = :host, port = :port, protocol = :protocol, username = :username,
				  password = :password, folder = :folder, processed_folder = :processed, poll_interval_seconds = :interval,
				  ticket_type = :type, fault_level = :level, organisation_id = :org, enabled = :enabled, next_poll_at = null,
				  updated_at = :at, version = version + 1
				where id = :id and version = :version""")
			.param("name", m.name())
			.param("host", m.host())
			.param("port", m.port())
			.param("protocol", m.protocol())
			.param("username", m.username())
			.param("password", m.password())
			.param("folder", m.folder())
			.param("processed", m.processedFolder())
			.param("interval", m.pollIntervalSeconds())
			.param("type", m.ticketType().name())
			.param("level", m.faultLevel())
			.param("org", m.organisationId())
			.param("enabled", m.enabled())
			.param("at", TicketStore.ts(m.updatedAt()))
			.param("id", m.id())
			.param("version", m.version())
			.update() == 1;
	}

	boolean delete(long id) {
		return this.jdbc.sql("delete from sd_mailbox where id = :id").param("id", id).update() == 1;
	}

	Optional<Mailbox> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_mailbox where id = :id")
			.param("id", id)
			.query(MailboxStore::row)
			.optional();
	}

	boolean nameTaken(String name, Long except) {
		return this.jdbc.sql("select count(*) from sd_mailbox where lower(name) = lower(:name) and id <> :except")
			.param("name", name)
			.param("except", except == null ? -1L : except)
			.query(Long.class)
			.single() > 0;
	}

	List<Mailbox> visible(DataScope scope) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_mailbox m where " + scope.sqlCondition("m.organisation_id")
				+ " order by name, id")
			.query(MailboxStore::row)
			.list();
	}

	/** The enabled mailboxes whose next poll is due. */
	List<Mailbox> due(Instant now) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_mailbox where enabled = true "
				+ "and (next_poll_at is null or next_poll_at <= :now) order by id")
			.param("now", TicketStore.ts(now))
			.query(MailboxStore::row)
			.list();
	}

	void recordSuccess(long id, Instant at, Instant next) {
		this.jdbc.sql("""
				update sd_mailbox set last_poll_at = :at, last_success_at = :at, last_error = null, failing_since = null,
				  failures = 0, next_poll_at = :next where id = :id""")
			.param("at", TicketStore.ts(at))
			.param("next", TicketStore.ts(next))
			.param("id", id)
			.update();
	}

	void recordFailure(long id, Instant at, String error, Instant next) {
		this.jdbc.sql("""
				update sd_mailbox set last_poll_at = :at, last_error = :error,
				  failing_since = coalesce(failing_since, :at), failures = failures + 1, next_poll_at = :next where id = :id""")
			.param("at", TicketStore.ts(at))
			.param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
			.param("next", TicketStore.ts(next))
			.param("id", id)
			.update();
	}

	private static Mailbox row(ResultSet rs, int n) throws SQLException {
		return new Mailbox(rs.getLong("id"), rs.getString("name"), rs.getString("host"), rs.getInt("port"),
				rs.getString("protocol"), rs.getString("username"), rs.getString("password"), rs.getString("folder"),
				rs.getString("processed_folder"), rs.getInt("poll_interval_seconds"), TicketType.valueOf(rs.getString("ticket_type")),
				rs.getInt("fault_level"), rs.getLong("organisation_id"), rs.getBoolean("enabled"),
				TicketStore.instant(rs, "last_poll_at"), TicketStore.instant(rs, "last_success_at"), rs.getString("last_error"),
				TicketStore.instant(rs, "failing_since"), rs.getInt("failures"), TicketStore.instant(rs, "next_poll_at"),
				rs.getInt("version"), TicketStore.instant(rs, "created_at"), TicketStore.instant(rs, "updated_at"));
	}

}
