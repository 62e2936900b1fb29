package io.opsguard.monitoring.store.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.opsguard.monitoring.store.AppendResult;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.Rejection.Reason;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesPoints.Resolution;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.store.StoreStatus;
import io.opsguard.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded engine with a moved clock: validation, seals, reopening, rollups, retention, queries. */
class EmbeddedMetricStoreTests {

	private static final long HOUR = 3_600_000L;

	/** Midnight UTC, 2026-03-01. */
	private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(START);

	private EmbeddedMetricStore store;

	private static final SeriesKey CPU = SeriesKey.of("cpu_usage", "resource", "7");

	private EmbeddedMetricStore open() {
		this.store = EmbeddedMetricStore.open(EmbeddedMetricStore.Settings.of(this.directory)
			.withMaintenanceInterval(Duration.ZERO)
			.withWalSegmentBytes(8 * 1024), this.clock);
		return this.store;
	}

	@AfterEach
	void close() {
		if (this.store != null) {
			this.store.close();
		}
	}

	private static Sample sample(SeriesKey key, long timestamp, double value) {
		return new Sample(key, timestamp, value);
	}

	private long now() {
		return this.clock.millis();
	}

	@Test
	void refusesBadSamplesByReasonAndStoresNothingOfThem() {
		open();
		long now = now();
		AppendResult result = this.store.append(List.of(sample(CPU, now, 1), sample(CPU, now - 1000, Double.NaN),
				sample(CPU, now - 2000, Double.POSITIVE_INFINITY), sample(CPU, now + Duration.ofMinutes(11).toMillis(), 1),
				sample(CPU, now - Duration.ofDays(94).toMillis(), 1), sample(SeriesKey.of("9bad"), now, 1),
				sample(SeriesKey.of("ok", "__name", "x"), now, 1), sample(SeriesKey.of("ok", "a", ""), now, 1),
				sample(new SeriesKey("ok", tooManyLabels()), now, 1), sample(CPU, Long.MAX_VALUE, 1)));
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(result.rejected()).extracting(r -> r.index() + ":" + r.reason())
			.containsExactly("1:NOT_FINITE", "2:NOT_FINITE", "3:IN_FUTURE", "4:TOO_OLD", "5:BAD_METRIC_NAME", "6:BAD_LABEL",
					"7:BAD_LABEL", "8:TOO_MANY_LABELS", "9:IN_FUTURE");
		assertThat(this.store.find(SeriesSelector.metric("ok"), 10)).isEmpty();
		assertThat(this.store.status().series()).isEqualTo(1);
	}

	private static java.util.TreeMap<String, String> tooManyLabels() {
		java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
		for (int i = 0; i <= SeriesKey.MAX_LABELS; i++) {
			labels.put("l" + i, "v");
		}
		return labels;
	}

	@Test
	void sameTimestampReplacesAndOutOfOrderInTheHeadIsSorted() {
		open();
		long t = now() - 10 * 60_000;
		this.store.append(List.of(sample(CPU, t + 20_000, 3), sample(CPU, t, 1), sample(CPU, t + 10_000, 2)));
		this.store.append(List.of(sample(CPU, t + 10_000, 22)));
		SeriesPoints points = this.store.range(SeriesSelector.metric("cpu_usage"), Instant.ofEpochMilli(t),
				Instant.ofEpochMilli(t + 20_000), null).get(0);
		assertThat(points.resolution()).isEqualTo(Resolution.RAW);
		assertThat(points.timestamps()).containsExactly(t, t + 10_000, t + 20_000);
		assertThat(points.values()).containsExactly(1, 22, 3);
		assertThat(this.store.latest(SeriesSelector.metric("cpu_usage"), Duration.ofHours(1)))
			.containsExactly(new LatestValue(CPU, t + 20_000, 3));
	}

