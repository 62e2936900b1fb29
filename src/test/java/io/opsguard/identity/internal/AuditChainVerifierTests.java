package io.opsguard.identity.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.opsguard.identity.internal.AuditChain.AuditRecord;
import io.opsguard.identity.internal.AuditLog.BrokenLink;
import io.opsguard.identity.internal.AuditLog.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of tampering is located, each where it happened, and only there. */
class AuditChainVerifierTests {

	private record Row(AuditRecord entry, String prevHash, String hash) {

		Row withSummary(String summary) {
			AuditRecord e = this.entry;
			return new Row(new AuditRecord(e.id(), e.scheme(), e.occurredAt(), e.userId(), e.username(), e.organisationId(),
					e.sourceIp(), e.action(), e.targetType(), e.targetId(), summary, e.summaryKey(), e.summaryArgs(),
					e.viaTokenId(), e.outcome()), this.prevHash, this.hash);
		}

		Row rehashed() {
			return new Row(this.entry, this.prevHash, AuditChain.hash(this.prevHash, this.entry));
		}

	}

	/** A chain of {@code n} entries, all in the same microsecond. */
	private static List<Row> chain(int n) {
		List<Row> rows = new ArrayList<>();
		String previous = AuditChain.GENESIS;
		Instant at = Instant.parse("2026-12-06T01:02:03.999999Z");
		for (long id = 1; id <= n; id++) {
			AuditRecord entry = new AuditRecord(id, AuditChain.CURRENT_SCHEME, at, 1L, "admin", 1L, "::1", "CI_UPDATED", "CI",
					String.valueOf(id), "entry " + id, null, null, null, "SUCCESS");
			String hash = AuditChain.hash(previous, entry);
			rows.add(new Row(entry, previous, hash));
			previous = hash;
		}
		return rows;
	}

	private static List<BrokenLink> verify(List<Row> rows, long headId, String headHash) {
		AuditChain.Verifier verifier = new AuditChain.Verifier(1000);
		rows.forEach(r -> verifier.accept(r.entry(), r.prevHash(), r.hash()));
		verifier.finish(headId, headHash);
		return verifier.broken();
	}

	private static List<BrokenLink> verify(List<Row> rows) {
		Row last = rows.get(rows.size() - 1);
		return verify(rows, last.entry().id(), last.hash());
	}

	@Test
	void anUntouchedChainIsIntact() {
		assertThat(verify(chain(100))).isEmpty();
		assertThat(verify(List.of(), 0, AuditChain.GENESIS)).isEmpty();
	}

	@Test
	void everyChangedEntryIsReportedAtItsOwnPlace() {
		List<Row> rows = chain(100);
		rows.set(9, rows.get(9).withSummary("nothing happened"));
		rows.set(49, rows.get(49).withSummary("nothing happened either"));
		rows.set(89, rows.get(89).withSummary("..."));
		assertThat(verify(rows)).containsExactly(new BrokenLink(10, 10, Problem.CHANGED),
				new BrokenLink(50, 50, Problem.CHANGED), new BrokenLink(90, 90, Problem.CHANGED));
	}

	@Test
	void aChangedAndRehashedEntryBreaksTheLinkToTheNext() {
		List<Row> rows = chain(20);
		rows.set(4, rows.get(4).withSummary("forged").rehashed());
		assertThat(verify(rows)).containsExactly(new BrokenLink(6, 6, Problem.LINK));
	}

	@Test
	void removedEntriesAreAGap() {
		List<Row> rows = chain(20);
		rows.remove(7);
		rows.remove(7);
		assertThat(verify(rows)).containsExactly(new BrokenLink(8, 9, Problem.MISSING));
	}

	@Test
	void aCutTailIsMissingAndAForgedTailDoesNotMatchTheHead() {
		List<Row> rows = chain(20);
		Row head = rows.get(19);
		assertThat(verify(rows.subList(0, 17), head.entry().id(), head.hash()))
			.containsExactly(new BrokenLink(18, 20, Problem.MISSING));
		assertThat(verify(rows, 19, rows.get(18).hash())).containsExactly(new BrokenLink(20, 20, Problem.HEAD));
		assertThat(verify(rows, 20, AuditChain.GENESIS)).containsExactly(new BrokenLink(20, 20, Problem.HEAD));
	}

	@Test
	void reportsAreCappedButCounted() {
		List<Row> rows = chain(50);
		for (int i = 0; i < 50; i += 2) {
			rows.set(i, rows.get(i).withSummary("x"));
		}
		AuditChain.Verifier verifier = new AuditChain.Verifier(10);
		rows.forEach(r -> verifier.accept(r.entry(), r.prevHash(), r.hash()));
		verifier.finish(50, rows.get(49).hash());
		assertThat(verifier.broken()).hasSize(10);
		assertThat(verifier.brokenCount()).isEqualTo(25);
		assertThat(verifier.checked()).isEqualTo(50);
	}

}
