package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.servicedesk.TicketTimerAlerted;
import io.opsguard.servicedesk.internal.TimerStore.TimerRow;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells what fell due (ADR 0010): every timer whose next threshold lies at or before now gets an
 * alert, recorded once per timer, threshold and due instant, and published as
 * {@link TicketTimerAlerted}; then its next threshold is worked out. Runs on one node at a time;
 * after downtime the first sweep tells everything that fell due meanwhile, marked late.
 */
@Component
public class TimerSweep {

	private static final Logger log = LoggerFactory.getLogger(TimerSweep.class);

	/** One sweep at a time in the cluster; a sweep that dies holds the lock ten minutes at most. */
	private static final java.util.function.Supplier<LockConfiguration> LOCK = () -> new LockConfiguration(Instant.now(),
			TimerSweep.LOCK_NAME, Duration.ofMinutes(10), Duration.ZERO);

	/** The lock of the sweep, which the alerts' notifier takes too: the two take turns. */
	static final String LOCK_NAME = "servicedesk-timer-sweep";

	/** Timers handled per transaction. */
	static final int BATCH = 500;

	private final TimerStore timers;

	private final TicketStore tickets;

	private final TicketTimers rules;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final ServiceDeskProperties properties;

	private final Clock clock;

	private final LockingTaskExecutor locks;

	TimerSweep(TimerStore timers, TicketStore tickets, TicketTimers rules, ApplicationEventPublisher events,
			TransactionTemplate transactions, ServiceDeskProperties properties, Clock clock, LockProvider locks) {
		this.locks = new DefaultLockingTaskExecutor(locks);
		this.timers = timers;
		this.tickets = tickets;
		this.rules = rules;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${opsguard.servicedesk.sweep-interval:30s}",
			initialDelayString = "${opsguard.servicedesk.sweep-interval:30s}")
	void scheduled() {
		LockingTaskExecutor.TaskResult<Integer> result;
		try {
			result = this.locks.executeWithLock(this::sweepUnlocked, LOCK.get());
		}
		catch (Throwable ex) {
			log.warn("The SLA sweep failed; the next one tries again", ex);
			return;
		}
		if (result.wasExecuted() && result.getResult() > 0) {
			log.info("Told {} ticket timer thresholds", result.getResult());
		}
	}

	/**
	 * Tells every threshold due by now; the number told. Waits while another sweep runs (on this
	 * node or another), so that two never tell the same thresholds at once.
	 */
	public int sweep() {
		while (true) {
			try {
				LockingTaskExecutor.TaskResult<Integer> result = this.locks.executeWithLock(this::sweepUnlocked, LOCK.get());
				if (result.wasExecuted()) {
					return result.getResult();
				}
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return 0;
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private int sweepUnlocked() {
		Instant now = this.clock.instant();
		int told = 0;
		TimerStore.Cursor[] cursor = { null };
		while (true) {
			int[] batch = this.transactions.execute(status -> sweepBatch(now, cursor));
			if (batch == null || batch[0] == 0) {
				return told;
			}
			told += batch[1];
		}
	}

	/** One batch of due timers: how many timers it handled and how many thresholds it told. */
	private int[] sweepBatch(Instant now, TimerStore.Cursor[] cursor) {
		List<TimerRow> due = this.timers.due(now, cursor[0], BATCH);
		if (due.isEmpty()) {
			return new int[] { 0, 0 };
		}
		TimerRow last = due.get(due.size() - 1);
		cursor[0] = new TimerStore.Cursor(last.nextDueAt(), last.id());
		this.timers.commitWithoutWaiting();
		Map<Long, List<TimerEvent>> logs = this.timers.events(due.stream().map(TimerRow::id).toList());
		List<TimerStore.Alert> alerts = new ArrayList<>();
		List<TimerRow> derived = new ArrayList<>();
		Set<Long> tickets = new TreeSet<>();
		for (TimerRow timer : due) {
			TimerLog log = new TimerLog(this.rules.calendar(timer), logs.getOrDefault(timer.id(), List.of()));
			TimerRow current = timer;
			while (current.nextDueAt() != null && !current.nextDueAt().isAfter(now)) {
				int percent = current.nextPercent();
				Instant dueAt = current.nextDueAt();
				boolean late = dueAt.plus(this.properties.sweepInterval().multipliedBy(2)).isBefore(now);
				alerts.add(new TimerStore.Alert(current.id(), current.ticketId(), current.metric(), current.groupId(), percent,
						dueAt, now, late));
				if (percent >= 100) {
					// a breach flags the ticket in the queues; a warning changes nothing the queues keep
					tickets.add(current.ticketId());
				}
				current = this.rules.derive(current, log, percent);
			}
			derived.add(current);
		}
		// the timers first: the alerts' foreign key then finds each timer row already locked by this
		// transaction, instead of share-locking it before the update (which makes PostgreSQL record
		// both lockers of every timer in a multixact)
		this.timers.updateDerived(derived);
		List<TimerStore.Alert> told = this.timers.recordAlerts(alerts);
		this.tickets.refreshDue(tickets);
		for (TimerStore.Alert alert : told) {
			this.events.publishEvent(new TicketTimerAlerted(alert.ticketId(), alert.metric(), alert.groupId(), alert.percent(),
					alert.dueAt(), alert.firedAt(), alert.late()));
		}
		return new int[] { due.size(), told.size() };
	}

}