	@Test
	void sealedDataSurvivesReopeningAndOlderSamplesAreRefused() {
		open();
		long base = now();
		List<Sample> batch = new ArrayList<>();
		for (int i = 1; i <= 360 * 3; i++) {
			batch.add(sample(CPU, base + i * 10_000L, i % 100 / 4.0));
		}
		this.clock.set(START.plus(Duration.ofMinutes(175)));
		assertThat(this.store.append(batch).accepted()).isEqualTo(batch.size());
		this.clock.advance(Duration.ofMinutes(10));
		this.store.maintain();
		// two hours sealed into the day's partition, the third still in the head
		StoreStatus status = this.store.status();
		assertThat(status.partitions()).hasSize(1);
		assertThat(status.partitions().get(0).samples()).isEqualTo(720);
		assertThat(status.samples()).isEqualTo(batch.size());
		AppendResult late = this.store.append(List.of(sample(CPU, base + HOUR, 5), sample(CPU, base + 2 * HOUR + 5, 5)));
		assertThat(late.rejected()).extracting(r -> r.index() + ":" + r.reason()).containsExactly("0:OUT_OF_ORDER");
		this.store.close();
		open();
		SeriesPoints points = this.store.range(SeriesSelector.metric("cpu_usage"), Instant.ofEpochMilli(base),
				Instant.ofEpochMilli(base + 3 * HOUR), null).get(0);
		assertThat(points.size()).isEqualTo(batch.size() + 1);
		assertThat(points.values()[0]).isEqualTo(batch.get(0).value());
		assertThat(points.values()[719]).isEqualTo(batch.get(719).value());
		assertThat(points.timestamps()[720]).isEqualTo(base + 2 * HOUR + 5);
		assertThat(points.values()[1080]).isEqualTo(batch.get(1079).value());
		assertThat(this.store.append(List.of(sample(CPU, base + HOUR, 5))).rejected()).extracting(r -> r.reason())
			.containsExactly(Reason.OUT_OF_ORDER);
		assertThat(this.store.latest(SeriesSelector.metric("cpu_usage"), Duration.ofHours(1)).get(0).timestamp())
			.isEqualTo(base + 3 * HOUR);
	}

	@Test
	void logSegmentsAreDeletedOnceSealed() throws Exception {
		open();
		long base = now();
		this.clock.set(START.plus(Duration.ofMinutes(40)));
		for (int i = 0; i < 2000; i++) {
			assertThat(this.store.append(List.of(sample(CPU, base + i * 1000L, i))).accepted()).isEqualTo(1);
		}
		assertThat(walFiles()).isGreaterThan(2);
		this.clock.set(START.plus(Duration.ofHours(3)));
		this.store.maintain();
		assertThat(walFiles()).isEqualTo(1);
		this.store.close();
		open();
		assertThat(this.store.range(SeriesSelector.metric("cpu_usage"), START, START.plus(Duration.ofHours(1)), null)
			.get(0)
			.size()).isEqualTo(2000);
	}

	private long walFiles() throws Exception {
		try (Stream<Path> files = Files.list(this.directory.resolve("wal"))) {
			return files.count();
		}
	}

	@Test
	void downsamplesIntoStepBucketsEndingAtMultiplesOfTheStep() {
		open();
		long base = now();
		this.clock.set(START.plus(Duration.ofMinutes(30)));
		// minute samples 0..29 with value = minute
		List<Sample> batch = new ArrayList<>();
		for (int m = 0; m < 30; m++) {
			batch.add(sample(CPU, base + m * 60_000L, m));
		}
		this.store.append(batch);
		SeriesPoints points = this.store.range(SeriesSelector.metric("cpu_usage"), Instant.ofEpochMilli(base),
				Instant.ofEpochMilli(base + 29 * 60_000L), Duration.ofMinutes(10)).get(0);
		assertThat(points.resolution()).isEqualTo(Resolution.STEP);
		// buckets (t - 10 min, t]: t = 0 holds minute 0; 10 holds 1..10; 20 holds 11..20
		assertThat(points.timestamps()).containsExactly(base, base + 600_000, base + 1_200_000);
		assertThat(points.values()).containsExactly(0, 5.5, 15.5);
		assertThat(points.min()).containsExactly(0, 1, 11);
		assertThat(points.max()).containsExactly(0, 10, 20);
	}

