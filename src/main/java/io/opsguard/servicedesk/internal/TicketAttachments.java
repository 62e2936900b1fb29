package io.opsguard.servicedesk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Files attached to tickets (ADR 0012), from the web UI, the API and e-mail alike: at most
 * {@link AttachmentProperties#maxSize()}, of an allowed kind told by their bytes
 * ({@link AttachmentTypes}), kept under {@code <data-dir>/attachments/yyyy/MM/<uuid>} with their
 * SHA-256. A file is received into a temporary file, moved into place in one step and only then
 * recorded; when the record cannot be written, or its transaction rolls back, the file goes again:
 * nothing is ever half-saved.
 */
@Service
public class TicketAttachments {

	/** Uploaded through the web UI or the API. */
	public static final String UPLOAD = "UPLOAD";

	/** Kept from an e-mail by the intake. */
	public static final String EMAIL = "EMAIL";

	private static final Logger log = LoggerFactory.getLogger(TicketAttachments.class);

	private final AttachmentStore store;

	private final TicketService tickets;

	private final TicketStore ticketStore;

	private final AuditTrail audit;

	private final AttachmentProperties properties;

	private final Clock clock;

	private final Path root;

	TicketAttachments(AttachmentStore store, TicketService tickets, TicketStore ticketStore, AuditTrail audit,
			AttachmentProperties properties, Clock clock, @Value("${opsguard.data-dir}") String dataDir) {
		this.store = store;
		this.tickets = tickets;
		this.ticketStore = ticketStore;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.root = Path.of(dataDir).resolve("attachments").toAbsolutePath().normalize();
	}

	/** A user's upload to a ticket they may see (unknown and hidden tickets alike: 404). */
	@Transactional
	public AttachmentRow upload(CurrentUser user, long ticketId, Long commentId, String fileName, InputStream content) {
		this.tickets.get(user, ticketId);
		return attach(ticketId, commentId, fileName, content, user.id(), UPLOAD);
	}

	/**
	 * Attaches a file to a ticket (and, with {@code commentId}, to one of its comments): the way
	 * for every caller in the module (uploads, the e-mail intake, the portal). Refuses a file too
	 * large (SD-0201), empty (SD-0203) or of a kind not allowed (SD-0202), saving nothing.
	 */
	@Transactional
	public AttachmentRow store(long ticketId, Long commentId, String fileName, InputStream content, Long uploaderId,
			String source) {
		return attach(ticketId, commentId, fileName, content, uploaderId, source);
	}

	/**
	 * As {@link #store}, in the caller's transaction without joining it through the proxy: a refused
	 * file throws before anything is written, and leaves the caller's transaction as it was (the
	 * e-mail intake imports a message without a refused attachment).
	 */
	AttachmentRow attach(long ticketId, Long commentId, String fileName, InputStream content, Long uploaderId,
			String source) {
		TicketRow ticket = this.ticketStore.find(ticketId)
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(ticketId)));
		if (commentId != null && !this.store.commentOf(ticketId, commentId)) {
			throw OpsGuardException.onField("commentId", AttachmentError.UNKNOWN_COMMENT, String.valueOf(commentId));
		}
		String name = cleanName(fileName);
		Received received = receive(content, name);
		Path target;
		String contentType;
		String relative;
		try {
			contentType = AttachmentTypes.detect(received.file(), name)
				.orElseThrow(() -> OpsGuardException.onField("file", AttachmentError.FORBIDDEN_TYPE, name));
			ZonedDateTime now = this.clock.instant().atZone(ZoneOffset.UTC);
			relative = String.format("%04d/%02d/%s", now.getYear(), now.getMonthValue(), UUID.randomUUID());
			target = this.root.resolve(relative);
			Files.createDirectories(target.getParent());
			move(received.file(), target);
		}
		catch (IOException ex) {
			log.warn("An attachment of ticket {} could not be stored under {}: {}", ticketId, this.root, ex.toString());
			throw new OpsGuardException(AttachmentError.NOT_STORED);
		}
		finally {
			deleteQuietly(received.file());
		}
		long id;
		try {
			id = this.store.insert(ticketId, commentId, name, contentType, received.size(), received.sha256(), relative,
					source, uploaderId, this.clock.instant());
		}
		catch (RuntimeException ex) {
			deleteQuietly(target);
			throw ex;
		}
		onRollback(target);
		this.audit.record("TICKET_ATTACHMENT_ADDED", "ticket", ticketId, ticket.number + " " + name, true);
		return this.store.find(id).orElseThrow();
	}

	/** A ticket's attachments, oldest first, for a user who may see the ticket. */
	@Transactional(readOnly = true)
	public List<AttachmentRow> list(CurrentUser user, long ticketId) {
		this.tickets.get(user, ticketId);
		return this.store.ofTicket(ticketId);
	}

	/** An attachment with its file, for a user who may see its ticket. */
	@Transactional(readOnly = true)
	public Content open(CurrentUser user, long id) {
		AttachmentRow row = find(user, id);
		Path file = this.root.resolve(row.storagePath()).normalize();
		if (!file.startsWith(this.root) || !Files.isRegularFile(file)) {
			log.warn("The file of attachment {} is missing: {}", id, file);
			throw new OpsGuardException(AttachmentError.UNKNOWN_ATTACHMENT, String.valueOf(id));
		}
		return new Content(row, file);
	}

	/**
	 * Removes an attachment: its uploader, or whoever handles tickets. The file goes once the
	 * removal is committed.
	 */
	@Transactional
	public void delete(CurrentUser user, long id) {
		AttachmentRow row = find(user, id);
		if (!user.hasPermission("servicedesk:ticket:handle") && !Objects.equals(row.uploadedBy(), user.id())) {
			throw new OpsGuardException(AttachmentError.NOT_YOURS, row.fileName());
		}
		this.store.delete(id);
		String number = this.ticketStore.find(row.ticketId()).map(t -> t.number).orElse("");
		this.audit.record("TICKET_ATTACHMENT_DELETED", "ticket", row.ticketId(), number + " " + row.fileName(), true);
		Path file = this.root.resolve(row.storagePath()).normalize();
		afterCommit(() -> deleteQuietly(file));
	}

	/** The largest attachment, as people read it: "20 MB". */
	public String limitText() {
		long bytes = this.properties.maxSize().toBytes();
		if (bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + " MB";
		}
		if (bytes % 1024 == 0) {
			return bytes / 1024 + " KB";
		}
		return bytes + " B";
	}

	public long maxSize() {
		return this.properties.maxSize().toBytes();
	}

	private AttachmentRow find(CurrentUser user, long id) {
		AttachmentRow row = this.store.find(id)
			.orElseThrow(() -> new OpsGuardException(AttachmentError.UNKNOWN_ATTACHMENT, String.valueOf(id)));
		try {
			this.tickets.get(user, row.ticketId());
		}
		catch (OpsGuardException hidden) {
			throw new OpsGuardException(AttachmentError.UNKNOWN_ATTACHMENT, String.valueOf(id));
		}
		return row;
	}

	/** Copies the upload into a temporary file beside the attachments, counting and hashing; stops past the limit. */
	private Received receive(InputStream content, String name) {
		long max = this.properties.maxSize().toBytes();
		Path temp;
		try {
			Path incoming = this.root.resolve(".incoming");
			Files.createDirectories(incoming);
			temp = Files.createTempFile(incoming, "upload-", ".part");
		}
		catch (IOException ex) {
			log.warn("No room for an attachment under {}: {}", this.root, ex.toString());
			throw new OpsGuardException(AttachmentError.NOT_STORED);
		}
		boolean kept = false;
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			long size = 0;
			try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
				byte[] buffer = new byte[64 * 1024];
				int n;
				while ((n = content.read(buffer)) >= 0) {
					size += n;
					if (size > max) {
						throw OpsGuardException.onField("file", AttachmentError.TOO_LARGE, name, limitText());
					}
					out.write(buffer, 0, n);
				}
			}
			if (size == 0) {
				throw OpsGuardException.onField("file", AttachmentError.EMPTY_FILE, name);
			}
			kept = true;
			return new Received(temp, size, HexFormat.of().formatHex(sha.digest()));
		}
		catch (IOException ex) {
			throw new OpsGuardException(AttachmentError.NOT_STORED);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			if (!kept) {
				deleteQuietly(temp);
			}
		}
	}

	/** The name without folders or control characters, at most 255 characters with its extension kept. */
	static String cleanName(String fileName) {
		String name = fileName == null ? "" : fileName;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\"]", "").strip();
		if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
			name = "attachment";
		}
		if (name.length() > 255) {
			String extension = AttachmentTypes.extension(name);
			int keep = extension.length() > 20 ? 0 : extension.length() + 1;
			name = name.substring(0, 255 - keep) + (keep == 0 ? "" : name.substring(name.length() - keep));
		}
		return name;
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to);
		}
	}

	private static void onRollback(Path file) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						deleteQuietly(file);
					}
				}
			});
		}
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

	static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not remove {}: {}", file, ex.toString());
		}
	}

	private record Received(Path file, long size, String sha256) {
	}

	/** An attachment and where its bytes lie. */
	public record Content(AttachmentRow attachment, Path file) {
	}

}
