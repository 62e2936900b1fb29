package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.AuditTrail;
import io.opsguard.servicedesk.MonitoringIncidents;
import io.opsguard.servicedesk.TicketChannel;
import io.opsguard.servicedesk.internal.TicketService.Contact;
import io.opsguard.servicedesk.internal.TicketService.NewTicket;
import io.opsguard.servicelevel.GuaranteeLevels;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Faults found by monitoring become incidents (R-DSK-05, ADR 0021). Each request runs in a
 * transaction of its own, or in a savepoint of the caller's: an alert key is claimed by a unique
 * row before anything else is written, and the alerts of one business system take turns on the
 * system's row, so that two nodes asking at once make one ticket; a request that collides with
 * another is rolled back to its start and asked again, and then finds the other's answer.
 */
@Service
class MonitoringIncidentService implements MonitoringIncidents {

	private static final Logger log = LoggerFactory.getLogger(MonitoringIncidentService.class);

	/** How often a request that collided with another is tried. */
	static final int ATTEMPTS = 6;

	static final int LONGEST_KEY = 200;

	private final MonitoringAlertStore store;

	private final TicketService tickets;

	private final TicketStore ticketStore;

	private final ConfigurationItems cmdb;

	private final GuaranteeLevels levels;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	private final TransactionTemplate transactions;

	MonitoringIncidentService(MonitoringAlertStore store, TicketService tickets, TicketStore ticketStore,
			ConfigurationItems cmdb, GuaranteeLevels levels, AuditTrail audit, MessageSource messages, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.store = store;
		this.tickets = tickets;
		this.ticketStore = ticketStore;
		this.cmdb = cmdb;
		this.levels = levels;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		// inside the caller's transaction a savepoint: a collision rolls back this request, not the caller's work
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@Override
	public IncidentLink openOrAttach(AlertIncident request) {
		check(request);
		return attempt(() -> this.transactions.execute(status -> decide(request)));
	}

	@Override
	public void annotate(long ticketId, String key, String text) {
		requireKey(key, "key");
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("a note needs a text");
		}
		attempt(() -> {
			this.transactions.executeWithoutResult(status -> note(ticketId, key, text.strip()));
			return ticketId;
		});
	}

	@Override
	public Optional<IncidentView> find(long ticketId) {
		return this.ticketStore.find(ticketId).map(t -> new IncidentView(t.id, t.number, t.state));
	}

	// ---- deciding ---------------------------------------------------------------------------

	private IncidentLink decide(AlertIncident request) {
		Optional<IncidentLink> known = known(request.alertKey());
		if (known.isPresent()) {
			return known.get();
		}
		Instant now = this.clock.instant();
		Long system = businessSystem(request.businessSystemId());
		Long ci = ci(request.ciId());
		if (system != null) {
			if (!this.store.lockSystem(system, now)) {
				throw new Collided("the row of business system " + system + " is not visible yet");
			}
			// decided while this request waited for its turn
			known = known(request.alertKey());
			if (known.isPresent()) {
				return known.get();
			}
		}
		if (!this.store.claim(request.alertKey(), request.alertId(), system, now)) {
			return known(request.alertKey()).orElseThrow(() -> new Collided("alert key claimed by a running transaction"));
		}
		Integer guarantee = system == null ? null : this.levels.levelOf(system).orElse(null);
		int level = IncidentLevels.faultLevel(request.severityRank(), guarantee);
		Duration window = request.joinWindow() == null ? Duration.ZERO : request.joinWindow();
		// the incident locked, and open still: somebody may have resolved it meanwhile
		Optional<TicketRow> open = system == null || window.isZero() ? Optional.empty()
				: this.store.openIncident(system, now.minus(window)).flatMap(this.ticketStore::lock).filter(t -> !t.state.done());
		if (open.isPresent()) {
			TicketRow t = open.get();
			this.tickets.joinAlert(t.id, ci, level);
			this.ticketStore.insertComment(t.id, null, now, attachedNote(request), false);
			this.store.settle(request.alertKey(), t.id, false);
			this.audit.record("MONITORING_ALERT_ATTACHED", "ticket", t.id, t.number + " " + request.alertKey(), true);
			return new IncidentLink(t.id, t.number, false);
		}
		NewTicket input = new NewTicket(TicketType.INCIDENT, TicketChannel.MONITORING, bounded(request.title().strip(), 200),
				description(request), null, new Contact(word("servicedesk.monitoring.requester"), null, null, null),
				request.organisationId(), system, ci == null ? List.of() : List.of(ci), null, level, null, null, null);
		TicketRow t = this.tickets.create(TicketService.system(request.organisationId()), input);
		this.store.settle(request.alertKey(), t.id, true);
		this.audit.record("MONITORING_INCIDENT_OPENED", "ticket", t.id, t.number + " " + request.alertKey(), true);
		return new IncidentLink(t.id, t.number, true);
	}

