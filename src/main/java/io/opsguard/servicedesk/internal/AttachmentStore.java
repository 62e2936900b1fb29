package io.opsguard.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of ticket attachments ({@code sd_attachment}); the bytes lie under the data directory. */
@Repository
class AttachmentStore {

	private static final String COLUMNS = """
			id, ticket_id, comment_id, file_name, content_type, size_bytes, sha256, storage_path, source, uploaded_by,
			  uploaded_at""";

	private final JdbcClient jdbc;

	AttachmentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long ticketId, Long commentId, String fileName, String contentType, long size, String sha256,
			String storagePath, String source, Long uploadedBy, Instant at) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_attachment (ticket_id, comment_id, file_name, content_type, size_bytes, sha256, storage_path,
				  source, uploaded_by, uploaded_at)
				values (:ticket, :comment, :name, :type, :size, :sha, :path, :source, :by, :at)""")
			.param("ticket", ticketId)
			.param("comment", commentId)
			.param("name", fileName)
			.param("type", contentType)
			.param("size", size)
			.param("sha", sha256)
			.param("path", storagePath)
			.param("source", source)
			.param("by", uploadedBy)
			.param("at", TicketStore.ts(at))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	Optional<AttachmentRow> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_attachment where id = :id")
			.param("id", id)
			.query(AttachmentStore::row)
			.optional();
	}

	List<AttachmentRow> ofTicket(long ticketId) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_attachment where ticket_id = :ticket order by id")
			.param("ticket", ticketId)
			.query(AttachmentStore::row)
			.list();
	}

	boolean delete(long id) {
		return this.jdbc.sql("delete from sd_attachment where id = :id").param("id", id).update() == 1;
	}

	/** Whether the comment belongs to the ticket. */
	boolean commentOf(long ticketId, long commentId) {
		return this.jdbc.sql("select count(*) from sd_comment where id = :id and ticket_id = :ticket")
			.param("id", commentId)
			.param("ticket", ticketId)
			.query(Long.class)
			.single() > 0;
	}

	private static AttachmentRow row(ResultSet rs, int n) throws SQLException {
		return new AttachmentRow(rs.getLong("id"), rs.getLong("ticket_id"), TicketStore.nullableLong(rs, "comment_id"),
				rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
				rs.getString("storage_path"), rs.getString("source"), TicketStore.nullableLong(rs, "uploaded_by"),
				TicketStore.instant(rs, "uploaded_at"));
	}

}
