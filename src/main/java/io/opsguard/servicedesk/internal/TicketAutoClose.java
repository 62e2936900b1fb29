package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes tickets whose requesters were told the result and did not rate them within the configured
 * working days ({@link TicketService#autoClose}); one node at a time, each ticket in a transaction of
 * its own so that one that cannot be closed leaves the others alone.
 */
@Component
public class TicketAutoClose {

	private static final Logger log = LoggerFactory.getLogger(TicketAutoClose.class);

	private static final int BATCH = 200;

	private final TicketService tickets;

	private final Clock clock;

	private final LockingTaskExecutor locks;

	TicketAutoClose(TicketService tickets, Clock clock, LockProvider locks) {
		this.tickets = tickets;
		this.clock = clock;
		this.locks = new DefaultLockingTaskExecutor(locks);
	}

	@Scheduled(fixedDelayString = "${opsguard.servicedesk.auto-close-interval:15m}",
			initialDelayString = "${opsguard.servicedesk.auto-close-interval:15m}")
	void scheduled() {
		try {
			run();
		}
		catch (RuntimeException ex) {
			log.warn("Closing rated-out tickets failed; the next run tries again", ex);
		}
	}

	/** Closes what is due now; the number closed (0 while another node runs). */
	public int run() {
		try {
			LockingTaskExecutor.TaskResult<Integer> result = this.locks.executeWithLock(this::closeDue,
					new LockConfiguration(Instant.now(), "servicedesk-auto-close", Duration.ofMinutes(10), Duration.ZERO));
			return result.wasExecuted() ? result.getResult() : 0;
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int closeDue() {
		Instant now = this.clock.instant();
		int closed = 0;
		// candidates by calendar days; each is closed only when its working days are over
		List<Long> candidates = this.tickets.autoCloseCandidates(now, BATCH * 50);
		for (Long id : candidates) {
			try {
				if (this.tickets.autoClose(id, now)) {
					closed++;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Ticket {} could not be closed automatically", id, ex);
			}
		}
		if (closed > 0) {
			log.info("Closed {} tickets nobody rated in time", closed);
		}
		return closed;
	}

}
