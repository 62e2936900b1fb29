package io.opsguard.monitoring.store.exposition;

import java.util.Map;

import io.opsguard.monitoring.store.exposition.PrometheusText.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PrometheusTextTests {

	@Test
	void readsSamplesWithLabelsEscapesValuesAndTimestampsSkippingComments() {
		PrometheusText.Parsed parsed = PrometheusText.parse("""
				# HELP node_load1 1m load average.
				# TYPE node_load1 gauge
				node_load1 0.25
				node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 1.2345e+10 1767225600000
				  http_requests_total{path="C:\\\\x \\"q\\"\\nz", method = "GET" ,} 42\r
				up{} -1
				special:metric{a="b"} NaN
				inf_metric +Inf
				ninf_metric -Inf -5

				""");

		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.samples()).extracting(PrometheusText.Line::number, PrometheusText.Line::metric,
				line -> Map.copyOf(line.labels()), PrometheusText.Line::timestamp)
			.containsExactly(tuple(3, "node_load1", Map.of(), null),
					tuple(4, "node_filesystem_avail_bytes", Map.of("device", "/dev/sda1", "fstype", "ext4", "mountpoint", "/"),
							1767225600000L),
					tuple(5, "http_requests_total", Map.of("path", "C:\\x \"q\"\nz", "method", "GET"), null),
					tuple(6, "up", Map.of(), null), tuple(7, "special:metric", Map.of("a", "b"), null),
					tuple(8, "inf_metric", Map.of(), null), tuple(9, "ninf_metric", Map.of(), -5L));
		assertThat(parsed.samples()).extracting(PrometheusText.Line::value)
			.containsExactly(0.25, 1.2345e10, 42.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
	}

	@Test
	void eachUnreadableLineIsNamedAndTheOthersAreStillRead() {
		PrometheusText.Parsed parsed = PrometheusText.parse(String.join("\n", "ok 1", "{a=\"b\"} 1", "m{a=b} 1",
				"m{a=\"b\" 1", "m{a=\"b\",a=\"c\"} 1", "m twelve", "m 1 1.5", "m 1 2 3", "m", "m{a=\"unterminated} 1",
				"1m 1", "m{1a=\"x\"} 1", "ok 2"));

		assertThat(parsed.samples()).extracting(PrometheusText.Line::number).containsExactly(1, 13);
		assertThat(parsed.problems()).extracting(PrometheusText.Problem::number, PrometheusText.Problem::kind)
			.containsExactly(tuple(2, Kind.SYNTAX), tuple(3, Kind.BAD_LABEL_SYNTAX), tuple(4, Kind.BAD_LABEL_SYNTAX),
					tuple(5, Kind.DUPLICATE_LABEL), tuple(6, Kind.BAD_VALUE), tuple(7, Kind.BAD_TIMESTAMP),
					tuple(8, Kind.SYNTAX), tuple(9, Kind.BAD_VALUE), tuple(10, Kind.BAD_LABEL_SYNTAX), tuple(11, Kind.SYNTAX),
					tuple(12, Kind.BAD_LABEL_SYNTAX));
	}

}
