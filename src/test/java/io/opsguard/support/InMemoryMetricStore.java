package io.opsguard.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import io.opsguard.monitoring.store.AppendResult;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Rejection;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.store.StoreStatus;

/**
 * The simplest {@link MetricStore} that passes the contract ({@code InMemoryMetricStoreTests}): a
 * sorted map per series, on a clock the test moves. For tests of what is built on the store
 * (analysis, self-monitoring) without a store's machinery; the real stores have their own tests.
 */
public final class InMemoryMetricStore implements MetricStore {

	private final Map<String, Entry> series = new ConcurrentSkipListMap<>();

	private final Clock clock;

	public InMemoryMetricStore(Clock clock) {
		this.clock = clock;
	}

	private record Entry(SeriesKey key, TreeMap<Long, Double> samples) {
	}

	@Override
	public String kind() {
		return "memory";
	}

	@Override
	public synchronized AppendResult append(List<Sample> samples) {
		long now = this.clock.millis();
		List<Rejection> rejected = new ArrayList<>();
		int accepted = 0;
		for (int i = 0; i < samples.size(); i++) {
			Sample sample = samples.get(i);
			Rejection.Reason reason = sample.series().problem();
			if (reason == null && !Double.isFinite(sample.value())) {
				reason = Rejection.Reason.NOT_FINITE;
			}
			if (reason == null && sample.timestamp() > now + Duration.ofMinutes(10).toMillis()) {
				reason = Rejection.Reason.IN_FUTURE;
			}
			if (reason != null) {
				rejected.add(new Rejection(i, reason));
				continue;
			}
			this.series.computeIfAbsent(sample.series().toString(), key -> new Entry(sample.series(), new TreeMap<>()))
				.samples()
				.put(sample.timestamp(), sample.value());
			accepted++;
		}
		return new AppendResult(accepted, rejected);
	}

	@Override
	public List<SeriesKey> find(SeriesSelector selector, int limit) {
		return matching(selector).stream().map(Entry::key).limit(Math.max(0, limit)).toList();
	}

	@Override
	public synchronized List<SeriesPoints> range(SeriesSelector selector, Instant from, Instant to, Duration step) {
		List<SeriesPoints> points = new ArrayList<>();
		for (Entry entry : matching(selector)) {
			var window = entry.samples().subMap(from.toEpochMilli(), true, to.toEpochMilli(), true);
			if (step == null || step.isZero()) {
				points.add(new SeriesPoints(entry.key(), SeriesPoints.Resolution.RAW,
						window.keySet().stream().mapToLong(Long::longValue).toArray(),
						window.values().stream().mapToDouble(Double::doubleValue).toArray(), null, null));
				continue;
			}
			long size = step.toMillis();
			TreeMap<Long, double[]> buckets = new TreeMap<>();
			window.forEach((time, value) -> {
				double[] bucket = buckets.computeIfAbsent(Math.floorDiv(time + size - 1, size) * size,
						t -> new double[] { 0, 0, Double.MAX_VALUE, -Double.MAX_VALUE });
				bucket[0] += value;
				bucket[1]++;
				bucket[2] = Math.min(bucket[2], value);
				bucket[3] = Math.max(bucket[3], value);
			});
			points.add(new SeriesPoints(entry.key(), SeriesPoints.Resolution.STEP,
					buckets.keySet().stream().mapToLong(Long::longValue).toArray(),
					buckets.values().stream().mapToDouble(bucket -> bucket[0] / bucket[1]).toArray(),
					buckets.values().stream().mapToDouble(bucket -> bucket[2]).toArray(),
					buckets.values().stream().mapToDouble(bucket -> bucket[3]).toArray()));
		}
		return points;
	}

	@Override
	public synchronized List<LatestValue> latest(SeriesSelector selector, Duration lookback) {
		long oldest = this.clock.millis() - lookback.toMillis();
		List<LatestValue> latest = new ArrayList<>();
		for (Entry entry : matching(selector)) {
			Map.Entry<Long, Double> last = entry.samples().lastEntry();
			if (last != null && last.getKey() >= oldest) {
				latest.add(new LatestValue(entry.key(), last.getKey(), last.getValue()));
			}
		}
		return latest;
	}

	@Override
	public List<LatestValue> top(SeriesSelector selector, int n, boolean highest, Duration lookback) {
		Comparator<LatestValue> byValue = Comparator.comparingDouble(LatestValue::value);
		return latest(selector, lookback).stream()
			.sorted((highest ? byValue.reversed() : byValue).thenComparing(value -> value.series().toString()))
			.limit(Math.max(0, n))
			.toList();
	}

	@Override
	public synchronized StoreStatus status() {
		long samples = this.series.values().stream().mapToLong(entry -> entry.samples().size()).sum();
		Long oldest = this.series.values().stream().map(e -> e.samples().firstKey()).min(Long::compare).orElse(null);
		Long newest = this.series.values().stream().map(e -> e.samples().lastKey()).max(Long::compare).orElse(null);
		return new StoreStatus(kind(), true, null, this.series.size(), samples, -1, -1,
				oldest == null ? null : Instant.ofEpochMilli(oldest), newest == null ? null : Instant.ofEpochMilli(newest),
				List.of());
	}

	private synchronized List<Entry> matching(SeriesSelector selector) {
		return this.series.values().stream().filter(entry -> selector.matches(entry.key())).toList();
	}

}
