package io.opsguard.shared;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Work a person waits for in front of the screen, and long work that gives way to it. A password
 * check costs ~70 ms of CPU on purpose (bcrypt); on a machine with two cores an import of 10,000
 * rows, which keeps one core busy for seconds, doubled the time people waited to sign in. Such
 * deliberately expensive interactive work runs through {@link #run(Supplier)}; long work (imports,
 * sealing the audit chain, later report rendering and bulk changes) takes a {@link #batch()} and
 * calls {@link Batch#giveWay()} between its steps, which waits while interactive work runs, but
 * never more than {@link #SHARE_WAITING three quarters} of the batch's time so far, so that a storm of
 * sign-ins slows a batch down but cannot stop it. Java thread priorities would say the same, but
 * Linux ignores them unless the JVM runs with special privileges.
 */
@Component
public class Foreground {

	/** The most of its time a batch spends waiting for interactive work. */
	static final double SHARE_WAITING = 0.75;

	/** What a batch may wait before it has worked at all. */
	static final long ALLOWANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger waiting = new AtomicInteger();

	private final Object idle = new Object();

	/** Runs interactive work that costs much CPU (a password check); batches give way while it runs. */
	public <T> T run(Supplier<T> work) {
		this.running.incrementAndGet();
		try {
			return work.get();
		}
		finally {
			if (this.running.decrementAndGet() == 0 && this.waiting.get() > 0) {
				synchronized (this.idle) {
					this.idle.notifyAll();
				}
			}
		}
	}

	/** Whether interactive work is running now. */
	public boolean busy() {
		return this.running.get() > 0;
	}

	/** A long piece of work that gives way to interactive work between its steps. */
	public Batch batch() {
		return new Batch(System.nanoTime());
	}

	/** One long piece of work, with the time it has spent waiting so far; used by one thread. */
	public final class Batch {

		private final long started;

		private long waited;

		private Batch(long started) {
			this.started = started;
		}

		/**
		 * Waits while interactive work runs, as long as the batch has waited for less than
		 * {@link #SHARE_WAITING three quarters} of its time (plus a short allowance at its start).
		 */
		public void giveWay() {
			if (Foreground.this.running.get() == 0) {
				return;
			}
			long now = System.nanoTime();
			long budget = (long) ((now - this.started) * SHARE_WAITING) + ALLOWANCE_NANOS - this.waited;
			if (budget <= 0) {
				return;
			}
			long deadline = now + budget;
			Foreground.this.waiting.incrementAndGet();
			try {
				synchronized (Foreground.this.idle) {
					long left = budget;
					while (Foreground.this.running.get() > 0 && left > 0) {
						TimeUnit.NANOSECONDS.timedWait(Foreground.this.idle, left);
						left = deadline - System.nanoTime();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				Foreground.this.waiting.decrementAndGet();
				this.waited += System.nanoTime() - now;
			}
		}

		/** How long this batch has waited for interactive work so far, in nanoseconds. */
		public long waitedNanos() {
			return this.waited;
		}

	}

}
