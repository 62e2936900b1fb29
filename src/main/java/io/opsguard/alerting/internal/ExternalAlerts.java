package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opsguard.alerting.internal.AlertLifecycle.Firing;
import io.opsguard.alerting.rule.RuleEngine;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiSelection;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.identity.AuditMessage;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.monitoring.Monitors;
import io.opsguard.shared.OpsGuardException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Alerts from other systems (R-ALR-01, issue 11 "Alerts from other systems"): Prometheus'
 * Alertmanager, Zabbix and any system speaking the generic JSON, taken into the same lifecycle as
 * OpsGuard's own alerts — deduplicated by the fingerprint of the source and its key, quieted by
 * silences and maintenance windows, notified through the routes, and resolved when the source
 * says so.
 * <p>
 * The host an alert names (an address, a host name, a CI code) is looked up among the resources
 * in the caller's scope: the CI of a monitor with that address, else a CI whose management
 * address or address attribute ({@code managementIp}, {@code ip}), code, host name attribute or
 * name is that text (in this order, ignoring case). The alert then belongs to the CI's
 * organisation and business system; an alert without a CI belongs to no organisation and is seen
 * by users whose scope is everything. An alert already open in an organisation outside the
 * caller's scope is left alone.
 * <p>
 * The whole payload is read and checked before anything is applied; every call is audited once,
 * with counts, never the payload.
 */
@Service
public class ExternalAlerts {

	private static final Logger log = LoggerFactory.getLogger(ExternalAlerts.class);

	/** The reason a resolution from the source gives the alert. */
	public static final String SOURCE_RESOLVED = "SOURCE_RESOLVED";

	/** The longest labels' JSON an alert keeps; labels past it are dropped (the first, by name, kept). */
	static final int MAX_LABELS_JSON = 4000;

	private static final List<String> ADDRESS_ATTRIBUTES = List.of("managementIp", "ip");

	/** The systems alerts come from, and the alert source each stands for. */
	public enum Source {

		ALERTMANAGER(AlertRow.ALERTMANAGER), ZABBIX(AlertRow.ZABBIX), GENERIC(AlertRow.GENERIC);

		private final String row;

		Source(String row) {
			this.row = row;
		}

		String row() {
			return this.row;
		}

	}

	/**
	 * What became of a call.
	 *
	 * @param accepted firing alerts taken in (opened, updated or reopened)
	 * @param resolved alerts resolved because their source resolved them
	 * @param ignored alerts left alone: a resolution of an alert that is not open, or an alert open in
	 *        an organisation outside the caller's scope
	 * @param problems notes on single alerts (applied or ignored) for the sender to look at
	 */
	public record Report(int accepted, int resolved, int ignored, List<Note> problems) {
	}

	/**
	 * A note on one alert of the payload.
	 *
	 * @param index the alert's place in the payload, from 0
	 * @param key the alert's key
	 * @param reason {@code HOST_UNMATCHED}, {@code SEVERITY_UNKNOWN}, {@code LABELS_TRUNCATED},
	 *        {@code NOT_OPEN} or {@code OUT_OF_SCOPE}
	 * @param detail the part concerned (the host, the severity), for the message
	 */
	public record Note(int index, String key, String reason, String detail) {
	}

	private final ReceiverPayloads payloads;

	private final AlertLifecycle lifecycle;

	private final AlertStore store;

	private final Monitors monitors;

	private final ConfigurationItems cis;

	private final Topology topology;

	private final AuditTrail audit;

	private final ObjectMapper json;

	private final Clock clock;

