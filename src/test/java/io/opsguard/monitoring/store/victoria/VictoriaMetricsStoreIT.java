package io.opsguard.monitoring.store.victoria;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.MetricStoreContract;
import io.opsguard.monitoring.store.Rejection;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.support.VictoriaMetricsPeer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The VictoriaMetrics store against Debian's victoria-metrics: the contract, and what only it has. */
class VictoriaMetricsStoreIT extends MetricStoreContract {

	private static VictoriaMetricsPeer peer;

	private static VictoriaMetricsStore store;

	@BeforeAll
	static void startVictoriaMetrics() {
		peer = VictoriaMetricsPeer.start();
		store = new VictoriaMetricsStore(
				new VictoriaMetricsProperties(peer.url(), Duration.ofSeconds(10), Duration.ofDays(31)), Clock.systemUTC());
	}

	@AfterAll
	static void stopVictoriaMetrics() {
		if (peer != null) {
			peer.close();
		}
	}

	@Override
	protected MetricStore store() {
		return store;
	}

	@Override
	protected void settle() {
		peer.forceFlush();
	}

	@Override
	protected String expectedKind() {
		return "victoriametrics";
	}

	@Test
	void samplesOlderThanTheRetentionAreRefusedInsteadOfDroppedSilently() {
		String metric = uniqueMetric("old");
		long now = System.currentTimeMillis();
		var result = store.append(List.of(new Sample(SeriesKey.of(metric), now - Duration.ofDays(32).toMillis(), 1),
				new Sample(SeriesKey.of(metric), now - Duration.ofDays(30).toMillis(), 2)));
		settle();

		assertThat(result.rejected()).extracting(Rejection::index, Rejection::reason)
			.containsExactly(tuple(0, Rejection.Reason.TOO_OLD));
		assertThat(store.find(SeriesSelector.metric(metric), 10)).hasSize(1);
	}

	@Test
	void labelValuesAreMatchedLiterallyNotAsPatterns() {
		String metric = uniqueMetric("literal");
		long now = System.currentTimeMillis();
		store.append(List.of(new Sample(SeriesKey.of(metric, "instance", "/var/log (x)"), now - 1000, 1),
				new Sample(SeriesKey.of(metric, "instance", "/var/logs"), now - 1000, 2),
				new Sample(SeriesKey.of(metric, "instance", "C:\\ \"sys\""), now - 1000, 3)));
		settle();

		assertThat(store.find(SeriesSelector.metric(metric).where("instance", List.of("/var/log (x)", "C:\\ \"sys\"")), 10))
			.extracting(key -> key.label("instance"))
			.containsExactly("/var/log (x)", "C:\\ \"sys\"");
		assertThat(store.find(SeriesSelector.metric(metric).where("instance", "/var/log.*"), 10)).isEmpty();
		assertThat(store.find(SeriesSelector.metric("not a metric{"), 10)).isEmpty();
	}

	@Test
	void anUnreachableVictoriaMetricsAcknowledgesNothingAndReportsItself() {
		VictoriaMetricsStore nowhere = new VictoriaMetricsStore(new VictoriaMetricsProperties(
				java.net.URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2), Duration.ofDays(31)), Clock.systemUTC());

		assertThatThrownBy(() -> nowhere.append(List.of(new Sample(SeriesKey.of("x"), System.currentTimeMillis(), 1))))
			.isInstanceOf(VictoriaMetricsException.class)
			.hasMessageContaining("cannot be reached");
		assertThat(nowhere.status()).satisfies(status -> {
			assertThat(status.healthy()).isFalse();
			assertThat(status.problem()).contains("127.0.0.1:1");
		});
	}

	@Test
	void aVictoriaMetricsWithoutDeduplicationIsReportedUnhealthy() {
		try (VictoriaMetricsPeer plain = VictoriaMetricsPeer.start("-dedup.minScrapeInterval=0s")) {
			VictoriaMetricsStore undeduplicated = new VictoriaMetricsStore(
					new VictoriaMetricsProperties(plain.url(), Duration.ofSeconds(10), Duration.ofDays(31)), Clock.systemUTC());

			assertThat(undeduplicated.status().healthy()).isFalse();
			assertThat(undeduplicated.status().problem()).contains("-dedup.minScrapeInterval=1ms");
		}
	}

}
