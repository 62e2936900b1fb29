package io.opsguard.monitoring.collect.snmp;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.support.SnmpAgentPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.TimeTicks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SNMP collector against a real SNMP4J agent on a loopback port: v2c and v3 with
 * authentication and privacy, scalars, table walks with filters, names, aggregates and products,
 * and every way a collection fails.
 */
class SnmpCollectorTests {

	private static final String COMMUNITY = "opsguard-ro";

	static final String TEMPLATE = """
			id: test-snmp
			name: {zh-CN: 测试, en: Test}
			category: network
			protocol: snmp
			parameters:
			  - {key: host, type: host, label: {zh-CN: 地址, en: Host}, required: true}
			collect:
			  tables:
			    interfaces:
			      index: 1.3.6.1.2.1.2.2.1.1
			      instanceFrom: 1.3.6.1.2.1.31.1.1.1.1
			      filter: {column: 1.3.6.1.2.1.2.2.1.3, notMatches: "^24$"}
			    cpus: {index: 1.3.6.1.2.1.25.3.3.1.2}
			    disks:
			      index: 1.3.6.1.2.1.25.2.3.1.1
			      instanceFrom: 1.3.6.1.2.1.25.2.3.1.3
			      filter: {column: 1.3.6.1.2.1.25.2.3.1.2, in: [1.3.6.1.2.1.25.2.1.4]}
			metrics:
			  - {name: uptime, label: {zh-CN: 运行时长, en: Uptime}, unit: seconds, scale: 0.01, source: {oid: 1.3.6.1.2.1.1.3.0}}
			  - {name: sessions, label: {zh-CN: 会话, en: Sessions}, unit: count, source: {oid: 1.3.6.1.4.1.35047.1.2.0}}
			  - name: on_battery
			    label: {zh-CN: 电池供电, en: On battery}
			    unit: boolean
			    source: {oid: 1.3.6.1.2.1.33.1.4.1.0, valueMap: {5: 1}, otherwise: 0}
			  - {name: cpu_usage, label: {zh-CN: CPU, en: CPU}, unit: percent, source: {table: cpus, column: 1.3.6.1.2.1.25.3.3.1.2, aggregate: avg}}
			  - {name: cpu_cores, label: {zh-CN: 核, en: Cores}, unit: count, source: {table: cpus, column: 1.3.6.1.2.1.25.3.3.1.2, aggregate: count}}
			  - name: if_in_octets
			    label: {zh-CN: 入, en: In}
			    kind: counter
			    instance: {zh-CN: 接口, en: Interface}
			    source: {table: interfaces, column: 1.3.6.1.2.1.31.1.1.1.6}
			  - name: if_oper_status
			    label: {zh-CN: 状态, en: Status}
			    unit: state
			    instance: {zh-CN: 接口, en: Interface}
			    source: {table: interfaces, column: 1.3.6.1.2.1.2.2.1.8}
			  - name: fs_size
			    label: {zh-CN: 容量, en: Size}
			    unit: bytes
			    instance: {zh-CN: 挂载点, en: Mount}
			    source: {table: disks, column: 1.3.6.1.2.1.25.2.3.1.5, multiplyBy: 1.3.6.1.2.1.25.2.3.1.4}
			""";

	private static SnmpAgentPeer agent;

	private static SnmpSession session;

	private static SnmpCollector collector;

	private static MonitorType type;

