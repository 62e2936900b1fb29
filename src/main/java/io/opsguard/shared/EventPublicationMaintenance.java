package io.opsguard.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring Modulith's event publication registry healthy between restarts (at start,
 * {@code spring.modulith.events.republish-outstanding-events-on-restart} publishes every incomplete
 * publication again): a reaction that failed (a lock timeout, a database restart) is retried once
 * its publication is older than {@link EventsProperties#retryAfter()}, and completed publications
 * are deleted after {@link EventsProperties#keepCompleted()}.
 */
@Component
class EventPublicationMaintenance {

	private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

	private final IncompleteEventPublications incomplete;

	private final CompletedEventPublications completed;

	private final EventsProperties properties;

	EventPublicationMaintenance(IncompleteEventPublications incomplete, CompletedEventPublications completed,
			EventsProperties properties) {
		this.incomplete = incomplete;
		this.completed = completed;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${opsguard.events.retry-after:5m}", fixedDelayString = "${opsguard.events.retry-after:5m}")
	void retryIncomplete() {
		try {
			this.incomplete.resubmitIncompletePublicationsOlderThan(this.properties.retryAfter());
		}
		catch (RuntimeException ex) {
			log.warn("Retrying incomplete event publications failed: {}", ex.getMessage());
		}
	}

	@Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT6H")
	void deleteCompleted() {
		try {
			this.completed.deletePublicationsOlderThan(this.properties.keepCompleted());
		}
		catch (RuntimeException ex) {
			log.warn("Deleting completed event publications failed: {}", ex.getMessage());
		}
	}

}
