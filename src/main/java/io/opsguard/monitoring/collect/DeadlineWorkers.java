package io.opsguard.monitoring.collect;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the part of a collection that a client library cannot bound itself (a JDBC driver's
 * connect, a JMX connection) on a daemon worker thread and waits for it until a hard deadline.
 * Work abandoned at the deadline is interrupted, and what it still produces later is handed to a
 * clean-up (a connection that arrives too late is closed at once), so nothing leaks.
 */
public final class DeadlineWorkers implements AutoCloseable {

	private final ExecutorService workers;

	/** Workers whose threads carry {@code threadName}. */
	public DeadlineWorkers(String threadName) {
		this.workers = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * The result of {@code work}, run on a worker, when it comes before {@code deadline}.
	 *
	 * @param deadline a {@link System#nanoTime()} by which the result must be there
	 * @param late receives the result of work that finishes after it was abandoned
	 * @throws TimeoutException when the deadline passed first (the work is abandoned)
	 * @throws InterruptedException when the waiting thread was interrupted (the work is abandoned)
	 * @throws ExecutionException when the work failed, with its exception as the cause
	 */
	public <T> T call(Callable<T> work, long deadline, Consumer<? super T> late)
			throws TimeoutException, InterruptedException, ExecutionException {
		CompletableFuture<T> result = new CompletableFuture<>();
		Future<?> running = this.workers.submit(() -> {
			try {
				result.complete(work.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		try {
			return result.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | InterruptedException ex) {
			running.cancel(true);
			result.thenAccept(late);
			throw ex;
		}
	}

	/** Stops the workers (interrupting running work). */
	@Override
	public void close() {
		this.workers.shutdownNow();
	}

}
