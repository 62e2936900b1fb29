package io.opsguard.servicedesk.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the ticket statistics. The tickets reported in a period are read in one pass over
 * {@code ix_sd_ticket_reported}, narrow and streamed, and tallied by every dimension at once: on H2
 * one pass costs what one GROUP BY over the same rows costs, and the statistics need nine of them.
 * SLA attainment, with its percentiles, is a GROUP BY over the period's timers (through
 * {@code ix_sd_timer_ticket}), reading the working time each timer keeps beside its log instead of
 * replaying logs; the tickets resolved per day are a narrow pass over {@code ix_sd_ticket_resolved}.
 * Days are counted in Asia/Shanghai.
 */
@Repository
class TicketStatisticsStore {

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

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final JdbcClient jdbc;

	/** Streams long passes in chunks instead of holding every row (PostgreSQL fetches all rows by default). */
	private final NamedParameterJdbcTemplate streaming;

	TicketStatisticsStore(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(2_000);
		this.streaming = new NamedParameterJdbcTemplate(template);
	}

	/** Every ticket matching {@code condition} tallied: totals, counts per value of each dimension, reported per day. */
	Tally tally(String condition, Map<String, Object> params) {
		StringBuilder columns = new StringBuilder();
		for (Dimension dimension : Dimension.values()) {
			columns.append(dimension.column).append(", ");
		}
		Tally tally = new Tally();
		this.streaming.query("select " + columns + "t.state, t.is_open, t.breached, t.rating, t.resolved_at, t.reported_at"
				+ " from sd_ticket t where " + condition, params, rs -> {
					boolean resolved = rs.getTimestamp("resolved_at") != null;
					for (Dimension dimension : Dimension.values()) {
						String key = rs.getString(dimension.ordinal() + 1);
						long[] counted = tally.counts.get(dimension).computeIfAbsent(key, k -> new long[2]);
						counted[0]++;
						counted[1] += resolved ? 1 : 0;
					}
					tally.opened++;
					tally.resolved += resolved ? 1 : 0;
					tally.closed += "CLOSED".equals(rs.getString("state")) ? 1 : 0;
					tally.stillOpen += rs.getBoolean("is_open") ? 1 : 0;
					tally.breached += rs.getBoolean("breached") ? 1 : 0;
					int rating = rs.getInt("rating");
					if (!rs.wasNull()) {
						tally.rated++;
						tally.ratingSum += rating;
					}
					tally.openedPerDay.merge(day(rs.getTimestamp("reported_at")), 1L, Long::sum);
				});
		return tally;
	}

	/** How many tickets matching {@code condition} (on {@code t.resolved_at}) were resolved each day. */
	Map<LocalDate, Long> resolvedPerDay(String condition, Map<String, Object> params) {
		Map<LocalDate, Long> days = new TreeMap<>();
		this.streaming.query("select t.resolved_at from sd_ticket t where " + condition, params,
				rs -> {
					days.merge(day(rs.getTimestamp(1)), 1L, Long::sum);
				});
		return days;
	}

	private static LocalDate day(java.sql.Timestamp at) {
		return at.toInstant().atZone(ZONE).toLocalDate();
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

	/** What one pass over a period's tickets counted. */
	static final class Tally {

		long opened;

		long resolved;

		long closed;

		long stillOpen;

		long breached;

		long rated;

		long ratingSum;

		final Map<Dimension, Map<String, long[]>> counts = new EnumMap<>(Dimension.class);

		final Map<LocalDate, Long> openedPerDay = new TreeMap<>();

		Tally() {
			for (Dimension dimension : Dimension.values()) {
				this.counts.put(dimension, new HashMap<>());
			}
		}

		Double satisfaction() {
			return this.rated == 0 ? null : (double) this.ratingSum / this.rated;
		}

		/** How many tickets, and how many of them resolved, per value of a dimension; most first. */
		List<Count> counts(Dimension dimension) {
			List<Count> sorted = new ArrayList<>();
			this.counts.get(dimension).forEach((key, counted) -> sorted.add(new Count(key, counted[0], counted[1])));
			sorted.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
					: String.valueOf(a.key()).compareTo(String.valueOf(b.key())));
			return sorted;
		}

	}

	/** {@code key} as stored (a type's name, a level, an id), null for none. */
	record Count(String key, long count, long resolved) {
	}

	record Attainment(String metric, long decided, long met, long measured, Double meanSeconds, Double p90Seconds) {
	}

}
