package io.opsguard.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the metric history tells beyond its values, read through the {@link MetricStore} only:
 * <ul>
 * <li>the baseline of a series by hour of week (R-MON-03): from the hourly averages of the last
 * four weeks, for each of the 168 hours of a week (in the site's time zone) the typical value (the
 * median) and the band from the 10th to the 90th percentile;</li>
 * <li>disk growth (R-MON-05): per mount point of a resource, the least-squares line through the
 * hourly averages of {@code fs_used} over the last 14 days, its slope as growth per day and the days
 * until {@code fs_size} is reached at that rate (none when the disk is not growing).</li>
 * </ul>
 */
@Component
public class MetricAnalysis {

	/** The weeks a baseline looks back. */
	public static final int BASELINE_WEEKS = 4;

	/** The days a disk forecast looks back. */
	public static final int FORECAST_DAYS = 14;

	private static final Duration HOUR = Duration.ofHours(1);

	private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

	private final MetricStore store;

	private final Clock clock;

	private final ZoneId zone;

	public MetricAnalysis(MetricStore store, Clock clock,
			@Value("${opsguard.monitoring.analysis.zone:Asia/Shanghai}") ZoneId zone) {
		this.store = store;
		this.clock = clock;
		this.zone = zone;
	}

	/**
	 * A series' baseline.
	 *
	 * @param series the series
	 * @param from the start of the weeks read
	 * @param to their end (now)
	 * @param zone the zone of the hours of week
	 * @param hours the hours of week that had data, in order
	 */
	public record Baseline(SeriesKey series, Instant from, Instant to, ZoneId zone, List<HourOfWeek> hours) {
	}

	/**
	 * One hour of the week.
	 *
	 * @param hourOfWeek 0 (Monday 00:00–01:00) to 167 (Sunday 23:00–24:00)
	 * @param dayOfWeek 1 (Monday) to 7 (Sunday)
	 * @param hour 0 to 23
	 * @param typical the median of the hourly averages
	 * @param low their 10th percentile
	 * @param high their 90th percentile
	 * @param weeks how many hourly averages there were (at most {@value #BASELINE_WEEKS})
	 */
	public record HourOfWeek(int hourOfWeek, int dayOfWeek, int hour, double typical, double low, double high,
			int weeks) {
	}

	/** The baseline of one series (exactly that series: more labels are another series). */
	public Baseline baseline(SeriesKey series) {
		Instant to = this.clock.instant();
		Instant from = to.minus(Duration.ofDays(7L * BASELINE_WEEKS));
		Map<Integer, List<Double>> byHour = new TreeMap<>();
		for (SeriesPoints points : this.store.range(exactly(series), from, to, HOUR)) {
			if (!points.series().equals(series)) {
				continue;
			}
			for (int i = 0; i < points.size(); i++) {
				// a step's point at t covers (t - 1h, t]: its hour starts an hour before t
				ZonedDateTime start = Instant.ofEpochMilli(points.timestamps()[i] - 1).atZone(this.zone);
				int hourOfWeek = (start.getDayOfWeek().getValue() - 1) * 24 + start.getHour();
				byHour.computeIfAbsent(hourOfWeek, any -> new ArrayList<>()).add(points.values()[i]);
			}
		}
		List<HourOfWeek> hours = new ArrayList<>();
		byHour.forEach((hourOfWeek, values) -> {
			double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			hours.add(new HourOfWeek(hourOfWeek, hourOfWeek / 24 + 1, hourOfWeek % 24, percentile(sorted, 50),
					percentile(sorted, 10), percentile(sorted, 90), sorted.length));
		});
		return new Baseline(series, from, to, this.zone, hours);
	}

