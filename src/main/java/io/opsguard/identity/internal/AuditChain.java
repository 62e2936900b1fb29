package io.opsguard.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.opsguard.identity.internal.AuditLog.BrokenLink;
import io.opsguard.identity.internal.AuditLog.Problem;

/**
 * The hash chain of the audit log: each entry's hash is SHA-256 over the previous entry's hash
 * and every stored field of the entry, so changing, removing or reordering any entry breaks the
 * link to it.
 * <p>
 * Two hash schemes exist (ADR 0003). Scheme 2, written since 0.1 issue 8, hashes the canonical
 * text of exactly what is stored: the time truncated to the microseconds both databases keep, and
 * every column, the message key and arguments included. Scheme 1, written before, hashed the time
 * in milliseconds of the clock's instant, which the database then rounded to microseconds: an
 * instant in the last half microsecond of a millisecond was stored in the next millisecond. Entries
 * of scheme 1 are still verified with scheme 1, allowing for exactly that rounding.
 */
final class AuditChain {

	static final String GENESIS = "0".repeat(64);

	/** The scheme new entries are sealed with. */
	static final int CURRENT_SCHEME = 2;

	static final int LEGACY_SCHEME = 1;

	private AuditChain() {
	}

	/** The time as the database stores it: UTC, microseconds. */
	static Instant stored(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	/** The hash of an entry under its own scheme. */
	static String hash(String previousHash, AuditRecord entry) {
		return switch (entry.scheme()) {
			case LEGACY_SCHEME -> legacyHash(previousHash, entry, entry.occurredAt().toEpochMilli());
			case CURRENT_SCHEME -> currentHash(previousHash, entry);
			default -> throw new IllegalArgumentException("Unknown audit hash scheme " + entry.scheme());
		};
	}

	/**
	 * Whether an entry's stored hash is right. For scheme 1 the hashed millisecond may be one less
	 * than the stored one, when the database rounded the instant up onto a millisecond boundary.
	 */
	static boolean matches(String previousHash, AuditRecord entry, String storedHash) {
		if (hash(previousHash, entry).equals(storedHash)) {
			return true;
		}
		if (entry.scheme() == LEGACY_SCHEME && entry.occurredAt().getNano() % 1_000_000 == 0) {
			return legacyHash(previousHash, entry, entry.occurredAt().toEpochMilli() - 1).equals(storedHash);
		}
		return false;
	}

	private static String currentHash(String previousHash, AuditRecord entry) {
		StringBuilder canonical = new StringBuilder(320).append("v2|").append(previousHash);
		append(canonical, entry.id());
		append(canonical, stored(entry.occurredAt()).toString());
		append(canonical, entry.userId());
		append(canonical, entry.username());
		append(canonical, entry.organisationId());
		append(canonical, entry.sourceIp());
		append(canonical, entry.action());
		append(canonical, entry.targetType());
		append(canonical, entry.targetId());
		append(canonical, entry.summary());
		append(canonical, entry.summaryKey());
		append(canonical, entry.summaryArgs());
		append(canonical, entry.viaTokenId());
		append(canonical, entry.outcome());
		return sha256(canonical);
	}

	private static String legacyHash(String previousHash, AuditRecord entry, long epochMilli) {
		StringBuilder canonical = new StringBuilder(256).append(previousHash);
		append(canonical, entry.id());
		append(canonical, epochMilli);
		append(canonical, entry.userId());
		append(canonical, entry.username());
		append(canonical, entry.organisationId());
		append(canonical, entry.sourceIp());
		append(canonical, entry.action());
		append(canonical, entry.targetType());
		append(canonical, entry.targetId());
		append(canonical, entry.summary());
		append(canonical, entry.outcome());
		return sha256(canonical);
	}

	private static String sha256(CharSequence canonical) {
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

	/**
	 * Checks the links of a chain fed in id order and collects every broken one. A changed entry
	 * breaks its own link; a changed and re-hashed entry breaks the link of the entry after it;
	 * removed entries leave a gap; a cut or replaced tail no longer matches the head. Each link is
	 * judged against what is stored before it, so one changed entry is reported once, not as the
	 * start of a broken rest.
	 */
	static final class Verifier {

		private final int maxReported;

		private final List<BrokenLink> broken = new ArrayList<>();

		private long expectedId = 1;

		private String previousHash = GENESIS;

		private long checked;

		private long brokenCount;

		Verifier(int maxReported) {
			this.maxReported = maxReported;
		}

		void accept(AuditRecord entry, String prevHash, String hash) {
			long id = entry.id();
			boolean afterGap = id != this.expectedId;
			if (afterGap) {
				report(this.expectedId, id - 1, Problem.MISSING);
			}
			if (!matches(prevHash, entry, hash)) {
				report(id, id, Problem.CHANGED);
			}
			else if (!afterGap && !prevHash.equals(this.previousHash)) {
				report(id, id, Problem.LINK);
			}
			this.previousHash = hash;
			this.expectedId = id + 1;
			this.checked++;
		}

		/** Compares the end of the chain with the head row: its last id and hash. */
		void finish(long headLastId, String headHash) {
			long lastSeen = this.expectedId - 1;
			if (headLastId > lastSeen) {
				report(lastSeen + 1, headLastId, Problem.MISSING);
			}
			else if (headLastId < lastSeen) {
				report(headLastId + 1, lastSeen, Problem.HEAD);
			}
			else if (!this.previousHash.equals(headHash)) {
				report(lastSeen, lastSeen, Problem.HEAD);
			}
		}

		private void report(long fromId, long toId, Problem problem) {
			this.brokenCount += toId - fromId + 1;
			if (this.broken.size() < this.maxReported) {
				this.broken.add(new BrokenLink(fromId, toId, problem));
			}
		}

		List<BrokenLink> broken() {
			return List.copyOf(this.broken);
		}

		long checked() {
			return this.checked;
		}

		long brokenCount() {
			return this.brokenCount;
		}

	}

	/** One audit entry as stored. */
	record AuditRecord(long id, int scheme, Instant occurredAt, Long userId, String username, Long organisationId,
			String sourceIp, String action, String targetType, String targetId, String summary, String summaryKey,
			String summaryArgs, Long viaTokenId, String outcome) {
	}

}
