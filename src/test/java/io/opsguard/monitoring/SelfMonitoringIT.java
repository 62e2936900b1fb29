package io.opsguard.monitoring;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.internal.SelfMetrics;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpsGuard's own metrics (R-SYS-10): {@code /actuator/prometheus} for holders of
 * {@code monitoring:store:manage} only (session or API token), health still public, and the
 * minute job writing {@code opsguard_*} series with a node label into the store. Metrics export is
 * on, as in production (Spring Boot's tests turn it off by default).
 */
@AutoConfigureObservability(tracing = false)
class SelfMonitoringIT extends ApiTestSupport {

	@Autowired
	SelfMetrics selfMetrics;

	@Autowired
	MetricStore store;

	@Test
	void thePrometheusEndpointIsForStoreManagersAndTheirTokensOnly() {
		ApiClient admin = admin();
		Response scraped = admin.get("/actuator/prometheus");
		assertThat(scraped.status()).isEqualTo(200);
		assertThat(scraped.contentType()).startsWith("text/plain");
		assertThat(scraped.text()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count",
				"opsguard_store_healthy");

		String token = admin.post("/api/v1/auth/tokens",
				Map.of("name", unique("prometheus"), "expiresAt", LocalDate.now().plusDays(3).toString()))
			.json()
			.path("token")
			.asText();
		assertThat(client().bearer(token).get("/actuator/prometheus").status()).isEqualTo(200);

		long reader = createRole(admin, List.of("monitoring:metric:read"), "OWN_SUBTREE", List.of());
		ApiClient notManager = createUserAndSignIn(admin, unique("nomanage"), rootOrganisationId(admin), List.of(reader));
		Response refused = notManager.get("/actuator/prometheus");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(client().get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(client().get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void theJobStoresOpsGuardsOwnSeriesWithTheNodeAndNoResource() {
		admin().get("/api/v1/auth/session");
		this.selfMetrics.record();
		this.clock.advance(Duration.ofSeconds(60));
		admin().get("/api/v1/auth/session");
		this.selfMetrics.record();

		List<SeriesKey> heap = this.store.find(SeriesSelector.metric("opsguard_jvm_memory_used").where("area", "heap"), 10);
		assertThat(heap).singleElement().satisfies(series -> {
			assertThat(series.label(SelfMetrics.NODE)).isEqualTo(this.selfMetrics.node()).isNotBlank();
			assertThat(series.label(SeriesKey.RESOURCE)).isNull();
		});
		assertThat(this.store.latest(SeriesSelector.metric("opsguard_http_server_requests_per_second"), Duration.ofMinutes(5)))
			.singleElement()
			.satisfies(rate -> assertThat(rate.value()).isPositive());
		for (String metric : List.of("opsguard_jvm_threads_live", "opsguard_process_cpu_usage", "opsguard_store_healthy",
				"opsguard_hikaricp_connections_active")) {
			assertThat(this.store.find(SeriesSelector.metric(metric), 10)).as(metric).isNotEmpty();
		}
	}

}
