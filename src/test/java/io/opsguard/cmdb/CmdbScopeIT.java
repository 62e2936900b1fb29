package io.opsguard.cmdb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user of one organisation learns about another through the CMDB: nothing. Owners are
 * users of the caller's scope, refused like unknown ones otherwise; views never name users or CIs
 * outside the reader's scope; a duplicate code or unique value is refused without telling anything
 * about the CI that holds it.
 */
class CmdbScopeIT extends CmdbTestSupport {

	private ApiClient admin;

	private long east;

	private long west;

	private long westUser;

	private String westUsername;

	private ApiClient engineer;

	private long engineerId;

	@BeforeEach
	void twoOrganisations() {
		this.admin = admin();
		long root = rootOrganisationId(this.admin);
		this.east = createOrganisation(this.admin, root, unique("东"));
		this.west = createOrganisation(this.admin, root, unique("西"));
		this.westUsername = unique("west");
		createUserAndSignIn(this.admin, this.westUsername, this.west, List.of());
		this.westUser = userId(this.westUsername);
		String engineerName = unique("eng");
		this.engineer = createUserAndSignIn(this.admin, engineerName, this.east,
				List.of(roleId(this.admin, "ENGINEER"), roleId(this.admin, "OM_MANAGER")));
		this.engineerId = userId(engineerName);
	}

	private long userId(String username) {
		return this.admin.get("/api/v1/users?q=" + username).json().path("items").get(0).path("id").asLong();
	}

