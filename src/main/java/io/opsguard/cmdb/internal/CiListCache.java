package io.opsguard.cmdb.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What CI list queries found, kept until the next change of any CI: the total of a list (asked for
 * on every page) and, for people paging deep into a long list, the order of its ids, so that page
 * 180 is read by id instead of skipping 9,000 rows (which H2 does by reading every skipped row).
 * Every write of a CI ({@link CiStore}) starts a new generation, at once and again when its
 * transaction commits, so nothing kept outlives the change it misses. Lists that depend on the
 * clock (not verified for n days) carry the moment in their key and are never reused. Writes made
 * by another node are not seen here, so nothing is kept longer than {@link #MAX_AGE_NANOS} (the
 * same minute after which the relation graph reloads). An order is only a position: the rows of a
 * page are read again with the list's full condition, so a stale order can shift a page, never
 * show a CI the list (or the caller's scope) excludes.
 */
@Component
class CiListCache {

	static final int MAX_ENTRIES = 2_000;

	/** Ids kept over all orders (8 bytes each: 16 MB). */
	static final long MAX_IDS = 2_000_000;

	static final long MAX_AGE_NANOS = 60_000_000_000L;

	private final AtomicLong generation = new AtomicLong();

	private final Map<String, Entry<Long>> totals = new ConcurrentHashMap<>();

	private final Map<String, Entry<long[]>> orders = new ConcurrentHashMap<>();

	private final AtomicLong keptIds = new AtomicLong();

	long total(String key, LongSupplier count) {
		return remembered(this.totals, key, count::getAsLong);
	}

	/** The ids of a list in its order, from {@code ids} unless kept since the last change. */
	long[] order(String key, Supplier<long[]> ids) {
		return remembered(this.orders, key, ids);
	}

	private <T> T remembered(Map<String, Entry<T>> kept, String key, Supplier<T> compute) {
		long current = this.generation.get();
		Entry<T> entry = kept.get(key);
		long now = System.nanoTime();
		if (entry != null && entry.generation() == current && now - entry.countedAt() < MAX_AGE_NANOS) {
			return entry.value();
		}
		T value = compute.get();
		long size = value instanceof long[] ids ? ids.length : 0;
		if (kept.size() >= MAX_ENTRIES || this.keptIds.get() + size > MAX_IDS) {
			kept.clear();
			if (size > 0) {
				this.keptIds.set(0);
			}
		}
		if (size <= MAX_IDS) {
			Entry<T> previous = kept.put(key, new Entry<>(current, value, now));
			this.keptIds.addAndGet(size - (previous != null && previous.value() instanceof long[] old ? old.length : 0));
		}
		return value;
	}

	/**
	 * A CI was written: what was found before (or during) its transaction is no longer trusted. An
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
					TransactionSynchronizationManager.unbindResourceIfPossible(CiListCache.this);
					forget();
				}
			});
		}
	}

	private void forget() {
		this.generation.incrementAndGet();
		this.totals.clear();
		this.orders.clear();
		this.keptIds.set(0);
	}

	private record Entry<T>(long generation, T value, long countedAt) {
	}

}
