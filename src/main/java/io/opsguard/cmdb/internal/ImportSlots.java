package io.opsguard.cmdb.internal;

import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

/**
 * The imports that may run at once ({@code opsguard.cmdb.import-concurrency}, 2 by default): a
 * 10,000-row file keeps a request busy for seconds and holds its rows in memory, so a third one at
 * the same moment is turned away rather than queued behind them.
 */
@Component
public class ImportSlots {

	private final Semaphore slots;

	private final int capacity;

	ImportSlots(CmdbProperties properties) {
		this.capacity = properties.importConcurrency();
		this.slots = new Semaphore(this.capacity);
	}

	/** How many imports may run at once. */
	public int capacity() {
		return this.capacity;
	}

	/** Takes a slot if one is free; whoever gets one must {@link #release()} it. */
	public boolean tryAcquire() {
		return this.slots.tryAcquire();
	}

	public void release() {
		this.slots.release();
	}

}