	/**
	 * The growth of one file system.
	 *
	 * @param instance the mount point
	 * @param used the newest {@code fs_used} (bytes)
	 * @param size the newest {@code fs_size} (bytes), or null when unknown
	 * @param growthPerDay the regression's slope in bytes per day, or null when there are too few
	 *        points (fewer than two, or less than a day apart)
	 * @param daysUntilFull at that rate, the days until {@code used} reaches {@code size}; null when
	 *        the disk is not growing or its size is unknown; 0 when it is full
	 * @param points the hourly averages the line was fitted to
	 */
	public record DiskForecast(String instance, double used, Double size, Double growthPerDay, Double daysUntilFull,
			int points) {
	}

	/** The disk forecasts of a resource, one per mount point, sorted by mount point. */
	public List<DiskForecast> diskForecast(long resource) {
		Instant to = this.clock.instant();
		Instant from = to.minus(Duration.ofDays(FORECAST_DAYS));
		SeriesSelector used = SeriesSelector.metric("fs_used").where(SeriesKey.RESOURCE, Long.toString(resource));
		SeriesSelector size = SeriesSelector.metric("fs_size").where(SeriesKey.RESOURCE, Long.toString(resource));
		Map<String, Double> sizes = new TreeMap<>();
		for (LatestValue latest : this.store.latest(size, Duration.ofDays(FORECAST_DAYS))) {
			sizes.put(instance(latest.series()), latest.value());
		}
		Map<String, LatestValue> newest = new TreeMap<>();
		for (LatestValue latest : this.store.latest(used, Duration.ofDays(FORECAST_DAYS))) {
			newest.put(instance(latest.series()), latest);
		}
		List<DiskForecast> forecasts = new ArrayList<>();
		for (SeriesPoints points : this.store.range(used, from, to, HOUR)) {
			String instance = instance(points.series());
			LatestValue latest = newest.get(instance);
			if (points.size() == 0 || latest == null) {
				continue;
			}
			Double slope = slopePerDay(points.timestamps(), points.values());
			Double diskSize = sizes.get(instance);
			Double days = null;
			if (slope != null && slope > 0 && diskSize != null) {
				days = latest.value() >= diskSize ? 0.0 : (diskSize - latest.value()) / slope;
			}
			forecasts.add(new DiskForecast(instance, latest.value(), diskSize, slope, days, points.size()));
		}
		forecasts.sort((a, b) -> a.instance().compareTo(b.instance()));
		return forecasts;
	}

	/** The least-squares slope in units per day, or null for fewer than two points or less than a day. */
	static Double slopePerDay(long[] timestamps, double[] values) {
		int n = timestamps.length;
		if (n < 2 || timestamps[n - 1] - timestamps[0] < DAY_MILLIS) {
			return null;
		}
		// days since the first point, to keep the sums small
		double meanX = 0;
		double meanY = 0;
		for (int i = 0; i < n; i++) {
			meanX += (timestamps[i] - timestamps[0]) / (double) DAY_MILLIS;
			meanY += values[i];
		}
		meanX /= n;
		meanY /= n;
		double sxy = 0;
		double sxx = 0;
		for (int i = 0; i < n; i++) {
			double x = (timestamps[i] - timestamps[0]) / (double) DAY_MILLIS - meanX;
			sxy += x * (values[i] - meanY);
			sxx += x * x;
		}
		return sxx == 0 ? null : sxy / sxx;
	}

	/** The p-th percentile of sorted values, interpolated linearly between the closest ranks. */
	static double percentile(double[] sorted, double p) {
		if (sorted.length == 1) {
			return sorted[0];
		}
		double rank = p / 100 * (sorted.length - 1);
		int below = (int) Math.floor(rank);
		int above = Math.min(sorted.length - 1, below + 1);
		return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
	}

	private static String instance(SeriesKey series) {
		String instance = series.label(SeriesKey.INSTANCE);
		return instance == null ? "" : instance;
	}

	private static SeriesSelector exactly(SeriesKey series) {
		SeriesSelector selector = SeriesSelector.metric(series.metric());
		for (Map.Entry<String, String> label : series.labels().entrySet()) {
			selector = selector.where(label.getKey(), label.getValue());
		}
		return selector;
	}

}
