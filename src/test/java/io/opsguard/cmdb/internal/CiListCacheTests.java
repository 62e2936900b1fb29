package io.opsguard.cmdb.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

class CiListCacheTests {

	private final CiListCache counts = new CiListCache();

	@Test
	void aTotalIsCountedOnceUntilACiChanges() {
		AtomicInteger queries = new AtomicInteger();
		assertThat(this.counts.total("all", () -> 10 + queries.incrementAndGet() * 0)).isEqualTo(10);
		assertThat(this.counts.total("all", () -> 99 + queries.incrementAndGet() * 0)).as("kept").isEqualTo(10);
		assertThat(queries).hasValue(1);
		this.counts.changed();
		assertThat(this.counts.total("all", () -> 11 + queries.incrementAndGet() * 0)).as("counted again").isEqualTo(11);
		assertThat(queries).hasValue(2);
	}

	@Test
	void aTotalCountedWhileACiChangesIsNotKept() {
		// the count runs, a CI is written meanwhile, then the (old) total is stored: it must not be reused
		assertThat(this.counts.total("all", () -> {
			this.counts.changed();
			return 5;
		})).isEqualTo(5);
		assertThat(this.counts.total("all", () -> 6)).isEqualTo(6);
	}

	@Test
	void theEndOfAWritingTransactionForgetsTotalsCountedDuringIt() {
		TransactionSynchronizationManager.initSynchronization();
		try {
			this.counts.changed();
			this.counts.changed();
			assertThat(TransactionSynchronizationManager.getSynchronizations()).as("watched once").hasSize(1);
			this.counts.total("all", () -> 7);
			TransactionSynchronizationManager.getSynchronizations()
				.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		assertThat(TransactionSynchronizationManager.hasResource(this.counts)).isFalse();
		assertThat(this.counts.total("all", () -> 8)).as("counted after the commit").isEqualTo(8);
	}

	@Test
	void differentQueriesHaveTheirOwnTotals() {
		this.counts.total("a", () -> 1);
		this.counts.total("b", () -> 2);
		assertThat(this.counts.total("a", () -> 0)).isEqualTo(1);
		assertThat(this.counts.total("b", () -> 0)).isEqualTo(2);
	}

	@Test
	void anOrderIsKeptLikeATotalAndForgottenWithIt() {
		AtomicInteger queries = new AtomicInteger();
		long[] first = this.counts.order("list", () -> {
			queries.incrementAndGet();
			return new long[] { 3, 1, 2 };
		});
		assertThat(this.counts.order("list", () -> new long[] { 9 })).as("kept").isSameAs(first);
		this.counts.changed();
		assertThat(this.counts.order("list", () -> new long[] { 4 })).as("read again after a change").containsExactly(4);
	}

	@Test
	void ordersBeyondTheBudgetAreNotKept() {
		long[] huge = new long[(int) CiListCache.MAX_IDS + 1];
		this.counts.order("huge", () -> huge);
		assertThat(this.counts.order("huge", () -> new long[] { 1 })).containsExactly(1);
	}

}
