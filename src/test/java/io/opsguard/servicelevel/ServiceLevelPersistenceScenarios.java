package io.opsguard.servicelevel;

import java.util.Map;

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
		assertThat(system(admin, support).path("system").path("level").asInt()).isEqualTo(1);
		assertThat(admin.put("/api/v1/service-levels/systems/" + supported + "/facts",
				Map.of("backupPolicy", "每日备份", "systemMonitoring", true)).status()).isEqualTo(200);
		JsonNode detail = system(admin, supported);
		assertThat(detail.path("facts").path("backupPolicy").asText()).isEqualTo("每日备份");
		assertThat(detail.path("facts").path("systemMonitoring").asBoolean()).isTrue();
		assertThat(gaps(detail)).containsEntry("DATA_BACKUP", "MET").containsEntry("SYSTEM_MONITORING", "MET");
		assertThat(admin.get("/api/v1/service-levels/systems?level=1").json().findValuesAsText("id"))
			.contains(String.valueOf(supported), String.valueOf(support));
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

}
