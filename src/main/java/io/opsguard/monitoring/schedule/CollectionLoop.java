package io.opsguard.monitoring.schedule;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of periodic collection, free of Spring and the database so that a benchmark drives the
 * same code: jobs registered with an interval get a phase within it from their id (spreading
 * thousands evenly), a {@link TimingWheel} turned by one thread hands due jobs to a bounded pool,
 * the next run is due one interval after the previous due time (no drift), and a job still running
 * when due again is skipped once. Each start reports how late it was.
 */
public final class CollectionLoop implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CollectionLoop.class);

	/** A job run at each due time. */
	@FunctionalInterface
	public interface Job {

		void run(long dueMillis);

	}

	/** What the loop reports. */
	public interface Listener {

		/** A job started {@code lateMillis} after its due time; its interval for comparison. */
		void started(long lateMillis, long intervalMillis);

		/** A job was skipped: still running, or no worker free. */
		void skipped();

	}

	private record Ticket(long id, long generation) {
	}

	private static final class Entry {

		final long generation;

		final long intervalMillis;

		final Job job;

		final AtomicBoolean busy = new AtomicBoolean();

		Entry(long generation, long intervalMillis, Job job) {
			this.generation = generation;
			this.intervalMillis = intervalMillis;
			this.job = job;
		}

	}

	private final LongSupplier clock;

	private final long tickMillis;

	private final Listener listener;

	private final TimingWheel<Ticket> wheel;

	private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong generations = new AtomicLong();

	private final ThreadPoolExecutor workers;

	private final Thread ticker;

	private volatile boolean running = true;

	public CollectionLoop(LongSupplier clock, long tickMillis, int workers, int queue, Listener listener, String name) {
		this.clock = clock;
		this.tickMillis = tickMillis;
		this.listener = listener;
		this.wheel = new TimingWheel<>(tickMillis, 4096, clock.getAsLong());
		this.workers = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
				daemon(name + "-"));
		this.workers.allowCoreThreadTimeOut(true);
		this.ticker = daemon(name + "-wheel-").newThread(this::turn);
		this.ticker.start();
	}

	/** Registers a job, or replaces the job of the same id (its next run follows the new interval). */
	public void put(long id, long intervalMillis, Job job) {
		Entry entry = new Entry(this.generations.incrementAndGet(), intervalMillis, job);
		this.entries.put(id, entry);
		long now = this.clock.getAsLong();
		// the job's phase in its interval: its id spread over the interval by a golden-ratio step, on a
		// whole second so that due times (and the samples stamped with them) fall on seconds, which
		// the store compresses to almost nothing
		long phase = Math.floorMod(id * 0x9E3779B97F4A7C15L, intervalMillis);
		if (intervalMillis >= 1000 && intervalMillis % 1000 == 0) {
			phase -= phase % 1000;
		}
		long due = now - Math.floorMod(now, intervalMillis) + phase;
		if (due < now) {
			due += intervalMillis;
		}
		synchronized (this.wheel) {
			this.wheel.add(new Ticket(id, entry.generation), due);
		}
	}

	public void remove(long id) {
		this.entries.remove(id);
	}

	/** Keeps only these jobs. */
	public void retain(Collection<Long> ids) {
		this.entries.keySet().retainAll(ids instanceof java.util.Set<?> ? ids : new java.util.HashSet<>(ids));
	}

	public void clear() {
		this.entries.clear();
	}

	public int size() {
		return this.entries.size();
	}

	public boolean contains(long id) {
		return this.entries.containsKey(id);
	}

	/** Due jobs waiting for a worker. */
	public int backlog() {
		return this.workers.getQueue().size();
	}

	/** Jobs running now. */
	public int active() {
		return this.workers.getActiveCount();
	}

	@Override
	public void close() {
		this.running = false;
		this.ticker.interrupt();
		this.workers.shutdownNow();
		try {
			this.workers.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void turn() {
		while (this.running) {
			try {
				long now = this.clock.getAsLong();
				Thread.sleep(Math.max(1, this.tickMillis - Math.floorMod(now, this.tickMillis)));
				java.util.List<TimingWheel.Due<Ticket>> due;
				synchronized (this.wheel) {
					due = this.wheel.advance(this.clock.getAsLong());
				}
				for (TimingWheel.Due<Ticket> item : due) {
					dispatch(item);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("The collection wheel failed a turn", ex);
			}
		}
	}

	private void dispatch(TimingWheel.Due<Ticket> item) {
		Entry entry = this.entries.get(item.task().id());
		if (entry == null || entry.generation != item.task().generation()) {
			return;
		}
		long now = this.clock.getAsLong();
		long next = item.dueMillis() + entry.intervalMillis;
		if (next <= now) {
			next += ((now - next) / entry.intervalMillis + 1) * entry.intervalMillis;
		}
		synchronized (this.wheel) {
			this.wheel.add(item.task(), next);
		}
		if (!entry.busy.compareAndSet(false, true)) {
			this.listener.skipped();
			return;
		}
		try {
			this.workers.execute(() -> run(entry, item.dueMillis()));
		}
		catch (RejectedExecutionException ex) {
			entry.busy.set(false);
			this.listener.skipped();
		}
	}

	private void run(Entry entry, long dueMillis) {
		try {
			this.listener.started(Math.max(0, this.clock.getAsLong() - dueMillis), entry.intervalMillis);
			entry.job.run(dueMillis);
		}
		catch (RuntimeException ex) {
			log.warn("A collection failed: {}", ex.toString());
		}
		finally {
			entry.busy.set(false);
		}
	}

	static ThreadFactory daemon(String prefix) {
		AtomicLong count = new AtomicLong();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
