package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.TimerMetric;
import io.opsguard.servicedesk.internal.TicketStatisticsStore.Attainment;
import io.opsguard.servicedesk.internal.TicketStatisticsStore.Count;
import io.opsguard.servicedesk.internal.TicketStatisticsStore.Dimension;
import io.opsguard.servicedesk.internal.TicketStatisticsStore.Tally;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ticket statistics for a period (R-PRC-01, R-RPT-01, R-SYS-09): the tickets reported in it in the
 * user's scope, counted by type, fault level, business system, category, unit, channel, engineer
 * and group; SLA attainment per timer metric with the mean and 90th percentile of the working time
 * counted; opened and resolved per day; satisfaction. Read in one read-only transaction: one pass
 * over the period's tickets, a GROUP BY over their timers, a pass over the day's resolutions
 * ({@link TicketStatisticsStore}).
 */
@Service
public class TicketStatisticsService {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** The longest period one request covers (a leap year). */
	static final int LONGEST_DAYS = 366;

	private final TicketStatisticsStore store;

	private final SupportGroups groups;

	private final Users users;

	private final Organisations organisations;

	private final ConfigurationItems cmdb;

	private final ServiceDeskProperties properties;

	private final Clock clock;

	TicketStatisticsService(TicketStatisticsStore store, SupportGroups groups, Users users, Organisations organisations,
			ConfigurationItems cmdb, ServiceDeskProperties properties, Clock clock) {
		this.store = store;
		this.groups = groups;
		this.users = users;
		this.organisations = organisations;
		this.cmdb = cmdb;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public TicketStatistics statistics(CurrentUser user, StatisticsFilter filter) {
		Period period = period(filter.from(), filter.to());
		Map<String, Object> params = new HashMap<>();
		String others = condition(user, filter, params);
		params.put("from", TicketStore.ts(period.from().atStartOfDay(ZONE).toInstant()));
		params.put("to", TicketStore.ts(period.to().plusDays(1).atStartOfDay(ZONE).toInstant()));
		String reported = "t.reported_at >= :from and t.reported_at < :to" + (others.isEmpty() ? "" : " and " + others);
		String resolved = "t.resolved_at >= :from and t.resolved_at < :to" + (others.isEmpty() ? "" : " and " + others);

		Tally tally = this.store.tally(reported, params);
		List<Attainment> attainment = tally.opened == 0 ? List.of() : this.store.attainment(reported, params);
		Map<LocalDate, Long> opened = tally.openedPerDay;
		Map<LocalDate, Long> closedDays = this.store.resolvedPerDay(resolved, params);

		List<Day> trend = new ArrayList<>();
		for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
			trend.add(new Day(day, opened.getOrDefault(day, 0L), closedDays.getOrDefault(day, 0L)));
		}
		List<MetricAttainment> sla = new ArrayList<>();
		for (TimerMetric metric : TimerMetric.values()) {
			attainment.stream().filter(a -> a.metric().equals(metric.name())).findFirst().ifPresent(a -> sla.add(
					new MetricAttainment(metric, a.decided(), a.met(), percent(a.met(), a.decided()), a.measured(),
							seconds(a.meanSeconds()), seconds(a.p90Seconds()))));
		}
		MetricAttainment response = sla.stream().filter(m -> m.metric() == TimerMetric.RESPONSE).findFirst().orElse(null);
		MetricAttainment resolution = sla.stream().filter(m -> m.metric() == TimerMetric.RESOLUTION).findFirst().orElse(null);
		long decided = sla.stream().filter(m -> m.metric() != TimerMetric.GROUP).mapToLong(MetricAttainment::decided).sum();
		long met = sla.stream().filter(m -> m.metric() != TimerMetric.GROUP).mapToLong(MetricAttainment::met).sum();
		Summary summary = new Summary(tally.opened, tally.resolved, tally.closed, tally.stillOpen, tally.breached,
				percent(met, decided), response == null ? null : response.meanSeconds(),
				response == null ? null : response.p90Seconds(), resolution == null ? null : resolution.meanSeconds(),
				resolution == null ? null : resolution.p90Seconds(), tally.rated,
				tally.satisfaction() == null ? null : Math.round(tally.satisfaction() * 100) / 100.0);

		Map<Long, String> groupNames = new HashMap<>();
		this.groups.visible(user).forEach(g -> groupNames.put(g.id(), g.name()));
		return new TicketStatistics(period.from(), period.to(), summary, this.properties.attainmentTarget(),
				buckets(tally.counts(Dimension.TYPE), null),
				buckets(tally.counts(Dimension.FAULT_LEVEL), null),
				buckets(tally.counts(Dimension.BUSINESS_SYSTEM), this.cmdb::names),
				buckets(tally.counts(Dimension.CATEGORY), null),
				buckets(tally.counts(Dimension.ORGANISATION),
						ids -> names(ids, id -> this.organisations.find(id).map(o -> o.name()).orElse(null))),
				buckets(tally.counts(Dimension.CHANNEL), null),
				buckets(tally.counts(Dimension.ASSIGNEE), this.users::displayNames),
				buckets(tally.counts(Dimension.GROUP), ids -> groupNames),
				sla, trend);
	}

