package io.opsguard.identity.internal;

import java.time.Instant;

import io.opsguard.identity.internal.AuditChain.AuditRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTests {

	private static final Instant AT = Instant.parse("2026-11-22T03:00:00.123456Z");

	private static AuditRecord entry(long id, String summary, String targetId) {
		return entry(id, AT, summary, targetId, AuditChain.CURRENT_SCHEME);
	}

	private static AuditRecord entry(long id, Instant at, String summary, String targetId, int scheme) {
		return new AuditRecord(id, scheme, at, 1L, "admin", 1L, "127.0.0.1", "USER_CREATED", "User", targetId, summary,
				null, null, null, "SUCCESS");
	}

	@Test
	void theHashDependsOnThePreviousHashAndEveryField() {
		String first = AuditChain.hash(AuditChain.GENESIS, entry(1, "a", "7"));
		assertThat(first).hasSize(64).isEqualTo(AuditChain.hash(AuditChain.GENESIS, entry(1, "a", "7")));
		assertThat(AuditChain.hash(first, entry(1, "a", "7"))).isNotEqualTo(first);
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, "b", "7"))).isNotEqualTo(first);
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(2, "a", "7"))).isNotEqualTo(first);
		AuditRecord withMessage = new AuditRecord(1, 2, AT, 1L, "admin", 1L, "127.0.0.1", "USER_CREATED", "User", "7",
				null, "audit.summary.user", "[\"a\"]", null, "SUCCESS");
		AuditRecord otherArgs = new AuditRecord(1, 2, AT, 1L, "admin", 1L, "127.0.0.1", "USER_CREATED", "User", "7", null,
				"audit.summary.user", "[\"b\"]", null, "SUCCESS");
		AuditRecord viaToken = new AuditRecord(1, 2, AT, 1L, "admin", 1L, "127.0.0.1", "USER_CREATED", "User", "7", null,
				"audit.summary.user", "[\"a\"]", 5L, "SUCCESS");
		assertThat(AuditChain.hash(AuditChain.GENESIS, withMessage))
			.isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, otherArgs))
			.isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, viaToken));
	}

	@Test
	void fieldBoundariesCannotBeShifted() {
		// "a|b" + "c" must not hash like "a" + "b|c"
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, "a|1:b", "c")))
			.isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, entry(1, "a", "b|1:c")));
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, null, "7")))
			.isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, entry(1, "", "7")));
	}

	@Test
	void theCurrentSchemeHashesTheTimeAsStoredToTheMicrosecond() {
		// the database keeps microseconds: what the clock said below that must not matter
		Instant clock = Instant.parse("2026-11-22T03:00:00.999999999Z");
		Instant stored = AuditChain.stored(clock);
		assertThat(stored).isEqualTo(Instant.parse("2026-11-22T03:00:00.999999Z"));
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, clock, "a", "7", 2)))
			.isEqualTo(AuditChain.hash(AuditChain.GENESIS, entry(1, stored, "a", "7", 2)));
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, stored.plusNanos(1000), "a", "7", 2)))
			.isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, entry(1, stored, "a", "7", 2)));
	}

	@Test
	void legacyEntriesVerifyDespiteTheDatabaseRoundingOntoTheNextMillisecond() {
		// scheme 1 hashed the clock's millisecond; the database rounded .9999996 up to the next one
		Instant clock = Instant.parse("2026-11-22T03:00:00.9999996Z");
		String hashed = AuditChain.hash(AuditChain.GENESIS, entry(1, clock, "a", "7", 1));
		Instant stored = Instant.parse("2026-11-22T03:00:01Z");
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, stored, "a", "7", 1))).isNotEqualTo(hashed);
		assertThat(AuditChain.matches(AuditChain.GENESIS, entry(1, stored, "a", "7", 1), hashed)).isTrue();
		// ... but a legacy entry whose content changed still fails
		assertThat(AuditChain.matches(AuditChain.GENESIS, entry(1, stored, "b", "7", 1), hashed)).isFalse();
		// ... and only a boundary instant gets the allowance
		Instant within = Instant.parse("2026-11-22T03:00:01.000001Z");
		assertThat(AuditChain.matches(AuditChain.GENESIS, entry(1, within, "a", "7", 1), hashed)).isFalse();
	}

	@Test
	void currentEntriesGetNoRoundingAllowance() {
		Instant stored = Instant.parse("2026-11-22T03:00:01Z");
		String hashed = AuditChain.hash(AuditChain.GENESIS, entry(1, stored.minusNanos(1000), "a", "7", 2));
		assertThat(AuditChain.matches(AuditChain.GENESIS, entry(1, stored, "a", "7", 2), hashed)).isFalse();
	}

}
