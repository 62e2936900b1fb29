package io.opsguard.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.monitoring.store.SeriesKey;

/**
 * Read access to monitoring for the modules above it (alerting, reporting): which monitors run on
 * which resources, the default thresholds of the monitor types, the metric vocabulary, and the
 * analyses of the stored metrics (baseline bands, disk forecasts).
 */
public interface Monitors {

	/** Every monitor, enabled or not. */
	List<MonitorView> all();

	/** The monitor with this id. */
	Optional<MonitorView> find(long id);

	/** The default thresholds every monitor type declares for its metrics. */
	List<DefaultThreshold> defaultThresholds();

	/** Every metric a monitor type stores, by name (the first type declaring it names it). */
	Map<String, MetricInfo> metrics();

	/**
	 * The baseline band of exactly this series for the hour of the week {@code at} falls in (the
	 * median and the 10th and 90th percentiles of that hour over the last weeks), or empty when no
	 * history covers it.
	 */
	Optional<Band> baseline(SeriesKey series, Instant at);

	/**
	 * The days until each file system of the resource is full at its growth rate, by mount point;
	 * a file system that is not growing, or whose size is unknown, is left out.
	 */
	Map<String, Double> daysUntilFull(long resource);

	/**
	 * The resource (CI id) monitored at a network address: the CI of the oldest monitor whose host
	 * is exactly that address, or empty. Alerts from other systems name their hosts this way.
	 */
	Optional<Long> resourceAt(String address);

	/**
	 * A monitor.
	 *
	 * @param interval how often it collects (its own interval, or its resource's importance class)
	 */
	record MonitorView(long id, long ciId, long organisationId, String typeId, String name, Duration interval,
			boolean enabled) {
	}

	/**
	 * A monitor type's default threshold on one of its metrics.
	 *
	 * @param severity CRITICAL, MAJOR, MINOR or INFO
	 * @param operator {@code > >= < <= == !=}
	 */
	record DefaultThreshold(String typeId, String typeNameZh, String typeNameEn, String metric, String metricNameZh,
			String metricNameEn, String unit, String severity, String operator, double value, Duration duration) {
	}

	/** A metric of the vocabulary: what charts call it, its unit, and what one row is called (or null). */
	record MetricInfo(String name, String nameZh, String nameEn, String unit, String instanceZh, String instanceEn) {
	}

	/** A baseline band. */
	record Band(double typical, double low, double high) {
	}

}
