package io.opsguard.monitoring.collect.prometheus;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpositionParserTests {

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
		Exposition exposition = ExpositionParser.parse(text);
		assertThat(exposition.errors()).isEmpty();
		assertThat(exposition.types()).containsEntry("http_requests_total", "counter");
		assertThat(exposition.help().get("http_requests_total"))
			.isEqualTo("The total number of HTTP requests.\nSecond line with a \\ backslash.");
		assertThat(exposition.samples()).hasSize(7);
		Exposition.Sample first = exposition.samples().get(0);
		assertThat(first.labels()).isEqualTo(Map.of("method", "post", "code", "200"));
		assertThat(first.value()).isEqualTo(1027);
		assertThat(first.timestamp()).isEqualTo(1395066363000L);
		assertThat(first.line()).isEqualTo(3);
		Exposition.Sample escaped = exposition.samples().get(2);
		assertThat(escaped.labels()).containsEntry("path", "C:\\DIR\\FILE.TXT")
			.containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
		assertThat(escaped.value()).isEqualTo(1.458255915e9);
		assertThat(exposition.samples().get(3).timestamp()).isNull();
		assertThat(exposition.samples().get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(exposition.samples().get(4).timestamp()).isEqualTo(-3982045L);
		assertThat(exposition.samples().get(5).value()).isNaN();
		assertThat(exposition.samples().get(6).value()).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(exposition.samples().get(6).labels()).containsEntry("a", "b");
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
		Exposition exposition = ExpositionParser.parse(text);
		assertThat(exposition.errors()).isEmpty();
		assertThat(exposition.samples()).hasSize(9);
		assertThat(exposition.samples().get(2).labels()).containsEntry("le", "+Inf");
		assertThat(exposition.typeOf("http_request_duration_seconds_bucket")).isEqualTo("histogram");
		assertThat(exposition.typeOf("rpc_duration_seconds_count")).isEqualTo("summary");
		assertThat(exposition.typeOf("rpc_duration_seconds")).isEqualTo("summary");
		assertThat(exposition.typeOf("unknown_metric")).isEqualTo("untyped");
	}

	@Test
	void reportsEachUnreadableLineByNumberAndKeepsTheOthers() {
		String text = String.join("\n", "# TYPE good gauge", "good 1", "bad{label=\"unclosed} 2", "good_too{a=\"1\"} 2",
				"no_value", "value_not_number abc", "dup{a=\"1\",a=\"2\"} 3", "bad_escape{a=\"\\x\"} 1",
				"# TYPE good counter", "# TYPE other wrongtype", "1starts_with_digit 1", "ts 1 notatime", "last 3\r", "");
		Exposition exposition = ExpositionParser.parse(text);
		assertThat(exposition.samples()).extracting(Exposition.Sample::name).containsExactly("good", "good_too", "last");
		assertThat(exposition.errors()).extracting(Exposition.LineError::line)
			.containsExactly(3, 5, 6, 7, 8, 9, 10, 11, 12);
		assertThat(exposition.errors().get(0).toString()).startsWith("line 3: ");
		assertThat(exposition.errors().get(2).message()).contains("abc");
		assertThat(exposition.errors().get(3).message()).contains("twice");
	}

	@Test
	void anEmptyTextHasNoSamplesAndNoErrors() {
		Exposition exposition = ExpositionParser.parse("");
		assertThat(exposition.samples()).isEmpty();
		assertThat(exposition.errors()).isEmpty();
	}

}
