package io.opsguard.monitoring.store.embedded;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;

/**
 * The child process of {@link EmbeddedStoreCrashIT}: appends batch after batch (batch {@code i}:
 * one sample per series at {@code base + i s} with value {@code i}) from several threads and prints
 * {@code ACK <thread> <i>} once each append has returned, until it is killed.
 */
public final class CrashingAppender {

	static final int SERIES = 10;

	static final int THREADS = 4;

	private CrashingAppender() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		long base = Long.parseLong(args[1]);
		EmbeddedMetricStore store = EmbeddedMetricStore.open(EmbeddedMetricStore.Settings.of(directory)
			.withMaintenanceInterval(Duration.ofMillis(200))
			.withWalSegmentBytes(256 * 1024), Clock.systemUTC());
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			Thread worker = new Thread(() -> {
				for (int i = 0;; i++) {
					List<Sample> batch = new ArrayList<>();
					for (int s = 0; s < SERIES; s++) {
						batch.add(new Sample(key(thread, s), base + i * 1000L, i));
					}
					if (store.append(batch).accepted() != SERIES) {
						System.out.println("REFUSED " + thread + " " + i);
					}
					synchronized (System.out) {
						System.out.println("ACK " + thread + " " + i);
						System.out.flush();
					}
				}
			});
			worker.start();
			threads.add(worker);
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

	static SeriesKey key(int thread, int series) {
		return SeriesKey.of("crash_test", "thread", String.valueOf(thread), "series", String.valueOf(series));
	}

}
