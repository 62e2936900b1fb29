package io.opsguard.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain of the audit log: each entry's hash is SHA-256 over the previous entry's hash
 * and every field of the entry, so changing, removing or reordering any entry breaks every hash
 * after it.
 */
final class AuditChain {

	static final String GENESIS = "0".repeat(64);

	private AuditChain() {
	}

	static String hash(String previousHash, AuditRecord entry) {
		StringBuilder canonical = new StringBuilder(256).append(previousHash);
		append(canonical, entry.id());
		append(canonical, entry.occurredAt().toEpochMilli());
		append(canonical, entry.userId());
		append(canonical, entry.username());
		append(canonical, entry.organisationId());
		append(canonical, entry.sourceIp());
		append(canonical, entry.action());
		append(canonical, entry.targetType());
		append(canonical, entry.targetId());
		append(canonical, entry.summary());
		append(canonical, entry.outcome());
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void append(StringBuilder sb, Object value) {
		// length-prefixed so that no two different entries produce the same text
		String text = value == null ? "" : value.toString();
		sb.append('|').append(value == null ? -1 : text.length()).append(':').append(text);
	}

	/** One audit entry as stored. */
	record AuditRecord(long id, Instant occurredAt, Long userId, String username, Long organisationId,
			String sourceIp, String action, String targetType, String targetId, String summary, String outcome) {
	}

}
