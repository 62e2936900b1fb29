package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.shared.OpsGuardException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.ReturnVisits.ZONE;
import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * Satisfaction figures (R-DSK-11) of the tickets resolved in a period within the reader's data
 * scope: how many were rated, the average and the distribution of 1–5, by support group,
 * engineer, business system, organisation or month, with the month-by-month trend; and what
 * became of the invitations sent in the period (answered, expired, pending, cancelled).
 */
@Service
public class SatisfactionStatistics {

	/** The longest period one question covers. */
	static final int LONGEST_PERIOD_DAYS = 731;

	/** What the rows are per. */
	public enum GroupBy {

		GROUP, ENGINEER, SYSTEM, ORGANISATION, MONTH

	}

	private final JdbcClient jdbc;

	private final SupportGroups groups;

	private final Users users;

	private final ConfigurationItems cmdb;

	private final Organisations organisations;

	private final Clock clock;

	SatisfactionStatistics(JdbcClient jdbc, SupportGroups groups, Users users, ConfigurationItems cmdb,
			Organisations organisations, Clock clock) {
		this.jdbc = jdbc;
		this.groups = groups;
		this.users = users;
		this.cmdb = cmdb;
		this.organisations = organisations;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Statistics of(CurrentUser user, LocalDate from, LocalDate to, GroupBy groupBy) {
		Periods.check(from, to);
		LocalDate today = LocalDate.now(this.clock.withZone(ZONE));
		LocalDate end = to == null ? today : to;
		LocalDate start = from == null ? end.minusDays(29) : from;
		if (start.isAfter(end) || start.plusDays(LONGEST_PERIOD_DAYS).isBefore(end)) {
			throw OpsGuardException.onField("from", PortalError.BAD_PERIOD);
		}
		GroupBy by = groupBy == null ? GroupBy.GROUP : groupBy;
		Map<String, Object> params = Map.of("from", ts(start.atStartOfDay(ZONE).toInstant()), "to",
				ts(end.plusDays(1).atStartOfDay(ZONE).toInstant()));
		List<Rated> rated = this.jdbc.sql("""
				select t.rating, t.group_id, t.assignee_id, t.business_system_id, t.organisation_id, t.resolved_at
				from sd_ticket t
				where t.rating is not null and t.resolved_at >= :from and t.resolved_at < :to""" + " and "
				+ user.scope().sqlCondition("t.organisation_id"))
			.params(params)
			.query((rs, n) -> new Rated(rs.getInt("rating"), nullableLong(rs, "group_id"), nullableLong(rs, "assignee_id"),
					nullableLong(rs, "business_system_id"), rs.getLong("organisation_id"),
					YearMonth.from(instant(rs, "resolved_at").atZone(ZONE)).toString()))
			.list();
		Figures total = new Figures();
		Map<String, Figures> rows = new TreeMap<>();
		Map<String, Figures> trend = new TreeMap<>();
		for (Rated r : rated) {
			total.add(r.rating());
			String key = switch (by) {
				case GROUP -> r.groupId() == null ? "" : String.valueOf(r.groupId());
				case ENGINEER -> r.assigneeId() == null ? "" : String.valueOf(r.assigneeId());
				case SYSTEM -> r.systemId() == null ? "" : String.valueOf(r.systemId());
				case ORGANISATION -> String.valueOf(r.organisationId());
				case MONTH -> r.month();
			};
			rows.computeIfAbsent(key, k -> new Figures()).add(r.rating());
			trend.computeIfAbsent(r.month(), k -> new Figures()).add(r.rating());
		}
		Map<String, String> names = names(user, by, rows.keySet());
		List<Row> result = new ArrayList<>();
		rows.forEach((key, figures) -> result.add(figures.row(key.isEmpty() ? null : key, key.isEmpty() ? null : names.get(key))));
		if (by != GroupBy.MONTH) {
			result.sort((a, b) -> Long.compare(b.count(), a.count()));
		}
		List<Row> months = new ArrayList<>();
		trend.forEach((month, figures) -> months.add(figures.row(month, month)));
		Map<String, Long> invitations = new HashMap<>();
		for (String state : List.of("PENDING", "ANSWERED", "EXPIRED", "CANCELLED")) {
			invitations.put(state, 0L);
		}
		this.jdbc.sql("""
				select i.state, count(*) from sd_satisfaction_invitation i
				where i.created_at >= :from and i.created_at < :to""" + " and " + user.scope().sqlCondition("i.organisation_id")
				+ " group by i.state")
			.params(params)
			.query(rs -> {
				invitations.put(rs.getString(1), rs.getLong(2));
			});
		long sent = invitations.values().stream().mapToLong(Long::longValue).sum();
		long answered = invitations.get("ANSWERED");
		Double responseRate = sent == 0 ? null : Math.round(answered * 1000.0 / sent) / 10.0;
		Row all = total.row(null, null);
		return new Statistics(start, end, by, all.count(), all.average(), all.distribution(),
				new InvitationFigures(sent, answered, invitations.get("EXPIRED"), invitations.get("PENDING"),
						invitations.get("CANCELLED"), responseRate),
				result, months);
	}

	private Map<String, String> names(CurrentUser user, GroupBy by, Set<String> keys) {
		Map<String, String> names = new HashMap<>();
		Set<Long> ids = new HashSet<>();
		keys.stream().filter(k -> !k.isEmpty() && by != GroupBy.MONTH).forEach(k -> ids.add(Long.valueOf(k)));
		switch (by) {
			case GROUP -> this.groups.visible(user).forEach(g -> {
				if (ids.contains(g.id())) {
					names.put(String.valueOf(g.id()), g.name());
				}
			});
			case ENGINEER -> this.users.displayNames(ids).forEach((id, name) -> names.put(String.valueOf(id), name));
			case SYSTEM -> this.cmdb.names(ids).forEach((id, name) -> names.put(String.valueOf(id), name));
			case ORGANISATION ->
				ids.forEach(id -> this.organisations.find(id).ifPresent(o -> names.put(String.valueOf(id), o.name())));
			case MONTH -> keys.forEach(k -> names.put(k, k));
		}
		return names;
	}

	private record Rated(int rating, Long groupId, Long assigneeId, Long systemId, long organisationId, String month) {
	}

	private static final class Figures {

		private final long[] distribution = new long[5];

		private long count;

		private long sum;

		void add(int rating) {
			if (rating >= 1 && rating <= 5) {
				this.distribution[rating - 1]++;
				this.count++;
				this.sum += rating;
			}
		}

		Row row(String key, String name) {
			Double average = this.count == 0 ? null : Math.round(this.sum * 100.0 / this.count) / 100.0;
			long satisfied = this.distribution[3] + this.distribution[4];
			Double satisfiedRate = this.count == 0 ? null : Math.round(satisfied * 1000.0 / this.count) / 10.0;
			return new Row(key, name, this.count, average, satisfiedRate,
					java.util.Arrays.stream(this.distribution).boxed().toList());
		}

	}

	/**
	 * The figures of a period: ratings counted, their average (two decimals) and distribution
	 * (ratings 1 to 5), the rows per {@code groupBy} (the most rated first; a null {@code key} for
	 * tickets without a group, engineer or system), the month-by-month {@code trend}, and the
	 * invitations sent in the period.
	 */
	public record Statistics(LocalDate from, LocalDate to, GroupBy groupBy, long count, Double average,
			List<Long> distribution, InvitationFigures invitations, List<Row> rows, List<Row> trend) {
	}

	/** One row: {@code satisfiedRate} the share of 4 and 5, in per cent. */
	public record Row(String key, String name, long count, Double average, Double satisfiedRate, List<Long> distribution) {
	}

	/** What became of the invitations sent in the period; {@code responseRate} answered of sent, in per cent. */
	public record InvitationFigures(long sent, long answered, long expired, long pending, long cancelled,
			Double responseRate) {
	}

}
