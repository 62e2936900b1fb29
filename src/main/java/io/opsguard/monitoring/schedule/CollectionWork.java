package io.opsguard.monitoring.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opsguard.monitoring.MonitorStatus;
import io.opsguard.monitoring.ResourceEventKind;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.internal.MonitorParameters;
import io.opsguard.monitoring.internal.MonitorRow;
import io.opsguard.monitoring.internal.MonitorSecrets;
import io.opsguard.monitoring.internal.MonitorStore;
import io.opsguard.monitoring.internal.MonitorStore.OutcomeUpdate;
import io.opsguard.monitoring.internal.ResourceEvents;
import io.opsguard.monitoring.store.AppendResult;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.Severity;
import io.opsguard.shared.OpsGuardException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One collection from start to stored: the monitor's parameters with its secrets opened, the
 * collector, the derived samples into the metric store, the outcome onto the monitor (in batches),
 * and what deserves an event on the resource — a process that went missing or appeared (R-MON-04),
 * a resource whose every monitor fails or that answers again.
 */
@Component
public class CollectionWork {

	private static final Logger log = LoggerFactory.getLogger(CollectionWork.class);

	private final MonitorSecrets secrets;

	private final Collections collections;

	private final MetricStore store;

	private final MonitorStore monitors;

	private final ResourceEvents events;

	private final MetricDerivation derivation = new MetricDerivation(new CounterRates());

	private final MeterRegistry meters;

	private final ConcurrentLinkedQueue<OutcomeUpdate> outcomes = new ConcurrentLinkedQueue<>();

	private final ResourceChecks checks = new ResourceChecks();

	CollectionWork(MonitorSecrets secrets, Collections collections, MetricStore store, MonitorStore monitors,
			ResourceEvents events, MeterRegistry meters) {
		this.secrets = secrets;
		this.collections = collections;
		this.store = store;
		this.monitors = monitors;
		this.events = events;
		this.meters = meters;
	}

	/** Collects once; a secret that cannot be opened is a configuration error, not a crash. */
	public CollectionResult collect(MonitorRow monitor, MonitorType type, Duration timeout) {
		Map<String, String> opened;
		try {
			opened = this.secrets.open(monitor.sealedSecrets());
		}
		catch (OpsGuardException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR,
					"The stored credentials cannot be decrypted (was opsguard.secret-key changed?)");
		}
		return this.collections.collect(type, MonitorParameters.forCollection(type, monitor.parameters(), opened), timeout);
	}

	/**
	 * Stores what a collection yielded and notes its outcome. Samples carry the scheduled time (whole
	 * seconds, evenly spaced) rather than the moment the collector ran, as Prometheus stamps scrapes:
	 * evenly spaced timestamps cost the store almost nothing.
	 */
	public void record(MonitorRow monitor, MonitorType type, CollectionResult result, long scheduledMillis,
			long startedMillis, long endedMillis) {
		long duration = Math.max(0, endedMillis - startedMillis);
		Timer.builder("opsguard.collect.duration")
			.description("How long collections take")
			.tag("protocol", type.protocol())
			.register(this.meters)
			.record(Duration.ofMillis(duration));
		this.meters.counter("opsguard.collect.outcomes", "outcome", result.outcome().name()).increment();
		AppendResult appended = this.store.append(
				this.derivation.samples(type, monitor.ciId(), monitor.id(), result, scheduledMillis, duration));
		if (!appended.rejected().isEmpty()) {
			log.debug("The store refused {} samples of monitor {}: {}", appended.rejected().size(), monitor.id(),
					appended.rejected().get(0).reason());
		}
		MonitorStatus status = switch (result.outcome()) {
			case SUCCESS -> MonitorStatus.UP;
			case PARTIAL -> MonitorStatus.PARTIAL;
			default -> MonitorStatus.DOWN;
		};
		this.outcomes.add(new OutcomeUpdate(monitor.id(), status, result.outcome(), result.detail(),
				Instant.ofEpochMilli(startedMillis), (int) Math.min(Integer.MAX_VALUE, duration),
				result.outcome().collected(), result.facts()));
		Instant at = Instant.ofEpochMilli(startedMillis);
		for (ResourceChecks.Finding finding : this.checks.check(monitor.ciId(), monitor.id(), result)) {
			event(monitor, finding.kind(), finding.severity(), finding.summary(), finding.details(), at);
		}
	}

	/** Writes the outcomes noted since the last flush. */
	public void flush() {
		List<OutcomeUpdate> batch = new ArrayList<>();
		OutcomeUpdate next;
		while ((next = this.outcomes.poll()) != null) {
			batch.add(next);
		}
		if (batch.isEmpty()) {
			return;
		}
		try {
			for (int from = 0; from < batch.size(); from += 500) {
				this.monitors.recordOutcomes(batch.subList(from, Math.min(batch.size(), from + 500)));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Recording {} collection outcomes failed: {}", batch.size(), ex.toString());
		}
	}

	/** Forgets what was remembered about a monitor (deleted or switched off). */
	public void forget(long monitorId) {
		this.checks.forget(monitorId);
	}

	private void event(MonitorRow monitor, ResourceEventKind kind, Severity severity, String summary,
			Map<String, Object> details, Instant at) {
		try {
			this.events.record(new ResourceEvents.NewEvent(monitor.ciId(), monitor.id(), kind, severity, summary, details,
					monitor.host(), at));
		}
		catch (RuntimeException ex) {
			log.warn("Recording a {} event of monitor {} failed: {}", kind, monitor.id(), ex.toString());
		}
	}


}
