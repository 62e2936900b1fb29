package io.opsguard.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.opsguard.notify.Channel;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox (ADR 0011): claims due messages in batches (a short transaction, rows other
 * dispatchers hold skipped), sends each through its channel outside any transaction, and records
 * SENT, or FAILED with the reason and the next attempt after the backoff, or DEAD after the last
 * attempt. The scheduled run takes a ShedLock so that one node dispatches at a time; the claim
 * alone already keeps two dispatchers from sending a message twice.
 */
@Component
public class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private static final int MAX_ROUNDS = 20;

	private final OutboxStore outbox;

	private final Map<Channel, NotificationChannel> channels = new EnumMap<>(Channel.class);

	private final TransactionTemplate transactions;

	private final NotifyProperties properties;

	private final Backoff backoff;

	private final Clock clock;

	private final LockingTaskExecutor locks;

	Dispatcher(OutboxStore outbox, List<NotificationChannel> channels, TransactionTemplate transactions,
			NotifyProperties properties, Clock clock, LockProvider locks) {
		this.outbox = outbox;
		channels.forEach(c -> this.channels.put(c.channel(), c));
		this.transactions = transactions;
		this.properties = properties;
		this.backoff = new Backoff(properties.backoff(), properties.maxAttempts());
		this.clock = clock;
		this.locks = new DefaultLockingTaskExecutor(locks);
	}

	@Scheduled(fixedDelayString = "${opsguard.notify.dispatch-interval:5s}",
			initialDelayString = "${opsguard.notify.dispatch-interval:5s}")
	void scheduled() {
		try {
			LockingTaskExecutor.TaskResult<Integer> result = this.locks.executeWithLock(this::dispatchDue,
					new LockConfiguration(Instant.now(), "notify-dispatcher", Duration.ofMinutes(10), Duration.ZERO));
			if (result.wasExecuted() && result.getResult() > 0) {
				log.debug("Dispatched {} notification messages", result.getResult());
			}
		}
		catch (Throwable ex) {
			log.warn("Dispatching notifications failed; the next round tries again: {}", ex.toString());
		}
	}

	/**
	 * Sends every message due now, batch after batch; how many were attempted. Safe to run on
	 * several threads or nodes at once: each message is claimed by one of them.
	 */
	public int dispatchDue() {
		int attempted = 0;
		for (int round = 0; round < MAX_ROUNDS; round++) {
			Instant now = this.clock.instant();
			List<OutboxMessage> claimed = this.transactions.execute(status -> this.outbox.claim(now,
					now.plus(this.properties.claimTimeout()), this.properties.batchSize()));
			if (claimed == null || claimed.isEmpty()) {
				break;
			}
			for (OutboxMessage message : claimed) {
				deliver(message);
				attempted++;
			}
		}
		return attempted;
	}

	private void deliver(OutboxMessage message) {
		NotificationChannel channel = this.channels.get(message.channel());
		try {
			if (channel == null) {
				throw DeliveryFailure.permanent("notify.failure.no-channel", message.channel().name());
			}
			channel.deliver(message);
			this.outbox.markSent(message.id(), this.clock.instant());
		}
		catch (DeliveryFailure failure) {
			int failures = message.attempts() + 1;
			Instant now = this.clock.instant();
			boolean dead = failure.permanent() || this.backoff.givesUp(failures);
			this.outbox.markFailed(message.id(), dead ? DeliveryStatus.DEAD : DeliveryStatus.FAILED,
					dead ? now : now.plus(this.backoff.after(failures)), failure.reasonKey(), failure.detail(), now);
			log.info("Notification message {} ({}) not delivered, attempt {}: {}", message.id(), message.channel(), failures,
					failure.reasonKey());
		}
		catch (RuntimeException ex) {
			Instant now = this.clock.instant();
			int failures = message.attempts() + 1;
			boolean dead = this.backoff.givesUp(failures);
			this.outbox.markFailed(message.id(), dead ? DeliveryStatus.DEAD : DeliveryStatus.FAILED,
					dead ? now : now.plus(this.backoff.after(failures)), "notify.failure.other", ex.getClass().getSimpleName(),
					now);
			log.warn("Notification message {} ({}) failed unexpectedly: {}", message.id(), message.channel(), ex.toString());
		}
	}

}
