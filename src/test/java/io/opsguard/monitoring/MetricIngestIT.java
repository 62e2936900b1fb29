package io.opsguard.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import io.opsguard.support.VictoriaMetricsPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code POST /api/v1/metrics/ingest} end to end, into the VictoriaMetrics store on Debian's
 * victoria-metrics: Prometheus text and JSON batches with a bearer token, refusals per line and
 * item in both languages, the scope of the {@code resource} label, and the limits.
 */
class MetricIngestIT extends ApiTestSupport {

	private static VictoriaMetricsPeer peer;

	@DynamicPropertySource
	static void victoriaMetrics(DynamicPropertyRegistry registry) {
		registry.add("opsguard.monitoring.store", () -> "victoriametrics");
		registry.add("opsguard.monitoring.store.victoriametrics.url", () -> peer().url().toString());
		registry.add("opsguard.monitoring.ingest.max-body-size", () -> "64KB");
		registry.add("opsguard.monitoring.ingest.max-samples", () -> "1000");
	}

	private static synchronized VictoriaMetricsPeer peer() {
		if (peer == null) {
			peer = VictoriaMetricsPeer.start();
		}
		return peer;
	}

	@AfterAll
	static void stopVictoriaMetrics() {
		if (peer != null) {
			peer.close();
			peer = null;
		}
	}

	@Autowired
	MetricStore store;

	private ApiClient admin;

	private ApiClient token;

	private long ci;

	@BeforeEach
	void signIn() {
		this.clock.set(Instant.now());
		this.admin = admin();
		this.token = tokenOf(this.admin);
		this.ci = createServer(this.admin, rootOrganisationId(this.admin));
	}

	@Test
	void aTextExpositionIsStoredLineByLineAndEveryRefusedLineIsNamed() {
		String metric = unique("ingest_text_").replace('-', '_');
		long now = this.clock.millis();
		String text = String.join("\n", "# HELP " + metric + " CPU usage", "# TYPE " + metric + " gauge",
				metric + "{resource=\"" + this.ci + "\",instance=\"cpu-total\"} 12.5 " + (now - 1000), // 3
				metric + "{job=\"portal\",path=\"/a \\\"b\\\"\\\\c\"} 4.2e1", // 4
				"this is no sample", // 5
				metric + "{resource=\"" + this.ci + "\"} NaN", // 6
				metric + "{resource=\"" + this.ci + "\"} +Inf", // 7
				metric + "{resource=\"999999999\"} 1", // 8
				metric + "{resource=\"" + this.ci + "\"} 1 " + (now + Duration.ofHours(1).toMillis()), // 9
				metric + "{resource=\"1\",resource=\"2\"} 1", // 10
				metric + "{resource=\"" + this.ci + "\"} abc", // 11
				metric + "{resource=\"" + this.ci + "\"} 1 12.5", // 12
				metric + "{__name=\"x\"} 1", // 13
				"# TYPE " + metric + " counter", // 14: metadata the store does not keep, so no refused line
				"");

		Response response = this.token.exchange("POST", "/api/v1/metrics/ingest",
				Map.of("Content-Type", "text/plain; version=0.0.4; charset=utf-8"), text.getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode answer = response.json();
		assertThat(answer.path("accepted").asInt()).isEqualTo(2);
		assertThat(answer.path("rejected")).extracting(r -> r.path("line").asInt(), r -> r.path("reason").asText())
			.containsExactly(tuple(5, "SYNTAX"), tuple(6, "NOT_FINITE"), tuple(7, "NOT_FINITE"), tuple(8, "UNKNOWN_RESOURCE"),
					tuple(9, "IN_FUTURE"), tuple(10, "DUPLICATE_LABEL"), tuple(11, "BAD_VALUE"), tuple(12, "BAD_TIMESTAMP"),
					tuple(13, "BAD_LABEL"));
		assertThat(answer.path("rejected").get(0).path("message").asText()).startsWith("无法识别此行");
		assertThat(answer.path("rejected").get(3).path("message").asText()).contains("999999999");
		peer.forceFlush();
		assertThat(this.store.latest(SeriesSelector.metric(metric), Duration.ofMinutes(5)))
			.extracting(LatestValue::series, LatestValue::value)
			.containsExactlyInAnyOrder(
					tuple(SeriesKey.of(metric, "resource", Long.toString(this.ci), "instance", "cpu-total"), 12.5),
					tuple(SeriesKey.of(metric, "job", "portal", "path", "/a \"b\"\\c"), 42.0));
	}

	@Test
	void aJsonBatchIsStoredItemByItemWithMessagesInTheRequestsLanguage() {
		String metric = unique("ingest_json_").replace('-', '_');
		long now = this.clock.millis();
		Map<String, Object> body = Map.of("samples", List.of(
				Map.of("metric", metric, "labels", Map.of("resource", Long.toString(this.ci)), "timestamp", now - 2000,
						"value", 7.25),
				Map.of("metric", metric, "labels", Map.of("instance", "a"), "timestamp",
						Instant.ofEpochMilli(now - 3000).toString(), "value", 8),
				Map.of("metric", metric, "value", "NaN"), Map.of("labels", Map.of()),
				Map.of("metric", "1" + metric, "value", 1), Map.of("metric", metric, "value", 1, "timestamp", "yesterday")));

		Response response = this.token.language("en").post("/api/v1/metrics/ingest", body);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().path("accepted").asInt()).isEqualTo(2);
		assertThat(response.json().path("rejected")).extracting(r -> r.path("index").asInt(), r -> r.path("reason").asText(),
				r -> r.path("line").isNull())
			.containsExactly(tuple(2, "NOT_FINITE", true), tuple(3, "MISSING_FIELD", true),
					tuple(4, "BAD_METRIC_NAME", true), tuple(5, "BAD_TIMESTAMP", true));
		assertThat(response.json().path("rejected").get(1).path("message").asText()).isEqualTo("Field metric is missing");
		peer.forceFlush();
		assertThat(this.store.latest(SeriesSelector.metric(metric), Duration.ofMinutes(5)))
			.extracting(LatestValue::timestamp, LatestValue::value)
			.containsExactlyInAnyOrder(tuple(now - 2000, 7.25), tuple(now - 3000, 8.0));
	}

