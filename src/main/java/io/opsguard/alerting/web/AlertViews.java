package io.opsguard.alerting.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;
import io.opsguard.alerting.internal.AlertRow;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.Users;

import org.springframework.stereotype.Component;

/** Alerts and rules as the API answers them, with the names of the people and resources they mention. */
@Component
class AlertViews {

	private final Users users;

	private final ConfigurationItems cis;

	AlertViews(Users users, ConfigurationItems cis) {
		this.users = users;
		this.cis = cis;
	}

	/**
	 * An alert. {@code quietReason}: SILENCED, MAINTENANCE or CAUSED_BY_PARENT when the alert is
	 * recorded but not notified, else null.
	 */
	record AlertView(long id, String source, Long ruleId, String title, String summary, AlertSeverity severity,
			AlertState state, Long ciId, String ciName, Long organisationId, Long businessSystemId, String businessSystemName,
			String metric, String instance, String series, Double firstValue, Double lastValue, Double threshold,
			int evaluations, Instant startedAt, Instant lastSeenAt, Duration duration, Instant acknowledgedAt,
			Long acknowledgedBy, String acknowledgedByName, String ackComment, Instant resolvedAt, Long resolvedBy,
			String resolvedByName, String resolveReason, boolean flapping, int flapCount, String quietReason,
			Long silenceId, Long maintenanceId, Long causedByAlertId, Long causedByCiId, String causedByCiName,
			Long ticketId, String ticketNumber, Instant notifiedAt, int notifications, Map<String, String> labels,
			int version) {
	}

	List<AlertView> views(List<AlertRow> rows, Instant now) {
		Set<Long> userIds = new HashSet<>();
		Set<Long> ciIds = new HashSet<>();
		for (AlertRow row : rows) {
			add(userIds, row.acknowledgedBy());
			add(userIds, row.resolvedBy());
			add(ciIds, row.ciId());
			add(ciIds, row.businessSystemId());
			add(ciIds, row.suppressedByCi());
		}
		Map<Long, String> people = userIds.isEmpty() ? Map.of() : this.users.displayNames(userIds);
		Map<Long, String> names = ciIds.isEmpty() ? Map.of() : this.cis.names(ciIds);
		return rows.stream().map(row -> view(row, people, names, now)).toList();
	}

	AlertView view(AlertRow row, Instant now) {
		return views(List.of(row), now).get(0);
	}

	private static AlertView view(AlertRow row, Map<Long, String> people, Map<Long, String> names, Instant now) {
		String quiet = row.silenceId() != null ? "SILENCED" : row.maintenanceId() != null ? "MAINTENANCE"
				: row.suppressedByCi() != null ? "CAUSED_BY_PARENT" : null;
		Instant end = row.resolvedAt() != null ? row.resolvedAt() : now;
		Duration duration = end.isBefore(row.startedAt()) ? Duration.ZERO : Duration.between(row.startedAt(), end);
		return new AlertView(row.id(), row.source(), row.ruleId(), row.title(), row.summary(), row.severity(), row.state(),
				row.ciId(), name(names, row.ciId()), row.organisationId(), row.businessSystemId(),
				name(names, row.businessSystemId()), row.metric(), row.instance(), row.series(), row.firstValue(),
				row.lastValue(), row.threshold(), row.evalCount(), row.startedAt(), row.lastSeenAt(),
				Duration.ofSeconds(duration.toSeconds()), row.acknowledgedAt(), row.acknowledgedBy(),
				name(people, row.acknowledgedBy()), row.ackComment(), row.resolvedAt(), row.resolvedBy(),
				name(people, row.resolvedBy()), row.resolveReason(), row.flapping(), row.flapCount(), quiet,
				row.silenceId(), row.maintenanceId(), row.suppressedBy(), row.suppressedByCi(),
				name(names, row.suppressedByCi()), row.ticketId(), row.ticketNumber(), row.notifiedAt(),
				row.notificationCount(), row.labels(), row.version());
	}

	/** A rule; {@code scopeName} names the resource, organisation or business system of the scope. */
	record RuleView(long id, String name, String description, String kind, String origin, boolean fromTemplate,
			String templateKey, Long overridesRuleId, String scopeKind, String scopeValue, String scopeName,
			AlertSeverity severity, String metric, String instance, String operator, Double threshold, long forSeconds,
			String recoveryOperator, Double recoveryThreshold, long recoverySeconds, String check, Double checkValue,
			String expression, boolean enabled, boolean notifies, boolean openIncident, Instant createdAt,
			Instant updatedAt, int version) {
	}

	List<RuleView> rules(List<AlertRule> rules) {
		Set<Long> ciIds = new HashSet<>();
		for (AlertRule rule : rules) {
			if (rule.scopeKind() == io.opsguard.alerting.rule.ScopeKind.RESOURCE
					|| rule.scopeKind() == io.opsguard.alerting.rule.ScopeKind.BUSINESS_SYSTEM) {
				try {
					ciIds.add(Long.parseLong(rule.scopeValue()));
				}
				catch (NumberFormatException | NullPointerException ex) {
					// not a CI id: shown as written
				}
			}
		}
		Map<Long, String> names = ciIds.isEmpty() ? Map.of() : this.cis.names(ciIds);
		return rules.stream().map(rule -> rule(rule, names)).toList();
	}

	RuleView rule(AlertRule rule) {
		return rules(List.of(rule)).get(0);
	}

	private static RuleView rule(AlertRule r, Map<Long, String> names) {
		String scopeName = null;
		if (r.scopeValue() != null) {
			try {
				scopeName = names.get(Long.parseLong(r.scopeValue()));
			}
			catch (NumberFormatException ex) {
				scopeName = null;
			}
		}
		return new RuleView(r.id(), r.name(), r.description(), r.kind().name(), r.origin(), r.fromTemplate(),
				r.templateKey(), r.overridesRuleId(), r.scopeKind().name(), r.scopeValue(), scopeName, r.severity(),
				r.metric(), r.instance(), r.operator() == null ? null : r.operator().symbol(), r.threshold(),
				r.forDuration().toSeconds(), r.recoveryOperator() == null ? null : r.recoveryOperator().symbol(),
				r.recoveryThreshold(), r.recoveryFor().toSeconds(), r.check() == null ? null : r.check().name(),
				r.checkValue(), r.expression(), r.enabled(), r.notifies(), r.openIncident(), r.createdAt(), r.updatedAt(),
				r.version());
	}

	private static void add(Collection<Long> ids, Long id) {
		if (id != null) {
			ids.add(id);
		}
	}

	private static String name(Map<Long, String> names, Long id) {
		return id == null ? null : names.get(id);
	}

}
