package io.opsguard.servicedesk.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The e-mail intake's poller (ADR 0012): every mailbox due is read, its unseen messages decided on
 * one by one ({@link MailImport}) and marked (or moved) afterwards. A mail server that cannot be
 * reached is recorded on the mailbox (since when, why) and tried again at doubling intervals; the
 * first poll that gets through clears it. Runs on one node at a time (ShedLock).
 */
@Component
public class MailIntake {

	private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

	/** One poll at a time in the cluster; a poll that dies holds the lock ten minutes at most. */
	private static final Supplier<LockConfiguration> LOCK = () -> new LockConfiguration(Instant.now(),
			"servicedesk-mail-intake", Duration.ofMinutes(10), Duration.ZERO);

	private final MailboxStore mailboxes;

	private final MailConnector connector;

	private final MailImport imports;

	private final MailIntakeProperties properties;

	private final Clock clock;

	private final LockingTaskExecutor locks;

	MailIntake(MailboxStore mailboxes, MailConnector connector, MailImport imports, MailIntakeProperties properties,
			Clock clock, LockProvider locks) {
		this.mailboxes = mailboxes;
		this.connector = connector;
		this.imports = imports;
		this.properties = properties;
		this.clock = clock;
		this.locks = new DefaultLockingTaskExecutor(locks);
	}

	@Scheduled(fixedDelayString = "${opsguard.servicedesk.mail-intake.tick:15s}",
			initialDelayString = "${opsguard.servicedesk.mail-intake.tick:15s}")
	void scheduled() {
		try {
			this.locks.executeWithLock(this::pollDueUnlocked, LOCK.get());
		}
		catch (Throwable ex) {
			log.warn("The mail intake failed; the next round tries again", ex);
		}
	}

	/** Polls every enabled mailbox that is due, waiting while another poll runs; the messages decided on. */
	public int pollDue() {
		return locked(this::pollDueUnlocked);
	}

	/** Polls one mailbox now, whether due or not (and whether enabled or not). */
	public Outcome pollNow(long mailboxId) {
		return locked(() -> this.mailboxes.find(mailboxId).map(this::poll).orElse(new Outcome(false, 0, "mail.error.gone")));
	}

	/** Connects to a mailbox and opens its folder, reading nothing: the error when that fails. */
	Optional<String> test(Mailbox mailbox) {
		try (MailConnector.Connection connection = this.connector.open(mailbox)) {
			connection.messageCount();
			return Optional.empty();
		}
		catch (MessagingException | RuntimeException ex) {
			return Optional.of(reason(ex, mailbox));
		}
	}

	private int pollDueUnlocked() {
		int decided = 0;
		for (Mailbox mailbox : this.mailboxes.due(this.clock.instant())) {
			decided += poll(mailbox).decided();
		}
		return decided;
	}

	private Outcome poll(Mailbox mailbox) {
		Instant started = this.clock.instant();
		int decided = 0;
		try (MailConnector.Connection connection = this.connector.open(mailbox)) {
			List<Message> unseen = connection.unseen(this.properties.batch());
			for (Message message : unseen) {
				byte[] raw = connection.raw(message, MailImport.LARGEST_MESSAGE);
				String messageId = raw == null ? firstHeader(message, "Message-ID") : null;
				if (this.imports.decide(mailbox, raw, messageId).isPresent()) {
					decided++;
				}
				// decided now or before (then marking it failed last time): either way it is done
				connection.done(message);
			}
		}
		catch (Exception ex) {
			String reason = reason(ex, mailbox);
			Instant next = started.plus(backoff(mailbox));
			this.mailboxes.recordFailure(mailbox.id(), started, reason, next);
			log.warn("Mailbox {} ({}): {}; trying again at {}", mailbox.id(), mailbox.name(), reason, next);
			return new Outcome(false, decided, reason);
		}
		if (mailbox.unreachable()) {
			log.info("Mailbox {} ({}) is reachable again after failing since {}", mailbox.id(), mailbox.name(),
					mailbox.failingSince());
		}
		this.mailboxes.recordSuccess(mailbox.id(), started, started.plusSeconds(mailbox.pollIntervalSeconds()));
		if (decided > 0) {
			log.info("Mailbox {} ({}): {} messages decided on", mailbox.id(), mailbox.name(), decided);
		}
		return new Outcome(true, decided, null);
	}

	/** After n failures in a row the next try comes after the interval doubled n times, at most the longest backoff. */
	private Duration backoff(Mailbox mailbox) {
		Duration interval = Duration.ofSeconds(mailbox.pollIntervalSeconds());
		Duration doubled = interval.multipliedBy(1L << Math.min(mailbox.failures() + 1, 10));
		Duration longest = this.properties.longestBackoff();
		return doubled.compareTo(longest) > 0 ? (interval.compareTo(longest) > 0 ? interval : longest) : doubled;
	}

	private static String firstHeader(Message message, String name) {
		try {
			String[] values = message.getHeader(name);
			return values == null || values.length == 0 ? null : values[0];
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	/** Why a mailbox could not be read: a key of {@code mail.error.*} and its argument, {@code |} between. */
	static String reason(Throwable ex, Mailbox mailbox) {
		String where = mailbox.host() + ":" + mailbox.port();
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof AuthenticationFailedException) {
				return "mail.error.auth|" + mailbox.username();
			}
			if (cause instanceof FolderNotFoundException) {
				return "mail.error.folder|" + mailbox.folder();
			}
			if (cause instanceof UnknownHostException) {
				return "mail.error.unknownHost|" + mailbox.host();
			}
			if (cause instanceof ConnectException) {
				return "mail.error.refused|" + where;
			}
			if (cause instanceof SocketTimeoutException) {
				return "mail.error.timeout|" + where;
			}
			if (cause instanceof javax.net.ssl.SSLException) {
				return "mail.error.tls|" + where;
			}
		}
		return "mail.error.other|" + MailImport.describe(ex).replace('|', '｜');
	}

	private <T> T locked(LockingTaskExecutor.TaskWithResult<T> task) {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (true) {
			try {
				LockingTaskExecutor.TaskResult<T> result = this.locks.executeWithLock(task, LOCK.get());
				if (result.wasExecuted()) {
					return result.getResult();
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The mail intake stays busy");
				}
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/** How a poll went: whether the mailbox could be read, how many messages were decided on, and why not. */
	public record Outcome(boolean reachable, int decided, String error) {
	}

}