	@Test
	void nothingAcceptedIsABadRequestThatListsEveryRefusal() {
		Response none = this.token.exchange("POST", "/api/v1/metrics/ingest", Map.of("Content-Type", "text/plain"),
				"x{resource=\"1\"} NaN\ngarbage here\n".getBytes(StandardCharsets.UTF_8));
		assertThat(none.status()).isEqualTo(400);
		assertThat(none.contentType()).startsWith("application/problem+json");
		assertThat(none.code()).isEqualTo("MON-0120");
		assertThat(none.json().path("rejected")).extracting(r -> r.path("line").asInt()).containsExactly(1, 2);

		Response empty = this.token.exchange("POST", "/api/v1/metrics/ingest", Map.of("Content-Type", "text/plain"),
				"# only comments\n\n".getBytes(StandardCharsets.UTF_8));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.code()).isEqualTo("MON-0121");

		Response garbage = this.token.exchange("POST", "/api/v1/metrics/ingest", Map.of("Content-Type", "application/json"),
				"{\"samples\": [".getBytes(StandardCharsets.UTF_8));
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.code()).isEqualTo("MON-0123");
		Response notAList = this.token.post("/api/v1/metrics/ingest", Map.of("samples", "x"));
		assertThat(notAList.status()).isEqualTo(400);
		assertThat(notAList.code()).isEqualTo("MON-0123");
	}

	@Test
	void bodiesAndBatchesAboveTheLimitsAreRefusedWhole() {
		byte[] large = ("big_metric 1\n".repeat(70 * 1024 / 13)).getBytes(StandardCharsets.UTF_8);
		Response tooLarge = this.token.exchange("POST", "/api/v1/metrics/ingest", Map.of("Content-Type", "text/plain"), large);
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.code()).isEqualTo("MON-0122");

		Response tooMany = this.token.exchange("POST", "/api/v1/metrics/ingest", Map.of("Content-Type", "text/plain"),
				"many 1\n".repeat(1001).getBytes(StandardCharsets.UTF_8));
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.code()).isEqualTo("MON-0124");
	}

	@Test
	void aTokenWritesOnlyResourcesInItsScopeAndNeedsThePermission() {
		long sibling = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("采集单位"));
		long role = createRole(this.admin, List.of("monitoring:metric:ingest"), "OWN_SUBTREE", List.of());
		ApiClient collector = createUserAndSignIn(this.admin, unique("collector"), sibling, List.of(role));
		ApiClient collectorToken = tokenOf(collector);
		String metric = unique("ingest_scope_").replace('-', '_');

		Response foreign = collectorToken.exchange("POST", "/api/v1/metrics/ingest", Map.of("Content-Type", "text/plain"),
				(metric + "{resource=\"" + this.ci + "\"} 1\n" + metric + "{job=\"own\"} 2\n").getBytes(StandardCharsets.UTF_8));
		assertThat(foreign.status()).as(foreign.toString()).isEqualTo(200);
		assertThat(foreign.json().path("rejected")).extracting(r -> r.path("reason").asText())
			.containsExactly("UNKNOWN_RESOURCE");

		ApiClient nobody = tokenOf(createUserAndSignIn(this.admin, unique("noingest"), sibling, List.of()));
		Response refused = nobody.exchange("POST", "/api/v1/metrics/ingest", Map.of("Content-Type", "text/plain"),
				"x 1\n".getBytes(StandardCharsets.UTF_8));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(client().bearer("ogt_" + "0".repeat(40)).exchange("POST", "/api/v1/metrics/ingest",
				Map.of("Content-Type", "text/plain"), "x 1\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(401);
	}

	private ApiClient tokenOf(ApiClient user) {
		Response created = user.post("/api/v1/auth/tokens",
				Map.of("name", unique("采集"), "expiresAt", LocalDate.now().plusDays(3).toString()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return client().bearer(created.json().path("token").asText());
	}

	private long createServer(ApiClient admin, long organisation) {
		long serverClass = findClass(admin.get("/api/v1/cmdb/classes").json(), "PHYSICAL_SERVER");
		Response server = admin.post("/api/v1/cmdb/cis", Map.of("classId", serverClass, "code", unique("SRV-"), "name",
				unique("服务器"), "organisationId", organisation));
		assertThat(server.status()).as(server.toString()).isEqualTo(201);
		return server.id();
	}

	static long findClass(JsonNode nodes, String code) {
		for (JsonNode node : nodes) {
			if (node.path("code").asText().equals(code)) {
				return node.path("id").asLong();
			}
			long found = findClass(node.path("children"), code);
			if (found > 0) {
				return found;
			}
		}
		return -1;
	}

}
