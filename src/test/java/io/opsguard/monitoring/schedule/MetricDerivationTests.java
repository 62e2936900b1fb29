package io.opsguard.monitoring.schedule;

import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricDerivationTests {

	static final MonitorType HOST = MonitorTypeParser.parse("""
			id: test-host
			name: {zh-CN: 测试主机, en: Test host}
			category: host
			protocol: test
			metrics:
			  - {name: net_in_bps, label: 入流量, unit: bits_per_second, kind: counter, scale: 8, instance: 网卡, source: {field: rx}}
			  - {name: fs_size, label: 大小, unit: bytes, instance: 挂载点, hidden: true, source: {field: size}}
			  - {name: fs_free, label: 可用, unit: bytes, instance: 挂载点, hidden: true, source: {field: free}}
			  - {name: fs_usage, label: 使用率, unit: percent, instance: 挂载点, compute: "100 * (fs_size - fs_free) / fs_size"}
			  - {name: mem_total, label: 内存, unit: bytes, source: {field: total}}
			  - {name: mem_avail, label: 可用内存, unit: bytes, hidden: true, source: {field: avail}}
			  - {name: mem_usage, label: 内存使用率, unit: percent, compute: "100 - 100 * mem_avail / mem_total"}
			""", true);

	@Test
	void countersBecomeScaledRatesFromTheSecondCollectionAndResetsYieldNothing() {
		MetricDerivation derivation = new MetricDerivation(new CounterRates());
		CollectionResult first = CollectionResult.success(List.of(new CollectedValue("net_in_bps", "eth0", 1_000)));
		assertThat(derivation.values(HOST, 7, first, 0).getOrDefault("eth0", Map.of()).get("net_in_bps")).isNaN();
		CollectionResult second = CollectionResult.success(List.of(new CollectedValue("net_in_bps", "eth0", 61_000)));
		assertThat(derivation.values(HOST, 7, second, 60_000).get("eth0").get("net_in_bps")).isCloseTo(8_000, within(1e-9));
		CollectionResult reset = CollectionResult.success(List.of(new CollectedValue("net_in_bps", "eth0", 10)));
		assertThat(derivation.values(HOST, 7, reset, 120_000).get("eth0").get("net_in_bps")).isNaN();
	}

	@Test
	void computedMetricsUseTheirRowAndHiddenOnesAreNotStored() {
		MetricDerivation derivation = new MetricDerivation(new CounterRates());
		CollectionResult result = CollectionResult.success(List.of(new CollectedValue("fs_size", "/", 100),
				new CollectedValue("fs_free", "/", 25), new CollectedValue("fs_size", "/data", 400),
				new CollectedValue("fs_free", "/data", 400), CollectedValue.of("mem_total", 8), CollectedValue.of("mem_avail", 2)));
		List<Sample> samples = derivation.samples(HOST, 340, 12, result, 1_000, 35);
		assertThat(samples).extracting(s -> s.series().metric()).doesNotContain("fs_size", "fs_free", "mem_avail");
		assertThat(value(samples, SeriesKey.of("fs_usage", "resource", "340", "monitor", "12", "instance", "/"))).isEqualTo(75);
		assertThat(value(samples, SeriesKey.of("fs_usage", "resource", "340", "monitor", "12", "instance", "/data"))).isZero();
		assertThat(value(samples, SeriesKey.of("mem_usage", "resource", "340", "monitor", "12"))).isEqualTo(75);
		assertThat(value(samples, SeriesKey.of("mem_total", "resource", "340", "monitor", "12"))).isEqualTo(8);
		assertThat(value(samples, SeriesKey.of("collect_success", "resource", "340", "monitor", "12"))).isEqualTo(1);
		assertThat(value(samples, SeriesKey.of("collect_duration", "resource", "340", "monitor", "12"))).isEqualTo(35);
		assertThat(samples).allMatch(s -> s.timestamp() == 1_000);
	}

	@Test
	void aFailedCollectionStillRecordsThatItFailed() {
		MetricDerivation derivation = new MetricDerivation(new CounterRates());
		List<Sample> samples = derivation.samples(HOST, 1, 2, CollectionResult.failure(Outcome.TIMEOUT, "no answer"), 5, 3_000);
		assertThat(samples).extracting(s -> s.series().metric()).containsExactly("collect_success", "collect_duration");
		assertThat(samples.get(0).value()).isZero();
	}

	@Test
	void aDivisionByZeroOrAMissingInputStoresNothingRatherThanAWrongValue() {
		MetricDerivation derivation = new MetricDerivation(new CounterRates());
		CollectionResult result = CollectionResult.success(List.of(new CollectedValue("fs_size", "/", 0),
				new CollectedValue("fs_free", "/", 0), CollectedValue.of("mem_total", 8)));
		List<Sample> samples = derivation.samples(HOST, 1, 2, result, 5, 1);
		assertThat(samples).extracting(s -> s.series().metric()).doesNotContain("fs_usage", "mem_usage").contains("mem_total");
	}

	private static double value(List<Sample> samples, SeriesKey key) {
		return samples.stream().filter(s -> s.series().equals(key)).findFirst().orElseThrow(() -> new AssertionError(key + " in " + samples)).value();
	}

}