	@Test
	void hourlyRollupsAnswerLongStepsAndOutliveTheRawRetention() {
		open();
		long base = now();
		// two days of minute samples: value = hour of the day
		for (int day = 0; day < 2; day++) {
			this.clock.set(START.plus(Duration.ofDays(day + 1)));
			List<Sample> batch = new ArrayList<>();
			for (int m = 1; m <= 1440; m++) {
				long t = base + day * 86_400_000L + m * 60_000L;
				batch.add(sample(CPU, t, (m - 1) / 60));
			}
			assertThat(this.store.append(batch).accepted()).isEqualTo(1440);
		}
		this.clock.set(START.plus(Duration.ofDays(3)));
		this.store.maintain();
		assertThat(this.store.status().partitions()).extracting(p -> p.day() + ":" + p.rollup())
			.containsExactly("2026-03-01:false", "2026-03-01:true", "2026-03-02:false", "2026-03-02:true");
		SeriesPoints hourly = this.store.range(SeriesSelector.metric("cpu_usage"), START, START.plus(Duration.ofDays(2)),
				Duration.ofHours(1)).get(0);
		assertThat(hourly.resolution()).isEqualTo(Resolution.HOURLY);
		assertThat(hourly.size()).isEqualTo(48);
		assertThat(hourly.timestamps()[0]).isEqualTo(base + HOUR);
		assertThat(hourly.values()[0]).isEqualTo(0);
		assertThat(hourly.values()[23]).isEqualTo(23);
		SeriesPoints daily = this.store.range(SeriesSelector.metric("cpu_usage"), START, START.plus(Duration.ofDays(2)),
				Duration.ofDays(1)).get(0);
		assertThat(daily.timestamps()).containsExactly(base + 86_400_000L, base + 2 * 86_400_000L);
		assertThat(daily.values()).containsExactly(11.5, 11.5);
		assertThat(daily.min()).containsExactly(0, 0);
		assertThat(daily.max()).containsExactly(23, 23);
		// past the raw retention: partitions dropped, rollups answer, raw queries use them too
		this.clock.set(START.plus(Duration.ofDays(96)));
		this.store.maintain();
		assertThat(this.store.status().partitions()).allMatch(StoreStatus.Partition::rollup);
		SeriesPoints old = this.store.range(SeriesSelector.metric("cpu_usage"), START, START.plus(Duration.ofDays(1)),
				null).get(0);
		assertThat(old.resolution()).isEqualTo(Resolution.HOURLY);
		assertThat(old.size()).isEqualTo(24);
		this.store.close();
		open();
		assertThat(this.store.range(SeriesSelector.metric("cpu_usage"), START, START.plus(Duration.ofDays(2)),
				Duration.ofHours(1)).get(0).size()).isEqualTo(48);
		// past the rollup retention: nothing
		this.clock.set(START.plus(Duration.ofDays(403)));
		this.store.maintain();
		assertThat(this.store.status().partitions()).isEmpty();
		assertThat(this.store.range(SeriesSelector.metric("cpu_usage"), START, START.plus(Duration.ofDays(2)),
				Duration.ofHours(1))).isEmpty();
	}

	@Test
	void findsLatestAndTopBySelector() {
		open();
		long now = now();
		List<Sample> batch = new ArrayList<>();
		for (int r = 1; r <= 20; r++) {
			batch.add(sample(SeriesKey.of("net_in_bps", "resource", String.valueOf(r), "instance", "eth0"), now - 1000, r * 10));
			batch.add(sample(SeriesKey.of("net_in_bps", "resource", String.valueOf(r), "instance", "eth1"), now - 1000, r));
		}
		batch.add(sample(SeriesKey.of("net_in_bps", "resource", "99"), now - Duration.ofHours(2).toMillis(), 1e9));
		this.store.append(batch);
		SeriesSelector eth0 = SeriesSelector.metric("net_in_bps").where("instance", "eth0");
		assertThat(this.store.find(eth0, 100)).hasSize(20);
		assertThat(this.store.find(SeriesSelector.metric("net_in_bps").where("resource", List.of("3", "4")), 100))
			.extracting(SeriesKey::toString)
			.containsExactly("net_in_bps{instance=\"eth0\",resource=\"3\"}", "net_in_bps{instance=\"eth0\",resource=\"4\"}",
					"net_in_bps{instance=\"eth1\",resource=\"3\"}", "net_in_bps{instance=\"eth1\",resource=\"4\"}");
		assertThat(this.store.top(SeriesSelector.metric("net_in_bps"), 3, true, Duration.ofMinutes(5)))
			.extracting(LatestValue::value)
			.containsExactly(200.0, 190.0, 180.0);
		assertThat(this.store.top(eth0, 2, false, Duration.ofMinutes(5))).extracting(LatestValue::value)
			.containsExactly(10.0, 20.0);
		assertThat(this.store.top(SeriesSelector.metric("net_in_bps"), 1, true, Duration.ofHours(3)).get(0).value())
			.isEqualTo(1e9);
		assertThat(this.store.find(SeriesSelector.metric("nothing"), 10)).isEmpty();
	}

