package io.opsguard.monitoring.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.collect.jdbc.JdbcCollector;
import io.opsguard.monitoring.collect.jmx.JmxCollector;
import io.opsguard.monitoring.collect.ssh.SshCollector;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.monitoring.template.TemplateProblems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in SSH, JDBC and JMX templates parse and pass their collector's checks (MySQL, Oracle,
 * 达梦 and the JMX templates of servers that cannot run here are proved this far only), and each
 * collector names the faults of a broken template at their paths.
 */
class HostCollectorTemplatesTests {

	static final Map<String, Collector> COLLECTORS = Map.of("ssh", new SshCollector(), "jdbc",
			new JdbcCollector(System.getProperty("java.io.tmpdir") + "/opsguard-no-data-dir"), "jmx", new JmxCollector());

	static TemplateProblems validate(String yaml) {
		TemplateProblems problems = new TemplateProblems();
		MonitorType type = MonitorTypeParser.parse(yaml, false, problems);
		if (type != null && type.protocol() != null) {
			COLLECTORS.get(type.protocol()).validate(type, problems);
		}
		return problems;
	}

	@Test
	void everyBuiltInTemplateIsValid() {
		List<String> ids = new java.util.ArrayList<>();
		COLLECTORS.forEach((protocol, collector) -> Probes.validBuiltInTemplates(protocol, collector::validate)
			.forEach(type -> ids.add(type.id())));
		assertThat(ids).contains("linux-ssh", "postgresql", "mysql", "oracle", "dameng", "jvm-jmx", "tomcat-jmx",
				"weblogic-jmx", "tongweb-jmx", "apusic-jmx", "bes-jmx");
	}

	@Test
	void sshNamesUnknownSectionsColumnsAndParameters() {
		TemplateProblems problems = validate("""
				id: bad-ssh
				name: bad
				category: host
				protocol: ssh
				parameters:
				  - {key: names, type: text, label: n}
				collect:
				  shell: bash
				  sections:
				    - {name: fs, format: table, columns: [size, mount], instanceColumn: mnt, command: df}
				    - {name: fs, format: keyValue, command: true}
				    - {name: ps, format: lines, command: ps, facts: true}
				    - {format: csv}
				metrics:
				  - {name: a, label: a, source: {section: nowhere, field: x}}
				  - {name: b, label: b, source: {section: fs, field: used}}
				  - {name: c, label: c, source: {section: ps, value: presence, parameter: names, commandLines: fs}}
				  - {name: d, label: d, source: {section: ps, value: average}}
				""");

		assertThat(problems.all()).extracting(TemplateProblems.Problem::path, TemplateProblems.Problem::code)
			.contains(org.assertj.core.groups.Tuple.tuple("collect.shell", "unknownKey"),
					org.assertj.core.groups.Tuple.tuple("collect.sections[0].instanceColumn", "sshUnknownColumn"),
					org.assertj.core.groups.Tuple.tuple("collect.sections[1].name", "duplicate"),
					org.assertj.core.groups.Tuple.tuple("collect.sections[2].facts", "sshKeyValueOnly"),
					org.assertj.core.groups.Tuple.tuple("collect.sections[3].name", "required"),
					org.assertj.core.groups.Tuple.tuple("collect.sections[3].command", "required"),
					org.assertj.core.groups.Tuple.tuple("collect.sections[3].format", "notOneOf"),
					org.assertj.core.groups.Tuple.tuple("metrics[0].source.section", "sshUnknownSection"),
					org.assertj.core.groups.Tuple.tuple("metrics[1].source.field", "sshUnknownColumn"),
					org.assertj.core.groups.Tuple.tuple("metrics[1].source", "sshTableNeedsInstance"),
					org.assertj.core.groups.Tuple.tuple("metrics[2].source.parameter", "sshListParameter"),
					org.assertj.core.groups.Tuple.tuple("metrics[2].source.commandLines", "sshLinesSection"),
					org.assertj.core.groups.Tuple.tuple("metrics[3].source.value", "notOneOf"));
	}

