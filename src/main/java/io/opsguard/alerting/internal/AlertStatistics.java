package io.opsguard.alerting.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alert statistics (R-ALR-02): alerts begun in a period by severity, state, source and bucket (day or
 * hour), the mean times to acknowledge and to resolve, and the noisiest rules and resources — to tune
 * them — within the reader's scope.
 */
@Service
public class AlertStatistics {

	static final Duration MAX_PERIOD = Duration.ofDays(366);

	static final int TOP = 10;

	private final JdbcClient jdbc;

	private final RuleStore rules;

	private final ConfigurationItems cis;

	private final Clock clock;

	private final ZoneId zone;

	AlertStatistics(JdbcClient jdbc, RuleStore rules, ConfigurationItems cis, Clock clock,
			@Value("${opsguard.alerting.zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.cis = cis;
		this.clock = clock;
		this.zone = zone;
	}

	/** One bucket of the period: its start and the alerts begun in it by severity. */
	public record Bucket(Instant start, Map<AlertSeverity, Long> bySeverity, long total) {
	}

	/** A rule or resource with how many alerts it raised. */
	public record Noisy(Long id, String name, long alerts, long flapping) {
	}

	/** The statistics of a period. */
	public record Report(Instant from, Instant to, String bucket, long total, long open, Map<AlertSeverity, Long> bySeverity,
			Map<String, Long> byState, Map<String, Long> bySource, List<Bucket> buckets, Duration meanTimeToAcknowledge,
			Duration meanTimeToResolve, long acknowledged, long resolved, long quiet, long flapping, List<Noisy> topRules,
			List<Noisy> topResources) {
	}

	private record Row(AlertSeverity severity, String state, String source, Long ruleId, Long ciId, Instant startedAt,
			Instant acknowledgedAt, Instant resolvedAt, boolean flapping, boolean quiet) {
	}

	@Transactional(readOnly = true)
	public Report report(CurrentUser user, Instant from, Instant to, String bucket) {
		Instant end = to == null ? this.clock.instant() : to;
		Instant start = from == null ? end.minus(Duration.ofDays(7)) : from;
		if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
			throw OpsGuardException.onField("from", AlertingError.BAD_PERIOD);
		}
		String unit = bucket == null || bucket.isBlank()
				? (Duration.between(start, end).compareTo(Duration.ofDays(2)) <= 0 ? "hour" : "day") : bucket;
		if (!unit.equals("hour") && !unit.equals("day")
				|| unit.equals("hour") && Duration.between(start, end).compareTo(Duration.ofDays(7)) > 0) {
			throw OpsGuardException.onField("bucket", AlertingError.BAD_PERIOD);
		}
		String scope = user.scope().all() ? "" : " and " + user.scope().sqlCondition("organisation_id");
		List<Row> rows = this.jdbc
			.sql("select severity, state, source, rule_id, ci_id, started_at, acknowledged_at, resolved_at, flapping, "
					+ "(case when silence_id is not null or maintenance_id is not null or suppressed_by_ci is not null "
					+ "then 1 else 0 end) as quiet from alr_alert where started_at >= :from and started_at < :to" + scope)
			.param("from", Timestamp.from(start))
			.param("to", Timestamp.from(end))
			.query((rs, n) -> new Row(AlertSeverity.valueOf(rs.getString("severity")), rs.getString("state"),
					rs.getString("source"), (Long) rs.getObject("rule_id", Long.class), (Long) rs.getObject("ci_id", Long.class),
					rs.getTimestamp("started_at").toInstant(), instant(rs.getTimestamp("acknowledged_at")),
					instant(rs.getTimestamp("resolved_at")), rs.getBoolean("flapping"), rs.getInt("quiet") == 1))
			.list();
		Map<AlertSeverity, Long> bySeverity = new EnumMap<>(AlertSeverity.class);
		for (AlertSeverity severity : AlertSeverity.values()) {
			bySeverity.put(severity, 0L);
		}
		Map<String, Long> byState = new TreeMap<>();
		Map<String, Long> bySource = new TreeMap<>();
		Map<Instant, Map<AlertSeverity, Long>> buckets = buckets(start, end, unit);
		Map<Long, long[]> perRule = new HashMap<>();
		Map<Long, long[]> perResource = new HashMap<>();
		long ackCount = 0;
		long ackMillis = 0;
		long resolveCount = 0;
		long resolveMillis = 0;
		long open = 0;
		long quiet = 0;
		long flapping = 0;
		for (Row row : rows) {
			bySeverity.merge(row.severity(), 1L, Long::sum);
			byState.merge(row.state(), 1L, Long::sum);
			bySource.merge(row.source(), 1L, Long::sum);
			Map<AlertSeverity, Long> slot = buckets.get(floor(row.startedAt(), unit));
			if (slot != null) {
				slot.merge(row.severity(), 1L, Long::sum);
			}
			if (!"RESOLVED".equals(row.state())) {
				open++;
			}
			if (row.quiet()) {
				quiet++;
			}
			if (row.flapping()) {
				flapping++;
			}
			if (row.acknowledgedAt() != null) {
				ackCount++;
				ackMillis += Math.max(0, Duration.between(row.startedAt(), row.acknowledgedAt()).toMillis());
			}
			if (row.resolvedAt() != null) {
				resolveCount++;
				resolveMillis += Math.max(0, Duration.between(row.startedAt(), row.resolvedAt()).toMillis());
			}
			if (row.ruleId() != null) {
				long[] counts = perRule.computeIfAbsent(row.ruleId(), any -> new long[2]);
				counts[0]++;
				counts[1] += row.flapping() ? 1 : 0;
			}
			if (row.ciId() != null) {
				long[] counts = perResource.computeIfAbsent(row.ciId(), any -> new long[2]);
				counts[0]++;
				counts[1] += row.flapping() ? 1 : 0;
			}
		}
		List<Bucket> series = new ArrayList<>();
		buckets.forEach((at, counts) -> series.add(new Bucket(at, counts,
				counts.values().stream().mapToLong(Long::longValue).sum())));
		List<Noisy> topRules = top(perRule, ids -> {
			Map<Long, String> names = new HashMap<>();
			this.rules.findAll(ids).forEach(rule -> names.put(rule.id(), rule.name()));
			return names;
		});
		List<Noisy> topResources = top(perResource, this.cis::names);
		return new Report(start, end, unit, rows.size(), open, bySeverity, byState, bySource, series,
				ackCount == 0 ? null : Duration.ofSeconds(ackMillis / ackCount / 1000),
				resolveCount == 0 ? null : Duration.ofSeconds(resolveMillis / resolveCount / 1000), ackCount, resolveCount,
				quiet, flapping, topRules, topResources);
	}

