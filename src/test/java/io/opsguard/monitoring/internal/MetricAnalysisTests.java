package io.opsguard.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.support.InMemoryMetricStore;
import io.opsguard.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Baselines and disk forecasts from synthetic histories, on a clock the test moves. */
class MetricAnalysisTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** A Monday 00:00 in Shanghai. */
	private static final Instant MONDAY = Instant.parse("2026-03-01T16:00:00Z");

	private final MutableClock clock = new MutableClock(MONDAY);

	private final InMemoryMetricStore store = new InMemoryMetricStore(this.clock);

	private final MetricAnalysis analysis = new MetricAnalysis(this.store, this.clock, SHANGHAI);

	@Test
	void theBaselineOfAnHourOfWeekIsTheMedianAndTheTenthToNinetiethPercentileOfItsWeeks() {
		SeriesKey cpu = SeriesKey.of("cpu_usage", "resource", "7");
		List<Sample> samples = new ArrayList<>();
		// four weeks of samples every 10 minutes: hour h of the week is worth h, plus the week's number times 10
		// in Monday 09:00–10:00, so that hour's four averages are 9+0, 9+10, 9+20, 9+30 (+ a little within the hour)
		for (int week = 0; week < 4; week++) {
			for (int hour = 0; hour < 168; hour++) {
				for (int minute = 5; minute < 60; minute += 10) {
					long t = MONDAY.toEpochMilli() + ((week * 168L + hour) * 60 + minute) * 60_000;
					double value = hour == 9 ? 9 + week * 10 + (minute == 5 ? -1 : minute == 55 ? 1 : 0) : hour;
					samples.add(new Sample(cpu, t, value));
				}
			}
		}
		this.clock.set(MONDAY.plus(Duration.ofDays(28)));
		this.store.append(samples);

		MetricAnalysis.Baseline baseline = this.analysis.baseline(cpu);

		assertThat(baseline.hours()).hasSize(168);
		MetricAnalysis.HourOfWeek nine = baseline.hours().get(9);
		assertThat(nine.dayOfWeek()).isEqualTo(1);
		assertThat(nine.hour()).isEqualTo(9);
		assertThat(nine.weeks()).isEqualTo(4);
		assertThat(nine.typical()).isCloseTo(24.0, within(1e-9));
		assertThat(nine.low()).isCloseTo(12.0, within(1e-9));
		assertThat(nine.high()).isCloseTo(36.0, within(1e-9));
		MetricAnalysis.HourOfWeek sundayNight = baseline.hours().get(167);
		assertThat(sundayNight.dayOfWeek()).isEqualTo(7);
		assertThat(sundayNight.hour()).isEqualTo(23);
		assertThat(sundayNight.typical()).isEqualTo(167.0);
		assertThat(this.analysis.baseline(SeriesKey.of("cpu_usage", "resource", "7", "instance", "x")).hours())
			.as("another series")
			.isEmpty();
	}

	@Test
	void aGrowingDiskHasItsGrowthPerDayAndTheDaysUntilFull() {
		long gib = 1L << 30;
		List<Sample> samples = new ArrayList<>();
		for (int hour = 0; hour < 14 * 24; hour++) {
			long t = MONDAY.toEpochMilli() + hour * 3_600_000L;
			// "/" grows by 2 GiB a day with noise that cancels; "/data" shrinks; "/tmp" is flat
			double noise = (hour % 2 == 0 ? 1 : -1) * 0.1 * gib;
			samples.add(new Sample(SeriesKey.of("fs_used", "resource", "7", "instance", "/"), t, 40 * gib + hour * (2.0 * gib / 24) + noise));
			samples.add(new Sample(SeriesKey.of("fs_used", "resource", "7", "instance", "/data"), t, 500.0 * gib - hour * gib / 24.0));
			samples.add(new Sample(SeriesKey.of("fs_used", "resource", "7", "instance", "/tmp"), t, 1.0 * gib));
			samples.add(new Sample(SeriesKey.of("fs_size", "resource", "7", "instance", "/"), t, 100.0 * gib));
			samples.add(new Sample(SeriesKey.of("fs_size", "resource", "7", "instance", "/data"), t, 1000.0 * gib));
			samples.add(new Sample(SeriesKey.of("fs_used", "resource", "8", "instance", "/"), t, 99.0 * gib));
		}
		this.clock.set(MONDAY.plus(Duration.ofDays(14)));
		this.store.append(samples);

		List<MetricAnalysis.DiskForecast> forecasts = this.analysis.diskForecast(7);

		assertThat(forecasts).extracting(MetricAnalysis.DiskForecast::instance).containsExactly("/", "/data", "/tmp");
		MetricAnalysis.DiskForecast root = forecasts.get(0);
		assertThat(root.growthPerDay()).isCloseTo(2.0 * gib, within(0.01 * gib));
		double usedNow = 40 * gib + 335 * (2.0 * gib / 24) - 0.1 * gib;
		assertThat(root.used()).isCloseTo(usedNow, within(1.0));
		assertThat(root.size()).isEqualTo(100.0 * gib);
		assertThat(root.daysUntilFull()).isCloseTo((100 * gib - usedNow) / (2.0 * gib), within(0.05));
		assertThat(forecasts.get(1).growthPerDay()).isNegative();
		assertThat(forecasts.get(1).daysUntilFull()).as("not growing").isNull();
		assertThat(forecasts.get(2).growthPerDay()).isCloseTo(0.0, within(1e-3));
		assertThat(forecasts.get(2).daysUntilFull()).as("flat, and its size unknown").isNull();
		assertThat(this.analysis.diskForecast(9)).isEmpty();
	}

	@Test
	void tooShortAHistoryHasNoSlope() {
		assertThat(MetricAnalysis.slopePerDay(new long[] { 0 }, new double[] { 1 })).isNull();
		assertThat(MetricAnalysis.slopePerDay(new long[] { 0, 3_600_000 }, new double[] { 1, 2 })).isNull();
		assertThat(MetricAnalysis.slopePerDay(new long[] { 0, 86_400_000 }, new double[] { 1, 3 })).isEqualTo(2.0);
		assertThat(MetricAnalysis.percentile(new double[] { 1, 2, 3, 4 }, 50)).isEqualTo(2.5);
		assertThat(MetricAnalysis.percentile(new double[] { 5 }, 90)).isEqualTo(5.0);
	}

}
