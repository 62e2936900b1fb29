package io.opsguard.servicedesk.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;

import io.opsguard.identity.Users;
import io.opsguard.servicedesk.TicketChannel;
import io.opsguard.servicedesk.internal.TicketService.Contact;
import io.opsguard.servicedesk.internal.TicketService.NewTicket;
import io.opsguard.shared.OpsGuardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides on one message of a mailbox (ADR 0012) and records the decision in the intake's log:
 * a new ticket, a reply appended to the ticket its subject names, an automatic message or a mail
 * loop ignored, or a message that cannot be read or imported quarantined (its bytes kept under the
 * data directory). Each message is imported in a transaction of its own: a message that fails
 * leaves nothing behind but its quarantine entry, and never stops the messages after it.
 */
@Component
class MailImport {

	private static final Logger log = LoggerFactory.getLogger(MailImport.class);

	/** What a message may weigh at most: every attachment at its largest, and then some. */
	static final long LARGEST_MESSAGE = 64L * 1024 * 1024;

	private final TicketService tickets;

	private final TicketStore ticketStore;

	private final TicketAttachments attachments;

	private final MailLogStore logs;

	private final Users users;

	private final MessageSource messages;

	private final TransactionTemplate transactions;

	private final MailIntakeProperties properties;

	private final Clock clock;

	private final Path quarantine;

	MailImport(TicketService tickets, TicketStore ticketStore, TicketAttachments attachments, MailLogStore logs, Users users,
			MessageSource messages, TransactionTemplate transactions, MailIntakeProperties properties, Clock clock,
			@Value("${opsguard.data-dir}") String dataDir) {
		this.tickets = tickets;
		this.ticketStore = ticketStore;
		this.attachments = attachments;
		this.logs = logs;
		this.users = users;
		this.messages = messages;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.quarantine = Path.of(dataDir).resolve("mail-quarantine").toAbsolutePath().normalize();
	}

	/** The quarantined bytes of a log entry. */
	Path quarantined(String rawPath) {
		Path file = this.quarantine.resolve(rawPath).normalize();
		if (!file.startsWith(this.quarantine)) {
			throw new IllegalArgumentException(rawPath);
		}
		return file;
	}

