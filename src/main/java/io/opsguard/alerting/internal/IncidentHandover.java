package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.opsguard.alerting.AlertRaised;
import io.opsguard.alerting.AlertResolved;
import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.servicedesk.MonitoringIncidents;
import io.opsguard.servicedesk.MonitoringIncidents.AlertIncident;
import io.opsguard.servicedesk.MonitoringIncidents.IncidentLink;
import io.opsguard.servicedesk.TicketAction;
import io.opsguard.servicedesk.TicketTransitioned;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Alert to incident (R-DSK-05): a critical or major alert on a business system's CI whose rule (or
 * a matching route) asks for it opens an incident ticket, or joins the system's open one, through
 * the service desk's {@link MonitoringIncidents}. The hand-over runs as a reaction to
 * {@link AlertRaised} through the event publication registry: a publication whose reaction did not
 * complete (OpsGuard stopped in between) is published again at start, and the service desk's
 * idempotency by alert key turns a second delivery into nothing — so exactly one ticket.
 * <p>
 * Two-way: a ticket accepted or responded to acknowledges its firing alerts; a ticket resolved or
 * closed is noted on them; an alert that resolves is noted on its ticket (the ticket is not resolved
 * by it).
 */
@Component
class IncidentHandover {

	private static final Logger log = LoggerFactory.getLogger(IncidentHandover.class);

	private final AlertStore alerts;

	private final RuleStore rules;

	private final AlertLifecycle lifecycle;

	private final MonitoringIncidents incidents;

	private final ObjectProvider<IncidentRoutes> routes;

	private final AlertingProperties properties;

	private final Clock clock;

	private final String baseUrl;

	IncidentHandover(AlertStore alerts, RuleStore rules, AlertLifecycle lifecycle, MonitoringIncidents incidents,
			ObjectProvider<IncidentRoutes> routes, AlertingProperties properties, Clock clock,
			@Value("${opsguard.notify.base-url:http://localhost:8080}") String baseUrl) {
		this.alerts = alerts;
		this.rules = rules;
		this.lifecycle = lifecycle;
		this.incidents = incidents;
		this.routes = routes;
		this.properties = properties;
		this.clock = clock;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	@ApplicationModuleListener
	void on(AlertRaised event) {
		AlertRow alert = this.alerts.find(event.alertId()).orElse(null);
		if (alert == null || !wantsIncident(alert)) {
			return;
		}
		IncidentLink link = this.incidents.openOrAttach(new AlertIncident("alert:" + alert.id() + ":" + alert.startedAt().toEpochMilli(),
				alert.id(), alert.severity().rank(), alert.title(), description(alert), alert.ciId(), alert.businessSystemId(),
				alert.organisationId(), this.properties.incidentJoinWindow(), this.baseUrl + "/alerting/alerts/" + alert.id()));
		if (alert.ticketId() == null || alert.ticketId() != link.ticketId()) {
			this.lifecycle.ticket(alert.id(), link.ticketId(), link.number(), link.opened());
		}
		log.debug("Alert {} handed to incident {} ({})", alert.id(), link.number(), link.opened() ? "opened" : "joined");
	}

	/** Critical or major, open, on a business system's CI, asked for by its rule or a route. */
	boolean wantsIncident(AlertRow alert) {
		if (alert.state() == AlertState.RESOLVED || alert.businessSystemId() == null || alert.organisationId() == null
				|| (alert.severity() != AlertSeverity.CRITICAL && alert.severity() != AlertSeverity.MAJOR)) {
			return false;
		}
		AlertRule rule = alert.ruleId() == null ? null : this.rules.find(alert.ruleId()).orElse(null);
		if (rule != null && rule.openIncident()) {
			return true;
		}
		IncidentRoutes policy = this.routes.getIfAvailable();
		return policy != null && policy.opensIncident(alert);
	}

	private static String description(AlertRow alert) {
		StringBuilder text = new StringBuilder();
		text.append("告警：").append(alert.title()).append('\n');
		text.append("级别：").append(alert.severity().label(java.util.Locale.CHINA)).append('\n');
		if (alert.summary() != null) {
			text.append("情况：").append(alert.summary()).append('\n');
		}
		if (alert.lastValue() != null) {
			text.append("当前值：").append(RuleService.plain(Math.round(alert.lastValue() * 100) / 100.0));
			if (alert.threshold() != null) {
				text.append("（阈值 ").append(RuleService.plain(alert.threshold())).append('）');
			}
			text.append('\n');
		}
		if (alert.series() != null) {
			text.append("指标：").append(alert.series()).append('\n');
		}
		text.append("开始时间：").append(alert.startedAt()).append('\n');
		return text.toString();
	}

	@ApplicationModuleListener
	void on(AlertResolved event) {
		AlertRow alert = this.alerts.find(event.alertId()).orElse(null);
		if (alert == null || alert.ticketId() == null) {
			return;
		}
		Duration lasted = Duration.between(alert.startedAt(), alert.resolvedAt() == null ? this.clock.instant() : alert.resolvedAt());
		String how = event.automatic() ? "已自动恢复" : "已手工恢复" + (alert.resolveReason() == null ? "" : "：" + alert.resolveReason());
		this.incidents.annotate(alert.ticketId(), "alert-resolved:" + alert.id() + ":" + alert.startedAt().toEpochMilli(),
				"告警" + how + "（" + alert.title() + "，持续 " + AlertEvaluation.words(Duration.ofSeconds(Math.max(60,
						lasted.toSeconds() / 60 * 60))) + "）");
	}

	@ApplicationModuleListener
	void on(TicketTransitioned event) {
		if (event.action() == null) {
			return;
		}
		String action = event.action().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
		boolean takenOn = action.equals(TicketAction.ACCEPT.name()) || action.equals(TicketAction.RESPOND.name());
		boolean done = action.equals(TicketAction.RESOLVE.name()) || action.equals(TicketAction.CLOSE.name());
		if (!takenOn && !done) {
			return;
		}
		List<AlertRow> linked = this.alerts.query("a.ticket_id = :ticket", Map.of("ticket", event.ticketId()), "a.id", 500, 0);
		for (AlertRow alert : linked) {
			if (takenOn && alert.state() == AlertState.FIRING) {
				this.lifecycle.acknowledgeAs(alert.id(), null, "工单 " + event.number() + " 已受理");
			}
			else if (done) {
				this.lifecycle.note(alert.id(), action.equals("RESOLVE") ? "TICKET_RESOLVED" : "TICKET_CLOSED", null,
						event.number());
			}
		}
	}


}
