package io.opsguard.monitoring;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metric API over HTTP: ranges raw and downsampled, latest values, Top-N, the store's status;
 * series scoped by their resource's organisation; OpsGuard's own series for store managers only;
 * bad input answered 400 with the field and code, never 500.
 */
class MetricApiIT extends ApiTestSupport {

	@Autowired
	MetricStore store;

	private ApiClient admin;

	private long ciA;

	private long ciB;

	private long organisationA;

	private long organisationB;

	private String metric;

	private long now;

	@BeforeEach
	void data() {
		this.admin = admin();
		long root = rootOrganisationId(this.admin);
		this.organisationA = createOrganisation(this.admin, root, unique("监控A"));
		this.organisationB = createOrganisation(this.admin, root, unique("监控B"));
		long serverClass = serverClass();
		this.ciA = this.admin.post("/api/v1/cmdb/cis", Map.of("classId", serverClass, "code", unique("SRV-A"), "name",
				"服务器A", "organisationId", this.organisationA)).id();
		this.ciB = this.admin.post("/api/v1/cmdb/cis", Map.of("classId", serverClass, "code", unique("SRV-B"), "name",
				"服务器B", "organisationId", this.organisationB)).id();
		this.metric = unique("cpu_usage_").toLowerCase();
		this.now = this.clock.millis();
		List<Sample> samples = new ArrayList<>();
		for (int i = 60; i >= 1; i--) {
			long t = this.now - i * 60_000L;
			samples.add(new Sample(SeriesKey.of(this.metric, "resource", String.valueOf(this.ciA)), t, 10 + i % 5));
			samples.add(new Sample(SeriesKey.of(this.metric, "resource", String.valueOf(this.ciB)), t, 50));
			samples.add(new Sample(SeriesKey.of(this.metric), t, 99));
		}
		assertThat(this.store.append(samples).accepted()).isEqualTo(samples.size());
	}

