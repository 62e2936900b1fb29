package io.opsguard.servicedesk.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the ticket statistics: GROUP BY queries over the tickets reported in a period (found
 * through {@code ix_sd_ticket_reported}) and over their timers (through {@code ix_sd_timer_ticket}),
 * reading the working time each timer keeps beside its log instead of replaying logs. Days are
 * counted in Asia/Shanghai, which has kept UTC+8 since 1991.
 */
@Repository
class TicketStatisticsStore {

	/** The day (days since 1970-01-01 in UTC+8) of a timestamp column, the same on H2 and PostgreSQL. */
	private static String day(String column) {
		return "cast(floor((extract(epoch from " + column + ") + 28800) / 86400) as bigint)";
	}

	/** The dimensions tickets are counted by, each a column of {@code sd_ticket t}. */
	enum Dimension {

		TYPE("t.type"), FAULT_LEVEL("t.fault_level"), BUSINESS_SYSTEM("t.business_system_id"), CATEGORY("t.category"),
		ORGANISATION("t.organisation_id"), CHANNEL("t.channel"), ASSIGNEE("t.assignee_id"), GROUP("t.group_id");

		final String column;

		Dimension(String column) {
			this.column = column;
		}

	}

	/** Rows of one dimension beyond this many are summed into the last ("others"). */
	static final int MOST_BUCKETS = 50;

	private final JdbcClient jdbc;

	TicketStatisticsStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Totals totals(String condition, Map<String, Object> params) {
		return this.jdbc.sql("""
				select count(*) as opened,
				  coalesce(sum(case when t.resolved_at is not null then 1 else 0 end), 0) as resolved,
				  coalesce(sum(case when t.state = 'CLOSED' then 1 else 0 end), 0) as closed,
				  coalesce(sum(case when t.is_open = true then 1 else 0 end), 0) as still_open,
				  coalesce(sum(case when t.breached = true then 1 else 0 end), 0) as breached,
				  count(t.rating) as rated,
				  avg(cast(t.rating as double precision)) as satisfaction
				from sd_ticket t""" + " where " + condition)
			.params(params)
			.query((rs, n) -> {
				double satisfaction = rs.getDouble("satisfaction");
				return new Totals(rs.getLong("opened"), rs.getLong("resolved"), rs.getLong("closed"), rs.getLong("still_open"),
						rs.getLong("breached"), rs.getLong("rated"), rs.wasNull() ? null : satisfaction);
			})
			.single();
	}

	/** How many tickets, and how many of them resolved, per value of a dimension; most first. */
	List<Count> counts(Dimension dimension, String condition, Map<String, Object> params) {
		List<Count> counts = this.jdbc.sql("select " + dimension.column + " as k, count(*) as n,"
				+ " coalesce(sum(case when t.resolved_at is not null then 1 else 0 end), 0) as r"
				+ " from sd_ticket t where " + condition + " group by " + dimension.column)
			.params(params)
			.query((rs, n) -> new Count(rs.getString("k"), rs.getLong("n"), rs.getLong("r")))
			.list();
		List<Count> sorted = new ArrayList<>(counts);
		sorted.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
				: String.valueOf(a.key()).compareTo(String.valueOf(b.key())));
		return sorted;
	}

	/**
	 * Per timer metric, of the timers of the tickets matching {@code condition}: how many are decided
	 * (stopped, or past their target while running), how many of those met their target, and the
	 * mean and 90th percentile of the working time the stopped ones counted.
	 */
	List<Attainment> attainment(String condition, Map<String, Object> params) {
		return this.jdbc.sql("""
				select s.metric as metric, count(*) as decided,
				  coalesce(sum(case when s.breached = true or s.fired_percent >= 100 then 0 else 1 end), 0) as met,
				  count(case when s.state = 'STOPPED' then s.elapsed_seconds end) as measured,
				  avg(cast(case when s.state = 'STOPPED' then s.elapsed_seconds end as double precision)) as mean_seconds,
				  percentile_cont(0.9) within group (order by case when s.state = 'STOPPED' then s.elapsed_seconds end) as p90_seconds
				from sd_timer s join sd_ticket t on t.id = s.ticket_id
				where (s.state = 'STOPPED' or s.breached = true or s.fired_percent >= 100)""" + " and " + condition
				+ " group by s.metric")
			.params(params)
			.query((rs, n) -> {
				double mean = rs.getDouble("mean_seconds");
				Double meanSeconds = rs.wasNull() ? null : mean;
				double p90 = rs.getDouble("p90_seconds");
				Double p90Seconds = rs.wasNull() ? null : p90;
				return new Attainment(rs.getString("metric"), rs.getLong("decided"), rs.getLong("met"), rs.getLong("measured"),
						meanSeconds, p90Seconds);
			})
			.list();
	}

	/** Tickets per day of a timestamp column ({@code t.reported_at}, {@code t.resolved_at}). */
	Map<LocalDate, Long> perDay(String column, String condition, Map<String, Object> params) {
		Map<LocalDate, Long> days = new TreeMap<>();
		this.jdbc.sql("select " + day(column) + " as d, count(*) as n from sd_ticket t where " + condition + " group by "
				+ day(column))
			.params(params)
			.query(rs -> {
				days.put(LocalDate.ofEpochDay(rs.getLong("d")), rs.getLong("n"));
			});
		return days;
	}

	record Totals(long opened, long resolved, long closed, long stillOpen, long breached, long rated, Double satisfaction) {
	}

	/** {@code key} as stored (a type's name, a level, an id), null for none. */
	record Count(String key, long count, long resolved) {
	}

	record Attainment(String metric, long decided, long met, long measured, Double meanSeconds, Double p90Seconds) {
	}

}
