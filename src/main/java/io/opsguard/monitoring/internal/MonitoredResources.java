package io.opsguard.monitoring.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiSelection;
import io.opsguard.identity.CurrentUser;
import io.opsguard.monitoring.ResourceEventKind;
import io.opsguard.monitoring.ResourceState;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monitored resources: the CIs that have monitors, each with the state its monitors' last
 * collections give it (a resource whose collections all fail is unreachable), and the events
 * recorded on them.
 */
@Service
public class MonitoredResources {

	/** The state of a resource, computed in SQL from its monitors. */
	static final String SUMMARY = """
			(select m.ci_id, min(m.organisation_id) as organisation_id, count(*) as monitors,
			  sum(case when m.enabled then 1 else 0 end) as enabled,
			  sum(case when m.enabled and m.status = 'UP' then 1 else 0 end) as up,
			  sum(case when m.enabled and m.status = 'DOWN' then 1 else 0 end) as down,
			  sum(case when m.enabled and m.status = 'PARTIAL' then 1 else 0 end) as partial,
			  sum(case when m.enabled and m.status = 'PENDING' then 1 else 0 end) as pending,
			  max(m.last_collected_at) as last_collected_at,
			  case when sum(case when m.enabled then 1 else 0 end) = 0 then 'DISABLED'
			       when sum(case when m.enabled and m.status = 'DOWN' then 1 else 0 end)
			            = sum(case when m.enabled then 1 else 0 end) then 'UNREACHABLE'
			       when sum(case when m.enabled and m.status in ('DOWN', 'PARTIAL') then 1 else 0 end) > 0 then 'WARNING'
			       when sum(case when m.enabled and m.status = 'PENDING' then 1 else 0 end)
			            = sum(case when m.enabled then 1 else 0 end) then 'PENDING'
			       else 'OK' end as state
			 from mon_monitor m %s group by m.ci_id) r""";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ConfigurationItems cis;

	private final ObjectMapper json;

	MonitoredResources(JdbcClient jdbc, ConfigurationItems cis, ObjectMapper json) {
		this.jdbc = jdbc;
		this.cis = cis;
		this.json = json;
	}

	/** A monitored resource's summary. */
	public record ResourceSummary(long ciId, long organisationId, int monitors, int enabled, int up, int down,
			int partial, int pending, Instant lastCollectedAt, ResourceState state) {
	}

	/** Filters of the resource list. */
	public record ResourceFilter(ResourceState state, String classCode, Long organisationId, String q) {
	}

	@Transactional(readOnly = true)
	public PageResult<ResourceSummary> list(CurrentUser user, ResourceFilter filter, PageQuery paging) {
		String scope = user.scope().all() ? "" : "where " + user.scope().sqlCondition("m.organisation_id");
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (filter.state() != null) {
			conditions.add("r.state = :state");
			params.put("state", filter.state().name());
		}
		boolean byCi = (filter.q() != null && !filter.q().isBlank()) || (filter.classCode() != null && !filter.classCode().isBlank())
				|| filter.organisationId() != null;
		if (byCi) {
			List<Long> ids = this.cis.select(user.scope(),
					new CiSelection(blankToNull(filter.classCode()), null, filter.organisationId(), null, null,
							blankToNull(filter.q())),
					5000)
				.stream()
				.map(ConfigurationItems.CiView::id)
				.toList();
			if (ids.isEmpty()) {
				return new PageResult<>(List.of(), 0, paging.page(), paging.size());
			}
			conditions.add("r.ci_id in (:ids)");
			params.put("ids", ids);
		}
		String from = SUMMARY.formatted(scope);
		PageResult<Long> page = SqlPages.ids(this.jdbc, "r.ci_id", from, String.join(" and ", conditions), params, paging);
		return new PageResult<>(summaries(from, page.items()), page.total(), page.page(), page.size());
	}

	/** The summary of one resource, if it has monitors. */
	@Transactional(readOnly = true)
	public java.util.Optional<ResourceSummary> summary(long ciId) {
		return summaries(SUMMARY.formatted("where m.ci_id = " + ciId), List.of(ciId)).stream().findFirst();
	}

