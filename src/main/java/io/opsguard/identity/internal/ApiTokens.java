package io.opsguard.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for integrations: {@code ogt_} and 40 random characters, shown once and stored as a
 * SHA-256 hash; they expire, can be revoked, and record when they were last used (to the minute).
 */
@Service
public class ApiTokens {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

	private static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

	private static final java.time.format.DateTimeFormatter LocalTime = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(CHINA);

	private final ApiTokenRepository tokens;

	private final JdbcClient jdbc;

	private final Principals principals;

	private final AuditTrail audit;

	private final AuditLog summaries;

	private final Clock clock;

	private final Duration maxLifetime;

	private final SecureRandom random = new SecureRandom();

	ApiTokens(ApiTokenRepository tokens, JdbcClient jdbc, Principals principals, AuditLog audit, Clock clock,
			IdentityProperties properties) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.principals = principals;
		this.audit = audit;
		this.summaries = audit;
		this.clock = clock;
		this.maxLifetime = properties.apiToken().maxLifetime();
	}

	@Transactional
	public CreatedToken create(CurrentUser owner, String name, Instant expiresAt) {
		Credentials.requireInteractiveSession();
		Instant now = this.clock.instant();
		// the longest lifetime counts in whole days: a token may live until the end of its last day
		Instant latest = java.time.LocalDate.now(this.clock.withZone(CHINA))
			.plusDays(this.maxLifetime.toDays() + 1)
			.atStartOfDay(CHINA)
			.toInstant();
		if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(latest)) {
			throw OpsGuardException.onField("expiresAt", IdentityError.TOKEN_EXPIRY_INVALID, this.maxLifetime.toDays());
		}
		StringBuilder secret = new StringBuilder("ogt_");
		for (int i = 0; i < 40; i++) {
			secret.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		ApiToken token = new ApiToken();
		token.userId = owner.id();
		token.name = name.trim();
		token.tokenHash = sha256(secret.toString());
		token.prefix = secret.substring(0, 8);
		token.createdAt = now;
		token.expiresAt = expiresAt;
		token = this.tokens.save(token);
		this.audit.record("API_TOKEN_CREATED", "ApiToken", token.id,
				this.summaries.summary("token", token.name, LocalTime.format(expiresAt)), true);
		return new CreatedToken(view(token, now), secret.toString());
	}

	@Transactional(readOnly = true)
	public PageResult<TokenView> list(CurrentUser owner, Integer page, Integer size) {
		PageQuery paging = PageQuery.of(page, size, null, Map.of(), "created_at desc, id desc");
		Instant now = this.clock.instant();
		return SqlPages.ids(this.jdbc, "id", "idn_api_token", "user_id = :user", Map.of("user", owner.id()), paging)
			.map(id -> view(this.tokens.findById(id).orElseThrow(), now));
	}

	/**
	 * Revokes one of the owner's tokens. A request made with a token may revoke that token itself
	 * (an integration retiring its credential), no other.
	 */
	@Transactional
	public void revoke(CurrentUser owner, long id) {
		ApiToken token = this.tokens.findById(id).filter(t -> t.userId == owner.id()).orElseThrow(OpsGuardException::notFound);
		Long presented = Credentials.currentTokenId();
		if (presented != null && presented != id) {
			throw new OpsGuardException(IdentityError.TOKEN_CANNOT_MANAGE_CREDENTIALS);
		}
		if (token.revokedAt == null) {
			token.revokedAt = this.clock.instant();
			this.tokens.save(token);
			this.audit.record("API_TOKEN_REVOKED", "ApiToken", token.id, this.summaries.summary("tokenRevoked", token.name),
					true);
		}
	}

	/** The authentication for a presented secret, or empty if it is unknown, expired or revoked. */
	public Optional<OpsGuardAuthentication> authenticate(String secret) {
		if (secret == null || !secret.startsWith("ogt_") || secret.length() > 100) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Optional<ApiToken> found = this.tokens.findByTokenHash(sha256(secret))
			.filter(t -> t.statusAt(now) == ApiToken.Status.ACTIVE);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		ApiToken token = found.get();
		if (token.lastUsedAt == null || token.lastUsedAt.plus(LAST_USED_GRANULARITY).isBefore(now)) {
			this.jdbc.sql("update idn_api_token set last_used_at = :now where id = :id")
				.param("now", java.sql.Timestamp.from(now))
				.param("id", token.id)
				.update();
		}
		return this.principals.resolve(token.userId).map(user -> new OpsGuardAuthentication(user, token.id));
	}

	static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TokenView view(ApiToken token, Instant now) {
		return new TokenView(token.id, token.name, token.prefix + "…", token.createdAt, token.expiresAt, token.lastUsedAt,
				token.revokedAt, token.statusAt(now).name());
	}

	/** A token as its owner sees it (never the secret). */
	public record TokenView(long id, String name, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
			Instant revokedAt, String status) {
	}

	/** A new token with its secret, shown this once. */
	public record CreatedToken(TokenView view, String token) {
	}

}
