package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;
import io.opsguard.alerting.internal.NotificationStepStore.Step;
import io.opsguard.alerting.internal.NotificationStepStore.Told;
import io.opsguard.notify.Notice;
import io.opsguard.notify.Notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the notification steps that fell due, every {@code opsguard.alerting.notify-tick} on every
 * node (ADR 0022): each step is claimed with a conditional update and, in the same transaction, its
 * alerts are judged again (acknowledged, resolved or quiet ones meanwhile are left out; a step left
 * empty is cancelled) and its notices written through {@link Notifications#send} — so a step is
 * sent exactly once however many nodes race for it, and a failure gives it back. On the same tick it
 * plans the repeats of unacknowledged critical alerts and the escalations of alerts nobody
 * acknowledged in time, each under a once-ever key.
 */
@Component
public class NotificationSender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

	private static final int BATCH = 50;

	private static final int MAX_ROUNDS = 20;

	private static final int MAX_ATTEMPTS = 5;

	private static final int MAX_TOLD = 5000;

	private static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2),
			Duration.ofMinutes(10));

	private final NotificationStepStore steps;

	private final NotificationRoutes routes;

	private final NotificationPlanner planner;

	private final AlertStore alerts;

	private final AlertLifecycle lifecycle;

	private final AlertMessages messages;

	private final Notifications notifications;

	private final TransactionTemplate transactions;

	private final AlertingProperties properties;

	private final Clock clock;

	private final boolean enabled;

	/** Once-ever step keys planned already (so that a long-firing alert is not planned each tick). */
	private final Set<String> planned = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(1024,
			0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > 20_000;
		}
	}));

	private ScheduledExecutorService executor;

	private volatile boolean running;

	/** The longest an evaluation round holds the messages back. */
	static final long ROUND_HOLD = 5_000;

	/** When the evaluation round now recording its alerts began (epoch ms), 0 when none is. */
	private final AtomicLong roundSince = new AtomicLong();

	NotificationSender(NotificationStepStore steps, NotificationRoutes routes, NotificationPlanner planner,
			AlertStore alerts, AlertLifecycle lifecycle, AlertMessages messages, Notifications notifications,
			TransactionTemplate transactions, AlertingProperties properties, Clock clock,
			@Value("${opsguard.alerting.notification-enabled:true}") boolean enabled) {
		this.steps = steps;
		this.routes = routes;
		this.planner = planner;
		this.alerts = alerts;
		this.lifecycle = lifecycle;
		this.messages = messages;
		this.notifications = notifications;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Override
	public void start() {
		this.running = true;
		if (!this.enabled) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "alert-notifications");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(100, this.properties.notifyTick().toMillis());
		this.executor.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// with the evaluation, before the web server stops
		return Integer.MAX_VALUE - 2000;
	}

	/**
	 * An evaluation round is recording its alerts: messages wait until it has (at most
	 * {@link #ROUND_HOLD}), so that the alerts of one round go out in one message rather than the
	 * first few alone and the rest a group wait later.
	 */
	public void roundStarted() {
		this.roundSince.set(System.currentTimeMillis());
	}

	/** The round recorded its alerts: what fell due is sent now, not at the next tick. */
	public void roundEnded() {
		this.roundSince.set(0);
		ScheduledExecutorService executor = this.executor;
		if (executor != null && this.running) {
			try {
				executor.execute(this::tick);
			}
			catch (RejectedExecutionException ex) {
				// stopping
			}
		}
	}

	private void tick() {
		long since = this.roundSince.get();
		if (since != 0 && System.currentTimeMillis() - since < ROUND_HOLD) {
			return;
		}
		try {
			plan();
			sendDue();
		}
		catch (Throwable ex) {
			log.warn("Sending alert notifications failed; the next tick tries again: {}", ex.toString());
		}
	}

	/**
	 * Sends every step due now, batch after batch; how many were sent. Safe on several threads or
	 * nodes at once: each step is claimed by one of them.
	 */
	public int sendDue() {
		int sent = 0;
		for (int round = 0; round < MAX_ROUNDS; round++) {
			Instant now = this.clock.instant();
			List<Long> due = this.steps.due(now, BATCH);
			if (due.isEmpty()) {
				break;
			}
			int claimed = 0;
			for (Long id : due) {
				try {
					Boolean done = this.transactions.execute(status -> send(id, now));
					if (Boolean.TRUE.equals(done)) {
						sent++;
					}
					claimed++;
				}
				catch (RuntimeException ex) {
					failed(id, now, ex);
				}
			}
			if (claimed == 0) {
				break;
			}
		}
		return sent;
	}

	/** Sends one step if this sender claims it; whether it was sent (not lost to another, not cancelled). */
	private boolean send(long id, Instant now) {
		if (!this.steps.claim(id, now)) {
			return false;
		}
		Step step = this.steps.find(id).orElseThrow();
		NotificationRoute route = this.routes.find(step.routeId()).orElse(null);
		if (route == null || !route.enabled()) {
			this.steps.cancel(id, route == null ? "ROUTE_DELETED" : "ROUTE_DISABLED");
			return false;
		}
		List<AlertRow> still = new ArrayList<>();
		for (AlertRow alert : this.alerts.findAll(this.steps.alerts(id))) {
			if (stillTold(step.kind(), alert, now)) {
				still.add(alert);
			}
		}
		if (still.isEmpty()) {
			this.steps.cancel(id, "EMPTY");
			return false;
		}
		AlertMessages.Composed composed = this.messages.compose(step, route, still);
		for (Notice notice : composed.notices()) {
			this.notifications.send(notice);
		}
		this.steps.sent(id, composed.recipients(), still.size() + " alert(s)");
		List<Long> ids = still.stream().map(AlertRow::id).toList();
		if (StepKind.TELLING_FIRING.contains(step.kind())) {
			this.alerts.notified(ids, now);
		}
		String detail = step.kind().name() + " · " + NotificationPlanner.label(route) + " · " + composed.recipients();
		for (Long alert : ids) {
			this.alerts.event(alert, now, "NOTIFIED", null, detail);
		}
		return true;
	}

	/**
	 * Whether the alert is still to be told by a step of the kind: resolved ones in resolved
	 * messages only (and only while they stay resolved); otherwise firing, not acknowledged, not
	 * kept quiet (judged again now: a silence may have begun meanwhile).
	 */
	private boolean stillTold(StepKind kind, AlertRow alert, Instant now) {
		if (kind == StepKind.RESOLVED) {
			return alert.state() == AlertState.RESOLVED;
		}
		if (kind == StepKind.FLAPPING ? !alert.flapping() || alert.state() == AlertState.ACKNOWLEDGED
				: alert.state() != AlertState.FIRING) {
			return false;
		}
		return !this.lifecycle.judge(alert, now).quiet();
	}

	private void failed(long id, Instant now, RuntimeException ex) {
		log.warn("Notification step {} could not be sent; it is tried again later: {}", id, ex.toString());
		try {
			this.transactions.executeWithoutResult(status -> {
				int attempts = this.steps.find(id).map(Step::attempts).orElse(0);
				Duration wait = BACKOFF.get(Math.min(attempts, BACKOFF.size() - 1));
				this.steps.failed(id, now.plus(wait), MAX_ATTEMPTS, ex.getClass().getSimpleName());
			});
		}
		catch (RuntimeException again) {
			log.debug("Recording the failure of step {} failed too", id, again);
		}
	}

	/**
	 * Plans the repeats of critical alerts nobody acknowledged (every {@code repeatMinutes} of the
	 * route since it first told them) and the escalation of alerts nobody acknowledged within
	 * {@code escalateAfterMinutes}; how many steps it created.
	 */
	public int plan() {
		Instant now = this.clock.instant();
		Map<Long, NotificationRoute> following = new LinkedHashMap<>();
		for (NotificationRoute route : this.routes.all()) {
			if (route.enabled() && (route.repeatMinutes() > 0 || route.escalates())) {
				following.put(route.id(), route);
			}
		}
		if (following.isEmpty()) {
			return 0;
		}
		int created = 0;
		for (Told told : this.steps.firingToldBy(following.keySet(), MAX_TOLD)) {
			NotificationRoute route = following.get(told.routeId());
			Duration since = Duration.between(told.firstSentAt(), now);
			if (route.repeatMinutes() > 0 && AlertSeverity.CRITICAL.name().equals(told.severity())) {
				long number = since.toMinutes() / route.repeatMinutes();
				if (number >= 1) {
					created += plan(route, StepKind.REPEAT, told, now,
							"REPEAT:" + route.id() + ":" + told.alertId() + ":" + number);
				}
			}
			if (route.escalates() && since.compareTo(Duration.ofMinutes(route.escalateAfterMinutes())) >= 0) {
				created += plan(route, StepKind.ESCALATION, told, now, "ESCALATION:" + route.id() + ":" + told.alertId());
			}
		}
		return created;
	}

	private int plan(NotificationRoute route, StepKind kind, Told told, Instant now, String stepKey) {
		if (this.planned.contains(stepKey)) {
			return 0;
		}
		Boolean created;
		try {
			created = this.transactions.execute(status -> this.alerts.find(told.alertId())
				.filter(alert -> alert.state() == AlertState.FIRING)
				.map(alert -> this.planner.once(route, kind, alert, now, stepKey))
				.orElse(false));
		}
		catch (RuntimeException ex) {
			log.debug("Planning {} failed; tried again at the next tick", stepKey, ex);
			return 0;
		}
		this.planned.add(stepKey);
		return Boolean.TRUE.equals(created) ? 1 : 0;
	}

}
