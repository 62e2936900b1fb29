package io.opsguard.monitoring;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The baseline and disk forecast endpoints, on the configured store, with the caller's scope. */
class MetricAnalysisApiIT extends ApiTestSupport {

	@Autowired
	MetricStore store;

	@Test
	void baselineAndForecastOfAResourceInScope() {
		ApiClient admin = admin();
		long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("分析单位"));
		long ci = server(admin, organisation);
		long now = this.clock.millis();
		List<Sample> samples = new ArrayList<>();
		for (int hour = 0; hour < 14 * 24; hour++) {
			long t = now - (14 * 24 - hour) * 3_600_000L;
			samples.add(new Sample(SeriesKey.of("cpu_usage", "resource", Long.toString(ci)), t, 10 + hour % 24));
			samples.add(new Sample(SeriesKey.of("fs_used", "resource", Long.toString(ci), "instance", "/"), t, 50e9 + hour * 1e8));
			samples.add(new Sample(SeriesKey.of("fs_size", "resource", Long.toString(ci), "instance", "/"), t, 100e9));
		}
		assertThat(this.store.append(samples).rejected()).isEmpty();

		Response baseline = admin.get("/api/v1/metrics/baseline?series=" + encode("cpu_usage{resource=\"" + ci + "\"}"));
		assertThat(baseline.status()).as(baseline.toString()).isEqualTo(200);
		assertThat(baseline.json().path("series").asText()).isEqualTo("cpu_usage{resource=\"" + ci + "\"}");
		assertThat(baseline.json().path("zone").asText()).isEqualTo("Asia/Shanghai");
		assertThat(baseline.json().path("hours").size()).isEqualTo(168);
		JsonNode hour = baseline.json().path("hours").get(0);
		assertThat(hour.path("weeks").asInt()).isEqualTo(2);
		assertThat(hour.path("low").asDouble()).isLessThanOrEqualTo(hour.path("typical").asDouble());

		Response forecast = admin.get("/api/v1/metrics/forecast?resource=" + ci);
		assertThat(forecast.status()).as(forecast.toString()).isEqualTo(200);
		JsonNode root = forecast.json().path("filesystems").get(0);
		assertThat(root.path("instance").asText()).isEqualTo("/");
		assertThat(root.path("growthPerDay").asDouble()).isCloseTo(24e8, within(1e6));
		assertThat(root.path("daysUntilFull").asDouble()).isCloseTo((100e9 - (50e9 + 335 * 1e8)) / 24e8, within(0.01));

		// a user of a sibling organisation sees neither
		long sibling = createOrganisation(admin, rootOrganisationId(admin), unique("旁支"));
		long reader = createRole(admin, List.of("monitoring:metric:read"), "OWN_SUBTREE", List.of());
		ApiClient other = createUserAndSignIn(admin, unique("reader"), sibling, List.of(reader));
		assertThat(other.get("/api/v1/metrics/forecast?resource=" + ci).status()).isEqualTo(404);
		Response hidden = other.get("/api/v1/metrics/baseline?series=" + encode("cpu_usage{resource=\"" + ci + "\"}"));
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.code()).isEqualTo("MON-0141");
	}

	@Test
	void malformedSeriesAndResourcesAreNamed() {
		ApiClient admin = admin();
		for (String bad : List.of("", "cpu usage", "cpu{resource=7}", "1cpu", "cpu{__x=\"1\"}", "cpu 1\nmem")) {
			Response response = admin.get("/api/v1/metrics/baseline?series=" + encode(bad));
			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("series");
		}
		assertThat(admin.get("/api/v1/metrics/forecast?resource=abc").status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/metrics/forecast?resource=99999999999").status()).isEqualTo(404);
		Response self = admin.get("/api/v1/metrics/baseline?series=" + encode("opsguard_jvm_threads_live{node=\"x\"}"));
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.json().path("hours").size()).isZero();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private long server(ApiClient admin, long organisation) {
		long serverClass = MetricIngestIT.findClass(admin.get("/api/v1/cmdb/classes").json(), "PHYSICAL_SERVER");
		Response server = admin.post("/api/v1/cmdb/cis", Map.of("classId", serverClass, "code", unique("SRV-"), "name",
				unique("服务器"), "organisationId", organisation));
		assertThat(server.status()).as(server.toString()).isEqualTo(201);
		return server.id();
	}

}
