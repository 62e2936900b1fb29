package io.opsguard.monitoring.collect.prometheus;

import java.util.Map;

import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.schedule.CounterRates;
import io.opsguard.monitoring.schedule.MetricDerivation;
import io.opsguard.monitoring.store.exposition.PrometheusText;
import io.opsguard.monitoring.template.MonitorType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two scrapes of node_exporter a minute apart, derived as the scheduler does: the rates of the idle
 * and total CPU-second counters give the CPU usage, and the file systems and memory read as df and
 * free show them.
 */
class NodeExporterDerivationTests {

	private static String exposition(double idle0, double idle1, double busy0, double busy1, double received) {
		return """
				node_cpu_seconds_total{cpu="0",mode="idle"} %s
				node_cpu_seconds_total{cpu="0",mode="user"} %s
				node_cpu_seconds_total{cpu="1",mode="idle"} %s
				node_cpu_seconds_total{cpu="1",mode="system"} %s
				node_memory_MemTotal_bytes 1000
				node_memory_MemAvailable_bytes 250
				node_memory_SwapTotal_bytes 0
				node_memory_SwapFree_bytes 0
				node_filesystem_size_bytes{device="/dev/vdb",fstype="xfs",mountpoint="/data"} 1000
				node_filesystem_free_bytes{device="/dev/vdb",fstype="xfs",mountpoint="/data"} 400
				node_filesystem_avail_bytes{device="/dev/vdb",fstype="xfs",mountpoint="/data"} 300
				node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 100
				node_network_receive_bytes_total{device="eth0"} %s
				node_network_receive_bytes_total{device="lo"} %s
				node_time_seconds 1.7e9
				node_boot_time_seconds 1.6999e9
				""".formatted(idle0, busy0, idle1, busy1, received, received);
	}

	@Test
	void cpuUsageComesFromTheRatesOfIdleAndAllCpuSeconds() {
		MonitorType type = Probes.template("node-exporter");
		MetricDerivation derivation = new MetricDerivation(new CounterRates());
		CollectionResult first = PrometheusCollector.map(type,
				PrometheusText.parse(exposition(1000, 2000, 500, 700, 1_000_000)), "u", 1);
		derivation.values(type, 1, first, 0);
		// a minute later: 90 idle seconds of 120 (two CPUs): 25 % busy; 7.5 MB received: 1 Mbit/s
		CollectionResult second = PrometheusCollector.map(type,
				PrometheusText.parse(exposition(1045, 2045, 515, 715, 8_500_000)), "u", 1);
		Map<String, Map<String, Double>> rows = derivation.values(type, 1, second, 60_000);
		Map<String, Double> host = rows.get("");
		assertThat(host.get("cpu_usage")).isCloseTo(25.0, within(1e-9));
		assertThat(host.get("cpu_cores")).isEqualTo(2.0);
		assertThat(host.get("mem_used")).isEqualTo(750.0);
		assertThat(host.get("mem_usage")).isEqualTo(75.0);
		assertThat(host.get("uptime")).isCloseTo(100_000.0, within(1.0));
		assertThat(host.get("swap_usage")).isNaN();
		assertThat(rows.get("/data").get("fs_used")).isEqualTo(600.0);
		assertThat(rows.get("/data").get("fs_usage")).isCloseTo(100.0 * 600 / 900, within(1e-9));
		assertThat(rows.get("eth0").get("net_in_bps")).isCloseTo(1_000_000.0, within(1e-6));
		assertThat(rows).doesNotContainKeys("/run", "lo");
	}

}
