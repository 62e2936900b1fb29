package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intake's mailboxes as administrators keep them (ADR 0012): where to read, with which
 * account, and what a new ticket from it is (type, level, organisation). Scoped by that
 * organisation; every change audited without the password, which is stored for the poller and
 * never given back.
 */
@Service
public class Mailboxes {

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,253})|\\[[0-9A-Fa-f:.]{2,45}]");

	private final MailboxStore store;

	private final MailLogStore logs;

	private final MailIntake intake;

	private final MailImport imports;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final Clock clock;

	Mailboxes(MailboxStore store, MailLogStore logs, MailIntake intake, MailImport imports, Organisations organisations,
			AuditTrail audit, Clock clock) {
		this.store = store;
		this.logs = logs;
		this.intake = intake;
		this.imports = imports;
		this.organisations = organisations;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Mailbox> list(CurrentUser user) {
		return this.store.visible(user.scope());
	}

	@Transactional(readOnly = true)
	public Mailbox get(CurrentUser user, long id) {
		return this.store.find(id)
			.filter(m -> user.scope().includes(m.organisationId()))
			.orElseThrow(() -> new OpsGuardException(MailIntakeError.UNKNOWN_MAILBOX, String.valueOf(id)));
	}

	@Transactional
	public Mailbox create(CurrentUser user, MailboxInput input) {
		Instant now = this.clock.instant();
		Mailbox m = checked(user, input, null, now);
		long id = this.store.insert(m);
		this.audit.recordChange("MAILBOX_CREATED", "mailbox", id, null, summary(m));
		return this.store.find(id).orElseThrow();
	}

	@Transactional
	public Mailbox update(CurrentUser user, long id, MailboxInput input) {
		Mailbox before = get(user, id);
		if (input.version() == null) {
			throw OpsGuardException.onField("version", MailIntakeError.VERSION_REQUIRED);
		}
		if (input.version() != before.version()) {
			throw new OpsGuardException(MailIntakeError.STALE_VERSION, before.version());
		}
		Mailbox m = checked(user, input, before, this.clock.instant());
		if (!this.store.update(m)) {
			throw new OpsGuardException(MailIntakeError.STALE_VERSION, before.version());
		}
		Map<String, Object> after = summary(m);
		if (input.password() != null && !input.password().isEmpty()) {
			// the password itself is never written anywhere but the mailbox: only that it changed
			after.put("passwordChanged", true);
		}
		this.audit.recordChange("MAILBOX_UPDATED", "mailbox", id, summary(before), after);
		return this.store.find(id).orElseThrow();
	}

	/** Removes a mailbox that never received anything; one with a log is disabled instead (409). */
	@Transactional
	public void delete(CurrentUser user, long id) {
		Mailbox m = get(user, id);
		if (this.logs.anyOf(id)) {
			throw new OpsGuardException(MailIntakeError.MAILBOX_IN_USE, m.name());
		}
		this.store.delete(id);
		this.audit.recordChange("MAILBOX_DELETED", "mailbox", id, summary(m), null);
	}

	/** Tries the mailbox's server, account and folder, reading nothing: the reason when it fails. */
	public Optional<String> test(CurrentUser user, long id) {
		Mailbox m = get(user, id);
		Optional<String> failure = this.intake.test(m);
		this.audit.recordNow("MAILBOX_TESTED", "mailbox", id, m.name(), failure.isEmpty());
		return failure;
	}

	/** Reads the mailbox now. */
	public MailIntake.Outcome pollNow(CurrentUser user, long id) {
		Mailbox m = get(user, id);
		MailIntake.Outcome outcome = this.intake.pollNow(id);
		this.audit.recordNow("MAILBOX_POLLED", "mailbox", id, m.name(), outcome.reachable());
		return outcome;
	}

	@Transactional(readOnly = true)
	public PageResult<MailLogRow> log(CurrentUser user, MailLogFilter filter, PageQuery paging) {
		return this.logs.page(user.scope(), filter, paging);
	}

	/** A quarantined message's bytes as received, for a user who may see its mailbox. */
	@Transactional(readOnly = true)
	public Quarantined quarantined(CurrentUser user, long logId) {
		MailLogRow row = this.logs.find(logId)
			.filter(r -> user.scope().includes(r.mailboxOrganisationId()))
			.filter(MailLogRow::quarantined)
			.orElseThrow(() -> new OpsGuardException(MailIntakeError.NOT_QUARANTINED, String.valueOf(logId)));
		java.nio.file.Path file = this.imports.quarantined(row.rawPath());
		if (!java.nio.file.Files.isRegularFile(file)) {
			throw new OpsGuardException(MailIntakeError.NOT_QUARANTINED, String.valueOf(logId));
		}
		this.audit.recordNow("MAIL_QUARANTINE_DOWNLOADED", "mailbox", row.mailboxId(), String.valueOf(logId), true);
		return new Quarantined(row, file);
	}

	private Mailbox checked(CurrentUser user, MailboxInput in, Mailbox before, Instant now) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = text(in.name(), "name", 100, problems);
		if (name == null) {
			problems.add(new FieldProblem("name", MailIntakeError.NAME_REQUIRED, new Object[0]));
		}
		else if (this.store.nameTaken(name, before == null ? null : before.id())) {
			problems.add(new FieldProblem("name", MailIntakeError.NAME_TAKEN, new Object[] { name }));
		}
		String host = text(in.host(), "host", 255, problems);
		if (host == null || !HOST.matcher(host).matches()) {
			problems.add(new FieldProblem("host", MailIntakeError.BAD_HOST, new Object[] { host == null ? "" : host }));
		}
		String protocol = in.protocol() == null ? "imaps" : in.protocol().strip().toLowerCase(Locale.ROOT);
		if (!protocol.equals("imap") && !protocol.equals("imaps")) {
			problems.add(new FieldProblem("protocol", MailIntakeError.BAD_PROTOCOL, new Object[] { in.protocol() }));
		}
		int port = in.port() == null ? (protocol.equals("imap") ? 143 : 993) : in.port();
		if (port < 1 || port > 65535) {
			problems.add(new FieldProblem("port", MailIntakeError.BAD_PORT, new Object[] { port }));
		}
		String username = text(in.username(), "username", 255, problems);
		if (username == null) {
			problems.add(new FieldProblem("username", MailIntakeError.USERNAME_REQUIRED, new Object[0]));
		}
		String password = in.password() == null || in.password().isEmpty() ? null : in.password();
		if (password != null && password.length() > 500) {
			problems.add(new FieldProblem("password", MailIntakeError.TOO_LONG, new Object[] { 500 }));
		}
		if (password == null) {
			if (before == null || before.password() == null) {
				problems.add(new FieldProblem("password", MailIntakeError.PASSWORD_REQUIRED, new Object[0]));
			}
			else {
				password = before.password();
			}
		}
		String folder = folder(in.folder() == null || in.folder().isBlank() ? "INBOX" : in.folder(), "folder", problems);
		String processed = in.processedFolder() == null || in.processedFolder().isBlank() ? null
				: folder(in.processedFolder(), "processedFolder", problems);
		int interval = in.pollIntervalSeconds() == null ? 60 : in.pollIntervalSeconds();
		if (interval < 30 || interval > 86_400) {
			problems.add(new FieldProblem("pollIntervalSeconds", MailIntakeError.BAD_INTERVAL, new Object[] { interval }));
		}
		if (in.ticketType() == null) {
			problems.add(new FieldProblem("ticketType", MailIntakeError.TICKET_TYPE_REQUIRED, new Object[0]));
		}
		int level = in.faultLevel() == null ? 4 : in.faultLevel();
		if (level < 1 || level > 4) {
			problems.add(new FieldProblem("faultLevel", MailIntakeError.BAD_LEVEL, new Object[] { level }));
		}
		if (in.organisationId() == null || !user.scope().includes(in.organisationId())
				|| this.organisations.find(in.organisationId()).isEmpty()) {
			problems.add(new FieldProblem("organisationId", ServiceDeskError.UNKNOWN_ORGANISATION,
					new Object[] { String.valueOf(in.organisationId()) }));
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		boolean enabled = in.enabled() == null || in.enabled();
		return new Mailbox(before == null ? 0 : before.id(), name, host, port, protocol, username, password, folder, processed,
				interval, in.ticketType(), level, in.organisationId(), enabled, null, null, null, null, 0, null,
				before == null ? 0 : before.version(), before == null ? now : before.createdAt(), now);
	}

	private static String folder(String value, String field, List<FieldProblem> problems) {
		String folder = value.strip();
		if (folder.length() > 100 || folder.isEmpty() || folder.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '*' || c == '%')) {
			problems.add(new FieldProblem(field, MailIntakeError.BAD_FOLDER, new Object[] { folder }));
		}
		return folder;
	}

	private static String text(String value, String field, int max, List<FieldProblem> problems) {
		String text = value == null ? null : value.strip();
		if (text == null || text.isEmpty()) {
			return null;
		}
		if (text.length() > max || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
			problems.add(new FieldProblem(field, MailIntakeError.TOO_LONG, new Object[] { max }));
		}
		return text;
	}

	/** What the audit log keeps of a mailbox: everything but its password. */
	private static Map<String, Object> summary(Mailbox m) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("name", m.name());
		summary.put("host", m.host());
		summary.put("port", m.port());
		summary.put("protocol", m.protocol());
		summary.put("username", m.username());
		summary.put("folder", m.folder());
		summary.put("processedFolder", m.processedFolder());
		summary.put("pollIntervalSeconds", m.pollIntervalSeconds());
		summary.put("ticketType", m.ticketType());
		summary.put("faultLevel", m.faultLevel());
		summary.put("organisationId", m.organisationId());
		summary.put("enabled", m.enabled());
		return summary;
	}

	/** A mailbox as an administrator writes it; a blank password on a change keeps the one stored. */
	public record MailboxInput(String name, String host, Integer port, String protocol, String username, String password,
			String folder, String processedFolder, Integer pollIntervalSeconds, TicketType ticketType, Integer faultLevel,
			Long organisationId, Boolean enabled, Integer version) {

		@Override
		public String toString() {
			return "MailboxInput[" + this.name + " " + this.username + "@" + this.host + ":" + this.port + "]";
		}

	}

	/** A quarantined message: its log entry and its bytes. */
	public record Quarantined(MailLogRow entry, java.nio.file.Path file) {
	}

}
