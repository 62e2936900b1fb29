package io.opsguard.alerting.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading alerts: the list with its filters, one alert, its timeline — within the reader's scope. */
@Service
public class AlertQueries {

	private final AlertStore store;

	AlertQueries(AlertStore store) {
		this.store = store;
	}

	/**
	 * Filters of the alert list; every one optional. {@code open} true: firing or acknowledged;
	 * {@code quiet} true: silenced, in maintenance or caused by a parent.
	 */
	public record AlertFilter(List<AlertState> states, Boolean open, List<AlertSeverity> severities, Long ciId,
			Long ruleId, Long organisationId, Long businessSystemId, String source, Long ticketId, Boolean flapping,
			Boolean quiet, Instant from, Instant to, String q) {
	}

	@Transactional(readOnly = true)
	public PageResult<AlertRow> list(CurrentUser user, AlertFilter filter, PageQuery paging) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (!user.scope().all()) {
			conditions.add(user.scope().sqlCondition("a.organisation_id"));
		}
		if (filter.states() != null && !filter.states().isEmpty()) {
			conditions.add("a.state in (:states)");
			params.put("states", filter.states().stream().map(Enum::name).toList());
		}
		if (filter.open() != null) {
			conditions.add(filter.open() ? "a.state <> 'RESOLVED'" : "a.state = 'RESOLVED'");
		}
		if (filter.severities() != null && !filter.severities().isEmpty()) {
			conditions.add("a.severity in (:severities)");
			params.put("severities", filter.severities().stream().map(Enum::name).toList());
		}
		add(conditions, params, "a.ci_id", "ci", filter.ciId());
		add(conditions, params, "a.rule_id", "rule", filter.ruleId());
		add(conditions, params, "a.organisation_id", "organisation", filter.organisationId());
		add(conditions, params, "a.business_system_id", "system", filter.businessSystemId());
		add(conditions, params, "a.ticket_id", "ticket", filter.ticketId());
		if (filter.source() != null && !filter.source().isBlank()) {
			conditions.add("a.source = :source");
			params.put("source", filter.source().trim().toUpperCase(java.util.Locale.ROOT));
		}
		if (filter.flapping() != null) {
			conditions.add("a.flapping = :flapping");
			params.put("flapping", filter.flapping());
		}
		if (filter.quiet() != null) {
			String quiet = "(a.silence_id is not null or a.maintenance_id is not null or a.suppressed_by_ci is not null)";
			conditions.add(filter.quiet() ? quiet : "not " + quiet);
		}
		if (filter.from() != null) {
			conditions.add("a.started_at >= :from");
			params.put("from", java.sql.Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("a.started_at < :to");
			params.put("to", java.sql.Timestamp.from(filter.to()));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			conditions.add("(lower(a.title) like :q or lower(a.summary) like :q or lower(a.series) like :q)");
			params.put("q", "%" + filter.q().trim().toLowerCase(java.util.Locale.ROOT).replace("%", "\\%").replace("_", "\\_")
					+ "%");
		}
		String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
		long total = this.store.count(where, params);
		List<AlertRow> items = this.store.query(where, params, paging.orderBy(), paging.size(),
				(long) paging.page() * paging.size());
		return new PageResult<>(items, total, paging.page(), paging.size());
	}

	private static void add(List<String> conditions, Map<String, Object> params, String column, String name, Long value) {
		if (value != null) {
			conditions.add(column + " = :" + name);
			params.put(name, value);
		}
	}

	@Transactional(readOnly = true)
	public AlertRow get(CurrentUser user, long id) {
		AlertRow alert = this.store.find(id).orElseThrow(() -> new OpsGuardException(AlertingError.UNKNOWN_ALERT));
		boolean visible = alert.organisationId() == null ? user.scope().all() : user.scope().includes(alert.organisationId());
		if (!visible) {
			throw new OpsGuardException(AlertingError.UNKNOWN_ALERT);
		}
		return alert;
	}

	@Transactional(readOnly = true)
	public List<AlertEvent> timeline(CurrentUser user, long id) {
		get(user, id);
		return this.store.events(id);
	}

}