	@Test
	void jdbcNamesBadUrlsUnknownParametersAndMissingColumns() {
		TemplateProblems problems = validate("""
				id: bad-jdbc
				name: bad
				category: database
				protocol: jdbc
				parameters:
				  - {key: host, type: host, label: h}
				collect: {url: "postgresql://${host}/${db}", pool: 5}
				metrics:
				  - {name: a, label: a, source: {query: "select 1 where x > ${limit}"}}
				  - {name: b, label: b, source: {connection: ping}}
				  - {name: c, label: c, source: {query: "select 1 as one", column: one, instanceColumn: one}}
				  - {name: d, label: d, instance: row, source: {query: "select 1 as one", column: one}}
				""");

		assertThat(problems.all()).extracting(TemplateProblems.Problem::path, TemplateProblems.Problem::code)
			.contains(org.assertj.core.groups.Tuple.tuple("collect.pool", "unknownKey"),
					org.assertj.core.groups.Tuple.tuple("collect.url", "jdbcBadUrl"),
					org.assertj.core.groups.Tuple.tuple("collect.url", "unknownParameter"),
					org.assertj.core.groups.Tuple.tuple("metrics[0].source.query", "unknownParameter"),
					org.assertj.core.groups.Tuple.tuple("metrics[0].source.column", "required"),
					org.assertj.core.groups.Tuple.tuple("metrics[1].source.connection", "notOneOf"),
					org.assertj.core.groups.Tuple.tuple("metrics[2].source.instanceColumn", "jdbcInstanceWithoutRow"),
					org.assertj.core.groups.Tuple.tuple("metrics[3].source.instanceColumn", "required"));
	}

	@Test
	void jmxNamesBadObjectNamesAndMissingAttributes() {
		TemplateProblems problems = validate("""
				id: bad-jmx
				name: bad
				category: middleware
				protocol: jmx
				collect: {url: "rmi://host:1099/jmxrmi"}
				metrics:
				  - {name: a, label: a, source: {objectName: "no domain here", attribute: X}}
				  - {name: b, label: b, source: {objectName: "java.lang:type=Memory"}}
				  - {name: c, label: c, source: {objectName: "Catalina:type=ThreadPool,name=*", attribute: maxThreads, instanceKey: name}}
				""");

		assertThat(problems.all()).extracting(TemplateProblems.Problem::path, TemplateProblems.Problem::code)
			.contains(org.assertj.core.groups.Tuple.tuple("collect.url", "jmxBadUrl"),
					org.assertj.core.groups.Tuple.tuple("metrics[0].source.objectName", "jmxBadObjectName"),
					org.assertj.core.groups.Tuple.tuple("metrics[1].source.attribute", "required"),
					org.assertj.core.groups.Tuple.tuple("metrics[2].source.instanceKey", "jmxInstanceWithoutRow"));
	}

	@Test
	void everyProblemCodeOfTheseCollectorsHasAMessageInBothLanguages() throws IOException {
		java.util.Properties zh = new java.util.Properties();
		java.util.Properties en = new java.util.Properties();
		try (InputStream in = getClass().getResourceAsStream("/i18n/messages.properties")) {
			zh.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		try (InputStream in = getClass().getResourceAsStream("/i18n/messages_en.properties")) {
			en.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		for (String code : List.of("sshUnknownColumn", "sshLinesOnly", "sshKeyValueOnly", "sshUnknownSection",
				"sshTableNeedsInstance", "sshListParameter", "sshLinesSection", "jdbcBadUrl", "jdbcQueryOrConnection", "jdbcInstanceWithoutRow",
				"jmxBadUrl", "jmxBadObjectName", "jmxInstanceWithoutRow")) {
			assertThat(zh.getProperty("template.problem." + code)).as(code).isNotBlank();
			assertThat(en.getProperty("template.problem." + code)).as(code).isNotBlank();
		}
	}

}
