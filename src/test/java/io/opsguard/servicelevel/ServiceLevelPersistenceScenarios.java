package io.opsguard.servicelevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-level SQL through the API, on H2 ({@link ServiceLevelPersistenceH2IT}) and on a real
 * PostgreSQL ({@link ServiceLevelPersistencePostgresIT}): gradings with their parties, levels and
 * their history, inheritance, facts, policies with versions.
 */
abstract class ServiceLevelPersistenceScenarios extends ServiceLevelTestSupport {

	@Test
	void gradingsLevelsInheritanceAndFactsAreStored() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long supported = ci(admin, "BUSINESS_SYSTEM", unique("统一业务应用软件"), root, Map.of());
		long support = ci(admin, "BUSINESS_SYSTEM", unique("电子卷宗"), root, Map.of("applicationSupport", true));
		relate(admin, "SUPPORTS", support, supported);
		Parties parties = parties(admin);
		long grading = grade(admin, supported, factors("HIGH", "VERY_HIGH", "HIGH"), parties);
		JsonNode proposal = admin.get("/api/v1/grading/proposals/" + grading).json();
		assertThat(proposal.path("status").asText()).isEqualTo("CONFIRMED");
		assertThat(proposal.path("parties").findValuesAsText("decision")).containsOnly("CONFIRMED");
		assertThat(proposal.path("factors").path("sensitivityReason").asText()).isEqualTo("涉及案件信息");
		assertThat(systemOnceLevel(admin, support, level -> level.asInt() == 1).path("history").get(0).path("cause")
			.asText()).isEqualTo("INHERITED");
		assertThat(admin.put("/api/v1/service-levels/systems/" + supported + "/facts",
				Map.of("backupPolicy", "每日备份", "systemMonitoring", true)).status()).isEqualTo(200);
		JsonNode detail = system(admin, supported);
		assertThat(detail.path("facts").path("backupPolicy").asText()).isEqualTo("每日备份");
		assertThat(detail.path("facts").path("systemMonitoring").asBoolean()).isTrue();
		assertThat(gaps(detail)).containsEntry("DATA_BACKUP", "MET").containsEntry("SYSTEM_MONITORING", "MET");
		assertThat(systemsNamed(admin, detail.path("system").path("code").asText(), "level=1").findValuesAsText("id"))
			.containsExactly(String.valueOf(supported));
	}

	@Test
	void policiesKeepTheirVersions() {
		ApiClient admin = admin();
		String code = unique("P-");
		assertThat(admin.post("/api/v1/sla-policies", Map.of("code", code, "nameZh", "副本", "nameEn", "Copy", "organisationId",
				rootOrganisationId(admin), "basedOn", "GB-GRADE-2")).status()).isEqualTo(201);
		JsonNode detail = admin.get("/api/v1/sla-policies/" + code).json();
		assertThat(detail.path("definition").path("calendar").asText()).isEqualTo("7x24");
		assertThat(detail.path("definition").path("targets").get(0).path("response").asText()).isEqualTo("PT15M");
		assertThat(detail.path("definition").path("escalations")).hasSize(3);
		assertThat(admin.get("/api/v1/sla-policies/" + code + "/versions").json().path("items")).hasSize(1);
		assertThat(admin.delete("/api/v1/sla-policies/" + code).status()).isEqualTo(204);
	}


	@Test
	void proposalsForOneSystemAtOnceLeaveExactlyOnePending() throws Exception {
		ApiClient admin = admin();
		long system = ci(admin, "BUSINESS_SYSTEM", unique("并发定级"), rootOrganisationId(admin), Map.of());
		Parties parties = parties(admin);
		List<Integer> statuses = concurrently(8, i -> propose(admin(), system, factors("LOW", "LOW", "LOW"), parties, null)
			.status());
		assertThat(statuses).containsOnly(201, 409);
		assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
		assertThat(admin.get("/api/v1/grading/proposals?status=PENDING&systemId=" + system).json().path("total").asLong())
			.isEqualTo(1);
	}

	@Test
	void theLastTwoPartiesConfirmingAtOnceMakeTheLevelEffective() throws Exception {
		ApiClient admin = admin();
		Parties parties = parties(admin);
		List<ApiClient> clients = List.copyOf(parties.clients().values());
		for (int round = 0; round < 5; round++) {
			long system = ci(admin, "BUSINESS_SYSTEM", unique("并发确认"), rootOrganisationId(admin), Map.of());
			long proposal = propose(admin, system, factors("LOW", "LOW", "LOW"), parties, null).id();
			for (ApiClient party : clients.subList(0, 2)) {
				assertThat(party.post("/api/v1/grading/proposals/" + proposal + "/decision", Map.of("decision", "CONFIRMED"))
					.status()).isEqualTo(200);
			}
			List<Integer> statuses = concurrently(2, i -> clients.get(2 + i)
				.post("/api/v1/grading/proposals/" + proposal + "/decision", Map.of("decision", "CONFIRMED"))
				.status());
			assertThat(statuses).containsOnly(200);
			assertThat(admin.get("/api/v1/grading/proposals/" + proposal).json().path("status").asText())
				.as("round %d", round).isEqualTo("CONFIRMED");
			assertThat(system(admin, system).path("system").path("level").asInt()).isEqualTo(5);
		}
	}

	/** Runs {@code task} on {@code threads} threads released at the same moment. */
	private static <T> List<T> concurrently(int threads, IntFunction<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return task.apply(index);
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
