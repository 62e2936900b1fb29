package io.opsguard.monitoring.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.monitoring.ResourceEventKind;
import io.opsguard.monitoring.ResourceEventRecorded;
import io.opsguard.monitoring.template.Severity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what happens on resources besides metrics (traps, process changes, reachability) in
 * {@code mon_event} and publishes {@link ResourceEventRecorded} for alerting.
 */
@Component
public class ResourceEvents {

	private static final int MAX_SUMMARY = 500;

	private static final int MAX_DETAILS = 20000;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ResourceEvents(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	/** One event to record. */
	public record NewEvent(Long ciId, Long monitorId, ResourceEventKind kind, Severity severity, String summary,
			Map<String, Object> details, String source, Instant occurredAt) {
	}

	/** Stores an event and answers its id. */
	@Transactional
	public long record(NewEvent event) {
		String details;
		try {
			details = event.details() == null || event.details().isEmpty() ? null
					: this.json.writeValueAsString(event.details());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Event details are not serialisable", ex);
		}
		if (details != null && details.length() > MAX_DETAILS) {
			details = details.substring(0, MAX_DETAILS);
		}
		String summary = event.summary().length() > MAX_SUMMARY ? event.summary().substring(0, MAX_SUMMARY)
				: event.summary();
		Instant now = this.clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into mon_event (ci_id, monitor_id, kind, severity, summary, details, source, occurred_at, received_at)
				values (:ci, :monitor, :kind, :severity, :summary, :details, :source, :occurred, :received)""")
			.param("ci", event.ciId())
			.param("monitor", event.monitorId())
			.param("kind", event.kind().name())
			.param("severity", event.severity().name())
			.param("summary", summary)
			.param("details", details)
			.param("source", event.source())
			.param("occurred", Timestamp.from(event.occurredAt() == null ? now : event.occurredAt()))
			.param("received", Timestamp.from(now))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		this.events.publishEvent(
				new ResourceEventRecorded(id, event.ciId(), event.monitorId(), event.kind(), event.severity(), summary));
		return id;
	}

}