	/** The period asked for: by default the current month in Asia/Shanghai; at most {@value #LONGEST_DAYS} days. */
	Period period(LocalDate from, LocalDate to) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZONE));
		LocalDate first = from != null ? from : (to != null ? to : today).withDayOfMonth(1);
		LocalDate last = to != null ? to : first.withDayOfMonth(first.lengthOfMonth());
		if (first.isAfter(last)) {
			throw OpsGuardException.onField("from", TicketStatisticsError.BAD_PERIOD);
		}
		if (ChronoUnit.DAYS.between(first, last) + 1 > LONGEST_DAYS) {
			throw OpsGuardException.onField("to", TicketStatisticsError.PERIOD_TOO_LONG, LONGEST_DAYS);
		}
		return new Period(first, last);
	}

	private String condition(CurrentUser user, StatisticsFilter filter, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (!user.scope().all()) {
			conditions.add(user.scope().sqlCondition("t.organisation_id"));
		}
		if (filter.organisationId() != null) {
			if (!user.scope().includes(filter.organisationId()) || this.organisations.find(filter.organisationId()).isEmpty()) {
				throw OpsGuardException.onField("organisationId", TicketStatisticsError.UNKNOWN_ORGANISATION,
						String.valueOf(filter.organisationId()));
			}
			Set<Long> units = this.organisations.subtree(filter.organisationId());
			conditions.add("t.organisation_id in (:units)");
			params.put("units", units.stream().filter(user.scope()::includes).toList());
		}
		if (filter.type() != null) {
			conditions.add("t.type = :type");
			params.put("type", filter.type().name());
		}
		if (filter.businessSystemId() != null) {
			conditions.add("t.business_system_id = :system");
			params.put("system", filter.businessSystemId());
		}
		if (filter.groupId() != null) {
			conditions.add("t.group_id = :group");
			params.put("group", filter.groupId());
		}
		return String.join(" and ", conditions);
	}

	private static List<Bucket> buckets(List<Count> counts, Function<List<Long>, Map<Long, String>> names) {
		List<Count> shown = counts.size() > TicketStatisticsStore.MOST_BUCKETS
				? counts.subList(0, TicketStatisticsStore.MOST_BUCKETS - 1) : counts;
		Map<Long, String> named = names == null ? Map.of()
				: names.apply(shown.stream().filter(c -> c.key() != null).map(c -> Long.valueOf(c.key())).toList());
		List<Bucket> buckets = new ArrayList<>();
		for (Count c : shown) {
			String name = names == null || c.key() == null ? null : named.get(Long.valueOf(c.key()));
			buckets.add(new Bucket(c.key(), name, c.count(), c.resolved(), false));
		}
		if (shown.size() < counts.size()) {
			List<Count> rest = counts.subList(shown.size(), counts.size());
			buckets.add(new Bucket(null, null, rest.stream().mapToLong(Count::count).sum(),
					rest.stream().mapToLong(Count::resolved).sum(), true));
		}
		return buckets;
	}

	private static Map<Long, String> names(List<Long> ids, Function<Long, String> name) {
		Map<Long, String> names = new HashMap<>();
		for (Long id : ids) {
			String n = name.apply(id);
			if (n != null) {
				names.put(id, n);
			}
		}
		return names;
	}

	private static Double percent(long part, long whole) {
		return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
	}

	private static Long seconds(Double value) {
		return value == null ? null : Math.round(value);
	}

	// ---- inputs and answers -----------------------------------------------------------------

	/** What to count: tickets reported from {@code from} to {@code to} (days in Asia/Shanghai, both included). */
	public record StatisticsFilter(LocalDate from, LocalDate to, TicketType type, Long organisationId, Long businessSystemId,
			Long groupId) {
	}

	record Period(LocalDate from, LocalDate to) {
	}

	/**
	 * The statistics of a period. {@code attainmentTarget}: the share of timers met (per cent) each
	 * metric is held against.
	 */
	public record TicketStatistics(LocalDate from, LocalDate to, Summary summary, int attainmentTarget, List<Bucket> byType,
			List<Bucket> byFaultLevel, List<Bucket> byBusinessSystem, List<Bucket> byCategory, List<Bucket> byOrganisation,
			List<Bucket> byChannel, List<Bucket> byAssignee, List<Bucket> byGroup, List<MetricAttainment> sla,
			List<Day> trend) {
	}

	/**
	 * The headline figures: tickets reported in the period, how many of them are resolved, closed,
	 * still open, breached; SLA attainment over every SLA metric (group clocks aside); mean and 90th
	 * percentile of the working seconds to respond and to resolve; ratings and their average (1–5).
	 */
	public record Summary(long opened, long resolved, long closed, long stillOpen, long breached, Double attainment,
			Long meanResponseSeconds, Long p90ResponseSeconds, Long meanResolutionSeconds, Long p90ResolutionSeconds,
			long rated, Double satisfaction) {
	}

	/**
	 * Tickets with one value of a dimension: {@code key} as stored (a type, a level, an id; null for
	 * none), {@code name} of an id where known; {@code others} sums what lies beyond the first 49.
	 */
	public record Bucket(String key, String name, long count, long resolved, boolean others) {
	}

	/**
	 * One metric's attainment: timers decided (stopped, or past their target), met, the share met
	 * (per cent), and of the stopped ones ({@code measured}) the mean and 90th percentile of the
	 * working seconds counted.
	 */
	public record MetricAttainment(TimerMetric metric, long decided, long met, Double attainment, long measured,
			Long meanSeconds, Long p90Seconds) {
	}

	/** Tickets reported and resolved on a day. */
	public record Day(LocalDate day, long opened, long resolved) {
	}

}
