package io.opsguard.monitoring.template;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MonitorTypeParserTests {

	@Test
	void readsACompleteTemplate() {
		MonitorType type = MonitorTypeParser.parse("""
				id: linux-ssh
				version: 2
				name: {zh-CN: Linux 主机, en: Linux host}
				category: host
				protocol: ssh
				appliesTo: [PHYSICAL_SERVER]
				parameters:
				  - {key: host, type: host, label: {zh-CN: 地址, en: Address}, required: true}
				  - {key: port, type: port, label: {zh-CN: 端口, en: Port}, default: 22}
				  - key: version
				    type: choice
				    label: 版本
				    default: v2c
				    options: [{value: v2c, label: v2c}, {value: v3, label: v3}]
				  - {key: user, type: text, label: 用户, showWhen: version=v3}
				metrics:
				  - name: fs_usage
				    label: {zh-CN: 使用率, en: Usage}
				    unit: percent
				    instance: {zh-CN: 挂载点, en: Mount point}
				    source: {command: df}
				    thresholds: [{severity: major, op: ">", value: 90, for: 5m}]
				""", true);
		assertThat(type.id()).isEqualTo("linux-ssh");
		assertThat(type.version()).isEqualTo(2);
		assertThat(type.name().in(java.util.Locale.ENGLISH)).isEqualTo("Linux host");
		assertThat(type.name().in(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo("Linux 主机");
		assertThat(type.parameter("port").orElseThrow().defaultValue()).isEqualTo(22);
		assertThat(type.parameter("user").orElseThrow().showWhen()).isEqualTo(new ParameterDefinition.Condition("version", "v3"));
		MetricDefinition usage = type.metric("fs_usage").orElseThrow();
		assertThat(usage.kind()).isEqualTo(MetricKind.GAUGE);
		assertThat(usage.thresholds()).singleElement().satisfies(t -> {
			assertThat(t.severity()).isEqualTo(Severity.MAJOR);
			assertThat(t.duration()).hasMinutes(5);
		});
		assertThat(usage.source()).isEqualTo(Map.of("command", "df"));
	}

	@Test
	void reportsEveryFaultWithItsPath() {
		TemplateProblems problems = new TemplateProblems();
		MonitorTypeParser.parse("""
				id: Bad_Id
				name: {zh-CN: 坏}
				category: toaster
				surprise: 1
				parameters:
				  - {key: p, type: colour, label: x}
				  - {key: p, type: port, label: y}
				metrics:
				  - {name: Bad-Name, label: m, unit: furlongs, source: {x: 1}}
				  - {name: c, label: c, compute: "a +", kind: counter}
				  - {name: d, label: d, compute: "nope * 2"}
				  - {name: e, label: e, source: {x: 1}, thresholds: [{severity: loud, op: "=>", for: soon}]}
				""", false, problems);
		assertThat(problems.all()).extracting(p -> p.path() + " " + p.code()).contains("id badId", "name.en required",
				"category unknownCategory", "surprise unknownKey", "protocol required", "parameters[0].type notOneOf",
				"parameters[1].key duplicate", "metrics[0].name badMetricName", "metrics[0].unit unknownUnit",
				"metrics[1].kind computedCounter", "metrics[1].compute badExpression", "metrics[2].compute unknownMetric",
				"metrics[3].thresholds[0].severity notOneOf", "metrics[3].thresholds[0].op badOperator",
				"metrics[3].thresholds[0].value required", "metrics[3].thresholds[0].for badDuration");
	}

	@Test
	void refusesWhatIsNotATemplate() {
		for (String text : new String[] { "", "just text", "- a\n- b", "a: [unclosed", "a: 1\na: 2" }) {
			TemplateProblems problems = new TemplateProblems();
			MonitorTypeParser.parse(text, false, problems);
			assertThat(problems.isEmpty()).as(text).isFalse();
		}
	}

	@Test
	void computeExpressionsFollowArithmeticAndNameTheirFaults() {
		ComputeExpression expression = ComputeExpression.parse("100 * (size - free) / size");
		assertThat(expression.variables()).containsExactlyInAnyOrder("size", "free");
		assertThat(expression.evaluate(Map.of("size", 200.0, "free", 50.0))).isEqualTo(75.0);
		assertThat(expression.evaluate(Map.of("size", 0.0, "free", 0.0))).isNaN();
		assertThat(expression.evaluate(Map.of("size", 10.0))).isNaN();
		assertThat(ComputeExpression.parse("-2 - -3 * 2").evaluate(Map.of())).isEqualTo(4.0);
		assertThat(ComputeExpression.parse("1.5*2").evaluate(Map.of())).isEqualTo(3.0);
		assertThatIllegalArgumentException().isThrownBy(() -> ComputeExpression.parse("(a + b")).withMessageContaining("')'");
		assertThatIllegalArgumentException().isThrownBy(() -> ComputeExpression.parse("a ^ b")).withMessageContaining("'^'");
		assertThatIllegalArgumentException().isThrownBy(() -> ComputeExpression.parse("")).withMessageContaining("end");
	}

}
