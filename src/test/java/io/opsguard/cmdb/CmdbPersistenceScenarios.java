package io.opsguard.cmdb;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CMDB's SQL, exercised through the API: run on H2 ({@link CmdbPersistenceH2IT}) and on a real
 * PostgreSQL ({@link CmdbPersistencePostgresIT}).
 */
abstract class CmdbPersistenceScenarios extends CmdbTestSupport {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void deepPagesFollowTheListOrderAndNeverShowWhatTheScopeExcludes() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long mine = createOrganisation(admin, root, unique("深"));
		long other = createOrganisation(admin, root, unique("他"));
		String tag = unique("deep");
		long classId = cmdbClassId(admin, "PHYSICAL_SERVER");
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 1_100; i++) {
			String name = tag + String.format(Locale.ROOT, "-%04d", i);
			rows.add(new Object[] { classId, name.toUpperCase(Locale.ROOT), name, name.toLowerCase(Locale.ROOT), mine,
					"{}", name.toLowerCase(Locale.ROOT) + "\n", now, now });
		}
		this.jdbc.batchUpdate("""
				insert into cmdb_ci (class_id, code, name, name_lower, organisation_id, status, importance, attributes,
				  search_text, created_at, updated_at, version) values (?, ?, ?, ?, ?, 'IN_USE', 'KEY', ?, ?, ?, ?, 0)""",
				rows);
		ApiClient engineer = createUserAndSignIn(admin, unique("deep"), mine, List.of(roleId(admin, "ENGINEER")));

		JsonNode shallow = engineer.get("/api/v1/cmdb/cis?sort=name,asc&size=50&page=4").json();
		JsonNode deep = engineer.get("/api/v1/cmdb/cis?sort=name,asc&size=50&page=5").json();
		assertThat(shallow.path("total").asLong()).isEqualTo(1_100);
		assertThat(deep.path("total").asLong()).as("the same list, read through its kept order").isEqualTo(1_100);
		assertThat(shallow.path("items").get(49).path("name").asText()).isEqualTo(tag + "-0249");
		assertThat(deep.path("items").findValuesAsText("name")).hasSize(50)
			.startsWith(tag + "-0250", tag + "-0251")
			.endsWith(tag + "-0299");
		assertThat(engineer.get("/api/v1/cmdb/cis?sort=name,asc&size=50&page=20").json().path("items").get(0).path("name")
			.asText()).isEqualTo(tag + "-1000");
		JsonNode newest = engineer.get("/api/v1/cmdb/cis?sort=updatedAt,desc&size=50&page=21").json();
		assertThat(newest.path("items").findValuesAsText("name")).as("ties on the time keep name order")
			.startsWith(tag + "-1050").endsWith(tag + "-1099");

		// another node moves a CI out of the engineer's scope: this node's kept order has not heard of it
		this.jdbc.update("update cmdb_ci set organisation_id = ? where name = ?", other, tag + "-1060");
		JsonNode after = engineer.get("/api/v1/cmdb/cis?sort=name,asc&size=50&page=21").json();
		assertThat(after.path("items").findValuesAsText("name")).as("rows are read again with the caller's scope")
			.hasSize(49)
			.doesNotContain(tag + "-1060")
			.startsWith(tag + "-1050");

		// a change made here is seen at once
		long retired = admin.get("/api/v1/cmdb/cis?name=" + tag + "-1070").json().path("items").get(0).path("id").asLong();
		assertThat(admin.post("/api/v1/cmdb/cis/" + retired + "/retire", Map.of()).status()).isEqualTo(200);
		JsonNode fresh = engineer.get("/api/v1/cmdb/cis?sort=name,asc&size=50&page=21").json();
		assertThat(fresh.path("total").asLong()).isEqualTo(1_098);
		assertThat(fresh.path("items").findValuesAsText("name")).hasSize(48).doesNotContain(tag + "-1070");
		assertThat(engineer.get("/api/v1/cmdb/cis?sort=name,asc&size=50&page=40").json().path("items")).isEmpty();
	}

	@Test
	void searchFiltersSortsAndPagesInTheDatabase() {
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("库"));
		String tag = unique("p");
		for (int i = 0; i < 5; i++) {
			Map<String, Object> body = new HashMap<>();
			body.put("classId", cmdbClassId(admin, "PHYSICAL_SERVER"));
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
		long classId = admin.post("/api/v1/cmdb/classes", Map.of("code", code, "parentId", cmdbClassId(admin, "NETWORK"),
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
