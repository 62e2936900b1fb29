package io.opsguard.monitoring.collect.snmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.monitoring.template.ParameterDefinition;
import io.opsguard.monitoring.template.TemplateProblems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in SNMP templates load and validate; the collector's checks name each fault. */
class SnmpTemplatesTests {

	private static List<MonitorType> builtInSnmpTypes() {
		return Probes.validBuiltInTemplates("snmp", SnmpPlan::of);
	}

	@Test
	void everyBuiltInSnmpTemplateLoadsAndValidates() throws IOException {
		assertThat(builtInSnmpTypes()).extracting(MonitorType::id)
			.containsExactlyInAnyOrder("snmp-linux", "snmp-windows", "snmp-switch", "snmp-huawei-switch",
					"snmp-h3c-switch", "snmp-inspur-bmc", "snmp-sangfor", "snmp-qianxin", "snmp-ups", "snmp-environment");
	}

	@Test
	void everySnmpTemplateDeclaresTheSameConnectionParameters() throws IOException {
		List<MonitorType> types = builtInSnmpTypes();
		MonitorType reference = types.stream().filter(t -> t.id().equals("snmp-switch")).findFirst().orElseThrow();
		List<ParameterDefinition> block = reference.parameters();
		assertThat(block).extracting(ParameterDefinition::key).containsExactlyElementsOf(SnmpPlan.PARAMETERS);
		for (MonitorType type : types) {
			assertThat(type.protocol()).isEqualTo("snmp");
			assertThat(type.parameters().subList(0, block.size())).as(type.id()).isEqualTo(block);
			type.metrics().forEach(metric -> assertThat(metric.label().zh()).as(type.id() + " " + metric.name())
				.isNotEqualTo(metric.label().en()));
		}
	}

	@Test
	void theSharedMetricNamesAreUsed() throws IOException {
		List<MonitorType> types = builtInSnmpTypes();
		MonitorType linux = types.stream().filter(t -> t.id().equals("snmp-linux")).findFirst().orElseThrow();
		assertThat(linux.metrics()).extracting(m -> m.name())
			.contains("cpu_usage", "mem_usage", "swap_usage", "fs_usage", "net_in_bps", "uptime", "process_count");
		MonitorType ups = types.stream().filter(t -> t.id().equals("snmp-ups")).findFirst().orElseThrow();
		assertThat(ups.metric("ups_on_battery").orElseThrow().thresholds())
			.anySatisfy(t -> assertThat(t.severity()).hasToString("CRITICAL"));
	}

	@Test
	void faultsInTheSnmpPartsAreNamedWithTheirPaths() throws IOException {
		MonitorType type = MonitorTypeParser.parse("""
				id: broken
				name: {zh-CN: 坏, en: Broken}
				category: network
				protocol: snmp
				parameters: [{key: port, type: port, label: {zh-CN: 端口, en: Port}}]
				collect:
				  walk: yes
				  tables:
				    t:
				      instanceFrom: 1.3.6.1.2.1.31.1.1.1.1
				      filter: [{column: 1.3.6, matches: "(["}, {column: 1.3.6.1}]
				metrics:
				  - {name: a, label: {zh-CN: 甲, en: A}, source: {oid: 1.3.6.x}}
				  - {name: b, label: {zh-CN: 乙, en: B}, source: {oid: 1.3.6.1.0, table: t}}
				  - {name: c, label: {zh-CN: 丙, en: C}, source: {table: nope, column: 1.3.6.1}}
				  - {name: d, label: {zh-CN: 丁, en: D}, source: {table: t, column: 1.3.6.1.5}}
				  - {name: e, label: {zh-CN: 戊, en: E}, source: {table: t, column: 1.3.6.1.5, aggregate: median}}
				  - {name: f, label: {zh-CN: 己, en: F}, source: {oidParameter: missing, colour: red}}
				  - {name: g, label: {zh-CN: 庚, en: G}, source: {oid: 1.3.6.1.1.0, aggregate: avg, valueMap: {up: yes}}}
				""", false);
		TemplateProblems problems = new TemplateProblems();
		SnmpPlan.of(type, problems);

		assertThat(problems.all()).extracting(p -> p.path() + " " + p.code())
			.containsExactlyInAnyOrder("collect.walk unknownKey", "parameters snmpParameterMissing",
					"collect.tables.t.filter[0].matches snmpBadPattern", "collect.tables.t.filter[1] snmpFilterEmpty",
					"metrics[0].source.oid snmpBadOid", "metrics[1].source snmpOidOrTable",
					"metrics[2].source.table snmpUnknownTable", "metrics[2].instance snmpInstanceLabel", "metrics[3].instance snmpInstanceLabel",
					"metrics[4].source.aggregate notOneOf", "metrics[5].source.colour unknownKey",
					"metrics[5].source.oidParameter unknownParameter", "metrics[6].source.aggregate snmpOnlyForTables",
					"metrics[6].source.valueMap.up badValue");
		for (String file : List.of("i18n/messages.properties", "i18n/messages_en.properties")) {
			java.util.Properties messages = new java.util.Properties();
			try (var in = new java.io.InputStreamReader(new org.springframework.core.io.ClassPathResource(file).getInputStream(),
					StandardCharsets.UTF_8)) {
				messages.load(in);
			}
			assertThat(problems.all()).as(file)
				.allSatisfy(p -> assertThat(messages.getProperty(p.messageKey())).as(p.messageKey()).isNotBlank());
			for (String code : List.of("snmpOnlyForScalars", "snmpFilterEqualsAndIn")) {
				assertThat(messages.getProperty("template.problem." + code)).isNotBlank();
			}
		}
	}

}
