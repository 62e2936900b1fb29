package io.opsguard.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.support.InMemoryMetricStore;
import io.opsguard.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SelfMetricsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final InMemoryMetricStore store = new InMemoryMetricStore(this.clock);

	private final SelfMetrics self = new SelfMetrics(this.registry, this.store, this.clock, "node-1");

	@Test
	void gaugesAreCopiedWithTheNodeLabelSummedOverTheTagsNotKept() {
		Gauge.builder("jvm.memory.used", () -> 100).tags("area", "heap", "id", "eden").register(this.registry);
		Gauge.builder("jvm.memory.used", () -> 50).tags("area", "heap", "id", "old").register(this.registry);
		Gauge.builder("jvm.memory.used", () -> 30).tags("area", "nonheap", "id", "metaspace").register(this.registry);
		Gauge.builder("jvm.unselected", () -> 1).register(this.registry);
		AtomicInteger backlog = new AtomicInteger(12);
		Gauge.builder("opsguard.collect.backlog", backlog, AtomicInteger::get).tags("protocol", "snmp").register(this.registry);

		this.self.record();

		assertThat(latest("opsguard_jvm_memory_used")).extracting(LatestValue::series, LatestValue::value)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(SeriesKey.of("opsguard_jvm_memory_used", "area", "heap", "node", "node-1"),
							150.0),
					org.assertj.core.groups.Tuple.tuple(
							SeriesKey.of("opsguard_jvm_memory_used", "area", "nonheap", "node", "node-1"), 30.0));
		assertThat(latest("opsguard_collect_backlog")).singleElement().satisfies(value -> {
			assertThat(value.series()).isEqualTo(SeriesKey.of("opsguard_collect_backlog", "protocol", "snmp", "node", "node-1"));
			assertThat(value.value()).isEqualTo(12.0);
			assertThat(value.series().label(SeriesKey.RESOURCE)).isNull();
		});
		assertThat(this.store.find(SeriesSelector.metric("opsguard_jvm_unselected"), 10)).isEmpty();
		assertThat(latest("opsguard_store_healthy")).extracting(LatestValue::value).containsExactly(1.0);
	}

	@Test
	void countersAndTimersBecomeRatesAndAveragesOverTheMinute() {
		Counter errors = Counter.builder("opsguard.collect.failures").register(this.registry);
		Timer requests = Timer.builder("http.server.requests").tags("uri", "/api/v1/tickets", "status", "200")
			.register(this.registry);
		Timer other = Timer.builder("http.server.requests").tags("uri", "/api/v1/users", "status", "200")
			.register(this.registry);
		errors.increment(5);
		requests.record(10, TimeUnit.MILLISECONDS);

		this.self.record();
		assertThat(this.store.find(SeriesSelector.metric("opsguard_http_server_requests_per_second"), 10))
			.as("no rate on the first run")
			.isEmpty();

		this.clock.advance(Duration.ofSeconds(60));
		errors.increment(120);
		for (int i = 0; i < 90; i++) {
			requests.record(20, TimeUnit.MILLISECONDS);
		}
		for (int i = 0; i < 30; i++) {
			other.record(60, TimeUnit.MILLISECONDS);
		}
		this.self.record();

		assertThat(latest("opsguard_collect_failures_per_second")).singleElement()
			.satisfies(rate -> assertThat(rate.value()).isCloseTo(2.0, within(1e-9)));
		assertThat(latest("opsguard_http_server_requests_per_second")).singleElement().satisfies(rate -> {
			assertThat(rate.series()).isEqualTo(SeriesKey.of("opsguard_http_server_requests_per_second", "node", "node-1"));
			assertThat(rate.value()).isCloseTo(2.0, within(1e-9));
		});
		assertThat(latest("opsguard_http_server_requests_avg_ms")).singleElement()
			.satisfies(average -> assertThat(average.value()).isCloseTo(30.0, within(1e-6)));
	}

	private java.util.List<LatestValue> latest(String metric) {
		return this.store.latest(SeriesSelector.metric(metric), Duration.ofMinutes(5));
	}

}
