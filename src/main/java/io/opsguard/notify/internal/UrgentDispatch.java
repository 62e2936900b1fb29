package io.opsguard.notify.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Dispatches the outbox at once when a critical notice was committed (an alert must reach people
 * within seconds, not at the next dispatch round): one background thread runs
 * {@link Dispatcher#dispatchDue()}, and triggers arriving while it runs coalesce into one more run.
 * The dispatcher's claims keep it from sending what the scheduled round or another node sends.
 */
@Component
class UrgentDispatch implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(UrgentDispatch.class);

	private final Dispatcher dispatcher;

	private final boolean enabled;

	private final AtomicBoolean queued = new AtomicBoolean();

	private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "notify-urgent");
		thread.setDaemon(true);
		return thread;
	});

	UrgentDispatch(Dispatcher dispatcher, NotifyProperties properties) {
		this.dispatcher = dispatcher;
		this.enabled = properties.dispatchCriticalAtOnce();
	}

	/** Asks for a dispatch round now (after the current one, when one is running). */
	void trigger() {
		if (!this.enabled || !this.queued.compareAndSet(false, true)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				this.queued.set(false);
				try {
					this.dispatcher.dispatchDue();
				}
				catch (RuntimeException ex) {
					log.warn("Dispatching a critical notice at once failed; the scheduled round sends it: {}", ex.toString());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the next start's rounds send it
			this.queued.set(false);
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
