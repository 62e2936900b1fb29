package io.opsguard.monitoring.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.monitoring.internal.MetricAnalysis;
import io.opsguard.monitoring.internal.MetricAnalysisError;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.exposition.PrometheusText;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of a series by hour of week (R-MON-03) and the disk forecast of a resource
 * (R-MON-05), for the resource dashboard.
 */
@RestController
@Tag(name = "metrics", description = "Metric series: ranges for charts, latest values, Top-N, the metric store's status, ingestion from other "
		+ "systems and derived analysis (baselines, disk forecasts). Series carrying a `resource` label are scoped by "
		+ "the organisation of that CI.")
class MetricAnalysisController {

	private final MetricAnalysis analysis;

	private final ConfigurationItems cis;

	MetricAnalysisController(MetricAnalysis analysis, ConfigurationItems cis) {
		this.analysis = analysis;
		this.cis = cis;
	}

	@GetMapping("/api/v1/metrics/baseline")
	@PreAuthorize("hasAuthority('monitoring:metric:read')")
	@Operation(summary = "Baseline by hour of week",
			description = "For one series (`series=cpu_usage{resource=\"7\"}`, exactly these labels), the typical value "
					+ "(median) and the band (10th to 90th percentile) of its hourly averages over the last 4 weeks, for "
					+ "each hour of the week in the site's time zone that had data. A `resource` label must name a CI in "
					+ "the caller's scope.")
	@ErrorResponses({ "MON-0140", "MON-0141" })
	BaselineView baseline(@RequestParam String series) {
		SeriesKey key = parse(series);
		String resource = key.label(SeriesKey.RESOURCE);
		if (resource != null) {
			requireVisible(resource);
		}
		MetricAnalysis.Baseline baseline = this.analysis.baseline(key);
		return new BaselineView(key.toString(), baseline.from(), baseline.to(), baseline.zone(), baseline.hours());
	}

	@GetMapping("/api/v1/metrics/forecast")
	@PreAuthorize("hasAuthority('monitoring:metric:read')")
	@Operation(summary = "Disk growth forecast",
			description = "Per mount point of a resource (a CI in the caller's scope): the newest `fs_used` and `fs_size`, "
					+ "the growth per day of the least-squares line through the hourly averages of `fs_used` over the last "
					+ "14 days, and the days until `fs_size` is reached at that rate (null when the disk is not growing "
					+ "or its size is unknown).")
	@ErrorResponses({ "MON-0141" })
	ForecastView forecast(@RequestParam String resource) {
		long id = requireVisible(resource);
		return new ForecastView(id, MetricAnalysis.FORECAST_DAYS, this.analysis.diskForecast(id));
	}

	private long requireVisible(String resource) {
		CurrentUser user = CurrentUsers.require();
		String text = resource == null ? "" : resource.strip();
		if (!text.matches("\\d{1,18}")) {
			throw OpsGuardException.onField("resource", MetricAnalysisError.UNKNOWN_RESOURCE, brief(text));
		}
		long id = Long.parseLong(text);
		return this.cis.find(id)
			.filter(ci -> user.scope().includes(ci.organisationId()))
			.map(ConfigurationItems.CiView::id)
			.orElseThrow(() -> new OpsGuardException(MetricAnalysisError.UNKNOWN_RESOURCE, text));
	}

	private static SeriesKey parse(String series) {
		String text = series == null ? "" : series.strip();
		PrometheusText.Parsed parsed = text.contains("\n") ? null : PrometheusText.parse(text + " 0");
		if (parsed == null || parsed.samples().size() != 1) {
			throw OpsGuardException.onField("series", MetricAnalysisError.BAD_SERIES, brief(text));
		}
		PrometheusText.Line line = parsed.samples().get(0);
		SeriesKey key = new SeriesKey(line.metric(), line.labels());
		if (key.problem() != null) {
			throw OpsGuardException.onField("series", MetricAnalysisError.BAD_SERIES, brief(text));
		}
		return key;
	}

	private static String brief(String text) {
		return text.length() > 80 ? text.substring(0, 80) + "…" : text;
	}

	/** A series' baseline: its text form, the weeks read, the zone, and the hours of week with data. */
	record BaselineView(String series, Instant from, Instant to, ZoneId zone, List<MetricAnalysis.HourOfWeek> hours) {
	}

	/** A resource's file systems: their growth over the last {@code days} days. */
	record ForecastView(long resource, int days, List<MetricAnalysis.DiskForecast> filesystems) {
	}

}
