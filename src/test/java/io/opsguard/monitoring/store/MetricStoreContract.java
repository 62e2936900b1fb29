package io.opsguard.monitoring.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.opsguard.monitoring.store.Rejection.Reason;
import io.opsguard.monitoring.store.SeriesPoints.Resolution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every {@link MetricStore} must do, exactly as its javadoc says: the embedded store and the
 * VictoriaMetrics one both extend this class and pass it.
 * <p>
 * Every test writes series of a metric name of its own, so the tests share one store in any order.
 * Timestamps lie within the last two hours of {@link #now()} (VictoriaMetrics drops data beyond its
 * retention). Values are those of real metrics, at most ten significant digits, because
 * VictoriaMetrics keeps values as decimals of about twelve digits per block: a store is asked to
 * give back exactly what it was given, not to round-trip every double.
 */
public abstract class MetricStoreContract {

	private static final AtomicInteger METRICS = new AtomicInteger();

	private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000), 36);

	/** The store under test; it may be the same instance for every test. */
	protected abstract MetricStore store();

	/**
	 * Makes what was appended visible to queries: a no-op for a store that answers from what it
	 * acknowledged, a flush of the indexes for one that indexes asynchronously (VictoriaMetrics).
	 */
	protected void settle() {
	}

	/** The store's clock in milliseconds; the data of the tests lies just before it. */
	protected long now() {
		return System.currentTimeMillis();
	}

	/** The kind the store under test answers. */
	protected abstract String expectedKind();

	/** A metric name no other test (or earlier run against the same store) uses. */
	protected static String uniqueMetric(String what) {
		return "contract_" + RUN + "_" + what + "_" + METRICS.incrementAndGet();
	}

	@Test
	void appendedSamplesReadBackExactlyInTheirRange() {
		String metric = uniqueMetric("raw");
		SeriesKey root = SeriesKey.of(metric, "resource", "7", "instance", "/");
		SeriesKey data = SeriesKey.of(metric, "resource", "7", "instance", "/data");
		SeriesKey other = SeriesKey.of(metric, "resource", "8", "instance", "/");
		long base = minuteAligned(now()) - Duration.ofMinutes(30).toMillis();
		double[] rootValues = { 12.5, 12.75, 13.0, 0.0, -3.5, 97.125, 65536.75, 0.1, 1024.0, 33.333 };
		double[] dataValues = { 50.0, 50.5, 51.25, 52.0, 52.5, 53.0, 53.5, 54.0, 54.5, 55.0 };
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < rootValues.length; i++) {
			samples.add(new Sample(root, base + i * 15_000L + 123, rootValues[i]));
			samples.add(new Sample(data, base + i * 15_000L + 7, dataValues[i]));
			samples.add(new Sample(other, base + i * 15_000L, i));
		}

		AppendResult result = store().append(samples);
		settle();

		assertThat(result.accepted()).isEqualTo(samples.size());
		assertThat(result.rejected()).isEmpty();
		// [from, to] holds both ends: the second to the eighth sample of each series
		Instant from = Instant.ofEpochMilli(base + 15_000L + 7);
		Instant to = Instant.ofEpochMilli(base + 7 * 15_000L + 123);
		Map<SeriesKey, SeriesPoints> points = bySeries(
				store().range(SeriesSelector.metric(metric).where("resource", "7"), from, to, null));
		assertThat(points).containsOnlyKeys(root, data);
		SeriesPoints rootPoints = points.get(root);
		assertThat(rootPoints.resolution()).isEqualTo(Resolution.RAW);
		assertThat(rootPoints.min()).isNull();
		assertThat(rootPoints.max()).isNull();
		assertThat(rootPoints.timestamps()).containsExactly(times(base + 15_000L + 123, 15_000L, 7));
		assertThat(rootPoints.values()).containsExactly(Arrays.copyOfRange(rootValues, 1, 8));
		assertThat(points.get(data).timestamps()).containsExactly(times(base + 15_000L + 7, 15_000L, 7));
		assertThat(points.get(data).values()).containsExactly(Arrays.copyOfRange(dataValues, 1, 8));

		Duration zero = Duration.ZERO;
		assertThat(store().range(SeriesSelector.metric(metric).where("resource", "8"), Instant.ofEpochMilli(base),
				Instant.ofEpochMilli(base + 10 * 15_000L), zero))
			.singleElement()
			.satisfies(series -> {
				assertThat(series.series()).isEqualTo(other);
				assertThat(series.values()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
			});
		assertThat(store().range(SeriesSelector.metric(metric), Instant.ofEpochMilli(base - 60_000),
				Instant.ofEpochMilli(base - 1), null))
			.as("a range without samples")
			.allSatisfy(series -> assertThat(series.size()).isZero());
	}

	@Test
	void aSampleForATimestampTheSeriesHasReplacesIt() {
		String metric = uniqueMetric("replace");
		SeriesKey series = SeriesKey.of(metric, "resource", "1");
		long t = minuteAligned(now()) - Duration.ofMinutes(10).toMillis();
		store().append(List.of(new Sample(series, t, 5.0), new Sample(series, t + 60_000, 6.0)));
		settle();

		AppendResult again = store().append(List.of(new Sample(series, t, 1.5)));
		settle();

		assertThat(again.accepted()).isEqualTo(1);
		SeriesPoints points = single(store().range(SeriesSelector.metric(metric), Instant.ofEpochMilli(t - 1000),
				Instant.ofEpochMilli(t + 120_000), null));
		assertThat(points.timestamps()).containsExactly(t, t + 60_000);
		assertThat(points.values()).containsExactly(1.5, 6.0);
	}

	@Test
	void findSelectsSeriesWhoseLabelsHaveOneOfTheListedValuesSortedByText() {
		String metric = uniqueMetric("find");
		long t = now() - 60_000;
		List<Sample> samples = new ArrayList<>();
		for (String resource : List.of("1", "2", "3")) {
			for (String instance : List.of("eth0", "eth1")) {
				samples.add(new Sample(SeriesKey.of(metric, "resource", resource, "instance", instance), t, 1));
			}
		}
		samples.add(new Sample(SeriesKey.of(metric, "monitor", "9"), t, 1));
		samples.add(new Sample(SeriesKey.of(metric + "_other", "resource", "1", "instance", "eth0"), t, 1));
		store().append(samples);
		settle();

		List<SeriesKey> found = store().find(SeriesSelector.metric(metric).where("resource", Set.of("1", "3")), 100);
		assertThat(found).extracting(SeriesKey::toString)
			.containsExactly(metric + "{instance=\"eth0\",resource=\"1\"}", metric + "{instance=\"eth0\",resource=\"3\"}",
					metric + "{instance=\"eth1\",resource=\"1\"}", metric + "{instance=\"eth1\",resource=\"3\"}");
		assertThat(found.get(0)).isEqualTo(SeriesKey.of(metric, "resource", "1", "instance", "eth0"));
		assertThat(store().find(SeriesSelector.metric(metric), 100)).hasSize(7);
		assertThat(store().find(SeriesSelector.metric(metric), 3)).extracting(SeriesKey::toString)
			.containsExactly(metric + "{instance=\"eth0\",resource=\"1\"}", metric + "{instance=\"eth0\",resource=\"2\"}",
					metric + "{instance=\"eth0\",resource=\"3\"}");
		assertThat(store().find(SeriesSelector.metric(metric).where("resource", "2").where("instance", "eth1"), 100))
			.containsExactly(SeriesKey.of(metric, "resource", "2", "instance", "eth1"));
		assertThat(store().find(SeriesSelector.metric(metric).where("resource", "4"), 100)).isEmpty();
		assertThat(store().find(SeriesSelector.metric(uniqueMetric("never_written")), 100)).isEmpty();
	}

	@Test
	void stepsAreAlignedAveragesMinimaAndMaximaOfTheSamplesSinceThePreviousStep() {
		String metric = uniqueMetric("step");
		SeriesKey series = SeriesKey.of(metric, "resource", "3");
		long step = 60_000;
		long from = minuteAligned(now()) - Duration.ofMinutes(20).toMillis();
		long to = from + 6 * step;
		// offsets from `from` in seconds and values; 60 lies exactly on a step and belongs to it;
		// nothing between 120 and 240: those steps are left out
		long[] offsets = { 10, 25, 60, 61, 90, 119, 245, 300, 330, 359, 360 };
		double[] values = { 4, 8, 6, 1, 2, 3, 10, 20, 30, 40, 50 };
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < offsets.length; i++) {
			samples.add(new Sample(series, from + offsets[i] * 1000, values[i]));
		}
		store().append(samples);
		settle();

		SeriesPoints points = single(store().range(SeriesSelector.metric(metric), Instant.ofEpochMilli(from),
				Instant.ofEpochMilli(to), Duration.ofMillis(step)));

		assertThat(points.series()).isEqualTo(series);
		assertThat(points.resolution()).isEqualTo(Resolution.STEP);
		assertThat(points.timestamps()).containsExactly(from + step, from + 2 * step, from + 5 * step, from + 6 * step);
		assertThat(points.values()).containsExactly(6, 2, 15, 40);
		assertThat(points.min()).containsExactly(4, 1, 10, 30);
		assertThat(points.max()).containsExactly(8, 3, 20, 50);
	}

	@Test
	void latestIsTheNewestSampleOfEachSeriesWithinTheLookback() {
		String metric = uniqueMetric("latest");
		SeriesKey fresh = SeriesKey.of(metric, "resource", "1");
		SeriesKey stale = SeriesKey.of(metric, "resource", "2");
		long now = now();
		store().append(List.of(new Sample(fresh, now - 300_000, 1), new Sample(fresh, now - 30_000, 2.5),
				new Sample(stale, now - 3_000_000, 7), new Sample(stale, now - 1_800_000, 8.25)));
		settle();

		assertThat(store().latest(SeriesSelector.metric(metric), Duration.ofMinutes(10)))
			.extracting(LatestValue::series, LatestValue::timestamp, LatestValue::value)
			.containsExactly(tuple(fresh, now - 30_000, 2.5));
		assertThat(store().latest(SeriesSelector.metric(metric), Duration.ofHours(1)))
			.extracting(LatestValue::series, LatestValue::timestamp, LatestValue::value)
			.containsExactlyInAnyOrder(tuple(fresh, now - 30_000, 2.5), tuple(stale, now - 1_800_000, 8.25));
		assertThat(store().latest(SeriesSelector.metric(metric).where("resource", "2"), Duration.ofHours(1)))
			.extracting(LatestValue::series)
			.containsExactly(stale);
	}

	@Test
	void topAnswersTheSeriesWithTheHighestOrLowestNewestValuesInOrder() {
		String metric = uniqueMetric("top");
		long now = now();
		List<Sample> samples = new ArrayList<>();
		double[] newest = { 40, 95.5, 10, 70, 55 };
		for (int i = 0; i < newest.length; i++) {
			SeriesKey series = SeriesKey.of(metric, "resource", Integer.toString(i), "instance", "/");
			// an older, higher value that the newest one supersedes
			samples.add(new Sample(series, now - 240_000, 1000 + i));
			samples.add(new Sample(series, now - 60_000 + i, newest[i]));
		}
		// the highest of all, but older than the lookback
		samples.add(new Sample(SeriesKey.of(metric, "resource", "9", "instance", "/"), now - 3_600_000, 99.9));
		store().append(samples);
		settle();

		SeriesSelector all = SeriesSelector.metric(metric);
		Duration lookback = Duration.ofMinutes(10);
		assertThat(store().top(all, 3, true, lookback)).extracting(top -> top.series().label("resource"), LatestValue::value)
			.containsExactly(tuple("1", 95.5), tuple("3", 70.0), tuple("4", 55.0));
		assertThat(store().top(all, 2, false, lookback)).extracting(top -> top.series().label("resource"),
				LatestValue::timestamp, LatestValue::value)
			.containsExactly(tuple("2", now - 60_000 + 2, 10.0), tuple("0", now - 60_000, 40.0));
		assertThat(store().top(all, 10, true, lookback)).hasSize(5);
		assertThat(store().top(all.where("resource", Set.of("0", "2", "9")), 10, true, Duration.ofHours(2)))
			.extracting(top -> top.series().label("resource"))
			.containsExactly("9", "0", "2");
	}

	@Test
	void refusedSamplesAreNamedWithTheirReasonAndNothingOfThemIsStored() {
		long now = now();
		String good = uniqueMetric("good");
		String notFinite = uniqueMetric("not_finite");
		String future = uniqueMetric("future");
		String badLabel = uniqueMetric("bad_label");
		String tooMany = uniqueMetric("too_many");
		Map<String, String> seventeen = new TreeMap<>();
		for (int i = 0; i < SeriesKey.MAX_LABELS + 1; i++) {
			seventeen.put("l" + i, "v");
		}
		List<Sample> batch = List.of(new Sample(SeriesKey.of(good, "resource", "1"), now - 60_000, 1.0), // 0
				new Sample(SeriesKey.of(notFinite, "resource", "1"), now - 60_000, Double.NaN), // 1
				new Sample(SeriesKey.of(notFinite, "resource", "2"), now - 60_000, Double.POSITIVE_INFINITY), // 2
				new Sample(SeriesKey.of(notFinite, "resource", "3"), now - 60_000, Double.NEGATIVE_INFINITY), // 3
				new Sample(SeriesKey.of(future, "resource", "1"), now + Duration.ofMinutes(11).toMillis(), 1.0), // 4
				new Sample(SeriesKey.of("1" + good), now - 60_000, 1.0), // 5
				new Sample(SeriesKey.of(good + "-x"), now - 60_000, 1.0), // 6
				new Sample(SeriesKey.of("é" + good), now - 60_000, 1.0), // 7
				new Sample(SeriesKey.of("m".repeat(SeriesKey.MAX_METRIC_LENGTH + 1)), now - 60_000, 1.0), // 8
				new Sample(SeriesKey.of(badLabel, "__name", "x"), now - 60_000, 1.0), // 9
				new Sample(SeriesKey.of(badLabel, "bad-label", "x"), now - 60_000, 1.0), // 10
				new Sample(SeriesKey.of(badLabel, "resource", ""), now - 60_000, 1.0), // 11
				new Sample(SeriesKey.of(badLabel, "resource", "x".repeat(SeriesKey.MAX_LABEL_VALUE_LENGTH + 1)),
						now - 60_000, 1.0), // 12
				new Sample(SeriesKey.of(tooMany, seventeen), now - 60_000, 1.0), // 13
				new Sample(SeriesKey.of(good, "resource", "2"), now + Duration.ofMinutes(5).toMillis(), 2.0)); // 14

		AppendResult result = store().append(batch);
		settle();

		assertThat(result.accepted()).isEqualTo(2);
		assertThat(result.rejected()).extracting(Rejection::index, Rejection::reason)
			.containsExactly(tuple(1, Reason.NOT_FINITE), tuple(2, Reason.NOT_FINITE), tuple(3, Reason.NOT_FINITE),
					tuple(4, Reason.IN_FUTURE), tuple(5, Reason.BAD_METRIC_NAME), tuple(6, Reason.BAD_METRIC_NAME),
					tuple(7, Reason.BAD_METRIC_NAME), tuple(8, Reason.BAD_METRIC_NAME), tuple(9, Reason.BAD_LABEL),
					tuple(10, Reason.BAD_LABEL), tuple(11, Reason.BAD_LABEL), tuple(12, Reason.BAD_LABEL),
					tuple(13, Reason.TOO_MANY_LABELS));
		for (String refused : List.of(notFinite, future, badLabel, tooMany)) {
			assertThat(store().find(SeriesSelector.metric(refused), 10)).as(refused).isEmpty();
		}
		assertThat(store().find(SeriesSelector.metric(good), 10)).containsExactly(SeriesKey.of(good, "resource", "1"),
				SeriesKey.of(good, "resource", "2"));
		assertThat(store().latest(SeriesSelector.metric(good).where("resource", "1"), Duration.ofMinutes(10)))
			.extracting(LatestValue::value)
			.containsExactly(1.0);

		AppendResult nothing = store().append(List.of());
		assertThat(nothing.accepted()).isZero();
		assertThat(nothing.rejected()).isEmpty();
		AppendResult allRefused = store().append(List.of(new Sample(SeriesKey.of(notFinite), now, Double.NaN)));
		assertThat(allRefused.accepted()).isZero();
		assertThat(allRefused.rejected()).extracting(Rejection::index).containsExactly(0);
	}

	@Test
	void statusTellsTheKindHealthAndVolume() {
		String metric = uniqueMetric("status");
		long now = now();
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			samples.add(new Sample(SeriesKey.of(metric, "resource", Integer.toString(i % 5)), now - 600_000 + i * 1000L, i));
		}
		store().append(samples);
		settle();

		StoreStatus status = store().status();

		assertThat(status.kind()).isEqualTo(expectedKind()).isEqualTo(store().kind());
		assertThat(status.healthy()).isTrue();
		assertThat(status.problem()).isNull();
		assertThat(status.series()).isGreaterThanOrEqualTo(5);
		assertThat(status.samples()).isGreaterThanOrEqualTo(50);
		assertThat(status.diskBytes()).isGreaterThanOrEqualTo(-1);
		if (status.diskBytes() > 0) {
			assertThat(status.bytesPerSample()).isCloseTo((double) status.diskBytes() / status.samples(),
					org.assertj.core.data.Offset.offset(0.01));
		}
		else {
			assertThat(status.bytesPerSample()).isEqualTo(-1);
		}
		if (status.oldest() != null && status.newest() != null) {
			assertThat(status.oldest()).isBeforeOrEqualTo(status.newest());
			assertThat(status.newest()).isAfterOrEqualTo(Instant.ofEpochMilli(now - 600_000 + 49_000));
		}
		assertThat(status.partitions()).allSatisfy(partition -> assertThat(partition.samples()).isNotNegative());
	}

	private static long minuteAligned(long millis) {
		return millis - Math.floorMod(millis, 60_000L);
	}

	private static long[] times(long first, long every, int count) {
		long[] times = new long[count];
		for (int i = 0; i < count; i++) {
			times[i] = first + i * every;
		}
		return times;
	}

	private static Map<SeriesKey, SeriesPoints> bySeries(List<SeriesPoints> points) {
		Map<SeriesKey, SeriesPoints> bySeries = new LinkedHashMap<>();
		points.stream()
			.filter(series -> series.size() > 0)
			.sorted(Comparator.comparing(series -> series.series().toString()))
			.forEach(series -> bySeries.put(series.series(), series));
		return bySeries;
	}

	private static SeriesPoints single(List<SeriesPoints> points) {
		List<SeriesPoints> nonEmpty = points.stream().filter(series -> series.size() > 0).toList();
		assertThat(nonEmpty).hasSize(1);
		return nonEmpty.get(0);
	}

}