	/** How many resources are in each state, within the user's scope. */
	@Transactional(readOnly = true)
	public Map<ResourceState, Long> counts(CurrentUser user) {
		String scope = user.scope().all() ? "" : "where " + user.scope().sqlCondition("m.organisation_id");
		Map<ResourceState, Long> counts = new java.util.EnumMap<>(ResourceState.class);
		for (ResourceState state : ResourceState.values()) {
			counts.put(state, 0L);
		}
		this.jdbc.sql("select r.state, count(*) from " + SUMMARY.formatted(scope) + " group by r.state")
			.query((rs, n) -> counts.put(ResourceState.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return counts;
	}

	private List<ResourceSummary> summaries(String from, List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, ResourceSummary> byId = new HashMap<>();
		this.jdbc.sql("select r.* from " + from + " where r.ci_id in (:ids)")
			.param("ids", ids)
			.query((rs, n) -> new ResourceSummary(rs.getLong("ci_id"), rs.getLong("organisation_id"), rs.getInt("monitors"),
					rs.getInt("enabled"), rs.getInt("up"), rs.getInt("down"), rs.getInt("partial"), rs.getInt("pending"),
					MonitorStore.instant(rs.getTimestamp("last_collected_at")), ResourceState.valueOf(rs.getString("state"))))
			.list()
			.forEach(s -> byId.put(s.ciId(), s));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	/** An event recorded on a resource. */
	public record EventRow(long id, Long ciId, Long monitorId, ResourceEventKind kind, String severity, String summary,
			Map<String, Object> details, String source, Instant occurredAt, Instant receivedAt) {
	}

	/**
	 * Events, newest first: of one resource, or of every resource in scope; events of addresses no
	 * monitor knows (ci null) only for a scope of everything.
	 */
	@Transactional(readOnly = true)
	public PageResult<EventRow> events(CurrentUser user, Long ciId, ResourceEventKind kind, Instant from, Instant to,
			PageQuery paging) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (ciId != null) {
			conditions.add("e.ci_id = :ci");
			params.put("ci", ciId);
		}
		if (!user.scope().all()) {
			conditions.add("e.ci_id in (select m.ci_id from mon_monitor m where "
					+ user.scope().sqlCondition("m.organisation_id") + ")");
		}
		if (kind != null) {
			conditions.add("e.kind = :kind");
			params.put("kind", kind.name());
		}
		if (from != null) {
			conditions.add("e.occurred_at >= :from");
			params.put("from", Timestamp.from(from));
		}
		if (to != null) {
			conditions.add("e.occurred_at < :to");
			params.put("to", Timestamp.from(to));
		}
		PageResult<Long> page = SqlPages.ids(this.jdbc, "e.id", "mon_event e", String.join(" and ", conditions), params,
				paging);
		if (page.items().isEmpty()) {
			return new PageResult<>(List.of(), page.total(), page.page(), page.size());
		}
		Map<Long, EventRow> byId = new HashMap<>();
		this.jdbc.sql("select * from mon_event where id in (:ids)")
			.param("ids", page.items())
			.query((rs, n) -> new EventRow(rs.getLong("id"), (Long) rs.getObject("ci_id", Long.class),
					(Long) rs.getObject("monitor_id", Long.class), ResourceEventKind.valueOf(rs.getString("kind")),
					rs.getString("severity"), rs.getString("summary"), details(rs.getString("details")), rs.getString("source"),
					MonitorStore.instant(rs.getTimestamp("occurred_at")), MonitorStore.instant(rs.getTimestamp("received_at"))))
			.list()
			.forEach(e -> byId.put(e.id(), e));
		return new PageResult<>(page.items().stream().map(byId::get).toList(), page.total(), page.page(), page.size());
	}

	private Map<String, Object> details(String text) {
		if (text == null) {
			return Map.of();
		}
		try {
			return this.json.readValue(text, MAP);
		}
		catch (JsonProcessingException ex) {
			return Map.of("text", text);
		}
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}

}
