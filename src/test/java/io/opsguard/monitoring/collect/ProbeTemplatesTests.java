package io.opsguard.monitoring.collect;

import java.time.Clock;
import java.util.List;

import io.opsguard.monitoring.collect.dns.DnsCollector;
import io.opsguard.monitoring.collect.http.HttpCollector;
import io.opsguard.monitoring.collect.icmp.IcmpCollector;
import io.opsguard.monitoring.collect.prometheus.PrometheusCollector;
import io.opsguard.monitoring.collect.tcp.TcpCollector;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.monitoring.template.TemplateProblems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The probes' and the scrape's built-in templates pass their collectors' checks; faulty ones are named. */
class ProbeTemplatesTests {

	private final List<Collector> collectors = List.of(new IcmpCollector(), new TcpCollector(),
			new HttpCollector(Clock.systemUTC()), new DnsCollector(), new PrometheusCollector());

	private TemplateProblems validate(MonitorType type) {
		TemplateProblems problems = new TemplateProblems();
		this.collectors.stream()
			.filter(c -> c.protocol().equals(type.protocol()))
			.findFirst()
			.orElseThrow()
			.validate(type, problems);
		return problems;
	}

	@Test
	void builtInTemplatesAreValid() {
		List<String> ids = new java.util.ArrayList<>();
		this.collectors.forEach(collector -> Probes.validBuiltInTemplates(collector.protocol(), collector::validate)
			.forEach(type -> ids.add(type.id())));
		assertThat(ids).contains("icmp-ping", "tcp-port", "http-check", "dns-lookup", "node-exporter", "prometheus-generic");
	}

	@Test
	void aProbeMetricMustNameAKnownField() {
		MonitorType type = MonitorTypeParser.parse("""
				id: bad-ping
				name: {zh-CN: 坏, en: Bad}
				category: service
				protocol: icmp
				parameters:
				  - {key: target, type: host, label: {zh-CN: 主机, en: Host}}
				metrics:
				  - {name: a, label: {zh-CN: a, en: a}, source: {field: jitter}}
				  - {name: b, label: {zh-CN: b, en: b}, source: {field: up, oid: 1.2.3}}
				  - {name: c, label: {zh-CN: c, en: c}, source: {column: up}}
				""", false);
		assertThat(validate(type).all()).extracting(TemplateProblems.Problem::path, TemplateProblems.Problem::code)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("parameters.host", "required"),
					org.assertj.core.groups.Tuple.tuple("metrics[0].source.field", "notOneOf"),
					org.assertj.core.groups.Tuple.tuple("metrics[1].source.oid", "unknownKey"),
					org.assertj.core.groups.Tuple.tuple("metrics[2].source.column", "unknownKey"),
					org.assertj.core.groups.Tuple.tuple("metrics[2].source.field", "required"));
	}

	@Test
	void aScrapeSourceIsChecked() {
		MonitorType type = MonitorTypeParser.parse("""
				id: bad-scrape
				name: {zh-CN: 坏, en: Bad}
				category: host
				protocol: prometheus
				parameters:
				  - {key: url, type: url, label: {zh-CN: 网址, en: URL}}
				collect: {path: metrics, interval: 5}
				metrics:
				  - {name: a, label: {zh-CN: a, en: a}, source: {metric: "1bad"}}
				  - {name: b, label: {zh-CN: b, en: b}, source: {metric: ok, labels: {fstype: "=~(tmpfs"}}}
				  - {name: c, label: {zh-CN: c, en: c}, source: {metric: ok, instanceLabel: device}}
				  - {name: d, label: {zh-CN: d, en: d}, instance: {zh-CN: 行, en: Row}, source: {metric: ok}}
				  - {name: e, label: {zh-CN: e, en: e}, source: {metric: ok, aggregate: median, labels: {"9x": a}}}
				  - {name: f, label: {zh-CN: f, en: f}, source: {labels: {a: b}, metrics: x}}
				  - {name: g, label: {zh-CN: g, en: g}, source: {scrape: speed, metric: x}}
				""", false);
		assertThat(validate(type).all()).extracting(TemplateProblems.Problem::path, TemplateProblems.Problem::code)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("collect.path", "badValue"),
					org.assertj.core.groups.Tuple.tuple("collect.interval", "unknownKey"),
					org.assertj.core.groups.Tuple.tuple("metrics[0].source.metric", "promBadMetricName"),
					org.assertj.core.groups.Tuple.tuple("metrics[1].source.labels.fstype", "promBadRegex"),
					org.assertj.core.groups.Tuple.tuple("metrics[2].instance", "required"),
					org.assertj.core.groups.Tuple.tuple("metrics[3].source.instanceLabel", "required"),
					org.assertj.core.groups.Tuple.tuple("metrics[4].source.aggregate", "notOneOf"),
					org.assertj.core.groups.Tuple.tuple("metrics[4].source.labels.9x", "promBadLabelName"),
					org.assertj.core.groups.Tuple.tuple("metrics[5].source.metric", "required"),
					org.assertj.core.groups.Tuple.tuple("metrics[5].source.metrics", "unknownKey"),
					org.assertj.core.groups.Tuple.tuple("metrics[6].source.metric", "unknownKey"),
					org.assertj.core.groups.Tuple.tuple("metrics[6].source.scrape", "notOneOf"));
	}

	@Test
	void urlsWithoutAPathGetTheRootAndKeepTheirQueryButShowNone() {
		assertThat(HttpCollector.target("http://10.0.0.5?check=1").toString()).isEqualTo("http://10.0.0.5/?check=1");
		assertThat(HttpCollector.target("https://[::1]:8443").toString()).isEqualTo("https://[::1]:8443/");
		assertThat(HttpCollector.shown(HttpCollector.target("http://web.gov.cn/api?token=s3cret")))
			.isEqualTo("http://web.gov.cn/api");
	}

	@Test
	void hostNamesAreIpLiteralsOrDnsNamesAndNeverOptions() {
		assertThat(List.of("127.0.0.1", "10.0.0.254", "::1", "[::1]", "fe80::1%eth0", "2001:db8::5", "example.com",
				"web-01.gov.cn", "localhost", "_dmarc.example.com", "host.example.com."))
			.allMatch(HostNames::isValid);
		assertThat(List.of("-c", "-f 127.0.0.1", "127.0.0.1; rm -rf /", "a b", "", "256.1.1.1", "1.2.3", "host-",
				"-host", "example..com", "http://x", "$(id)", "a`id`", "::g", "x".repeat(64) + ".com", "主机.cn"))
			.noneMatch(HostNames::isValid);
	}

}
