package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.alerting.AlertRaised;
import io.opsguard.alerting.AlertResolved;
import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;
import io.opsguard.alerting.internal.AlertStore.NewAlert;
import io.opsguard.alerting.internal.AlertStore.Sighting;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of alerts: firing (deduplicated by fingerprint: a repeated evaluation updates the one
 * open alert), acknowledged, resolved (by recovery, by the source, or by a person with a reason);
 * flap detection; quieting by silences, maintenance windows and parents that are down; and telling
 * the notification routes and the modules that follow alerts. Every change is recorded on the
 * alert's timeline; changes by people are audited.
 */
@Service
public class AlertLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AlertLifecycle.class);

	/** The most alerts one bulk action takes. */
	public static final int MAX_BULK = 500;

	private final AlertStore store;

	private final Quieting quieting;

	private final AlertNotifier notifier;

	private final ApplicationEventPublisher events;

	private final AuditTrail audit;

	private final AlertingProperties properties;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	AlertLifecycle(AlertStore store, Quieting quieting, AlertNotifier notifier, ApplicationEventPublisher events,
			AuditTrail audit, AlertingProperties properties, Clock clock, PlatformTransactionManager transactions) {
		this.store = store;
		this.quieting = quieting;
		this.notifier = notifier;
		this.events = events;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * An alert condition that holds.
	 *
	 * @param notifies whether its alerts are notified at all (a rule may only record)
	 */
	public record Firing(String fingerprint, String source, Long ruleId, String series, String externalKey, String title,
			String summary, AlertSeverity severity, Long ciId, Long organisationId, Long businessSystemId, String metric,
			String instance, Double value, Double threshold, Instant at, Map<String, String> labels, boolean notifies) {
	}

	/** What firing did. */
	public enum Outcome {
		/** a new alert */
		OPENED,
		/** the open alert of the fingerprint was updated */
		DEDUPLICATED,
		/** a recently resolved alert of the fingerprint fired again */
		REOPENED
	}

	/** The alert after firing and what happened. */
	public record Fired(AlertRow alert, Outcome outcome) {
	}

	/** Records that a condition holds: opens an alert, or updates or reopens the fingerprint's. */
	@Transactional
	public Fired fire(Firing firing) {
		Optional<AlertRow> open = this.store.findOpen(firing.fingerprint());
		if (open.isPresent()) {
			seen(firing, open.get());
			return new Fired(this.store.find(open.get().id()).orElseThrow(), Outcome.DEDUPLICATED);
		}
		Instant now = this.clock.instant();
		Optional<AlertRow> recent = this.store.recentlyResolved(firing.fingerprint(),
				now.minus(this.properties.flapWindow()));
		if (recent.isPresent() && recent.get().source().equals(firing.source())) {
			return reopen(firing, recent.get(), now);
		}
		long id;
		try {
			// in a savepoint: PostgreSQL refuses every further statement of a transaction whose
			// statement failed, so the duplicate is rolled back alone and the alert read again
			Long inserted = this.savepoint.execute(status -> this.store.insert(new NewAlert(firing.fingerprint(), firing.source(), firing.ruleId(), firing.series(),
					firing.externalKey(), firing.title(), firing.summary(), firing.severity(), firing.ciId(),
					firing.organisationId(), firing.businessSystemId(), firing.metric(), firing.instance(), firing.value(),
					firing.threshold(), firing.at() == null ? now : firing.at(), firing.labels())));
			id = inserted;
		}
		catch (DuplicateKeyException ex) {
			// another node opened it a moment ago
			AlertRow other = this.store.findOpen(firing.fingerprint()).orElseThrow(() -> ex);
			seen(firing, other);
			return new Fired(this.store.find(other.id()).orElseThrow(), Outcome.DEDUPLICATED);
		}
		this.store.event(id, now, "FIRED", null, firing.summary());
		AlertRow alert = judge(this.store.find(id).orElseThrow(), now);
		if (firing.notifies() && !alert.quiet()) {
			this.notifier.fired(alert);
		}
		this.events.publishEvent(new AlertRaised(id, alert.ciId(), alert.severity(), alert.organisationId()));
		return new Fired(this.store.find(id).orElseThrow(), Outcome.OPENED);
	}

	private void seen(Firing firing, AlertRow open) {
		this.store.seen(List.of(new Sighting(firing.fingerprint(), firing.value() == null ? Double.NaN : firing.value(),
				firing.at() == null ? this.clock.instant() : firing.at())));
		if (firing.severity() != open.severity() && !AlertRow.RULE.equals(firing.source())) {
			// another system raised or lowered the severity of its alert
			this.store.severity(open.id(), firing.severity(), firing.title(), firing.summary());
			this.store.event(open.id(), this.clock.instant(), "SEVERITY", null,
					open.severity().name() + " → " + firing.severity().name());
		}
	}

	private Fired reopen(Firing firing, AlertRow recent, Instant now) {
		boolean flapping = recent.flapping() || recent.flapCount() + 1 >= this.properties.flapThreshold();
		// people told that it had ended are told of a new alert (with its own start), counted towards flapping;
		// one whose end was not told yet (the notice withdrawn now) simply goes on
		boolean withdrawn = this.notifier.reopened(recent);
		if (!withdrawn && recent.notifiedAt() != null && !flapping) {
			return again(firing, recent, now);
		}
		// an alert whose end was settled (nobody was told of it, or it turns or stays flapping) starts again
		// from now: its start is this episode's, the earlier ones are on its timeline
		boolean restart = !withdrawn;
		if (!this.store.reopen(recent.id(), firing.fingerprint(), firing.value(), firing.at() == null ? now : firing.at(),
				flapping, restart)) {
			// reopened by another node meanwhile, or another alert of the fingerprint opened
			return this.store.findOpen(firing.fingerprint())
				.map(open -> new Fired(open, Outcome.DEDUPLICATED))
				.orElseThrow(() -> new IllegalStateException("Alert " + recent.id() + " could not be reopened"));
		}
		AlertRow alert = this.store.find(recent.id()).orElseThrow();
		this.store.event(alert.id(), now, "REOPENED", null, firing.summary());
		alert = judge(alert, now);
		if (flapping && !recent.flapping()) {
			this.store.event(alert.id(), now, "FLAPPING", null, Integer.toString(alert.flapCount()));
			if (firing.notifies() && !alert.quiet()) {
				this.notifier.flapping(alert);
			}
		}
		else if (!flapping && !withdrawn && firing.notifies() && !alert.quiet()) {
			this.notifier.fired(alert);
		}
		this.events.publishEvent(new AlertRaised(alert.id(), alert.ciId(), alert.severity(), alert.organisationId()));
		return new Fired(this.store.find(alert.id()).orElseThrow(), Outcome.REOPENED);
	}

	/** A new alert of a fingerprint whose last alert ended and was told so, its flap count carried on. */
	private Fired again(Firing firing, AlertRow recent, Instant now) {
		long id;
		try {
			Long inserted = this.savepoint.execute(status -> this.store.insert(new NewAlert(firing.fingerprint(),
					firing.source(), firing.ruleId(), firing.series(), firing.externalKey(), firing.title(), firing.summary(),
					firing.severity(), firing.ciId(), firing.organisationId(), firing.businessSystemId(), firing.metric(),
					firing.instance(), firing.value(), firing.threshold(), firing.at() == null ? now : firing.at(),
					firing.labels())));
			id = inserted;
		}
		catch (DuplicateKeyException ex) {
			AlertRow other = this.store.findOpen(firing.fingerprint()).orElseThrow(() -> ex);
			seen(firing, other);
			return new Fired(this.store.find(other.id()).orElseThrow(), Outcome.DEDUPLICATED);
		}
		this.store.flapCount(id, recent.flapCount() + 1);
		this.store.event(id, now, "FIRED", null, firing.summary());
		this.store.event(id, now, "AGAIN", null, Long.toString(recent.id()));
		AlertRow alert = judge(this.store.find(id).orElseThrow(), now);
		if (firing.notifies() && !alert.quiet()) {
			this.notifier.fired(alert);
		}
		this.events.publishEvent(new AlertRaised(id, alert.ciId(), alert.severity(), alert.organisationId()));
		return new Fired(this.store.find(id).orElseThrow(), Outcome.OPENED);
	}

	/** Records that a condition no longer holds; false when no alert of the fingerprint was open. */
	@Transactional
	public boolean recover(String fingerprint, Double value, Instant at, String reason) {
		Optional<AlertRow> open = this.store.findOpen(fingerprint);
		if (open.isEmpty()) {
			return false;
		}
		Instant now = this.clock.instant();
		if (!this.store.resolve(open.get().id(), at == null ? now : at, null, reason, value)) {
			return false;
		}
		this.store.event(open.get().id(), now, "RESOLVED", null, reason);
		AlertRow alert = this.store.find(open.get().id()).orElseThrow();
		if (!alert.flapping() && alert.notifiedAt() != null) {
			this.notifier.resolved(alert);
		}
		this.events.publishEvent(new AlertResolved(alert.id(), alert.ciId(), true));
		return true;
	}

	/** Records sightings of open alerts (repeated evaluations): count, newest value, last seen. */
	@Transactional
	public void seen(List<Sighting> sightings) {
		this.store.seen(sightings);
	}

	/** Acknowledges firing alerts: somebody takes them on; repeats and escalations stop. */
	@Transactional
	public List<AlertRow> acknowledge(CurrentUser user, List<Long> ids, String comment) {
		List<AlertRow> done = new ArrayList<>();
		Instant now = this.clock.instant();
		for (AlertRow alert : visible(user, ids)) {
			if (alert.state() == AlertState.RESOLVED) {
				if (ids.size() == 1) {
					throw new OpsGuardException(AlertingError.ALERT_RESOLVED);
				}
				continue;
			}
			if (this.store.acknowledge(alert.id(), now, user.id(), trimmed(comment))) {
				this.store.event(alert.id(), now, "ACKNOWLEDGED", user.id(), trimmed(comment));
				AlertRow after = this.store.find(alert.id()).orElseThrow();
				this.notifier.acknowledged(after);
				this.audit.recordChange("ALERT_ACKNOWLEDGED", "Alert", alert.id(), state(alert), state(after));
				done.add(after);
			}
			else {
				done.add(alert);
			}
		}
		return done;
	}

	/**
	 * Acknowledges an alert for a person who is not signed in but holds a valid acknowledge link
	 * (or for another module, e.g. when its incident was accepted); false when it was not firing.
	 */
	@Transactional
	public boolean acknowledgeAs(long alertId, Long userId, String comment) {
		Instant now = this.clock.instant();
		if (!this.store.acknowledge(alertId, now, userId, trimmed(comment))) {
			return false;
		}
		this.store.event(alertId, now, "ACKNOWLEDGED", userId, trimmed(comment));
		AlertRow after = this.store.find(alertId).orElseThrow();
		this.notifier.acknowledged(after);
		this.audit.recordChange("ALERT_ACKNOWLEDGED", "Alert", alertId, null, state(after));
		return true;
	}

	/** Resolves open alerts by hand, with a reason. */
	@Transactional
	public List<AlertRow> resolve(CurrentUser user, List<Long> ids, String reason) {
		String why = trimmed(reason);
		if (why == null) {
			throw OpsGuardException.onField("reason", AlertingError.REASON_REQUIRED);
		}
		List<AlertRow> done = new ArrayList<>();
		Instant now = this.clock.instant();
		for (AlertRow alert : visible(user, ids)) {
			if (alert.state() == AlertState.RESOLVED) {
				if (ids.size() == 1) {
					throw new OpsGuardException(AlertingError.ALERT_RESOLVED);
				}
				continue;
			}
			if (this.store.resolve(alert.id(), now, user.id(), why, null)) {
				this.store.event(alert.id(), now, "RESOLVED_BY_HAND", user.id(), why);
				AlertRow after = this.store.find(alert.id()).orElseThrow();
				this.notifier.acknowledged(after);
				this.audit.recordChange("ALERT_RESOLVED", "Alert", alert.id(), state(alert), state(after));
				this.events.publishEvent(new AlertResolved(alert.id(), alert.ciId(), false));
				done.add(after);
			}
		}
		return done;
	}

	private List<AlertRow> visible(CurrentUser user, List<Long> ids) {
		if (ids == null || ids.isEmpty()) {
			throw OpsGuardException.onField("ids", AlertingError.UNKNOWN_ALERT);
		}
		if (ids.size() > MAX_BULK) {
			throw OpsGuardException.onField("ids", AlertingError.TOO_MANY_ALERTS, MAX_BULK);
		}
		List<AlertRow> alerts = this.store.findAll(new java.util.LinkedHashSet<>(ids))
			.stream()
			.filter(alert -> alert.organisationId() == null ? user.scope().all() : user.scope().includes(alert.organisationId()))
			.toList();
		if (alerts.size() != new java.util.HashSet<>(ids).size()) {
			throw new OpsGuardException(AlertingError.UNKNOWN_ALERT);
		}
		return alerts;
	}

	/** An alert by id (for the modules' own hand-overs and tests). */
	AlertRow find(long id) {
		return this.store.find(id).orElseThrow(() -> new OpsGuardException(AlertingError.UNKNOWN_ALERT));
	}

	/** Notes an event on an alert's timeline (a ticket opened, a notice sent). */
	@Transactional
	public void note(long alertId, String kind, Long actorId, String detail) {
		this.store.event(alertId, this.clock.instant(), kind, actorId, detail);
	}

	/** Decides whether an alert is quiet, and records why on the alert and its timeline. */
	AlertRow judge(AlertRow alert, Instant now) {
		Quieting.Verdict verdict = this.quieting.judge(alert, now);
		boolean changed = !java.util.Objects.equals(verdict.silenceId(), alert.silenceId())
				|| !java.util.Objects.equals(verdict.maintenanceId(), alert.maintenanceId())
				|| !java.util.Objects.equals(verdict.suppressedBy(), alert.suppressedBy())
				|| !java.util.Objects.equals(verdict.suppressedByCi(), alert.suppressedByCi());
		if (!changed) {
			return alert;
		}
		this.store.quiet(alert.id(), verdict.suppressedBy(), verdict.suppressedByCi(), verdict.silenceId(),
				verdict.maintenanceId());
		if (verdict.silenceId() != null && !verdict.silenceId().equals(alert.silenceId())) {
			this.store.event(alert.id(), now, "SILENCED", null, Long.toString(verdict.silenceId()));
		}
		if (verdict.maintenanceId() != null && !verdict.maintenanceId().equals(alert.maintenanceId())) {
			this.store.event(alert.id(), now, "IN_MAINTENANCE", null, Long.toString(verdict.maintenanceId()));
		}
		if (verdict.suppressedByCi() != null && !verdict.suppressedByCi().equals(alert.suppressedByCi())) {
			this.store.event(alert.id(), now, "SUPPRESSED", null,
					verdict.suppressedByCi() + (verdict.suppressedBy() == null ? "" : ":" + verdict.suppressedBy()));
		}
		if (!verdict.quiet() && alert.quiet()) {
			this.store.event(alert.id(), now, "UNQUIETED", null, null);
		}
		return this.store.find(alert.id()).orElseThrow();
	}

	/**
	 * Judges the open quiet alerts again: one whose silence expired, whose maintenance ended or
	 * whose parent came back is told now (when it was never told); how many were.
	 */
	@Transactional
	public int requiet(List<AlertRow> openQuiet, java.util.function.Predicate<AlertRow> notifies) {
		Instant now = this.clock.instant();
		int told = 0;
		for (AlertRow alert : openQuiet) {
			AlertRow after = judge(alert, now);
			if (!after.quiet() && after.notifiedAt() == null && after.state() == AlertState.FIRING && notifies.test(after)) {
				this.notifier.fired(after);
				told++;
			}
		}
		return told;
	}

	/** A flapping alert stayed resolved for the flap window: stable again, and told as resolved. */
	@Transactional
	public void stable(AlertRow alert) {
		this.store.flapping(alert.id(), false);
		this.store.event(alert.id(), this.clock.instant(), "STABLE", null, null);
		AlertRow after = this.store.find(alert.id()).orElseThrow();
		if (after.notifiedAt() != null) {
			this.notifier.resolved(after);
		}
		log.debug("Alert {} is stable again", alert.id());
	}

	/** Links an alert to the incident ticket it opened or joined. */
	@Transactional
	public void ticket(long alertId, long ticketId, String number, boolean opened) {
		this.store.ticket(alertId, ticketId, number);
		this.store.event(alertId, this.clock.instant(), opened ? "TICKET_OPENED" : "TICKET_JOINED", null, number);
	}

	private static Map<String, Object> state(AlertRow alert) {
		Map<String, Object> state = new java.util.LinkedHashMap<>();
		state.put("state", alert.state());
		state.put("title", alert.title());
		state.put("acknowledgedBy", alert.acknowledgedBy());
		state.put("ackComment", alert.ackComment());
		state.put("resolveReason", alert.resolveReason());
		return state;
	}

	private static String trimmed(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String trimmed = text.trim();
		return trimmed.length() > 1000 ? trimmed.substring(0, 1000) : trimmed;
	}

}
