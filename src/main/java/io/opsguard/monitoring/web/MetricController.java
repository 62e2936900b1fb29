package io.opsguard.monitoring.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.monitoring.internal.MetricError;
import io.opsguard.monitoring.internal.MetricQueries;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.web.MetricViews.LatestView;
import io.opsguard.monitoring.web.MetricViews.QueryView;
import io.opsguard.monitoring.web.MetricViews.SeriesView;
import io.opsguard.monitoring.web.MetricViews.StoreView;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The metric store's query API (R-MON-01..03, R-ALR-02): series over a range (raw, downsampled or
 * from hourly rollups), latest values, Top-N across resources, and the store's status. Series of a
 * resource are visible within the user's data scope; OpsGuard's own series need
 * {@code monitoring:store:manage}.
 */
@RestController
@RequestMapping("/api/v1/metrics")
@Tag(name = "metrics", description = "Metric series: ranges for charts, latest values, Top-N, the metric store's status, ingestion from other "
		+ "systems and derived analysis (baselines, disk forecasts). Series carrying a `resource` label are scoped by "
		+ "the organisation of that CI.")
@ErrorResponses({ "MON-0112" })
class MetricController {

	/** Raw samples are answered for at most this range; longer ranges need a step. */
	static final Duration MAX_RAW_RANGE = Duration.ofDays(31);

	/** The longest range a query may read. */
	static final Duration MAX_RANGE = Duration.ofDays(800);

	/** The most points per series a step may produce. */
	static final long MAX_POINTS = 11_000;

