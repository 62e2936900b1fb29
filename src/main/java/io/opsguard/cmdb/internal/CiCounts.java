package io.opsguard.cmdb.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The totals of CI list queries, kept until the next change of any CI. Paging through a list asks
 * for the same total on every page; counting tens of thousands of CIs each time is the largest part
 * of a page's cost. Every write of a CI ({@link CiStore}) starts a new generation, at once and again
 * when its transaction commits, so no total outlives the change it misses. Totals that depend on
 * the clock (not verified for n days) carry the moment in their key and are never reused. Writes
 * made by another node are not seen here, so no total is kept longer than {@link #MAX_AGE_NANOS}
 * (the same minute after which the relation graph reloads).
 */
@Component
class CiCounts {

	static final int MAX_ENTRIES = 2_000;

	static final long MAX_AGE_NANOS = 60_000_000_000L;

	private final AtomicLong generation = new AtomicLong();

	private final Map<String, Entry> totals = new ConcurrentHashMap<>();

	long total(String key, LongSupplier count) {
		long current = this.generation.get();
		Entry entry = this.totals.get(key);
		long now = System.nanoTime();
		if (entry != null && entry.generation() == current && now - entry.countedAt() < MAX_AGE_NANOS) {
			return entry.total();
		}
		long total = count.getAsLong();
		if (this.totals.size() >= MAX_ENTRIES) {
			this.totals.clear();
		}
		this.totals.put(key, new Entry(current, total, now));
		return total;
	}

	/**
	 * A CI was written: totals counted before (or during) its transaction are no longer trusted. An
	 * import writes thousands of CIs in one transaction; the end of it is watched for only once.
	 */
	void changed() {
		forget();
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.hasResource(this)) {
			TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(CiCounts.this);
					forget();
				}
			});
		}
	}

	private void forget() {
		this.generation.incrementAndGet();
		this.totals.clear();
	}

	private record Entry(long generation, long total, long countedAt) {
	}

}