	/**
	 * Decides on a message given by its bytes (null: larger than {@link #LARGEST_MESSAGE}, then
	 * {@code messageId} names it); empty when it was decided on before.
	 */
	Optional<MailDecision> decide(Mailbox mailbox, byte[] raw, String messageId) {
		String key = raw == null ? InboundMail.sha256(("id:" + messageId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
				: InboundMail.key(raw);
		if (this.logs.decided(mailbox.id(), key)) {
			return Optional.empty();
		}
		if (raw == null) {
			return quarantine(mailbox, key, null, messageId, null, null, null, "mail.reason.tooLarge",
					String.valueOf(LARGEST_MESSAGE / 1024 / 1024));
		}
		InboundMail mail;
		try {
			mail = InboundMail.parse(raw, this.attachments.maxSize());
		}
		catch (Exception ex) {
			log.info("Mailbox {}: a message could not be read and is quarantined ({})", mailbox.id(), ex.toString());
			return quarantine(mailbox, key, raw, InboundMail.messageIdOf(raw), InboundMail.headerOf(raw, "From"),
					InboundMail.headerOf(raw, "Subject"), null, "mail.reason.unparseable", describe(ex));
		}
		if (mail.fromAddress == null) {
			return quarantine(mailbox, key, raw, mail.messageId, InboundMail.headerOf(raw, "From"), mail.subject, mail.sentAt,
					"mail.reason.noSender", "");
		}
		Instant now = this.clock.instant();
		if (mail.automatic != null) {
			return record(new MailLogStore.Entry(mailbox.id(), key, mail.messageId, mail.fromAddress, mail.subject,
					mail.sentAt, now, MailDecision.IGNORED_AUTO_REPLY, mail.automatic[0], args(mail.automatic[1]), null, null,
					0, null, null));
		}
		long recent = this.logs.fromSenderSince(mailbox.id(), mail.fromAddress, now.minus(this.properties.loopWindow()));
		if (recent >= this.properties.loopLimit()) {
			return record(new MailLogStore.Entry(mailbox.id(), key, mail.messageId, mail.fromAddress, mail.subject,
					mail.sentAt, now, MailDecision.IGNORED_LOOP, "mail.reason.loop",
					args(String.valueOf(recent), String.valueOf(this.properties.loopWindow().toMinutes())), null, null, 0, null,
					null));
		}
		try {
			return Optional.ofNullable(this.transactions.execute(status -> importOne(mailbox, key, mail, now)));
		}
		catch (DuplicateKeyException ex) {
			// decided on meanwhile (another node, or a second poll): nothing more to do
			return Optional.empty();
		}
		catch (OpsGuardException ex) {
			log.info("Mailbox {}: a message could not be imported and is quarantined ({})", mailbox.id(), ex.errorCode().code());
			return quarantine(mailbox, key, raw, mail.messageId, mail.fromAddress, mail.subject, mail.sentAt,
					ex.errorCode().detailKey(), args(ex.args()));
		}
		catch (RuntimeException ex) {
			log.warn("Mailbox {}: a message could not be imported and is quarantined", mailbox.id(), ex);
			return quarantine(mailbox, key, raw, mail.messageId, mail.fromAddress, mail.subject, mail.sentAt,
					"mail.reason.importFailed", describe(ex));
		}
	}

	/** A new ticket, or a reply appended to the ticket the subject names; its attachments kept. */
	private MailDecision importOne(Mailbox mailbox, String key, InboundMail mail, Instant now) {
		Optional<Users.UserSummary> user = this.users.findByEmail(mail.fromAddress);
		Long authorId = user.map(Users.UserSummary::id).orElse(null);
		Optional<TicketRow> replied = ticketNamedIn(mail.subject);
		long ticketId;
		Long commentId = null;
		MailDecision decision;
		if (replied.isPresent()) {
			ticketId = replied.get().id;
			String body = "✉ " + sender(mail) + "\n\n" + InboundMail.withoutQuotes(mail.text);
			commentId = this.tickets.appendFromRequester(ticketId, authorId, bounded(body, 8000)).id();
			decision = MailDecision.APPENDED;
		}
		else {
			String title = mail.subject.isBlank() ? this.messages.getMessage("mail.noSubject", null, Locale.ROOT) : mail.subject;
			String description = mail.text.isBlank() ? null : bounded(mail.text, 8000);
			NewTicket input = new NewTicket(mailbox.ticketType(), TicketChannel.EMAIL, bounded(title, 200), description,
					authorId, authorId == null ? new Contact(contactName(mail), null, null, mail.fromAddress) : null,
					authorId == null ? mailbox.organisationId() : null, null, null, null, mailbox.faultLevel(), null, null, null);
			ticketId = this.tickets.create(TicketService.system(mailbox.organisationId()), input).id;
			decision = MailDecision.CREATED;
		}
		int kept = 0;
		List<String> refused = new ArrayList<>();
		for (InboundMail.Attachment file : mail.attachments) {
			try {
				this.attachments.attach(ticketId, commentId, file.fileName(), new ByteArrayInputStream(file.bytes()), authorId,
						TicketAttachments.EMAIL);
				kept++;
			}
			catch (OpsGuardException ex) {
				// a file too large or of a kind not kept: the message is imported without it, and the log says so
				refused.add(file.fileName());
			}
		}
		this.logs.insert(new MailLogStore.Entry(mailbox.id(), key, mail.messageId, mail.fromAddress, mail.subject,
				mail.sentAt, now, decision, refused.isEmpty() ? null : "mail.reason.attachmentsRefused",
				refused.isEmpty() ? null : args(String.join("、", refused)), ticketId, commentId, kept, null, null));
		return decision;
	}

	/** An existing ticket whose number the subject carries ({@code Re: [GZ-20261206-0007] …}). */
	private Optional<TicketRow> ticketNamedIn(String subject) {
		Matcher matcher = TicketService.FULL_NUMBER.matcher(subject);
		while (matcher.find()) {
			Optional<TicketRow> ticket = this.ticketStore.findByNumber(matcher.group().toUpperCase(Locale.ROOT));
			if (ticket.isPresent()) {
				return ticket;
			}
		}
		return Optional.empty();
	}

	private Optional<MailDecision> quarantine(Mailbox mailbox, String key, byte[] raw, String messageId, String sender,
			String subject, Instant sentAt, String reasonKey, String reasonArgs) {
		Instant now = this.clock.instant();
		String relative = null;
		Path file = null;
		if (raw != null) {
			ZonedDateTime at = now.atZone(ZoneOffset.UTC);
			relative = String.format("%04d/%02d/%s.eml", at.getYear(), at.getMonthValue(), UUID.randomUUID());
			file = this.quarantine.resolve(relative);
			try {
				Files.createDirectories(file.getParent());
				Files.write(file, raw);
			}
			catch (IOException ex) {
				log.warn("A quarantined message could not be kept under {}: {}", this.quarantine, ex.toString());
				relative = null;
				file = null;
			}
		}
		MailLogStore.Entry entry = new MailLogStore.Entry(mailbox.id(), key, messageId, senderAddress(sender), subject,
				sentAt, now, MailDecision.QUARANTINED, reasonKey, reasonArgs, null, null, 0, relative,
				raw == null || relative == null ? null : (long) raw.length);
		try {
			return record(entry);
		}
		catch (RuntimeException ex) {
			if (file != null) {
				TicketAttachments.deleteQuietly(file);
			}
			throw ex;
		}
	}

	private Optional<MailDecision> record(MailLogStore.Entry entry) {
		try {
			this.transactions.executeWithoutResult(status -> this.logs.insert(entry));
			return Optional.of(entry.decision());
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
	}

	/** The address in a From header that could not be parsed, as far as it can be told. */
	private static String senderAddress(String from) {
		if (from == null) {
			return null;
		}
		Matcher angle = java.util.regex.Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>").matcher(from);
		String address = angle.find() ? angle.group(1) : from.strip();
		return address.toLowerCase(Locale.ROOT);
	}

	private static String sender(InboundMail mail) {
		return mail.fromName == null || mail.fromName.isBlank() ? mail.fromAddress
				: mail.fromName.strip() + " <" + mail.fromAddress + ">";
	}

	private static String contactName(InboundMail mail) {
		String name = mail.fromName == null || mail.fromName.isBlank()
				? mail.fromAddress.substring(0, mail.fromAddress.indexOf('@')) : mail.fromName.strip();
		return bounded(name, 50);
	}

	private static String bounded(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	/** Arguments of a reason, kept as one text: {@code |} between them. */
	static String args(Object... args) {
		List<String> parts = new ArrayList<>();
		for (Object arg : args) {
			String text = arg == null ? "" : String.valueOf(arg);
			if (arg instanceof org.springframework.context.MessageSourceResolvable resolvable) {
				text = resolvable.getDefaultMessage() == null ? String.join(",", resolvable.getCodes()) : resolvable.getDefaultMessage();
			}
			parts.add(text.replace('|', '｜'));
		}
		return String.join("|", parts);
	}

	/** A failure in a few words: its kind and message, without any stack. */
	static String describe(Throwable ex) {
		String message = ex.getMessage() == null ? "" : ex.getMessage().replaceAll("[\\r\\n\\t]+", " ").strip();
		String text = ex.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
		return text.length() > 300 ? text.substring(0, 300) : text;
	}

}
