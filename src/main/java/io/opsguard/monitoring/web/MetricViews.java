package io.opsguard.monitoring.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.internal.MetricQueries;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.StoreStatus;

/** What the metric API answers: series with their points ready for a chart, latest values, the store's status. */
final class MetricViews {

	private MetricViews() {
	}

	/**
	 * A range query's answer.
	 *
	 * @param from the range's start
	 * @param to the range's end
	 * @param stepSeconds the step, or null for raw samples
	 * @param series the series, sorted by their text form
	 */
	record QueryView(Instant from, Instant to, Long stepSeconds, List<SeriesView> series) {
	}

	/**
	 * One series' points: parallel arrays of timestamps (epoch ms) and values; {@code min} and
	 * {@code max} per step when downsampled ({@code STEP}, {@code HOURLY}), null for {@code RAW}.
	 */
	record SeriesView(String series, String metric, Map<String, String> labels, Long resource, String resourceName,
			SeriesPoints.Resolution resolution, long[] timestamps, double[] values, double[] min, double[] max) {

		static SeriesView of(SeriesPoints points, Map<Long, String> names) {
			SeriesKey key = points.series();
			Long resource = MetricQueries.resource(key);
			return new SeriesView(key.toString(), key.metric(), key.labels(), resource,
					resource == null ? null : names.get(resource), points.resolution(), points.timestamps(), points.values(),
					points.min(), points.max());
		}

	}

	/** A series' newest value. */
	record LatestView(String series, String metric, Map<String, String> labels, Long resource, String resourceName,
			Instant timestamp, double value) {

		static LatestView of(LatestValue latest, Map<Long, String> names) {
			SeriesKey key = latest.series();
			Long resource = MetricQueries.resource(key);
			return new LatestView(key.toString(), key.metric(), key.labels(), resource,
					resource == null ? null : names.get(resource), Instant.ofEpochMilli(latest.timestamp()), latest.value());
		}

	}

	/** The store's volume and health for the store admin page. */
	record StoreView(String kind, boolean healthy, String problem, long series, long samples, long diskBytes,
			double bytesPerSample, Instant oldest, Instant newest, List<PartitionView> partitions) {

		static StoreView of(StoreStatus status) {
			return new StoreView(status.kind(), status.healthy(), status.problem(), status.series(), status.samples(),
					status.diskBytes(), status.bytesPerSample(), status.oldest(), status.newest(),
					status.partitions().stream().map(p -> new PartitionView(p.day(), p.rollup(), p.samples(), p.bytes())).toList());
		}

	}

	/** A day partition of raw samples, or of hourly rollups ({@code rollup}). */
	record PartitionView(LocalDate day, boolean rollup, long samples, long bytes) {
	}

}