	@Test
	void concurrentAppendersShareFsyncsAndReadersSeeConsistentData() throws Exception {
		open();
		long base = now() - 60_000;
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Integer>> results = new ArrayList<>();
		for (int w = 0; w < 8; w++) {
			SeriesKey key = SeriesKey.of("load1", "resource", String.valueOf(w));
			results.add(pool.submit(() -> {
				int accepted = 0;
				for (int i = 0; i < 200; i++) {
					accepted += this.store.append(List.of(sample(key, base + i, i))).accepted();
				}
				return accepted;
			}));
		}
		results.add(pool.submit(() -> {
			for (int i = 0; i < 50; i++) {
				for (SeriesPoints points : this.store.range(SeriesSelector.metric("load1"), Instant.ofEpochMilli(base),
						Instant.ofEpochMilli(base + 1000), null)) {
					for (int k = 0; k < points.size(); k++) {
						assertThat(points.values()[k]).isEqualTo(points.timestamps()[k] - base);
					}
				}
			}
			return 0;
		}));
		int total = 0;
		for (Future<Integer> result : results) {
			total += result.get();
		}
		pool.shutdown();
		assertThat(total).isEqualTo(1600);
		assertThat(this.store.batchesPerFsync()).isGreaterThan(1.0);
		assertThat(this.store.status().samples()).isEqualTo(1600);
	}

	@Test
	void compactedDaysAreSmallAndStatusReportsVolume() {
		open();
		long base = now();
		List<Sample> batch = new ArrayList<>();
		for (int r = 0; r < 20; r++) {
			for (int i = 1; i <= 8640; i++) {
				batch.add(sample(SeriesKey.of("mem_usage", "resource", String.valueOf(r)), base + i * 10_000L,
						Math.round((50 + 10 * Math.sin((i + r * 300) / 500.0)) * 100) / 100.0));
			}
		}
		this.clock.set(START.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));
		assertThat(this.store.append(batch).accepted()).isEqualTo(batch.size());
		this.clock.set(START.plus(Duration.ofDays(2)));
		this.store.maintain();
		StoreStatus status = this.store.status();
		assertThat(status.samples()).isEqualTo(batch.size());
		assertThat(status.series()).isEqualTo(20);
		assertThat(status.oldest()).isEqualTo(Instant.ofEpochMilli(base + 10_000));
		assertThat(status.newest()).isEqualTo(Instant.ofEpochMilli(base + 8640 * 10_000L));
		assertThat(this.store.chunkBytesPerSample()).isLessThan(2.0);
		assertThat(status.healthy()).isTrue();
	}


	@Test
	void recoversFromATornLogTailAndAnUnfinishedSeal() throws Exception {
		open();
		long base = now();
		this.clock.set(START.plus(Duration.ofMinutes(50)));
		List<Sample> batch = new ArrayList<>();
		for (int i = 1; i <= 240; i++) {
			batch.add(sample(CPU, base + i * 10_000L, i));
		}
		this.store.append(batch);
		this.store.close();
		// a crash mid-write: half a record at the end of the log and of the series file
		Path segment;
		try (Stream<Path> files = Files.list(this.directory.resolve("wal"))) {
			segment = files.sorted().reduce((first, second) -> second).orElseThrow();
		}
		Files.write(segment, new byte[] { 0, 0, 0, 40, 1, 2, 3 }, java.nio.file.StandardOpenOption.APPEND);
		Files.write(this.directory.resolve("series.log"), new byte[] { 0, 0, 1 }, java.nio.file.StandardOpenOption.APPEND);
		// a crash after a seal wrote its chunk file but before it recorded the seal
		long[] t = { base + 10_000L, base + 20_000L };
		double[] v = { 1000, 2000 };
		ChunkFile.write(this.directory.resolve("raw").resolve("2026-03-01"), 999, false, new long[0],
				List.of(new ChunkFile.Chunk(0, t, v, 0, 2)).iterator());
		open();
		SeriesPoints points = this.store.range(SeriesSelector.metric("cpu_usage"), START, START.plus(Duration.ofHours(1)),
				null).get(0);
		assertThat(points.size()).isEqualTo(240);
		assertThat(points.values()[0]).isEqualTo(1);
		assertThat(this.store.append(List.of(sample(SeriesKey.of("after_crash"), now() - 1000, 1))).accepted()).isEqualTo(1);
		this.clock.set(START.plus(Duration.ofHours(2)));
		this.store.maintain();
		this.store.close();
		open();
		assertThat(this.store.range(SeriesSelector.metric("cpu_usage"), START, START.plus(Duration.ofHours(1)), null)
			.get(0)
			.values()).hasSize(240).startsWith(1, 2, 3);
		assertThat(this.store.find(SeriesSelector.metric("after_crash"), 1)).hasSize(1);
	}

	@Test
	void aSecondOpeningOfTheSameDirectoryIsRefused() {
		open();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedMetricStore.open(
				EmbeddedMetricStore.Settings.of(this.directory).withMaintenanceInterval(Duration.ZERO), this.clock))
			.hasMessageContaining("metric store");
	}

}
