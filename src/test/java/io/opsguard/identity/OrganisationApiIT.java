package io.opsguard.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The organisation tree: build, rename, move, disable, delete, and what each user may see of it. */
class OrganisationApiIT extends ApiTestSupport {

	@Test
	void buildsATreeOfAnyDepthAndShowsThePath() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long province = createOrganisation(admin, root, unique("省院"));
		long city = createOrganisation(admin, province, unique("市院"));
		long department = createOrganisation(admin, city, unique("技术处"));
		JsonNode detail = admin.get("/api/v1/organisations/" + department).json();
		assertThat(detail.path("path").findValuesAsText("id")).containsExactly(String.valueOf(root),
				String.valueOf(province), String.valueOf(city), String.valueOf(department));
		assertThat(admin.get("/api/v1/organisations/" + province).json().path("childCount").asInt()).isEqualTo(1);
		JsonNode tree = admin.get("/api/v1/organisations/tree").json();
		assertThat(tree.toString()).contains("\"id\":" + department);
	}

	@Test
	void validationNamesEachBadFieldInTheRequestLanguage() {
		ApiClient admin = admin().language("en");
		Map<String, Object> body = new HashMap<>();
		body.put("parentId", rootOrganisationId(admin));
		body.put("name", "");
		body.put("code", "has space");
		body.put("type", null);
		body.put("contactPhone", "abc");
		Response response = admin.post("/api/v1/organisations", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "code",
				"type", "contactPhone");
		assertThat(response.json().path("errors").toString()).contains("must not be empty");
	}

	@Test
	void duplicateCodesAreRefusedOnTheCodeField() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		String code = unique("DUP");
		assertThat(admin.post("/api/v1/organisations", Map.of("parentId", root, "name", "甲", "code", code, "type", "OTHER"))
			.status()).isEqualTo(201);
		Response duplicate = admin.post("/api/v1/organisations",
				Map.of("parentId", root, "name", "乙", "code", code.toLowerCase(), "type", "OTHER"));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().path("errors").get(0).path("field").asText()).isEqualTo("code");
	}

	@Test
	void renamesAndMovesASubtreeButNeverUnderItself() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long a = createOrganisation(admin, root, unique("A"));
		long a1 = createOrganisation(admin, a, unique("A1"));
		long a11 = createOrganisation(admin, a1, unique("A11"));
		long b = createOrganisation(admin, root, unique("B"));

		Response cycle = admin.post("/api/v1/organisations/" + a + "/move", Map.of("parentId", a11));
		assertThat(cycle.status()).isEqualTo(409);
		assertThat(cycle.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0010");

		assertThat(admin.post("/api/v1/organisations/" + a1 + "/move", Map.of("parentId", b)).status()).isEqualTo(200);
		JsonNode moved = admin.get("/api/v1/organisations/" + a11).json();
		assertThat(moved.path("path").findValuesAsText("id")).containsExactly(String.valueOf(root), String.valueOf(b),
				String.valueOf(a1), String.valueOf(a11));

		JsonNode current = admin.get("/api/v1/organisations/" + a).json();
		Map<String, Object> rename = new HashMap<>();
		rename.put("name", "改名后");
		rename.put("code", current.path("code").asText());
		rename.put("type", "DEPARTMENT");
		rename.put("version", current.path("version").asInt());
		Response renamed = admin.put("/api/v1/organisations/" + a, rename);
		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.json().path("name").asText()).isEqualTo("改名后");
		// a stale version is refused
		assertThat(admin.put("/api/v1/organisations/" + a, rename).code()).isEqualTo("SYS-0008");
		// and so is none: an update without the version it was based on would overwrite blindly
		rename.remove("version");
		Response blind = admin.put("/api/v1/organisations/" + a, rename);
		assertThat(blind.status()).isEqualTo(400);
		assertThat(blind.json().path("errors").findValuesAsText("field")).containsExactly("version");
		JsonNode audit = admin.get("/api/v1/audit?targetType=Organisation&targetId=" + a + "&action=ORGANISATION_UPDATED")
			.json();
		assertThat(audit.path("items").get(0).path("summary").asText()).contains("名称: ").contains("→ 改名后");
	}

	@Test
	void disablesBottomUpAndDeletesOnlyWhatIsUnused() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long parent = createOrganisation(admin, root, unique("P"));
		long child = createOrganisation(admin, parent, unique("C"));
		Response refused = admin.post("/api/v1/organisations/" + parent + "/disable", null);
		assertThat(refused.code()).isEqualTo("IDN-0012");
		assertThat(admin.post("/api/v1/organisations/" + child + "/disable", null).json().path("enabled").asBoolean())
			.isFalse();
		assertThat(admin.post("/api/v1/organisations/" + parent + "/disable", null).status()).isEqualTo(200);
		// a disabled organisation cannot receive children or users
		Response underDisabled = admin.post("/api/v1/organisations",
				Map.of("parentId", parent, "name", "x", "code", unique("X"), "type", "OTHER"));
		assertThat(underDisabled.code()).isEqualTo("IDN-0011");
		assertThat(admin.post("/api/v1/organisations/" + parent + "/enable", null).status()).isEqualTo(200);

		Response inUse = admin.delete("/api/v1/organisations/" + parent);
		assertThat(inUse.status()).isEqualTo(409);
		assertThat(inUse.code()).isEqualTo("IDN-0009");
		assertThat(admin.delete("/api/v1/organisations/" + child).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/organisations/" + parent).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/organisations/" + parent).status()).isEqualTo(404);
	}

	@Test
	void aUserSeesOnlyTheirOwnSubtree() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long east = createOrganisation(admin, root, unique("东区"));
		long eastTeam = createOrganisation(admin, east, unique("东区一组"));
		long west = createOrganisation(admin, root, unique("西区"));
		long viewer = createRole(admin, List.of("identity:organisation:read", "identity:user:read"), "OWN_SUBTREE", List.of());
		String name = unique("east");
		ApiClient eastUser = createUserAndSignIn(admin, name, east, List.of(viewer));
		String westName = unique("west");
		createUserAndSignIn(admin, westName, west, List.of());

		JsonNode tree = eastUser.get("/api/v1/organisations/tree").json();
		assertThat(tree).hasSize(1);
		assertThat(tree.get(0).path("id").asLong()).isEqualTo(east);
		assertThat(tree.get(0).path("children").get(0).path("id").asLong()).isEqualTo(eastTeam);
		assertThat(eastUser.get("/api/v1/organisations/" + west).status()).isEqualTo(404);
		assertThat(eastUser.get("/api/v1/organisations/" + root).status()).isEqualTo(404);
		JsonNode users = eastUser.get("/api/v1/users?size=200").json();
		assertThat(users.path("items").findValuesAsText("username")).contains(name).doesNotContain(westName, "admin");
		JsonNode list = eastUser.get("/api/v1/organisations?size=200").json();
		List<Long> ids = new java.util.ArrayList<>();
		list.path("items").forEach(item -> ids.add(item.path("id").asLong()));
		assertThat(ids).containsExactlyInAnyOrder(east, eastTeam);
		assertThat(eastUser.get("/api/v1/organisations/" + eastTeam).json().path("path").findValuesAsText("id"))
			.as("ancestors outside the scope are not shown")
			.containsExactly(String.valueOf(east), String.valueOf(eastTeam));
	}

	@Test
	void aListedScopeAddsOtherSubtrees() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long north = createOrganisation(admin, root, unique("北区"));
		long south = createOrganisation(admin, root, unique("南区"));
		long southTeam = createOrganisation(admin, south, unique("南区一组"));
		long listed = createRole(admin, List.of("identity:organisation:read"), "LISTED", List.of(south));
		ApiClient user = createUserAndSignIn(admin, unique("north"), north, List.of(listed));
		JsonNode tree = user.get("/api/v1/organisations/tree").json();
		assertThat(tree.findValuesAsText("id")).contains(String.valueOf(north), String.valueOf(south),
				String.valueOf(southTeam));
		assertThat(tree.findValuesAsText("id")).doesNotContain(String.valueOf(root));
	}

}
