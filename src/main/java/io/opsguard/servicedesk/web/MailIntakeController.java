package io.opsguard.servicedesk.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.MailDecision;
import io.opsguard.servicedesk.internal.MailIntake;
import io.opsguard.servicedesk.internal.MailLogRow;
import io.opsguard.servicedesk.internal.MailLogFilter;
import io.opsguard.servicedesk.internal.Mailbox;
import io.opsguard.servicedesk.internal.Mailboxes;
import io.opsguard.servicedesk.internal.Mailboxes.MailboxInput;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.Downloads;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The e-mail intake (邮件接入, R-DSK-01, ADR 0012): the mailboxes polled for tickets, their state,
 * and every import decision.
 */
@RestController
@RequestMapping("/api/v1/mail-intake")
@PreAuthorize("hasAuthority('servicedesk:mail:manage')")
@Tag(name = "mail intake",
		description = "Mailboxes polled over IMAP for tickets (new mail creates a ticket, a reply naming a ticket number "
				+ "is appended to it), their state (unreachable since when, and why), and the log of every decision: "
				+ "created, appended, ignored as an auto-reply or a mail loop, quarantined. Scoped by the mailbox's "
				+ "organisation.")
class MailIntakeController {

	private static final Map<String, String> SORTABLE = Map.of("loggedAt", "l.logged_at", "sender", "l.sender",
			"decision", "l.decision");

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final Mailboxes mailboxes;

	private final MessageSource messages;

	MailIntakeController(Mailboxes mailboxes, MessageSource messages) {
		this.mailboxes = mailboxes;
		this.messages = messages;
	}

	@GetMapping("/mailboxes")
	@Operation(summary = "List mailboxes", description = "The mailboxes of the caller's organisations with their state.")
	List<MailboxView> list() {
		return this.mailboxes.list(CurrentUsers.require()).stream().map(this::view).toList();
	}

	@GetMapping("/mailboxes/{id}")
	@Operation(summary = "Read a mailbox", description = "Its settings (never its password: `passwordSet` only) and state.")
	@ErrorResponses({ "SD-0220" })
	MailboxView get(@PathVariable long id) {
		return view(this.mailboxes.get(CurrentUsers.require(), id));
	}

	@PostMapping("/mailboxes")
	@Operation(summary = "Add a mailbox",
			description = "Host, port, protocol (`imap` or `imaps`), account and password, the folder read (INBOX) and "
					+ "optionally a folder processed messages are moved to, the poll interval (30 s – 1 day), and what a new "
					+ "ticket from it is: type, fault level, organisation. The password is kept for the poller only. Audited "
					+ "(without the password).")
	@ErrorResponses(value = { "SD-0027", "SD-0221", "SD-0222", "SD-0223", "SD-0224", "SD-0225", "SD-0226", "SD-0227",
			"SD-0228", "SD-0229", "SD-0230", "SD-0232", "SD-0236" })
	ResponseEntity<MailboxView> create(@RequestBody MailboxInput input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(view(this.mailboxes.create(CurrentUsers.require(), input)));
	}

	@PutMapping("/mailboxes/{id}")
	@Operation(summary = "Change a mailbox",
			description = "As when adding, with the `version` read; an empty password keeps the one stored. The next poll "
					+ "comes at once. Audited (that the password changed, never the password).")
	@ErrorResponses(value = { "SD-0027", "SD-0220", "SD-0221", "SD-0222", "SD-0223", "SD-0224", "SD-0225", "SD-0227",
			"SD-0228", "SD-0229", "SD-0230", "SD-0232", "SD-0234", "SD-0235", "SD-0236" })
	MailboxView update(@PathVariable long id, @RequestBody MailboxInput input) {
		return view(this.mailboxes.update(CurrentUsers.require(), id, input));
	}

