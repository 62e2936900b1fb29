package io.opsguard.monitoring.collect.snmp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.support.SnmpdPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code snmp-linux} template against Debian's real snmpd, over v2c and v3. */
class SnmpLinuxTemplateIT {

	private static SnmpdPeer snmpd;

	private static SnmpSession session;

	private static SnmpCollector collector;

	private static MonitorType linux;

	@BeforeAll
	static void start() throws Exception {
		snmpd = SnmpdPeer.start();
		session = new SnmpSession();
		collector = new SnmpCollector(session);
		linux = MonitorTypeParser.parse(new ClassPathResource("monitoring/templates/snmp-linux.yml")
			.getContentAsString(StandardCharsets.UTF_8), true);
	}

	@AfterAll
	static void stop() {
		if (session != null) {
			session.destroy();
		}
		if (snmpd != null) {
			snmpd.close();
		}
	}

	private static CollectionResult collect(Map<String, Object> parameters) {
		return collector.collect(new CollectionRequest(linux, parameters, Duration.ofSeconds(5)));
	}

	private static Map<String, Object> v2c() {
		return new HashMap<>(Map.of("host", "127.0.0.1", "port", snmpd.port(), "version", "v2c", "community",
				SnmpdPeer.COMMUNITY));
	}

	/**
	 * net-snmp answers hrProcessorLoad only once it holds a minute of CPU samples: a freshly
	 * started snmpd has an empty hrProcessorTable, which the collector reports as exactly that.
	 */
	private static void assertLinuxHost(CollectionResult result) {
		if (result.outcome() == Outcome.PARTIAL) {
			assertThat(result.detail()).as("only hrProcessorLoad may be missing, during snmpd's first minute")
				.isEqualTo("missing OIDs: 1.3.6.1.2.1.25.3.3.1.2 (table processors has no rows)");
		}
		else {
			assertThat(result.outcome()).as(result.detail() + "\n" + snmpd.log()).isEqualTo(Outcome.SUCCESS);
			assertThat(value(result, "cpu_usage")).isBetween(0.0, 100.0);
		}
		assertThat(result.values()).as(result.detail())
			.anySatisfy(v -> assertThat(v.metric()).isEqualTo("load1"))
			.anySatisfy(v -> assertThat(v).extracting(CollectedValue::metric, CollectedValue::instance)
				.containsExactly("fs_size", "/"))
			.anySatisfy(v -> assertThat(v).extracting(CollectedValue::metric, CollectedValue::instance)
				.containsExactly("net_in_bps", "lo"));
		assertThat(value(result, "mem_total")).as("memTotalReal is in kB, the template scales it to bytes")
			.isGreaterThan(64.0 * 1024 * 1024 / 1024);
		assertThat(value(result, "uptime")).isPositive();
		assertThat(value(result, "process_count")).isPositive();
		assertThat(result.facts()).containsEntry("sysName", "opsguard-snmpd-test")
			.containsEntry("sysLocation", "test machine room");
		assertThat(result.facts().get("sysDescr")).contains("Linux");
	}

	private static double value(CollectionResult result, String metric) {
		return result.values().stream().filter(v -> v.metric().equals(metric)).findFirst().orElseThrow().value();
	}

	@Test
	void v2cReadsTheLinuxHost() {
		CollectionResult result = collect(v2c());

		assertLinuxHost(result);
		assertThat(value(result, "mem_free") + value(result, "mem_cached")).isLessThanOrEqualTo(value(result, "mem_total"));
	}

	@Test
	void v3WithShaAndAesReadsTheLinuxHost() {
		Map<String, Object> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port", snmpd.port(), "version",
				"v3", "user", SnmpdPeer.V3_USER, "securityLevel", "authPriv", "authProtocol", "SHA", "authPassword",
				SnmpdPeer.V3_AUTH_PASSWORD, "privProtocol", "AES-128", "privPassword", SnmpdPeer.V3_PRIV_PASSWORD));

		assertLinuxHost(collect(parameters));

		parameters.put("authPassword", "not-the-password");
		CollectionResult wrong = collect(parameters);
		assertThat(wrong.outcome()).as(wrong.detail()).isEqualTo(Outcome.AUTH_FAILED);
		assertThat(wrong.detail()).contains("usmStatsWrongDigests");
	}

	@Test
	void aWrongCommunityTimesOut() {
		Map<String, Object> parameters = v2c();
		parameters.put("community", "wrong");
		CollectionResult result = collector.collect(new CollectionRequest(linux, parameters, Duration.ofMillis(700)));

		assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
	}

}