	@BeforeAll
	static void start() {
		agent = SnmpAgentPeer.start(COMMUNITY);
		session = new SnmpSession();
		collector = new SnmpCollector(session);
		type = MonitorTypeParser.parse(TEMPLATE, false);
		agent.set("1.3.6.1.4.1.35047.1.2.0", new org.snmp4j.smi.OctetString("1234"))
			.set("1.3.6.1.2.1.33.1.4.1.0", 3)
			.set("1.3.6.1.2.1.25.3.3.1.2.196608", 10)
			.set("1.3.6.1.2.1.25.3.3.1.2.196609", 30);
		for (int i = 1; i <= 3; i++) {
			agent.set("1.3.6.1.2.1.2.2.1.1." + i, i)
				.set("1.3.6.1.2.1.2.2.1.3." + i, i == 1 ? 24 : 6)
				.set("1.3.6.1.2.1.2.2.1.8." + i, i == 3 ? 2 : 1)
				.text("1.3.6.1.2.1.31.1.1.1.1." + i, i == 1 ? "lo" : "eth" + (i - 2))
				.counter64("1.3.6.1.2.1.31.1.1.1.6." + i, 1_000_000L * i);
		}
		// a RAM row (filtered out) and a fixed disk "/"
		agent.set("1.3.6.1.2.1.25.2.3.1.1.1", 1)
			.set("1.3.6.1.2.1.25.2.3.1.2.1", new OID("1.3.6.1.2.1.25.2.1.2"))
			.text("1.3.6.1.2.1.25.2.3.1.3.1", "Physical memory")
			.set("1.3.6.1.2.1.25.2.3.1.4.1", 1024)
			.set("1.3.6.1.2.1.25.2.3.1.5.1", 4000)
			.set("1.3.6.1.2.1.25.2.3.1.1.31", 31)
			.set("1.3.6.1.2.1.25.2.3.1.2.31", new OID("1.3.6.1.2.1.25.2.1.4"))
			.text("1.3.6.1.2.1.25.2.3.1.3.31", "/")
			.set("1.3.6.1.2.1.25.2.3.1.4.31", 4096)
			.set("1.3.6.1.2.1.25.2.3.1.5.31", 1000);
	}

	@AfterAll
	static void stop() {
		if (agent != null) {
			agent.close();
		}
		if (session != null) {
			session.destroy();
		}
	}

	private static Map<String, Object> v2c(String community) {
		return new HashMap<>(Map.of("host", "127.0.0.1", "port", agent.port(), "version", "v2c", "community", community));
	}