	private static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);

	private final MetricQueries queries;

	private final Clock clock;

	MetricController(MetricQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping("/query")
	@PreAuthorize("hasAuthority('monitoring:metric:read')")
	@Operation(summary = "Series over a range",
			description = "The series selected by `series` (text form, e.g. `cpu_usage{resource=\"7\"}`) or by `metric` plus "
					+ "`label.<name>=<value>` parameters (repeat one for several values) between `from` and `to` (ISO-8601 "
					+ "instants or epoch milliseconds; default the last hour). Without `step` the raw samples (at most 31 days); "
					+ "with `step` (`60s`, `5m`, `1h`, `1d` or ISO-8601) one point per step at multiples of it, the average, "
					+ "minimum and maximum of the samples in (t − step, t]. Steps of an hour or more, and ranges older than the "
					+ "raw retention, read the hourly rollups (`resolution` HOURLY). At most 500 series and 11,000 points each.")
	@ErrorResponses(fields = { "MON-0100", "MON-0101", "MON-0102", "MON-0103", "MON-0104", "MON-0105", "MON-0106",
			"MON-0107", "MON-0108" })
	QueryView query(@RequestParam(required = false) String series, @RequestParam(required = false) String metric,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String step,
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		CurrentUser user = CurrentUsers.require();
		SeriesSelector selector = MetricRequests.selector(series, metric, parameters);
		Instant end = MetricRequests.instant("to", to, this.clock.instant());
		Instant start = MetricRequests.instant("from", from, end.minus(Duration.ofHours(1)));
		if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
			throw OpsGuardException.onField("from", MetricError.BAD_RANGE, MAX_RANGE.toDays());
		}
		Duration stepDuration = MetricRequests.duration("step", step, MetricError.BAD_STEP);
		if (stepDuration != null && (stepDuration.compareTo(Duration.ofSeconds(1)) < 0
				|| stepDuration.compareTo(Duration.ofDays(366)) > 0)) {
			throw OpsGuardException.onField("step", MetricError.BAD_STEP, step);
		}
		Duration range = Duration.between(start, end);
		if (stepDuration == null && range.compareTo(MAX_RAW_RANGE) > 0) {
			throw OpsGuardException.onField("step", MetricError.TOO_MANY_POINTS, MAX_POINTS);
		}
		if (stepDuration != null && range.toMillis() / stepDuration.toMillis() > MAX_POINTS) {
			throw OpsGuardException.onField("step", MetricError.TOO_MANY_POINTS, MAX_POINTS);
		}
		List<SeriesPoints> points = this.queries.range(selector, start, end, stepDuration, user);
		Map<Long, String> names = this.queries.resourceNames(points.stream().map(SeriesPoints::series).toList());
		return new QueryView(start, end, stepDuration == null ? null : stepDuration.toSeconds(),
				points.stream().map(p -> SeriesView.of(p, names)).toList());
	}

	@GetMapping("/latest")
	@PreAuthorize("hasAuthority('monitoring:metric:read')")
	@Operation(summary = "Latest value of each series",
			description = "The newest sample of each series selected (as for the range query) that is no older than "
					+ "`lookback` (default 1h; e.g. `10m`, `2h`), sorted by series: a resource's last values.")
	@ErrorResponses(fields = { "MON-0100", "MON-0101", "MON-0102", "MON-0103", "MON-0111" })
	List<LatestView> latest(@RequestParam(required = false) String series, @RequestParam(required = false) String metric,
			@RequestParam(required = false) String lookback,
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		CurrentUser user = CurrentUsers.require();
		SeriesSelector selector = MetricRequests.selector(series, metric, parameters);
		List<LatestValue> values = this.queries.latest(selector, lookback(lookback), user);
		return views(values);
	}

	@GetMapping("/topn")
	@PreAuthorize("hasAuthority('monitoring:metric:read')")
	@Operation(summary = "Top-N of a metric across resources",
			description = "The `n` (1–100, default 10) series of `metric` (narrowed by `label.<name>` parameters) with the "
					+ "highest (`order=desc`, the default) or lowest (`asc`) latest values no older than `lookback` (default "
					+ "1h): the ten busiest interfaces, the fullest disks.")
	@ErrorResponses(fields = { "MON-0100", "MON-0102", "MON-0103", "MON-0109", "MON-0110", "MON-0111" })
	List<LatestView> top(@RequestParam(required = false) String metric, @RequestParam(required = false) String n,
			@RequestParam(required = false) String order, @RequestParam(required = false) String lookback,
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		CurrentUser user = CurrentUsers.require();
		SeriesSelector selector = MetricRequests.selector(null, metric, parameters);
		int count = 10;
		if (n != null && !n.isBlank()) {
			try {
				count = Integer.parseInt(n.trim());
			}
			catch (NumberFormatException ex) {
				count = -1;
			}
			if (count < 1 || count > 100) {
				throw OpsGuardException.onField("n", MetricError.BAD_LIMIT, 100);
			}
		}
		boolean highest;
		if (order == null || order.isBlank() || order.trim().equalsIgnoreCase("desc")) {
			highest = true;
		}
		else if (order.trim().equalsIgnoreCase("asc")) {
			highest = false;
		}
		else {
			throw OpsGuardException.onField("order", MetricError.BAD_ORDER, MetricRequests.shorten(order));
		}
		return views(this.queries.top(selector, count, highest, lookback(lookback), user));
	}

	@GetMapping("/store")
	@PreAuthorize("hasAuthority('monitoring:store:manage')")
	@Operation(summary = "The metric store's status",
			description = "Kind, health (and the problem when unhealthy), series, samples, bytes on disk and per sample, the "
					+ "oldest and newest samples, and the day partitions of raw samples and of hourly rollups.")
	StoreView store() {
		return StoreView.of(this.queries.status());
	}

	private Duration lookback(String text) {
		Duration lookback = MetricRequests.duration("lookback", text, MetricError.BAD_LOOKBACK);
		if (lookback == null) {
			return DEFAULT_LOOKBACK;
		}
		if (lookback.compareTo(Duration.ofSeconds(1)) < 0 || lookback.compareTo(Duration.ofDays(400)) > 0) {
			throw OpsGuardException.onField("lookback", MetricError.BAD_LOOKBACK, text);
		}
		return lookback;
	}

	private List<LatestView> views(List<LatestValue> values) {
		List<SeriesKey> keys = new ArrayList<>();
		values.forEach(value -> keys.add(value.series()));
		Map<Long, String> names = this.queries.resourceNames(keys);
		return values.stream().map(value -> LatestView.of(value, names)).toList();
	}

}
