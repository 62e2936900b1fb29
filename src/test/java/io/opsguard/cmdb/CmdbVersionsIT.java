package io.opsguard.cmdb;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every update of a versioned CMDB resource carries the version it was based on: without it the
 * answer is 400 naming {@code version}, with an older one 409, and nothing is overwritten.
 */
class CmdbVersionsIT extends CmdbTestSupport {

	@Test
	void aCiUpdateWithoutItsVersionIsRefusedAndAStaleOneConflicts() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		long id = ci(admin, "SWITCH", unique("版本"), org, Map.of());
		JsonNode current = admin.get("/api/v1/cmdb/cis/" + id).json();
		Map<String, Object> body = new HashMap<>();
		body.put("code", current.path("code").asText());
		body.put("name", "无版本");
		body.put("organisationId", org);

		Response missing = admin.put("/api/v1/cmdb/cis/" + id, body);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("version");
		assertThat(admin.get("/api/v1/cmdb/cis/" + id).json().path("name").asText()).as("not overwritten")
			.isEqualTo(current.path("name").asText());

		body.put("version", current.path("version").asInt());
		body.put("name", "第一次");
		assertThat(admin.put("/api/v1/cmdb/cis/" + id, body).status()).isEqualTo(200);
		body.put("name", "基于旧版本");
		Response stale = admin.put("/api/v1/cmdb/cis/" + id, body);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(admin.get("/api/v1/cmdb/cis/" + id).json().path("name").asText()).isEqualTo("第一次");
	}

	@Test
	void aClassUpdateWithoutItsVersionIsRefusedAndAStaleOneConflicts() {
		ApiClient admin = admin();
		String code = "VER_" + unique("").toUpperCase().replace("-", "");
		Response created = admin.post("/api/v1/cmdb/classes",
				Map.of("code", code, "nameZh", "版本类别", "nameEn", "Versioned", "physical", false));
		long id = created.id();
		Response missing = admin.put("/api/v1/cmdb/classes/" + id, Map.of("nameZh", "改名", "nameEn", "Renamed"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("version");
		int version = created.json().path("version").asInt();
		assertThat(admin.put("/api/v1/cmdb/classes/" + id,
				Map.of("nameZh", "改名", "nameEn", "Renamed", "version", version)).status()).isEqualTo(200);
		assertThat(admin.put("/api/v1/cmdb/classes/" + id,
				Map.of("nameZh", "再改", "nameEn", "Again", "version", version)).status()).isEqualTo(409);
		assertThat(admin.get("/api/v1/cmdb/classes/" + id).json().path("nameZh").asText()).isEqualTo("改名");
	}

	@Test
	void anAttributeUpdateWithoutItsVersionIsRefusedAndAStaleOneConflicts() {
		ApiClient admin = admin();
		String code = "VER_" + unique("").toUpperCase().replace("-", "");
		long classId = admin.post("/api/v1/cmdb/classes",
				Map.of("code", code, "nameZh", "版本类别", "nameEn", "Versioned", "physical", false)).id();
		Response attribute = admin.post("/api/v1/cmdb/classes/" + classId + "/attributes",
				Map.of("code", "rackUnit", "nameZh", "U 位", "nameEn", "Rack unit", "type", "NUMBER"));
		String path = "/api/v1/cmdb/classes/" + classId + "/attributes/" + attribute.id();
		Response missing = admin.put(path, Map.of("nameZh", "U 数", "nameEn", "Units"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("version");
		int version = attribute.json().path("version").asInt();
		assertThat(admin.put(path, Map.of("nameZh", "U 数", "nameEn", "Units", "version", version)).status()).isEqualTo(200);
		assertThat(admin.put(path, Map.of("nameZh", "旧", "nameEn", "Old", "version", version)).status()).isEqualTo(409);
	}

}
