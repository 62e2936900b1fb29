package io.opsguard.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.schedule.CollectionLoop;
import io.opsguard.monitoring.schedule.CounterRates;
import io.opsguard.monitoring.schedule.MetricDerivation;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;

/**
 * The collection scheduler under the load (R-SYS-03): 7,000 simulated monitors — 5,000
 * SNMP-like (20–60 ms, 24 values), 1,000 SSH-like (150–450 ms, 30 values), 1,000 HTTP-like (40–160 ms,
 * 4 values) — spread over the core/key/general classes at their intervals, each collection derived
 * and appended to the application's metric store as in production, with the production default of
 * 64 workers. The figure: collections that started later than a tenth of their interval, target
 * under 1 %, over 300 s (more than one interval of every class). {@code -Dbenchmark.scheduler.speedup=N}
 * divides the intervals (not the collection times) for a harsher or quicker look,
 * {@code -Dbenchmark.scheduler.seconds}, {@code -Dbenchmark.scheduler.workers}.
 */
class SchedulerBenchmark implements Benchmark {

	static final MonitorType TYPE = MonitorTypeParser.parse("""
			id: bench-host
			name: {zh-CN: 基准, en: Benchmark}
			category: host
			protocol: bench
			metrics:
			  - {name: cpu_usage, label: cpu, unit: percent, source: {x: 1}}
			  - {name: mem_usage, label: mem, unit: percent, source: {x: 1}}
			  - {name: if_in_bps, label: in, unit: bits_per_second, kind: counter, scale: 8, instance: if, source: {x: 1}}
			  - {name: if_out_bps, label: out, unit: bits_per_second, kind: counter, scale: 8, instance: if, source: {x: 1}}
			  - {name: if_oper_status, label: status, unit: state, instance: if, source: {x: 1}}
			""", true);

	@Override
	public String name() {
		return "scheduler";
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		if (!context.database().equals("h2")) {
			return List.of(); // the scheduler does not touch the database per collection: once is enough
		}
		int speedup = Integer.getInteger("benchmark.scheduler.speedup", 1);
		int seconds = Integer.getInteger("benchmark.scheduler.seconds", 300);
		int workers = Integer.getInteger("benchmark.scheduler.workers", 64);
		MetricStore store = context.bean(MetricStore.class);
		MetricDerivation derivation = new MetricDerivation(new CounterRates());
		LongAdder started = new LongAdder();
		LongAdder late = new LongAdder();
		LongAdder skipped = new LongAdder();
		LongAdder samples = new LongAdder();
		Latencies lateness = new Latencies();
		AtomicLong measuringFrom = new AtomicLong(Long.MAX_VALUE);
		CollectionLoop.Listener listener = new CollectionLoop.Listener() {

			@Override
			public void started(long lateMillis, long intervalMillis) {
				if (System.currentTimeMillis() < measuringFrom.get()) {
					return;
				}
				started.increment();
				lateness.add(lateMillis * 1_000_000);
				if (lateMillis > intervalMillis / 10) {
					late.increment();
				}
			}

			@Override
			public void skipped() {
				skipped.increment();
			}

		};
		long[] intervals = { 60_000 / speedup, 120_000 / speedup, 240_000 / speedup };
		try (CollectionLoop loop = new CollectionLoop(System::currentTimeMillis, 250, workers, 10_000, listener, "bench-collect")) {
			for (int i = 0; i < 7_000; i++) {
				long id = i + 1;
				int kind = i < 5_000 ? 0 : i < 6_000 ? 1 : 2;
				int[] latency = kind == 0 ? new int[] { 20, 60 } : kind == 1 ? new int[] { 150, 450 } : new int[] { 40, 160 };
				int rows = kind == 0 ? 8 : kind == 1 ? 10 : 1;
				long interval = intervals[i % 3];
				long[] octets = new long[rows];
				loop.put(id, interval, due -> {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					try {
						Thread.sleep(random.nextInt(latency[0], latency[1]));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					List<CollectedValue> values = new ArrayList<>();
					values.add(CollectedValue.of("cpu_usage", Math.round(random.nextDouble(5, 60) * 10) / 10.0));
					values.add(CollectedValue.of("mem_usage", Math.round(random.nextDouble(30, 80) * 10) / 10.0));
					for (int r = 0; r < rows; r++) {
						octets[r] += random.nextLong(1_000, 5_000_000);
						values.add(new CollectedValue("if_in_bps", "eth" + r, octets[r]));
						values.add(new CollectedValue("if_out_bps", "eth" + r, octets[r] / 2));
						values.add(new CollectedValue("if_oper_status", "eth" + r, 1));
					}
					var stored = derivation.samples(TYPE, id, id, CollectionResult.success(values), due, 30);
					store.append(stored);
					samples.add(stored.size());
				});
			}
			// the first interval fills the wheel; measure after the longest interval once
			Thread.sleep(Math.min(intervals[0], 10_000));
			measuringFrom.set(System.currentTimeMillis());
			long start = System.nanoTime();
			Thread.sleep(seconds * 1000L);
			double elapsed = (System.nanoTime() - start) / 1e9;
			double latePercent = started.sum() == 0 ? 100 : 100.0 * late.sum() / started.sum();
			return List.of(
					Figure.atMost("collections started late by > 10 % of their interval (7,000 monitors" + (speedup == 1 ? "" : ", time ×" + speedup) + ")",
							latePercent, "%", 1).remark(started.sum() + " collections in " + Math.round(elapsed) + " s"),
					Figure.info("collection start lateness p99", lateness.percentileMillis(99), "ms"),
					Figure.info("collections per second", started.sum() / elapsed, "/s"),
					Figure.info("samples stored per second", samples.sum() / elapsed, "/s"),
					Figure.info("collections skipped (still running or no worker)", skipped.sum(), ""));
		}
	}

}