	private static List<Noisy> top(Map<Long, long[]> counts,
			java.util.function.Function<java.util.Collection<Long>, Map<Long, String>> names) {
		List<Map.Entry<Long, long[]>> sorted = new ArrayList<>(counts.entrySet());
		sorted.sort(Comparator.<Map.Entry<Long, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
		List<Map.Entry<Long, long[]>> top = sorted.subList(0, Math.min(TOP, sorted.size()));
		Map<Long, String> named = top.isEmpty() ? Map.of() : names.apply(top.stream().map(Map.Entry::getKey).toList());
		return top.stream()
			.map(e -> new Noisy(e.getKey(), named.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
			.toList();
	}

	private Map<Instant, Map<AlertSeverity, Long>> buckets(Instant start, Instant end, String unit) {
		Map<Instant, Map<AlertSeverity, Long>> buckets = new LinkedHashMap<>();
		Instant at = floor(start, unit);
		while (at.isBefore(end) && buckets.size() < 24 * 8 + 400) {
			Map<AlertSeverity, Long> counts = new EnumMap<>(AlertSeverity.class);
			for (AlertSeverity severity : AlertSeverity.values()) {
				counts.put(severity, 0L);
			}
			buckets.put(at, counts);
			at = unit.equals("hour") ? at.plus(Duration.ofHours(1))
					: LocalDate.ofInstant(at, this.zone).plusDays(1).atStartOfDay(this.zone).toInstant();
		}
		return buckets;
	}

	private Instant floor(Instant at, String unit) {
		ZonedDateTime local = at.atZone(this.zone);
		return (unit.equals("hour") ? local.truncatedTo(ChronoUnit.HOURS) : local.truncatedTo(ChronoUnit.DAYS)).toInstant();
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

}
