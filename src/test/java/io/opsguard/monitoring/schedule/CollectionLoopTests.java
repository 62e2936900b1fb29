package io.opsguard.monitoring.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionLoopTests {

	@Test
	void runsEveryJobAtItsIntervalNeverTwiceAtOnceAndForgetsRemovedOnes() throws Exception {
		Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
		AtomicInteger overlapping = new AtomicInteger();
		AtomicInteger slowRunning = new AtomicInteger();
		LongAdder skipped = new LongAdder();
		CollectionLoop.Listener listener = new CollectionLoop.Listener() {

			@Override
			public void started(long lateMillis, long intervalMillis) {
			}

			@Override
			public void skipped() {
				skipped.increment();
			}

		};
		try (CollectionLoop loop = new CollectionLoop(System::currentTimeMillis, 10, 8, 100, listener, "test-loop")) {
			for (long id = 1; id <= 20; id++) {
				long job = id;
				loop.put(id, 100, due -> runs.computeIfAbsent(job, k -> new AtomicInteger()).incrementAndGet());
			}
			loop.put(99, 50, due -> {
				if (slowRunning.incrementAndGet() > 1) {
					overlapping.incrementAndGet();
				}
				try {
					Thread.sleep(170);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				slowRunning.decrementAndGet();
			});
			Thread.sleep(1_050);
			loop.remove(5);
			int fifth = runs.get(5L).get();
			Thread.sleep(300);
			assertThat(runs.get(5L).get()).as("a removed job stops").isEqualTo(fifth);
			for (long id = 1; id <= 20; id++) {
				if (id != 5) {
					assertThat(runs.get(id).get()).as("job %d ran about once per 100 ms", id).isBetween(9, 15);
				}
			}
			assertThat(overlapping.get()).as("a job never runs twice at once").isZero();
			assertThat(skipped.sum()).as("a job still running is skipped").isPositive();
			assertThat(loop.size()).isEqualTo(20);
		}
	}

}