	private long serverClass() {
		for (JsonNode node : this.admin.get("/api/v1/cmdb/classes").json().findParents("code")) {
			if (node.path("code").asText().equals("PHYSICAL_SERVER")) {
				return node.path("id").asLong();
			}
		}
		throw new AssertionError("no server class");
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Test
	void answersRangesLatestValuesTopNAndTheStoreStatus() {
		String series = encode(this.metric + "{resource=\"" + this.ciA + "\"}");
		ApiClient.Response raw = this.admin.get("/api/v1/metrics/query?series=" + series + "&from="
				+ Instant.ofEpochMilli(this.now - 3_600_000L) + "&to=" + this.now);
		assertThat(raw.status()).as(raw.toString()).isEqualTo(200);
		JsonNode one = raw.json().path("series").get(0);
		assertThat(raw.json().path("series")).hasSize(1);
		assertThat(one.path("resolution").asText()).isEqualTo("RAW");
		assertThat(one.path("resource").asLong()).isEqualTo(this.ciA);
		assertThat(one.path("resourceName").asText()).isEqualTo("服务器A");
		assertThat(one.path("timestamps")).hasSize(60);
		assertThat(one.path("min").isNull()).isTrue();
		ApiClient.Response stepped = this.admin.get("/api/v1/metrics/query?metric=" + this.metric + "&label.resource="
				+ this.ciA + "&label.resource=" + this.ciB + "&step=10m&from=" + (this.now - 3_600_000L) + "&to=" + this.now);
		assertThat(stepped.status()).as(stepped.toString()).isEqualTo(200);
		assertThat(stepped.json().path("stepSeconds").asLong()).isEqualTo(600);
		assertThat(stepped.json().path("series")).hasSize(2);
		JsonNode steps = stepped.json().path("series").get(0);
		assertThat(steps.path("resolution").asText()).isEqualTo("STEP");
		assertThat(steps.path("timestamps").get(0).asLong() % 600_000).isZero();
		assertThat(steps.path("max").get(1).asDouble()).isEqualTo(14);
		assertThat(steps.path("min").get(1).asDouble()).isEqualTo(10);
		ApiClient.Response hourly = this.admin.get("/api/v1/metrics/query?metric=" + this.metric + "&step=1h&from="
				+ (this.now - 7_200_000L));
		assertThat(hourly.json().path("series").get(0).path("resolution").asText()).isEqualTo("HOURLY");
		ApiClient.Response latest = this.admin.get("/api/v1/metrics/latest?metric=" + this.metric + "&lookback=10m");
		assertThat(latest.status()).isEqualTo(200);
		assertThat(latest.json()).hasSize(3);
		ApiClient.Response top = this.admin.get("/api/v1/metrics/topn?metric=" + this.metric + "&n=2");
		assertThat(top.json()).hasSize(2);
		assertThat(top.json().get(0).path("value").asDouble()).isEqualTo(99);
		assertThat(top.json().get(1).path("resourceName").asText()).isEqualTo("服务器B");
		ApiClient.Response lowest = this.admin.get("/api/v1/metrics/topn?metric=" + this.metric + "&n=1&order=asc");
		assertThat(lowest.json().get(0).path("resource").asLong()).isEqualTo(this.ciA);
		ApiClient.Response status = this.admin.get("/api/v1/metrics/store");
		assertThat(status.status()).isEqualTo(200);
		assertThat(status.json().path("kind").asText()).isEqualTo("embedded");
		assertThat(status.json().path("healthy").asBoolean()).isTrue();
		assertThat(status.json().path("series").asLong()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void seriesAreScopedByTheirResourcesOrganisation() {
		long reader = createRole(this.admin, List.of("monitoring:metric:read"), "OWN_SUBTREE", List.of());
		ApiClient userA = createUserAndSignIn(this.admin, unique("mona"), this.organisationA, List.of(reader));
		ApiClient userB = createUserAndSignIn(this.admin, unique("monb"), this.organisationB, List.of(reader));
		JsonNode seenByA = userA.get("/api/v1/metrics/query?metric=" + this.metric).json().path("series");
		assertThat(seenByA).hasSize(1);
		assertThat(seenByA.get(0).path("resource").asLong()).isEqualTo(this.ciA);
		assertThat(userB.get("/api/v1/metrics/query?series=" + encode(this.metric + "{resource=\"" + this.ciA + "\"}"))
			.json()
			.path("series")).isEmpty();
		JsonNode topB = userB.get("/api/v1/metrics/topn?metric=" + this.metric + "&n=10").json();
		assertThat(topB).hasSize(1);
		assertThat(topB.get(0).path("resource").asLong()).isEqualTo(this.ciB);
		assertThat(userA.get("/api/v1/metrics/latest?metric=" + this.metric).json()).hasSize(1);
		// OpsGuard's own series (no resource) and the store's status: store managers only
		assertThat(userA.get("/api/v1/metrics/store").status()).isEqualTo(403);
		long everything = createRole(this.admin, List.of("monitoring:metric:read"), "ALL", List.of());
		ApiClient wholeTree = createUserAndSignIn(this.admin, unique("monall"), this.organisationA, List.of(everything));
		assertThat(wholeTree.get("/api/v1/metrics/latest?metric=" + this.metric).json()).hasSize(2);
		long manager = createRole(this.admin, List.of("monitoring:metric:read", "monitoring:store:manage"), "OWN_SUBTREE",
				List.of());
		ApiClient managerA = createUserAndSignIn(this.admin, unique("monm"), this.organisationA, List.of(manager));
		assertThat(managerA.get("/api/v1/metrics/topn?metric=" + this.metric + "&n=10").json()).extracting(
				node -> node.path("value").asDouble()).containsExactly(99.0, 11.0);
		ApiClient nobody = createUserAndSignIn(this.admin, unique("monx"), this.organisationA, List.of());
		assertThat(nobody.get("/api/v1/metrics/query?metric=" + this.metric).status()).isEqualTo(403);
	}

	@Test
	void refusesBadInputNamingTheField() {
		assertProblem("/api/v1/metrics/query", "metric", "MON-0100");
		assertProblem("/api/v1/metrics/query?series=" + encode("cpu{resource=7}"), "series", "MON-0101");
		assertProblem("/api/v1/metrics/query?series=" + encode("cpu{a=\"1\"} junk"), "series", "MON-0101");
		assertProblem("/api/v1/metrics/query?series=cpu&metric=cpu", "series", "MON-0100");
		assertProblem("/api/v1/metrics/query?metric=9cpu", "metric", "MON-0102");
		assertProblem("/api/v1/metrics/query?metric=cpu&label.__name__=x", "label.__name__", "MON-0103");
		assertProblem("/api/v1/metrics/query?metric=cpu&label.resource=", "label.resource", "MON-0103");
		assertProblem("/api/v1/metrics/query?metric=cpu&from=yesterday", "from", "MON-0104");
		assertProblem("/api/v1/metrics/query?metric=cpu&from=99999999999999999999", "from", "MON-0104");
		assertProblem("/api/v1/metrics/query?metric=cpu&to=9999999999999", "to", "MON-0104");
		assertProblem("/api/v1/metrics/query?metric=cpu&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from",
				"MON-0105");
		assertProblem("/api/v1/metrics/query?metric=cpu&step=0s", "step", "MON-0106");
		assertProblem("/api/v1/metrics/query?metric=cpu&step=NaN", "step", "MON-0106");
		assertProblem("/api/v1/metrics/query?metric=cpu&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "step",
				"MON-0107");
		assertProblem("/api/v1/metrics/query?metric=cpu&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&step=1s", "step",
				"MON-0107");
		assertProblem("/api/v1/metrics/topn?metric=cpu&n=1000", "n", "MON-0109");
		assertProblem("/api/v1/metrics/topn?metric=cpu&n=ten", "n", "MON-0109");
		assertProblem("/api/v1/metrics/topn?metric=cpu&order=sideways", "order", "MON-0110");
		assertProblem("/api/v1/metrics/latest?metric=cpu&lookback=forever", "lookback", "MON-0111");
		ApiClient.Response english = this.admin.language("en").get("/api/v1/metrics/query?metric=9cpu");
		assertThat(english.json().path("detail").asText()).contains("Metric name");
	}

	private void assertProblem(String path, String field, String code) {
		ApiClient.Response response = this.admin.get(path);
		assertThat(response.status()).as(path + " → " + response).isEqualTo(400);
		assertThat(response.contentType()).contains("problem+json");
		assertThat(response.json().path("errors").get(0).path("field").asText()).as(path).isEqualTo(field);
		assertThat(response.json().path("errors").get(0).path("code").asText()).as(path).isEqualTo(code);
	}

}