	private Map<String, Object> newCi(String classCode, Long ownerId) {
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cmdbClassId(this.admin, classCode));
		body.put("code", unique("OWN-"));
		body.put("name", unique("负责人"));
		body.put("organisationId", this.east);
		body.put("ownerId", ownerId);
		return body;
	}

	@Test
	void anOwnerOutsideTheScopeIsRefusedExactlyLikeAnUnknownOne() {
		Response foreign = this.engineer.post("/api/v1/cmdb/cis", newCi("SWITCH", this.westUser));
		Response unknown = this.engineer.post("/api/v1/cmdb/cis", newCi("SWITCH", 987_654_321L));
		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.json().path("errors")).isEqualTo(unknown.json().path("errors"));
		assertThat(foreign.json().path("errors").get(0).path("field").asText()).isEqualTo("ownerId");
		assertThat(this.engineer.post("/api/v1/cmdb/cis", newCi("SWITCH", this.engineerId)).status()).isEqualTo(201);

		long mine = this.engineer.post("/api/v1/cmdb/cis", newCi("SWITCH", null)).id();
		JsonNode current = this.engineer.get("/api/v1/cmdb/cis/" + mine).json();
		Map<String, Object> update = new HashMap<>();
		update.put("code", current.path("code").asText());
		update.put("name", current.path("name").asText());
		update.put("organisationId", this.east);
		update.put("ownerId", this.westUser);
		update.put("version", current.path("version").asInt());
		Response changed = this.engineer.put("/api/v1/cmdb/cis/" + mine, update);
		assertThat(changed.status()).isEqualTo(400);
		assertThat(changed.json().path("errors").get(0).path("field").asText()).isEqualTo("ownerId");
	}

	@Test
	void aUserAttributeOutsideTheScopeIsRefusedLikeAnUnknownOne() {
		String attribute = "contact" + unique("").replace("-", "");
		long classId = cmdbClassId(this.admin, "SWITCH");
		Response defined = this.admin.post("/api/v1/cmdb/classes/" + classId + "/attributes",
				Map.of("code", attribute, "nameZh", "联系人", "nameEn", "Contact", "type", "USER"));
		assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
		try {
			Map<String, Object> foreign = newCi("SWITCH", null);
			foreign.put("attributes", Map.of(attribute, this.westUser));
			Map<String, Object> unknown = newCi("SWITCH", null);
			unknown.put("attributes", Map.of(attribute, 987_654_321L));
			Response a = this.engineer.post("/api/v1/cmdb/cis", foreign);
			Response b = this.engineer.post("/api/v1/cmdb/cis", unknown);
			assertThat(a.status()).isEqualTo(400);
			assertThat(a.json().path("errors")).isEqualTo(b.json().path("errors"));
		}
		finally {
			this.admin.delete("/api/v1/cmdb/classes/" + classId + "/attributes/" + defined.id());
		}
	}

	@Test
	void viewsDoNotNameOwnersOutsideTheReadersScope() {
		// the administrator sees everything and may choose any owner
		Map<String, Object> body = newCi("SWITCH", this.westUser);
		String name = (String) body.get("name");
		long ci = this.admin.post("/api/v1/cmdb/cis", body).id();
		assertThat(this.admin.get("/api/v1/cmdb/cis/" + ci).json().path("ownerName").asText()).isEqualTo(this.westUsername);

		JsonNode seen = this.engineer.get("/api/v1/cmdb/cis/" + ci).json();
		assertThat(seen.path("ownerName").isNull()).as(seen.toString()).isTrue();
		JsonNode listed = this.engineer.get("/api/v1/cmdb/cis?name=" + name).json().path("items").get(0);
		assertThat(listed.path("ownerName").isNull()).isTrue();
		assertThat(this.engineer.get("/api/v1/cmdb/cis/" + ci + "/history").json().toString()).doesNotContain(this.westUsername);
		assertThat(this.engineer.get("/api/v1/cmdb/verification/summary").json().toString()).doesNotContain(this.westUsername);
		assertThat(this.engineer.get("/api/v1/cmdb/cis/export.csv?name=" + name).text()).doesNotContain(this.westUsername);
	}

	@Test
	void theHistoryOfARelationDoesNotNameTheEndOutsideTheScope() {
		Map<String, Object> westSwitch = newCi("SWITCH", null);
		westSwitch.put("organisationId", this.west);
		String westName = (String) westSwitch.get("name");
		String westCode = (String) westSwitch.get("code");
		long west = this.admin.post("/api/v1/cmdb/cis", westSwitch).id();
		long east = this.admin.post("/api/v1/cmdb/cis", newCi("SWITCH", null)).id();
		relate(this.admin, "CONNECTED_TO", east, west);
		String history = this.engineer.get("/api/v1/cmdb/cis/" + east + "/history").json().toString();
		assertThat(history).contains("连接").doesNotContain(westName).doesNotContain(westCode);
		assertThat(this.admin.get("/api/v1/cmdb/cis/" + east + "/history").json().toString()).contains(westName);
	}

	@Test
	void aDuplicateCodeIsRefusedWithoutTellingAboutTheCiOutsideTheScope() {
		String westCode = unique("WEST-");
		Map<String, Object> westCi = newCi("SWITCH", null);
		westCi.put("code", westCode);
		westCi.put("organisationId", this.west);
		assertThat(this.admin.post("/api/v1/cmdb/cis", westCi).status()).isEqualTo(201);
		String eastCode = unique("EAST-");
		Map<String, Object> eastCi = newCi("ROUTER", null);
		eastCi.put("code", eastCode);
		assertThat(this.engineer.post("/api/v1/cmdb/cis", eastCi).status()).isEqualTo(201);

		Map<String, Object> copyOfWest = newCi("SWITCH", null);
		copyOfWest.put("code", westCode);
		Map<String, Object> copyOfEast = newCi("SWITCH", null);
		copyOfEast.put("code", eastCode);
		Response foreign = this.engineer.post("/api/v1/cmdb/cis", copyOfWest);
		Response own = this.engineer.post("/api/v1/cmdb/cis", copyOfEast);
		assertThat(foreign.status()).as("still refused").isEqualTo(own.status()).isIn(400, 409);
		assertThat(message(foreign).replace(westCode, "X")).as("the same neutral words").isEqualTo(message(own).replace(eastCode, "X"));

		// an import that names the code of a CI outside the scope learns no more than the form
		String eastOrgCode = this.admin.get("/api/v1/organisations/" + this.east).json().path("code").asText();
		StringBuilder csv = new StringBuilder("编码,名称,所属机构\r\n");
		csv.append(westCode).append(",改名,").append(eastOrgCode).append("\r\n");
		JsonNode refused = this.engineer.upload("/api/v1/cmdb/classes/" + cmdbClassId(this.admin, "ROUTER") + "/import?dryRun=true",
				"cis.csv", "text/csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).json();
		assertThat(refused.path("errors")).hasSize(1);
		assertThat(refused.path("errors").get(0).path("message").asText().replace(westCode, "X"))
			.isEqualTo(message(own).replace(eastCode, "X"));
	}

	@Test
	void aDuplicateUniqueValueIsRefusedWithoutNamingTheCiOutsideTheScope() {
		String attribute = "asset" + unique("").replace("-", "");
		long classId = cmdbClassId(this.admin, "SWITCH");
		Response defined = this.admin.post("/api/v1/cmdb/classes/" + classId + "/attributes",
				Map.of("code", attribute, "nameZh", "资产号", "nameEn", "Asset number", "type", "TEXT", "unique", true));
		assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
		try {
			String serial = unique("SN-");
			Map<String, Object> westSwitch = newCi("SWITCH", null);
			String westCode = (String) westSwitch.get("code");
			westSwitch.put("organisationId", this.west);
			westSwitch.put("attributes", Map.of(attribute, serial));
			assertThat(this.admin.post("/api/v1/cmdb/cis", westSwitch).status()).isEqualTo(201);
			Map<String, Object> eastSwitch = newCi("SWITCH", null);
			eastSwitch.put("attributes", Map.of(attribute, serial));
			Response refused = this.engineer.post("/api/v1/cmdb/cis", eastSwitch);
			assertThat(refused.status()).isIn(400, 409);
			assertThat(refused.toString()).doesNotContain(westCode).doesNotContain(westSwitch.get("name").toString());
		}
		finally {
			this.admin.delete("/api/v1/cmdb/classes/" + classId + "/attributes/" + defined.id());
		}
	}

	private static String message(Response response) {
		JsonNode errors = response.json().path("errors");
		return errors.isArray() && !errors.isEmpty() ? errors.get(0).path("message").asText()
				: response.json().path("detail").asText();
	}

}
