package io.opsguard.monitoring.store.exposition;

import java.util.Map;

import io.opsguard.monitoring.store.exposition.PrometheusText.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PrometheusTextTests {

	@Test
	void readsHelpTypeLabelsWithEscapesTimestampsAndSpecialValues() {
		String text = """
				# HELP http_requests_total The total number of HTTP requests.\\nSecond line with a \\\\ backslash.
				# TYPE http_requests_total counter
				http_requests_total{method="post",code="200"} 1027 1395066363000
				http_requests_total{method="post",code="400"}    3 1395066363000

				# Escaping in label values:
				msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
				metric_without_timestamp_and_labels 12.47
				something_weird{problem="division by zero"} +Inf -3982045
				not_a_number NaN
				minus_infinity{a="b",} -Inf
				""";
		PrometheusText.Parsed parsed = PrometheusText.parse(text);
		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.types()).containsEntry("http_requests_total", "counter");
		assertThat(parsed.help().get("http_requests_total"))
			.isEqualTo("The total number of HTTP requests.\nSecond line with a \\ backslash.");
		assertThat(parsed.samples()).hasSize(7);
		PrometheusText.Line first = parsed.samples().get(0);
		assertThat(first.labels()).isEqualTo(Map.of("method", "post", "code", "200"));
		assertThat(first.value()).isEqualTo(1027);
		assertThat(first.timestamp()).isEqualTo(1395066363000L);
		assertThat(first.number()).isEqualTo(3);
		PrometheusText.Line escaped = parsed.samples().get(2);
		assertThat(escaped.labels()).containsEntry("path", "C:\\DIR\\FILE.TXT")
			.containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
		assertThat(escaped.value()).isEqualTo(1.458255915e9);
		assertThat(parsed.samples().get(3).timestamp()).isNull();
		assertThat(parsed.samples().get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(parsed.samples().get(4).timestamp()).isEqualTo(-3982045L);
		assertThat(parsed.samples().get(5).value()).isNaN();
		assertThat(parsed.samples().get(6).value()).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(parsed.samples().get(6).labels()).containsEntry("a", "b");
	}

	@Test
	void readsHistogramsAndSummariesAsSamplesOfTheirFamily() {
		String text = """
				# HELP http_request_duration_seconds A histogram of the request duration.
				# TYPE http_request_duration_seconds histogram
				http_request_duration_seconds_bucket{le="0.05"} 24054
				http_request_duration_seconds_bucket{le="0.1"} 33444
				http_request_duration_seconds_bucket{le="+Inf"} 144320
				http_request_duration_seconds_sum 53423
				http_request_duration_seconds_count 144320
				# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
				# TYPE rpc_duration_seconds summary
				rpc_duration_seconds{quantile="0.01"} 3102
				rpc_duration_seconds{quantile="0.99"} 76656
				rpc_duration_seconds_sum 1.7560473e+07
				rpc_duration_seconds_count 2693
				""";
		PrometheusText.Parsed parsed = PrometheusText.parse(text);
		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.samples()).hasSize(9);
		assertThat(parsed.samples().get(2).labels()).containsEntry("le", "+Inf");
		assertThat(parsed.typeOf("http_request_duration_seconds_bucket")).isEqualTo("histogram");
		assertThat(parsed.typeOf("rpc_duration_seconds_count")).isEqualTo("summary");
		assertThat(parsed.typeOf("rpc_duration_seconds")).isEqualTo("summary");
		assertThat(parsed.typeOf("unknown_metric")).isEqualTo("untyped");
	}

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

	@Test
	void eachProblemSaysWhatIsWrongWithItsLineAndTheOthersAreKept() {
		String text = String.join("\n", "# TYPE good gauge", "good 1", "bad{label=\"unclosed} 2", "good_too{a=\"1\"} 2",
				"no_value", "value_not_number abc", "dup{a=\"1\",a=\"2\"} 3", "odd_escape{a=\"\\x\"} 1",
				"# TYPE good counter", "# TYPE other wrongtype", "1starts_with_digit 1", "ts 1 notatime", "last 3\r", "");
		PrometheusText.Parsed parsed = PrometheusText.parse(text);
		assertThat(parsed.samples()).extracting(PrometheusText.Line::metric)
			.containsExactly("good", "good_too", "odd_escape", "last");
		assertThat(parsed.samples().get(2).labels()).containsEntry("a", "\\x");
		assertThat(parsed.problems()).extracting(PrometheusText.Problem::number, PrometheusText.Problem::kind)
			.containsExactly(tuple(3, Kind.BAD_LABEL_SYNTAX), tuple(5, Kind.BAD_VALUE), tuple(6, Kind.BAD_VALUE),
					tuple(7, Kind.DUPLICATE_LABEL), tuple(9, Kind.BAD_METADATA), tuple(10, Kind.BAD_METADATA),
					tuple(11, Kind.SYNTAX), tuple(12, Kind.BAD_TIMESTAMP));
		assertThat(parsed.problems().get(0).toString()).startsWith("line 3: ");
		assertThat(parsed.problems().get(2).detail()).contains("abc");
		assertThat(parsed.problems().get(3).detail()).contains("twice");
		assertThat(parsed.problems().get(5).detail()).contains("wrongtype");
		assertThat(parsed.types()).containsExactly(Map.entry("good", "gauge"));
	}

	@Test
	void anEmptyTextHasNoSamplesAndNoProblems() {
		PrometheusText.Parsed parsed = PrometheusText.parse("");
		assertThat(parsed.samples()).isEmpty();
		assertThat(parsed.problems()).isEmpty();
	}

}