	@DeleteMapping("/mailboxes/{id}")
	@Operation(summary = "Remove a mailbox",
			description = "Only one that never received a message: the log stays whole, so a mailbox with entries answers "
					+ "409 `SD-0233` (disable it instead). Audited.")
	@ErrorResponses({ "SD-0220", "SD-0233" })
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.mailboxes.delete(CurrentUsers.require(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/mailboxes/{id}/test")
	@Operation(summary = "Test a mailbox",
			description = "Connects, signs in and opens the folder, reading nothing: `ok`, or `error` in words.")
	@ErrorResponses({ "SD-0220" })
	TestResult test(@PathVariable long id) {
		return this.mailboxes.test(CurrentUsers.require(), id)
			.map(error -> new TestResult(false, reason(error)))
			.orElse(new TestResult(true, null));
	}

	@PostMapping("/mailboxes/{id}/poll")
	@Operation(summary = "Poll a mailbox now",
			description = "Reads its unseen messages now and answers how many were decided on, or why it could not be read.")
	@ErrorResponses({ "SD-0220" })
	PollResult poll(@PathVariable long id) {
		MailIntake.Outcome outcome = this.mailboxes.pollNow(CurrentUsers.require(), id);
		return new PollResult(outcome.reachable(), outcome.decided(), outcome.error() == null ? null : reason(outcome.error()));
	}

	@GetMapping("/log")
	@Operation(summary = "The import log",
			description = "Every decision, newest first: `CREATED`, `APPENDED`, `IGNORED_AUTO_REPLY`, `IGNORED_LOOP`, "
					+ "`QUARANTINED`, with the reason in words and the ticket. Filters: mailbox, decision, days (`from`, `to`, "
					+ "inclusive, in China time), words of the sender. Sortable by loggedAt, sender and decision.")
	PageResult<LogView> log(@RequestParam(required = false) Long mailboxId,
			@RequestParam(required = false) MailDecision decision, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to, @RequestParam(required = false) String sender,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		CurrentUser user = CurrentUsers.require();
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "l.logged_at desc, l.id desc");
		Instant start = from == null ? null : from.atStartOfDay(ZONE).toInstant();
		Instant end = to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toInstant();
		PageResult<MailLogRow> rows = this.mailboxes.log(user,
				new MailLogFilter(mailboxId, decision, start, end, sender), paging);
		return new PageResult<>(rows.items().stream().map(this::view).toList(), rows.total(), rows.page(), rows.size());
	}

	@GetMapping("/quarantine/{id}/raw")
	@Operation(summary = "Download a quarantined message",
			description = "The bytes of a quarantined message as received, as an `.eml` file, by the id of its log entry. "
					+ "Audited.")
	@ErrorResponses({ "SD-0237" })
	ResponseEntity<Resource> raw(@PathVariable long id) {
		Mailboxes.Quarantined quarantined = this.mailboxes.quarantined(CurrentUsers.require(), id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("message/rfc822"))
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment("quarantined-" + id + ".eml"))
			.header("X-Content-Type-Options", "nosniff")
			.body(new FileSystemResource(quarantined.file()));
	}

	private MailboxView view(Mailbox m) {
		String status = !m.enabled() ? "DISABLED" : m.unreachable() ? "UNREACHABLE" : m.lastSuccessAt() == null ? "NEW" : "OK";
		return new MailboxView(m.id(), m.name(), m.host(), m.port(), m.protocol(), m.username(), m.password() != null,
				m.folder(), m.processedFolder(), m.pollIntervalSeconds(), m.ticketType(), m.faultLevel(), m.organisationId(),
				m.enabled(), new MailboxState(status, m.lastPollAt(), m.lastSuccessAt(), m.failingSince(), m.failures(),
						m.lastError() == null ? null : reason(m.lastError()), m.nextPollAt()),
				m.version(), m.createdAt(), m.updatedAt());
	}

	private LogView view(MailLogRow r) {
		String reason = r.reasonKey() == null ? null
				: reason(r.reasonKey() + (r.reasonArgs() == null ? "" : "|" + r.reasonArgs()));
		return new LogView(r.id(), r.mailboxId(), r.mailboxName(), r.messageId(), r.sender(), r.subject(), r.sentAt(),
				r.loggedAt(), r.decision(), reason,
				r.ticketId() == null ? null : new TicketRef(r.ticketId(), r.ticketNumber()), r.commentId(), r.attachments(),
				r.quarantined(), r.quarantined() ? "/api/v1/mail-intake/quarantine/" + r.id() + "/raw" : null);
	}

	/** A stored reason ({@code key|arg|arg}) in the reader's language. */
	private String reason(String stored) {
		String[] parts = stored.split("\\|", -1);
		Object[] args = java.util.Arrays.copyOfRange(parts, 1, parts.length);
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(parts[0], args, parts[0], locale);
	}

	/**
	 * A mailbox: its settings without the password ({@code passwordSet} tells whether one is
	 * stored) and its state.
	 */
	record MailboxView(long id, String name, String host, int port, String protocol, String username, boolean passwordSet,
			String folder, String processedFolder, int pollIntervalSeconds, TicketType ticketType, int faultLevel,
			long organisationId, boolean enabled, MailboxState state, int version, Instant createdAt, Instant updatedAt) {
	}

	/**
	 * How the last polls went: {@code status} NEW (never read), OK, UNREACHABLE (since
	 * {@code failingSince}, {@code lastError} in words) or DISABLED.
	 */
	record MailboxState(String status, Instant lastPollAt, Instant lastSuccessAt, Instant failingSince, int failures,
			String lastError, Instant nextPollAt) {
	}

	record TestResult(boolean ok, String error) {
	}

	record PollResult(boolean reachable, int decided, String error) {
	}

	record TicketRef(long id, String number) {
	}

	/** An import decision with its reason in words; {@code rawUrl} for a quarantined message. */
	record LogView(long id, long mailboxId, String mailboxName, String messageId, String sender, String subject,
			Instant sentAt, Instant loggedAt, MailDecision decision, String reason, TicketRef ticket, Long commentId,
			int attachments, boolean quarantined, String rawUrl) {
	}

}
