package io.opsguard.cmdb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CMDB's SQL, exercised through the API: run on H2 ({@link CmdbPersistenceH2IT}) and on a real
 * PostgreSQL ({@link CmdbPersistencePostgresIT}).
 */
abstract class CmdbPersistenceScenarios extends CmdbTestSupport {

	@Test
	void searchFiltersSortsAndPagesInTheDatabase() {
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("库"));
		String tag = unique("p");
		for (int i = 0; i < 5; i++) {
			Map<String, Object> body = new HashMap<>();
			body.put("classId", classId(admin, "PHYSICAL_SERVER"));
			body.put("code", tag + "-" + i);
			body.put("name", tag + "服务器" + (5 - i));
			body.put("organisationId", org);
			body.put("importance", i % 2 == 0 ? "CORE" : "GENERAL");
			body.put("tags", List.of("生产", "t" + i));
			body.put("attributes", Map.of("ip", "172.16.0." + i, "cpuCores", 4 * (i + 1)));
			assertThat(admin.post("/api/v1/cmdb/cis", body).status()).isEqualTo(201);
		}
		JsonNode page = admin.get("/api/v1/cmdb/cis?name=" + tag + "&sort=name,asc&page=1&size=2").json();
		assertThat(page.path("total").asLong()).isEqualTo(5);
		assertThat(page.path("items")).hasSize(2);
		assertThat(page.path("items").get(0).path("name").asText()).isEqualTo(tag + "服务器3");
		assertThat(admin.get("/api/v1/cmdb/cis?name=" + tag + "&importance=CORE").json().path("total").asLong()).isEqualTo(3);
		assertThat(admin.get("/api/v1/cmdb/cis?name=" + tag + "&tag=t3").json().path("total").asLong()).isEqualTo(1);
		assertThat(admin.get("/api/v1/cmdb/cis?q=172.16.0.4").json().path("total").asLong()).isEqualTo(1);
		assertThat(admin.get("/api/v1/cmdb/cis?name=" + tag + "_").json().path("total").asLong()).as("_ is literal").isZero();
		assertThat(admin.get("/api/v1/cmdb/cis?organisationId=" + org + "&sort=updatedAt,desc").json().path("total").asLong())
			.isEqualTo(5);
		assertThat(admin.get("/api/v1/cmdb/cis?organisationId=" + org + "&sort=lastVerifiedAt,asc").status()).isEqualTo(200);
	}

	@Test
	void historyRelationsAndUniqueValuesAreStored() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		long system = ci(admin, "BUSINESS_SYSTEM", unique("系统"), org, Map.of("goLiveDate", "2020-01-01", "applicationSupport", true));
		long db = ci(admin, "DATABASE", unique("库"), org, Map.of("dbType", "ORACLE", "port", 1521));
		relate(admin, "DEPENDS_ON", system, db);
		JsonNode current = admin.get("/api/v1/cmdb/cis/" + db).json();
		Map<String, Object> update = new HashMap<>();
		update.put("code", current.path("code").asText());
		update.put("name", current.path("name").asText());
		update.put("organisationId", org);
		update.put("attributes", Map.of("dbType", "DM", "port", 5236));
		update.put("version", current.path("version").asInt());
		assertThat(admin.put("/api/v1/cmdb/cis/" + db, update).status()).isEqualTo(200);
		JsonNode history = admin.get("/api/v1/cmdb/cis/" + db + "/history").json();
		assertThat(history.findValuesAsText("action")).containsExactly("UPDATED", "RELATION_ADDED", "CREATED");
		assertThat(history.get(0).path("changes").toString()).contains("\"before\":\"Oracle\",\"after\":\"达梦\"");
		JsonNode systemView = admin.get("/api/v1/cmdb/cis/" + system).json();
		assertThat(systemView.path("attributes").path("applicationSupport").asBoolean()).isTrue();
		assertThat(systemView.path("attributeLabels").path("applicationSupport").asText()).isEqualTo("是");
		assertThat(admin.get("/api/v1/cmdb/cis/" + db + "/impact").json().path("businessSystems")).hasSize(1);
		assertThat(admin.get("/api/v1/cmdb/business-systems/" + system).json().path("components")).hasSize(1);
		assertThat(admin.get("/api/v1/cmdb/verification/summary").status()).isEqualTo(200);
	}

	@Test
	void uniqueAttributesAreEnforcedByTheDatabase() {
		ApiClient admin = admin();
		String code = "U" + unique("").toUpperCase().replace("-", "");
		long classId = admin.post("/api/v1/cmdb/classes", Map.of("code", code, "parentId", classId(admin, "NETWORK"),
				"nameZh", "测试设备", "nameEn", "Test device", "physical", true)).id();
		Response attribute = admin.post("/api/v1/cmdb/classes/" + classId + "/attributes",
				Map.of("code", "assetNo", "nameZh", "资产编号", "nameEn", "Asset no", "type", "TEXT", "unique", true));
		assertThat(attribute.status()).isEqualTo(201);
		long org = rootOrganisationId(admin);
		ci(admin, code, "设备1", org, Map.of("assetNo", "ZC-001"));
		Response duplicate = admin.post("/api/v1/cmdb/cis", Map.of("classId", classId, "code", unique("D-"), "name", "设备2",
				"organisationId", org, "attributes", Map.of("assetNo", "zc-001")));
		assertThat(duplicate.json().path("errors").get(0).path("code").asText()).isEqualTo("CMDB-0013");
	}

}
