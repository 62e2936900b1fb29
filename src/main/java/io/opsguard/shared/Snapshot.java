package io.opsguard.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value loaded from the database and kept in memory: reloaded when older than its maximum age
 * (so that other nodes' changes arrive), and dropped when this node changes the data — at once and
 * again when the running transaction ends, so nobody keeps what a rolled-back or not yet committed
 * transaction saw.
 */
public final class Snapshot<T> {

	private final Duration maxAge;

	private final Clock clock;

	private final Supplier<T> loader;

	private volatile Loaded<T> loaded;

	public Snapshot(Duration maxAge, Clock clock, Supplier<T> loader) {
		this.maxAge = maxAge;
		this.clock = clock;
		this.loader = loader;
	}

	public T get() {
		Loaded<T> current = this.loaded;
		Instant now = this.clock.instant();
		if (current == null || current.at().plus(this.maxAge).isBefore(now)) {
			current = new Loaded<>(this.loader.get(), now);
			this.loaded = current;
		}
		return current.value();
	}

	public void invalidate() {
		this.loaded = null;
		afterTransaction(() -> this.loaded = null);
	}

	/** Runs the action when the running transaction ends (committed or not); at once without one. */
	public static void afterTransaction(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					action.run();
				}
			});
		}
	}

	/** Runs the action once the running transaction has committed; at once without one. */
	public static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

	private record Loaded<T>(T value, Instant at) {
	}

}
