package io.opsguard.monitoring.store.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged write survives {@code kill -9}: a child JVM appends from several threads and
 * prints each acknowledged batch; the test kills it with SIGKILL mid-stream, reopens the store and
 * finds every acknowledged sample (and nothing corrupt). The samples start two hours back, so the
 * child's maintenance seals hours and deletes log segments while it is killed.
 */
class EmbeddedStoreCrashIT {

	@TempDir
	Path directory;

	@Test
	void acknowledgedSamplesSurviveKillNine() throws Exception {
		long base = (System.currentTimeMillis() / 1000) * 1000 - Duration.ofHours(2).toMillis();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				CrashingAppender.class.getName(), this.directory.toString(), String.valueOf(base))
			.redirectErrorStream(true)
			.start();
		AtomicIntegerArray acknowledged = new AtomicIntegerArray(CrashingAppender.THREADS);
		for (int t = 0; t < CrashingAppender.THREADS; t++) {
			acknowledged.set(t, -1);
		}
		StringBuilder other = new StringBuilder();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("ACK ")) {
						String[] parts = line.split(" ");
						acknowledged.set(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
					}
					else if (other.length() < 10_000) {
						other.append(line).append('\n');
					}
				}
			}
			catch (java.io.IOException ex) {
				// the child died
			}
		});
		reader.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (acknowledged.get(0) < 3000 && System.nanoTime() < deadline && child.isAlive()) {
			Thread.sleep(20);
		}
		assertThat(child.isAlive()).as(other.toString()).isTrue();
		child.destroyForcibly();
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		reader.join(10_000);
		assertThat(other.toString()).doesNotContain("REFUSED").doesNotContain("Exception");
		try (EmbeddedMetricStore store = EmbeddedMetricStore.open(
				EmbeddedMetricStore.Settings.of(this.directory).withMaintenanceInterval(Duration.ZERO), Clock.systemUTC())) {
			for (int t = 0; t < CrashingAppender.THREADS; t++) {
				int last = acknowledged.get(t);
				assertThat(last).as("thread %d acknowledged batches", t).isGreaterThan(0);
				for (int s = 0; s < CrashingAppender.SERIES; s++) {
					SeriesSelector selector = SeriesSelector.metric("crash_test").where("thread", String.valueOf(t))
						.where("series", String.valueOf(s));
					SeriesPoints points = store.range(selector, Instant.ofEpochMilli(base),
							Instant.ofEpochMilli(base + last * 1000L), null).get(0);
					assertThat(points.size()).as("thread %d series %d", t, s).isEqualTo(last + 1);
					for (int i = 0; i <= last; i++) {
						assertThat(points.timestamps()[i]).isEqualTo(base + i * 1000L);
						assertThat(points.values()[i]).isEqualTo(i);
					}
				}
			}
			assertThat(store.status().healthy()).isTrue();
		}
	}

}