	ExternalAlerts(AlertLifecycle lifecycle, AlertStore store, Monitors monitors, ConfigurationItems cis,
			Topology topology, AuditTrail audit, ObjectMapper json, Clock clock) {
		this.payloads = new ReceiverPayloads(json);
		this.lifecycle = lifecycle;
		this.store = store;
		this.monitors = monitors;
		this.cis = cis;
		this.topology = topology;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Reads a payload of a source and applies its alerts in order; a payload with any bad field is
	 * refused whole ({@link OpsGuardException}, 400) and changes nothing.
	 *
	 * @param body reads the request body (and refuses one too large)
	 */
	public Report receive(CurrentUser caller, Source source, Supplier<byte[]> body) {
		List<ExternalAlert> alerts;
		try {
			byte[] bytes = body.get();
			alerts = switch (source) {
				case ALERTMANAGER -> this.payloads.alertmanager(bytes);
				case ZABBIX -> this.payloads.zabbix(bytes);
				case GENERIC -> this.payloads.generic(bytes);
			};
		}
		catch (OpsGuardException ex) {
			this.audit.recordNow("ALERTS_RECEIVED", "AlertReceiver", source.name(),
					AuditMessage.of("alerting.audit.refused", ex.errorCode().code()), false);
			throw ex;
		}
		Applied applied = new Applied();
		boolean done = false;
		try {
			Locator locator = new Locator(caller.scope());
			for (ExternalAlert alert : alerts) {
				apply(caller, source, alert, locator, applied);
			}
			done = true;
		}
		finally {
			this.audit.recordNow("ALERTS_RECEIVED", "AlertReceiver", source.name(),
					AuditMessage.of("alerting.audit.received", alerts.size(), applied.accepted, applied.resolved,
							applied.ignored),
					done);
		}
		return new Report(applied.accepted, applied.resolved, applied.ignored, List.copyOf(applied.notes));
	}

	private void apply(CurrentUser caller, Source source, ExternalAlert alert, Locator locator, Applied applied) {
		String fingerprint = RuleEngine.fingerprint(source.name() + ":" + alert.key());
		Optional<AlertRow> open = this.store.findOpen(fingerprint);
		if (open.isPresent() && !inScope(caller, open.get())) {
			applied.ignored++;
			applied.note(alert, "OUT_OF_SCOPE", alert.key());
			return;
		}
		Instant now = this.clock.instant();
		if (alert.resolved()) {
			if (open.isEmpty()) {
				applied.ignored++;
				applied.note(alert, "NOT_OPEN", alert.key());
				return;
			}
			Instant at = alert.endsAt() == null || alert.endsAt().isAfter(now)
					|| alert.endsAt().isBefore(open.get().startedAt()) ? now : alert.endsAt();
			if (this.lifecycle.recover(fingerprint, alert.value(), at, SOURCE_RESOLVED)) {
				applied.resolved++;
			}
			else {
				applied.ignored++;
				applied.note(alert, "NOT_OPEN", alert.key());
			}
			return;
		}
		if (!alert.severityKnown()) {
			applied.note(alert, "SEVERITY_UNKNOWN", alert.severityText() == null ? "" : alert.severityText());
		}
		Location location = open.isPresent() ? Location.NONE : locator.locate(alert.hosts());
		if (open.isEmpty() && location.ciId() == null && !alert.hosts().isEmpty()) {
			applied.note(alert, "HOST_UNMATCHED", String.join(", ", alert.hosts()));
		}
		Map<String, String> labels = fitting(alert.labels());
		if (labels.size() < alert.labels().size()) {
			applied.note(alert, "LABELS_TRUNCATED", Integer.toString(alert.labels().size() - labels.size()));
		}
		// a new alert starts when the source says; a repeated one was seen now
		Instant at = open.isPresent() || alert.startsAt() == null || alert.startsAt().isAfter(now) ? now
				: alert.startsAt();
		this.lifecycle.fire(new Firing(fingerprint, source.row(), null, null, alert.key(), alert.title(), alert.summary(),
				alert.severity(), location.ciId(), location.organisationId(), location.businessSystemId(), null, null,
				alert.value(), null, at, labels, true));
		applied.accepted++;
	}

	private static boolean inScope(CurrentUser caller, AlertRow alert) {
		return alert.organisationId() == null || caller.scope().all() || caller.scope().includes(alert.organisationId());
	}

	/** The labels, the first by name, as many as fit {@value #MAX_LABELS_JSON} characters of JSON. */
	Map<String, String> fitting(Map<String, String> labels) {
		if (labels.isEmpty() || length(labels) <= MAX_LABELS_JSON) {
			return labels;
		}
		Map<String, String> kept = new LinkedHashMap<>();
		for (Map.Entry<String, String> label : labels.entrySet()) {
			kept.put(label.getKey(), label.getValue());
			if (length(kept) > MAX_LABELS_JSON) {
				kept.remove(label.getKey());
			}
		}
		return kept;
	}

	private int length(Map<String, String> labels) {
		try {
			return this.json.writeValueAsString(labels).length();
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Where an alert belongs: its CI, the CI's organisation and (first) business system; or nowhere. */
	record Location(Long ciId, Long organisationId, Long businessSystemId) {

		static final Location NONE = new Location(null, null, null);

	}

	/** Finds the CIs behind hosts within a scope, each host once per call. */
	private final class Locator {

		private final DataScope scope;

		private final Map<String, Location> found = new HashMap<>();

		Locator(DataScope scope) {
			this.scope = scope;
		}

		Location locate(List<String> hosts) {
			for (String host : hosts) {
				Location location = this.found.computeIfAbsent(host.toLowerCase(Locale.ROOT), any -> find(host));
				if (location.ciId() != null) {
					return location;
				}
			}
			return Location.NONE;
		}

		private Location find(String host) {
			try {
				Optional<CiView> monitored = ExternalAlerts.this.monitors.resourceAt(host)
					.flatMap(ExternalAlerts.this.cis::find)
					.filter(ci -> this.scope.includes(ci.organisationId()));
				if (monitored.isPresent()) {
					return location(monitored.get());
				}
				List<CiView> candidates = ExternalAlerts.this.cis.select(this.scope,
						new CiSelection(null, null, null, null, null, host), 50);
				for (CiView ci : candidates) {
					for (String attribute : ADDRESS_ATTRIBUTES) {
						Object address = ci.attributes().get(attribute);
						if (address != null && address.toString().trim().equalsIgnoreCase(host)) {
							return location(ci);
						}
					}
				}
				for (CiView ci : candidates) {
					Object hostname = ci.attributes().get("hostname");
					if (ci.code().equalsIgnoreCase(host) || hostname != null && hostname.toString().trim().equalsIgnoreCase(host)) {
						return location(ci);
					}
				}
				for (CiView ci : candidates) {
					if (ci.name().trim().equalsIgnoreCase(host)) {
						return location(ci);
					}
				}
			}
			catch (RuntimeException ex) {
				// a lookup that fails leaves the alert without a CI rather than losing it
				log.warn("Could not look up the CI of host {}: {}", host, ex.toString());
			}
			return Location.NONE;
		}

		private Location location(CiView ci) {
			Set<Long> systems = ExternalAlerts.this.topology.businessSystemsOf(ci.id());
			return new Location(ci.id(), ci.organisationId(),
					systems.isEmpty() ? null : systems.stream().min(Long::compare).orElse(null));
		}

	}

	/** The counts and notes of one call. */
	private static final class Applied {

		int accepted;

		int resolved;

		int ignored;

		final List<Note> notes = new ArrayList<>();

		void note(ExternalAlert alert, String reason, String detail) {
			if (this.notes.size() < 1000) {
				this.notes.add(new Note(alert.index(), alert.key(), reason, detail));
			}
		}

	}

}
