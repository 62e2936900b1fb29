package io.opsguard.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.internal.AuditLog.Actor;
import io.opsguard.shared.OpsGuardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a username and password. Unknown users and wrong passwords answer alike, in time too
 * (the hash is checked either way) and in lock-out: repeated failures lock an account for a
 * while, and unknown names "lock" the same way in memory. Every attempt is audited.
 */
@Service
public class SignIn {

	private static final Logger log = LoggerFactory.getLogger(SignIn.class);

	private static final DateTimeFormatter LOCK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private static final int MAX_TRACKED_UNKNOWN = 10_000;

	private final UserAccountRepository users;

	private final JdbcClient jdbc;

	private final Passwords passwords;

	private final Principals principals;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final IdentityProperties.Lockout lockout;

	private final String dummyHash;

	private final Map<String, UnknownAttempts> unknown = new ConcurrentHashMap<>();

	SignIn(UserAccountRepository users, JdbcClient jdbc, Passwords passwords, Principals principals, AuditLog audit,
			TransactionTemplate transactions, Clock clock, IdentityProperties properties) {
		this.users = users;
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.principals = principals;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		this.lockout = properties.lockout();
		this.dummyHash = passwords.hash("not-a-password-" + System.nanoTime());
	}

	public CurrentUser signIn(String rawUsername, String password) {
		String username = rawUsername == null ? "" : rawUsername.trim();
		Instant now = this.clock.instant();
		Optional<UserAccount> found = findByUsername(username);
		if (found.isEmpty()) {
			return failUnknown(username, password, now);
		}
		UserAccount account = found.get();
		if (account.lockedAt(now)) {
			auditFailure(account, this.audit.summary("lockedAttempt"));
			throw new OpsGuardException(IdentityError.ACCOUNT_LOCKED, LOCK_TIME.format(account.lockedUntil));
		}
		if (!this.passwords.matches(password, account.passwordHash)) {
			return failKnown(account, now);
		}
		if (!this.principals.mayAct(account, now)) {
			auditFailure(account, this.audit.summary("disabledAttempt"));
			throw new OpsGuardException(IdentityError.ACCOUNT_DISABLED);
		}
		this.transactions.executeWithoutResult(tx -> {
			this.jdbc.sql("update idn_user set failed_attempts = 0, locked_until = null, last_login_at = :now where id = :id")
				.param("now", java.sql.Timestamp.from(now))
				.param("id", account.id)
				.update();
			this.audit.recordFor(actor(account), "LOGIN_SUCCEEDED", "User", account.id, null, true);
		});
		this.principals.forget(account.id);
		log.info("User {} signed in from {}", account.username, AuditLog.sourceIp());
		return this.principals.resolve(account.id).orElseThrow();
	}

	private Optional<UserAccount> findByUsername(String username) {
		if (username.isEmpty() || username.length() > 64) {
			return Optional.empty();
		}
		return this.jdbc.sql("select id from idn_user where lower(username) = :u")
			.param("u", username.toLowerCase(Locale.ROOT))
			.query(Long.class)
			.optional()
			.flatMap(this.users::findById);
	}

	private CurrentUser failKnown(UserAccount account, Instant now) {
		int attempts = account.failedAttempts + 1;
		boolean lock = attempts >= this.lockout.maxFailedAttempts();
		Instant until = lock ? now.plus(this.lockout.lockDuration()) : null;
		this.transactions.executeWithoutResult(tx -> {
			this.jdbc.sql("update idn_user set failed_attempts = :n, locked_until = :until where id = :id")
				.param("n", lock ? 0 : attempts)
				.param("until", until == null ? null : java.sql.Timestamp.from(until))
				.param("id", account.id)
				.update();
			this.audit.recordFor(actor(account), "LOGIN_FAILED", "User", account.id,
					this.audit.summary("failedAttempt", attempts), false);
			if (lock) {
				this.audit.recordFor(actor(account), "ACCOUNT_LOCKED", "User", account.id,
						this.audit.summary("locked", LOCK_TIME.format(until), attempts), false);
			}
		});
		this.principals.forget(account.id);
		if (lock) {
			log.warn("Account {} locked after {} failed sign-ins", account.username, attempts);
			throw new OpsGuardException(IdentityError.ACCOUNT_LOCKED, LOCK_TIME.format(until));
		}
		throw new OpsGuardException(IdentityError.BAD_CREDENTIALS);
	}

	private CurrentUser failUnknown(String username, String password, Instant now) {
		this.passwords.matches(password == null ? "" : password, this.dummyHash);
		String key = username.toLowerCase(Locale.ROOT);
		if (this.unknown.size() > MAX_TRACKED_UNKNOWN) {
			this.unknown.clear();
		}
		UnknownAttempts attempts = this.unknown.compute(key, (k, previous) -> {
			if (previous != null && previous.lockedUntil() != null && now.isBefore(previous.lockedUntil())) {
				return previous;
			}
			int count = (previous == null || previous.lockedUntil() != null ? 0 : previous.count()) + 1;
			return count >= this.lockout.maxFailedAttempts()
					? new UnknownAttempts(0, now.plus(this.lockout.lockDuration()), true)
					: new UnknownAttempts(count, null, false);
		});
		this.transactions.executeWithoutResult(tx -> this.audit.recordFor(new Actor(null, username, null), "LOGIN_FAILED",
				"User", null, this.audit.summary("unknownUser"), false));
		if (attempts.lockedUntil() != null) {
			throw new OpsGuardException(IdentityError.ACCOUNT_LOCKED, LOCK_TIME.format(attempts.lockedUntil()));
		}
		throw new OpsGuardException(IdentityError.BAD_CREDENTIALS);
	}

	private void auditFailure(UserAccount account, io.opsguard.identity.AuditMessage reason) {
		this.transactions.executeWithoutResult(
				tx -> this.audit.recordFor(actor(account), "LOGIN_FAILED", "User", account.id, reason, false));
	}

	private static Actor actor(UserAccount account) {
		return new Actor(account.id, account.username, account.organisationId);
	}

	private record UnknownAttempts(int count, Instant lockedUntil, boolean justLocked) {
	}

}