	private Optional<IncidentLink> known(String alertKey) {
		return this.store.find(alertKey).map(h -> new IncidentLink(h.ticketId(), h.number(), h.opened()));
	}

	private void note(long ticketId, String key, String text) {
		TicketRow t = this.ticketStore.find(ticketId)
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(ticketId)));
		Instant now = this.clock.instant();
		if (!this.store.claimNote(ticketId, key, now)) {
			// written before (or by a request that collided with this one and has committed)
			return;
		}
		long commentId = this.ticketStore.insertComment(t.id, null, now, bounded(text, 8000), false);
		this.store.settleNote(ticketId, key, commentId);
		this.audit.record("TICKET_COMMENTED", "ticket", t.id, t.number, true);
	}

	/** A business system the ticket can name: known to the CMDB, of the class, not retired. */
	private Long businessSystem(Long id) {
		if (id == null) {
			return null;
		}
		boolean usable = this.cmdb.find(id)
			.filter(ci -> ci.status() != CiStatus.RETIRED && this.cmdb.isA(ci.classCode(), "BUSINESS_SYSTEM"))
			.isPresent();
		if (!usable) {
			log.info("Business system {} of an alert is not in the CMDB (or retired): the incident names none", id);
		}
		return usable ? id : null;
	}

	private Long ci(Long id) {
		return id == null || this.cmdb.find(id).isEmpty() ? null : id;
	}

	// ---- texts (in the site's language, like everything the system writes into tickets) -----

	private String description(AlertIncident request) {
		String link = request.link() == null || request.link().isBlank() ? null
				: word("servicedesk.monitoring.graph", bounded(request.link().strip(), 2000));
		String values = request.description() == null ? "" : request.description().strip();
		if (link == null) {
			return values.isEmpty() ? null : bounded(values, 8000);
		}
		return values.isEmpty() ? bounded(link, 8000) : bounded(values, 8000 - link.length() - 2) + "\n\n" + link;
	}

	private String attachedNote(AlertIncident request) {
		String head = word("servicedesk.monitoring.attached", String.valueOf(request.alertId()), request.title().strip());
		String rest = description(request);
		return bounded(rest == null ? head : head + "\n\n" + rest, 8000);
	}

	private String word(String key, Object... args) {
		return this.messages.getMessage(key, args, Locale.ROOT);
	}

	private static String bounded(String text, int max) {
		if (max <= 1) {
			return "";
		}
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	// ---- the contract -------------------------------------------------------------------------

	private static void check(AlertIncident request) {
		if (request == null) {
			throw new IllegalArgumentException("no request");
		}
		requireKey(request.alertKey(), "alertKey");
		if (request.title() == null || request.title().isBlank()) {
			throw new IllegalArgumentException("an incident needs a title");
		}
		if (request.severityRank() < 1 || request.severityRank() > 4) {
			throw new IllegalArgumentException("severity rank " + request.severityRank() + " is not 1–4");
		}
		if (request.joinWindow() != null && request.joinWindow().isNegative()) {
			throw new IllegalArgumentException("a negative join window");
		}
	}

	private static void requireKey(String key, String name) {
		if (key == null || key.isBlank() || key.length() > LONGEST_KEY) {
			throw new IllegalArgumentException(name + " must have 1–" + LONGEST_KEY + " characters");
		}
	}

	/**
	 * Runs a request, again after a collision with another one (a key or a system row claimed by a
	 * transaction still running, a lock not granted in time): its next attempt finds what the
	 * other decided.
	 */
	private static <T> T attempt(Supplier<T> request) {
		for (int attempt = 1;; attempt++) {
			try {
				return request.get();
			}
			catch (Collided | TransientDataAccessException | DataIntegrityViolationException ex) {
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
				log.debug("A monitoring hand-over collided with another (attempt {}): {}", attempt, ex.toString());
				try {
					Thread.sleep(25L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/** Another request holds what this one needs: roll back and try again. */
	static final class Collided extends RuntimeException {

		Collided(String message) {
			super(message);
		}

	}

}
