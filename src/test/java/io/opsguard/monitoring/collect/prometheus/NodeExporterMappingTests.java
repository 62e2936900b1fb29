package io.opsguard.monitoring.collect.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.store.exposition.PrometheusText;
import io.opsguard.monitoring.template.MonitorType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The node-exporter template maps node_exporter's families to the shared host metrics. */
class NodeExporterMappingTests {

	private static String fixture(String name) throws IOException {
		try (InputStream in = NodeExporterMappingTests.class.getResourceAsStream("/monitoring/exposition/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void mapsCpuMemoryFileSystemsNetworkLoadAndUptime() throws IOException {
		MonitorType type = Probes.template("node-exporter");
		CollectionResult result = PrometheusCollector.map(type, PrometheusText.parse(fixture("node-exporter.prom")),
				"http://host:9100/metrics", 1);
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		// idle and all CPU seconds, summed over both CPUs, as raw counters
		assertThat(Probes.value(result, "cpu_idle_seconds")).hasValue(7517.71 + 7271.83);
		assertThat(Probes.value(result, "cpu_total_seconds").orElseThrow()).isGreaterThan(7517.71 + 7271.83 + 25000);
		assertThat(Probes.value(result, "cpu_cores")).hasValue(2.0);
		assertThat(Probes.value(result, "load1")).hasValue(0.57);
		assertThat(Probes.value(result, "up")).hasValue(1.0);
		assertThat(Probes.value(result, "mem_total")).hasValue(2.5276182528e+10);
		assertThat(Probes.value(result, "mem_available")).hasValue(2.469343232e+10);
		// one row per real file system; tmpfs is left out
		assertThat(Probes.value(result, "fs_size", "/")).hasValue(2.70553174016e+11);
		assertThat(Probes.value(result, "fs_avail", "/data")).hasValue(300.0);
		assertThat(Probes.value(result, "fs_free", "/data")).hasValue(400.0);
		assertThat(Probes.value(result, "fs_size", "/run")).isEmpty();
		// network counters per interface, loopback left out
		assertThat(Probes.value(result, "net_in_bps", "eth0")).hasValue(2.589099454e+09);
		assertThat(Probes.value(result, "net_in_bps", "lo")).isEmpty();
		assertThat(Probes.value(result, "node_time").orElseThrow() - Probes.value(result, "boot_time").orElseThrow())
			.isBetween(0.0, 1e6);
		// computed metrics are left to the scheduler
		assertThat(result.values()).noneMatch(v -> v.metric().equals("cpu_usage") || v.metric().equals("fs_usage"));
	}

	@Test
	void theGenericTemplateReportsTheScrapeItself() {
		MonitorType type = Probes.template("prometheus-generic");
		CollectionResult result = PrometheusCollector.map(type,
				PrometheusText.parse("a_metric 1\nanother{x=\"y\"} 2\nbroken\n"), "u", 12.5);
		assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
		assertThat(Probes.value(result, "up")).hasValue(1.0);
		assertThat(Probes.value(result, "scrape_duration")).hasValue(12.5);
		assertThat(Probes.value(result, "scrape_samples")).hasValue(2.0);
		assertThat(Probes.value(result, "scrape_unreadable_lines")).hasValue(1.0);
	}

	@Test
	void aMissingFamilyMakesItPartialAndNamesIt() {
		MonitorType type = Probes.template("node-exporter");
		CollectionResult result = PrometheusCollector.map(type,
				PrometheusText.parse("node_load1 0.5\nnode_load5 0.4\nbroken line\n"), "http://host:9100/metrics", 1);
		assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
		assertThat(Probes.value(result, "load1")).hasValue(0.5);
		assertThat(result.detail()).contains("node_memory_MemTotal_bytes").contains("line 3");
	}

	@Test
	void noneOfTheMetricsOrNoExpositionAtAllIsABadResponse() {
		MonitorType type = Probes.template("node-exporter");
		assertThat(PrometheusCollector.map(type, PrometheusText.parse("other_metric 1\n"), "u", 1).outcome())
			.isEqualTo(Outcome.BAD_RESPONSE);
		CollectionResult garbage = PrometheusCollector.map(type, PrometheusText.parse("<html>\n<body>hello</body>\n"), "u", 1);
		assertThat(garbage.outcome()).isEqualTo(Outcome.BAD_RESPONSE);
		assertThat(garbage.detail()).contains("line 1");
		assertThat(Probes.value(garbage, "up")).hasValue(0.0);
	}

}
