package io.opsguard.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.opsguard.shared.Foreground;
import io.opsguard.shared.OpsGuardException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Hashing, the password policy with its history of recent passwords, and nothing else. */
@Component
public class Passwords {

	private final PasswordEncoder encoder;

	private final JdbcClient jdbc;

	private final PasswordPolicy policy;

	/** Compared against when there is no real hash, so that every check costs the same. */
	private final String dummyHash;

	/** Hashing costs ~70 ms of CPU on purpose, and people wait for it: long batches give way to it. */
	private final Foreground foreground;

	Passwords(PasswordEncoder encoder, JdbcClient jdbc, IdentityProperties properties, Foreground foreground) {
		this.encoder = encoder;
		this.foreground = foreground;
		this.jdbc = jdbc;
		this.policy = PasswordPolicy.from(properties.password());
		this.dummyHash = encoder.encode("not-a-password-" + System.nanoTime());
	}

	public PasswordPolicy policy() {
		return this.policy;
	}

	String hash(String password) {
		return this.foreground.run(() -> this.encoder.encode(password));
	}

	/**
	 * Whether the password matches the hash. Always performs exactly one hash comparison (against
	 * a dummy hash when {@code hash} is null, with an empty password when it is null), so callers
	 * take the same time whatever they find.
	 */
	boolean matches(String password, String hash) {
		boolean matches = this.foreground
			.run(() -> this.encoder.matches(password == null ? "" : password, hash == null ? this.dummyHash : hash));
		return matches && password != null && hash != null;
	}

	/** Throws a field problem on {@code field} when the password breaks the policy. */
	void checkPolicy(String password, String username, Long userId, String field) {
		this.policy.check(password, username, candidate -> userId != null && recentlyUsed(userId, candidate))
			.ifPresent(v -> {
				throw OpsGuardException.onField(field, v.error(), v.args());
			});
	}

	private boolean recentlyUsed(long userId, String candidate) {
		List<String> recent = this.jdbc
			.sql("select password_hash from idn_password_history where user_id = :user order by created_at desc, id desc limit :n")
			.param("user", userId)
			.param("n", this.policy.historySize())
			.query(String.class)
			.list();
		return this.foreground.run(() -> recent.stream().anyMatch(hash -> this.encoder.matches(candidate, hash)));
	}

	/** Keeps the new hash in the history and forgets the ones beyond the policy's history size. */
	void remember(long userId, String hash, Instant at) {
		this.jdbc.sql("insert into idn_password_history (user_id, password_hash, created_at) values (:user, :hash, :at)")
			.param("user", userId)
			.param("hash", hash)
			.param("at", Timestamp.from(at))
			.update();
		List<Long> stale = this.jdbc
			.sql("select id from idn_password_history where user_id = :user order by created_at desc, id desc offset :keep")
			.param("user", userId)
			.param("keep", Math.max(this.policy.historySize(), 1))
			.query(Long.class)
			.list();
		if (!stale.isEmpty()) {
			this.jdbc.sql("delete from idn_password_history where id in (:ids)").param("ids", stale).update();
		}
	}

}
