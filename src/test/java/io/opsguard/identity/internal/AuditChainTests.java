package io.opsguard.identity.internal;

import java.time.Instant;

import io.opsguard.identity.internal.AuditChain.AuditRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTests {

	private static AuditRecord entry(long id, String summary, String targetId) {
		return new AuditRecord(id, Instant.parse("2026-11-22T03:00:00Z"), 1L, "admin", 1L, "127.0.0.1",
				"USER_CREATED", "User", targetId, summary, "SUCCESS");
	}

	@Test
	void theHashDependsOnThePreviousHashAndEveryField() {
		String first = AuditChain.hash(AuditChain.GENESIS, entry(1, "a", "7"));
		assertThat(first).hasSize(64).isEqualTo(AuditChain.hash(AuditChain.GENESIS, entry(1, "a", "7")));
		assertThat(AuditChain.hash(first, entry(1, "a", "7"))).isNotEqualTo(first);
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, "b", "7"))).isNotEqualTo(first);
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(2, "a", "7"))).isNotEqualTo(first);
	}

	@Test
	void fieldBoundariesCannotBeShifted() {
		// "a|b" + "c" must not hash like "a" + "b|c"
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, "a|1:b", "c")))
			.isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, entry(1, "a", "b|1:c")));
		assertThat(AuditChain.hash(AuditChain.GENESIS, entry(1, null, "7")))
			.isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, entry(1, "", "7")));
	}

}