	private static Map<String, Object> v3(String authPassword, String privPassword) {
		Map<String, Object> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port", agent.port(), "version", "v3",
				"user", SnmpAgentPeer.V3_USER, "securityLevel", "authPriv", "authProtocol", "SHA-256", "authPassword",
				authPassword, "privProtocol", "AES-128", "privPassword", privPassword));
		return parameters;
	}

	private static CollectionResult collect(Map<String, Object> parameters) {
		return collector.collect(new CollectionRequest(type, parameters, Duration.ofSeconds(2)));
	}

	private static Double value(CollectionResult result, String metric, String instance) {
		return result.values()
			.stream()
			.filter(v -> v.metric().equals(metric) && java.util.Objects.equals(v.instance(), instance))
			.map(CollectedValue::value)
			.findFirst()
			.orElse(null);
	}

	@Test
	void v2cReadsScalarsWalksTablesAndReportsTheSystemAsFacts() {
		CollectionResult result = collect(v2c(COMMUNITY));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(result.facts()).containsEntry("sysName", "test-agent")
			.containsEntry("sysLocation", "机房 A-01")
			.containsKeys("sysDescr", "sysObjectID");
		assertThat(value(result, "uptime", null)).isGreaterThanOrEqualTo(0);
		assertThat(value(result, "sessions", null)).as("a number sent as text").isEqualTo(1234);
		assertThat(value(result, "on_battery", null)).as("upsOutputSource normal(3) is not battery(5)").isEqualTo(0);
		assertThat(value(result, "cpu_usage", null)).isEqualTo(20);
		assertThat(value(result, "cpu_cores", null)).isEqualTo(2);
		assertThat(result.values()).filteredOn(v -> v.metric().equals("if_in_octets"))
			.extracting(CollectedValue::instance)
			.as("the loopback interface (type 24) is filtered out; rows are named by ifName")
			.containsExactlyInAnyOrder("eth0", "eth1");
		assertThat(value(result, "if_in_octets", "eth1")).isEqualTo(3_000_000);
		assertThat(value(result, "if_oper_status", "eth1")).isEqualTo(2);
		assertThat(result.values()).filteredOn(v -> v.metric().equals("fs_size"))
			.containsExactly(new CollectedValue("fs_size", "/", 4096.0 * 1000));
	}

	@Test
	void countersAreAnsweredRawSoTwoCollectionsGiveTheRate() {
		CollectionResult first = collect(v2c(COMMUNITY));
		agent.counter64("1.3.6.1.2.1.31.1.1.1.6.2", 2_000_000L + 125_000L * 60);
		CollectionResult second = collect(v2c(COMMUNITY));
		agent.counter64("1.3.6.1.2.1.31.1.1.1.6.2", 2_000_000L);

		double perSecondOver60s = (value(second, "if_in_octets", "eth0") - value(first, "if_in_octets", "eth0")) / 60;
		assertThat(perSecondOver60s * 8).as("1 Mbit/s").isEqualTo(1_000_000);
	}

	@Test
	void counter64AboveTheSignedRangeIsReadUnsigned() {
		agent.set("1.3.6.1.2.1.31.1.1.1.6.3", new org.snmp4j.smi.Counter64(-1L));
		try {
			assertThat(value(collect(v2c(COMMUNITY)), "if_in_octets", "eth1")).isEqualTo(18446744073709551615.0);
		}
		finally {
			agent.counter64("1.3.6.1.2.1.31.1.1.1.6.3", 3_000_000L);
		}
	}

	@Test
	void v3WithAuthenticationAndPrivacyReadsTheSame() {
		CollectionResult result = collect(v3(SnmpAgentPeer.V3_AUTH_PASSWORD, SnmpAgentPeer.V3_PRIV_PASSWORD));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(value(result, "cpu_usage", null)).isEqualTo(20);
		assertThat(result.facts()).containsEntry("sysName", "test-agent");
	}

	@Test
	void aWrongCommunityIsDroppedByTheAgentAndTimesOut() {
		long start = System.nanoTime();
		CollectionResult result = collector.collect(new CollectionRequest(type, v2c("wrong"), Duration.ofMillis(800)));

		assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
		assertThat(result.detail()).contains("127.0.0.1:" + agent.port()).doesNotContain("wrong");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
	}

	@Test
	void wrongV3PasswordsAndUnknownUsersAreAuthenticationFailures() {
		CollectionResult wrongAuth = collect(v3("not-the-password", SnmpAgentPeer.V3_PRIV_PASSWORD));
		assertThat(wrongAuth.outcome()).as(wrongAuth.detail()).isEqualTo(Outcome.AUTH_FAILED);
		assertThat(wrongAuth.detail()).contains("usmStatsWrongDigests").doesNotContain("not-the-password");

		// with AES a wrong privacy key decrypts into garbage the agent cannot parse: it stays silent

		CollectionResult wrongPriv = collector.collect(new CollectionRequest(type,
				v3(SnmpAgentPeer.V3_AUTH_PASSWORD, "not-the-privacy-password"), Duration.ofMillis(800)));
		assertThat(wrongPriv.outcome()).as(wrongPriv.detail()).isEqualTo(Outcome.TIMEOUT);
		assertThat(wrongPriv.detail()).contains("privacy password").doesNotContain("not-the-privacy-password");

		Map<String, Object> unknown = v3(SnmpAgentPeer.V3_AUTH_PASSWORD, SnmpAgentPeer.V3_PRIV_PASSWORD);
		unknown.put("user", "nobody");
		CollectionResult unknownUser = collect(unknown);
		assertThat(unknownUser.outcome()).as(unknownUser.detail()).isEqualTo(Outcome.AUTH_FAILED);
		assertThat(unknownUser.detail()).contains("usmStatsUnknownUserNames");

		assertThat(collect(v3(SnmpAgentPeer.V3_AUTH_PASSWORD, SnmpAgentPeer.V3_PRIV_PASSWORD)).outcome())
			.as("the right passwords work again on the same engine").isEqualTo(Outcome.SUCCESS);
	}

	@Test
	void aMissingOidGivesPartialNamingIt() {
		agent.remove("1.3.6.1.4.1.35047.1.2.0");
		try {
			CollectionResult result = collect(v2c(COMMUNITY));

			assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
			assertThat(result.detail()).contains("1.3.6.1.4.1.35047.1.2.0 (noSuchObject)");
			assertThat(value(result, "cpu_usage", null)).isEqualTo(20);
		}
		finally {
			agent.set("1.3.6.1.4.1.35047.1.2.0", new org.snmp4j.smi.OctetString("1234"));
		}
	}

	@Test
	void v1AsksAgainWithoutTheOidsTheAgentLacks() {
		agent.remove("1.3.6.1.4.1.35047.1.2.0");
		try {
			Map<String, Object> parameters = v2c(COMMUNITY);
			parameters.put("version", "v1");
			CollectionResult result = collect(parameters);

			assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.PARTIAL);
			assertThat(result.detail()).contains("1.3.6.1.4.1.35047.1.2.0");
			assertThat(value(result, "cpu_cores", null)).isEqualTo(2);
		}
		finally {
			agent.set("1.3.6.1.4.1.35047.1.2.0", new org.snmp4j.smi.OctetString("1234"));
		}
	}

	@Test
	void aTextThatIsNoNumberIsNamedAsAnUnusableValue() {
		agent.text("1.3.6.1.4.1.35047.1.2.0", "n/a");
		try {
			CollectionResult result = collect(v2c(COMMUNITY));

			assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
			assertThat(result.detail()).contains("1.3.6.1.4.1.35047.1.2.0 'n/a' is not a number");
		}
		finally {
			agent.set("1.3.6.1.4.1.35047.1.2.0", new org.snmp4j.smi.OctetString("1234"));
		}
	}

	@Test
	void aDeviceWithNoneOfTheOidsIsTheWrongTemplate() {
		MonitorType other = MonitorTypeParser.parse("""
				id: other
				name: {zh-CN: 其他, en: Other}
				category: network
				protocol: snmp
				parameters: [{key: host, type: host, label: {zh-CN: 地址, en: Host}}]
				metrics:
				  - {name: a, label: {zh-CN: 甲, en: A}, source: {oid: 1.3.6.1.4.1.99999.1.0}}
				""", false);
		CollectionResult result = collector.collect(new CollectionRequest(other, v2c(COMMUNITY), Duration.ofSeconds(2)));

		assertThat(result.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(result.detail()).contains("1.3.6.1.4.1.99999.1.0");
		assertThat(result.facts()).containsEntry("sysName", "test-agent");
	}

	@Test
	void aPortNobodyListensOnTimesOutWithinTheRequestTimeout() {
		Map<String, Object> parameters = v2c(COMMUNITY);
		parameters.put("port", SnmpAgentPeer.freeUdpPort());
		long start = System.nanoTime();
		CollectionResult result = collector.collect(new CollectionRequest(type, parameters, Duration.ofMillis(500)));

		assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));

		Map<String, Object> v3 = v3(SnmpAgentPeer.V3_AUTH_PASSWORD, SnmpAgentPeer.V3_PRIV_PASSWORD);
		v3.put("port", parameters.get("port"));
		assertThat(collector.collect(new CollectionRequest(type, v3, Duration.ofMillis(500))).outcome())
			.isEqualTo(Outcome.TIMEOUT);
	}

	@Test
	void parametersThatCannotWorkAreConfigurationErrorsAndUnknownHostsUnreachable() {
		Map<String, Object> noCommunity = v2c(COMMUNITY);
		noCommunity.remove("community");
		assertThat(collect(noCommunity)).extracting(CollectionResult::outcome, CollectionResult::detail)
			.containsExactly(Outcome.CONFIG_ERROR, "Parameter community is required for SNMP v2c");

		Map<String, Object> badVersion = v2c(COMMUNITY);
		badVersion.put("version", "v4");
		assertThat(collect(badVersion).outcome()).isEqualTo(Outcome.CONFIG_ERROR);

		Map<String, Object> shortPassword = v3("short", SnmpAgentPeer.V3_PRIV_PASSWORD);
		CollectionResult result = collect(shortPassword);
		assertThat(result.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(result.detail()).doesNotContain("short,").contains("authPassword");

		Map<String, Object> unknownHost = v2c(COMMUNITY);
		unknownHost.put("host", "no-such-host.invalid");
		assertThat(collect(unknownHost).outcome()).isEqualTo(Outcome.UNREACHABLE);
	}

	@Test
	void timeTicksAreReadAsHundredthsForTheTemplateToScale() throws Exception {
		assertThat(SnmpValues.number(new TimeTicks(12345))).isEqualTo(12345);
		assertThat(List.of(SnmpValues.text(new org.snmp4j.smi.OctetString("网络设备")))).containsExactly("网络设备");
	}

}
