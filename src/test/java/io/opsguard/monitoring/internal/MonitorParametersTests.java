package io.opsguard.monitoring.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorParametersTests {

	static final MonitorType SNMP = MonitorTypeParser.parse("""
			id: test-snmp
			name: 测试
			category: network
			protocol: snmp
			parameters:
			  - {key: host, type: host, label: {zh-CN: 地址, en: Address}, required: true}
			  - {key: port, type: port, label: 端口, default: 161}
			  - {key: version, type: choice, label: 版本, default: v2c, options: [{value: v2c, label: v2c}, {value: v3, label: v3}]}
			  - {key: community, type: secret, label: 团体名, required: true, showWhen: version=v2c}
			  - {key: user, type: text, label: 用户, required: true, showWhen: version=v3}
			  - {key: retries, type: number, label: 重试, min: 0, max: 5}
			  - {key: verify, type: boolean, label: 校验}
			  - {key: url, type: url, label: 网址}
			  - {key: processes, type: list, label: 进程}
			metrics:
			  - {name: up, label: 可用, source: {oid: 1.3.6.1.2.1.1.3.0}}
			""", true);

	@Test
	void normalisesValuesAndSplitsSecrets() {
		Map<String, Object> input = new HashMap<>();
		input.put("host", " 10.0.0.5 ");
		input.put("port", "1161");
		input.put("community", "public@2026");
		input.put("retries", 2);
		input.put("verify", "false");
		input.put("url", "https://portal.example.gov.cn/health");
		input.put("processes", "nginx, java\nsshd");
		MonitorParameters.Checked checked = MonitorParameters.check(SNMP, input, Map.of(), Locale.SIMPLIFIED_CHINESE);
		assertThat(checked.problems()).isEmpty();
		assertThat(checked.plain()).containsEntry("host", "10.0.0.5")
			.containsEntry("port", 1161)
			.containsEntry("retries", 2L)
			.containsEntry("verify", false)
			.containsEntry("processes", List.of("nginx", "java", "sshd"))
			.doesNotContainKey("community");
		assertThat(checked.secrets()).containsEntry("community", "public@2026");
		assertThat(checked.host()).isEqualTo("10.0.0.5");
		Map<String, Object> collection = MonitorParameters.forCollection(SNMP, checked.plain(), checked.secrets());
		assertThat(collection).containsEntry("version", "v2c").containsEntry("community", "public@2026");
	}

	@Test
	void namesEveryBadFieldAndOnlyAsksForWhatApplies() {
		Map<String, Object> input = new HashMap<>();
		input.put("host", "-oProxyCommand=evil");
		input.put("port", 70000);
		input.put("version", "v3");
		input.put("retries", 9);
		input.put("verify", "maybe");
		input.put("url", "ftp://x");
		input.put("colour", "red");
		MonitorParameters.Checked checked = MonitorParameters.check(SNMP, input, Map.of(), Locale.ENGLISH);
		assertThat(checked.problems()).extracting(p -> p.field() + " " + p.errorCode().code())
			.containsExactlyInAnyOrder("parameters.colour MON-0017", "parameters.host MON-0011", "parameters.port MON-0012",
					"parameters.user MON-0010", "parameters.retries MON-0013", "parameters.verify MON-0018",
					"parameters.url MON-0015");
	}

	@Test
	void anEmptySecretKeepsTheStoredOneAndAMissingRequiredSecretIsNamed() {
		Map<String, Object> input = Map.of("host", "switch-01.example.gov.cn", "community", "");
		MonitorParameters.Checked kept = MonitorParameters.check(SNMP, input, Map.of("community", "old"), Locale.ENGLISH);
		assertThat(kept.problems()).isEmpty();
		assertThat(kept.secrets()).containsEntry("community", "old");
		MonitorParameters.Checked missing = MonitorParameters.check(SNMP, input, Map.of(), Locale.ENGLISH);
		assertThat(missing.problems()).extracting(p -> p.field()).containsExactly("parameters.community");
	}

	@Test
	void acceptsAddressesOfEveryKindAndRefusesBrokenOnes() {
		for (String good : new String[] { "192.168.1.1", "fe80::1", "2001:db8::10", "host-01", "core.sw.gov.cn" }) {
			assertThat(MonitorParameters.check(SNMP, Map.of("host", good, "community", "c"), Map.of(), Locale.ENGLISH).problems())
				.as(good)
				.isEmpty();
		}
		for (String bad : new String[] { "300.1.1.1", "1.2.3", "a b", "host;rm -rf", "-x", "xn--.", "::g" }) {
			assertThat(MonitorParameters.check(SNMP, Map.of("host", bad, "community", "c"), Map.of(), Locale.ENGLISH).problems())
				.as(bad)
				.isNotEmpty();
		}
	}

}
