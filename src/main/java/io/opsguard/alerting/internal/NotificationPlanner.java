package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.opsguard.alerting.internal.NotificationStepStore.Step;

import org.springframework.stereotype.Component;

/**
 * The notification routes' side of the lifecycle, inside its transactions: an alert that fired joins
 * (or starts) the pending message of each route that takes it — unless the route's cap keeps it
 * out —, a resolved alert the pending "resolved" message of each route that told it, a flapping one
 * gets one message of its own; an alert firing again withdraws its resolution not yet sent, and an
 * acknowledged one stops its repeats and escalations. {@link NotificationSender} sends the messages
 * when they fall due (ADR 0022).
 */
@Component
class NotificationPlanner implements AlertNotifier {

	private static final int JOIN_ATTEMPTS = 5;

	private final NotificationRoutes routes;

	private final NotificationStepStore steps;

	private final AlertStore alerts;

	private final AlertingProperties properties;

	private final Clock clock;

	NotificationPlanner(NotificationRoutes routes, NotificationStepStore steps, AlertStore alerts,
			AlertingProperties properties, Clock clock) {
		this.routes = routes;
		this.steps = steps;
		this.alerts = alerts;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void fired(AlertRow alert) {
		Instant now = this.clock.instant();
		List<NotificationRoute> matched = this.routes.matching(alert);
		if (matched.isEmpty()) {
			this.alerts.event(alert.id(), now, "UNROUTED", null, null);
			return;
		}
		for (NotificationRoute route : matched) {
			String key = pendingKey(route, StepKind.FIRING);
			if (route.capCount() > 0) {
				Optional<Step> pending = this.steps.pending(key);
				boolean listsSame = pending.isPresent() && this.steps.listsSame(pending.get().id(), alert);
				int sent = this.steps.sentAbout(route.id(), alert, StepKind.CAPPED,
						now.minus(Duration.ofMinutes(route.capPeriodMinutes())));
				if (Grouping.capped(route.capCount(), sent, listsSame)) {
					this.alerts.event(alert.id(), now, "CAPPED", null, label(route));
					continue;
				}
			}
			Duration wait = Duration.ofSeconds(route.groupWaitSeconds());
			join(route, StepKind.FIRING, alert, now,
					() -> Grouping.firingDue(now, wait, this.steps.lastSent(route.id(), StepKind.FIRING).orElse(null)));
		}
	}

	@Override
	public void resolved(AlertRow alert) {
		if (alert.flapping()) {
			// told once as flapping; told resolved when it is stable again
			return;
		}
		Instant now = this.clock.instant();
		List<Long> told = this.steps.routesThatTold(alert.id(), StepKind.TELLING_FIRING);
		for (NotificationRoute route : this.routes.findAll(told)) {
			if (!route.enabled() || !route.notifyResolved()) {
				continue;
			}
			Duration wait = Duration.ofSeconds(route.groupWaitSeconds());
			join(route, StepKind.RESOLVED, alert, now, () -> Grouping.resolvedDue(now, this.properties.resolveHold(), wait,
					this.steps.lastSent(route.id(), StepKind.RESOLVED).orElse(null)));
		}
	}

	@Override
	public void flapping(AlertRow alert) {
		Instant now = this.clock.instant();
		for (NotificationRoute route : this.routes.matching(alert)) {
			once(route, StepKind.FLAPPING, alert, now, "FLAPPING:" + route.id() + ":" + alert.id() + ":" + alert.flapCount());
		}
	}

	@Override
	public boolean reopened(AlertRow alert) {
		return withdraw(alert, EnumSet.of(StepKind.RESOLVED), "WITHDRAWN");
	}

	@Override
	public void acknowledged(AlertRow alert) {
		withdraw(alert, EnumSet.of(StepKind.REPEAT, StepKind.ESCALATION), "ACKNOWLEDGED");
	}

	/**
	 * Creates the step with this once-ever key (a repeat, an escalation, a flapping notice) due now,
	 * listing the alert; nothing when it exists already.
	 */
	boolean once(NotificationRoute route, StepKind kind, AlertRow alert, Instant now, String stepKey) {
		if (this.steps.byStepKey(stepKey).isPresent()) {
			return false;
		}
		if (!this.steps.insert(route.id(), groupKey(route, kind) + ":" + alert.id(), kind, now, now, null, stepKey)) {
			// another node planned it a moment ago
			return false;
		}
		Step step = this.steps.byStepKey(stepKey).orElseThrow();
		this.steps.link(step.id(), alert.id());
		return true;
	}

	/** Takes the alert out of its pending steps of these kinds; a step left empty is cancelled. */
	private boolean withdraw(AlertRow alert, java.util.Set<StepKind> kinds, String reason) {
		boolean withdrawn = false;
		for (Long id : this.steps.pendingOf(alert.id(), kinds)) {
			if (this.steps.lockPending(id)) {
				this.steps.unlink(id, alert.id());
				this.steps.cancelIfEmpty(id, reason);
				withdrawn = true;
			}
		}
		return withdrawn;
	}

	/**
	 * Adds the alert to the route's pending step of the kind, or starts one due when {@code due}
	 * says. The pending step is locked before the alert joins it: a sender claiming it at the same
	 * time either sends it with the alert or leaves it sent, and then the alert starts the next one.
	 */
	private void join(NotificationRoute route, StepKind kind, AlertRow alert, Instant now,
			java.util.function.Supplier<Instant> due) {
		String key = pendingKey(route, kind);
		for (int attempt = 0; attempt < JOIN_ATTEMPTS; attempt++) {
			Optional<Step> pending = this.steps.pending(key);
			if (pending.isPresent()) {
				if (this.steps.lockPending(pending.get().id())) {
					this.steps.link(pending.get().id(), alert.id());
					return;
				}
				continue;
			}
			this.steps.insert(route.id(), groupKey(route, kind), kind, due.get(), now, key, null);
		}
		throw new IllegalStateException("Alert " + alert.id() + " could not join a message of route " + route.id());
	}

	static String pendingKey(NotificationRoute route, StepKind kind) {
		return kind.name() + ":" + route.id();
	}

	static String groupKey(NotificationRoute route, StepKind kind) {
		return "route:" + route.id() + ":" + kind.name();
	}

	static String label(NotificationRoute route) {
		return route.name() + " (#" + route.id() + ")";
	}

}
