package io.opsguard.alerting.internal;

import java.util.Map;

import io.opsguard.alerting.internal.AlertLifecycle.Firing;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.alerting.rule.CheckKind;
import io.opsguard.alerting.rule.RuleEngine;
import io.opsguard.alerting.rule.RuleKind;
import io.opsguard.monitoring.ResourceEventKind;
import io.opsguard.monitoring.ResourceEventRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Alerts from events recorded on resources (R-MON-04): a process that appeared unexpectedly, an
 * SNMP trap — for every enabled availability rule watching that kind of event whose scope covers the
 * resource. The same event again (the same trap, the same process) updates the open alert; event
 * alerts resolve by hand or after {@code opsguard.alerting.event-alert-timeout}.
 */
@Component
class EventAlerts {

	private final RuleService rules;

	private final AlertLifecycle lifecycle;

	private final Topology topology;

	EventAlerts(RuleService rules, AlertLifecycle lifecycle, Topology topology) {
		this.rules = rules;
		this.lifecycle = lifecycle;
		this.topology = topology;
	}

	@ApplicationModuleListener
	void on(ResourceEventRecorded event) {
		CheckKind check = event.kind() == ResourceEventKind.PROCESS_NEW ? CheckKind.PROCESS_NEW
				: event.kind() == ResourceEventKind.TRAP ? CheckKind.TRAP : null;
		if (check == null || event.ciId() == null) {
			return;
		}
		Topology.Snapshot snapshot = this.topology.current();
		for (RuleEngine.Compiled compiled : this.rules.compiled(snapshot)) {
			AlertRule rule = compiled.rule();
			if (!rule.enabled() || rule.kind() != RuleKind.AVAILABILITY || rule.check() != check
					|| !snapshot.scope(rule.scopeKind(), rule.scopeValue()).test(event.ciId())) {
				continue;
			}
			String summary = event.summary() == null ? check.name() : event.summary();
			Topology.Resource resource = snapshot.resource(event.ciId());
			String name = resource == null ? "#" + event.ciId() : resource.name();
			Long system = resource == null || resource.businessSystems().isEmpty() ? null
					: resource.businessSystems().stream().min(Long::compare).orElse(null);
			String fingerprint = RuleEngine.fingerprint("event:" + rule.id() + ":" + event.ciId() + ":" + summary);
			this.lifecycle.fire(new Firing(fingerprint, AlertRow.EVENT, rule.id(), null, Long.toString(event.eventId()),
					name + "：" + rule.name(), summary, AlertEvaluation.severityOf(rule, event.severity().name()),
					event.ciId(), resource == null ? null : resource.organisationId(), system, null, null, null, null, null,
					Map.of("event", Long.toString(event.eventId())), rule.notifies()));
		}
	}

}
