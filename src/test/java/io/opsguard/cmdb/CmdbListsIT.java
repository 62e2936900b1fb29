package io.opsguard.cmdb;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists, counts and exports answer right or refuse clearly: never a 500, never a 200 for a failure. */
class CmdbListsIT extends CmdbTestSupport {

	@Test
	void aNulInAFilterIsBadInputForTheListAndTheExport() {
		ApiClient admin = admin();
		for (String filter : new String[] { "name", "q", "tag" }) {
			Response list = admin.get("/api/v1/cmdb/cis?" + filter + "=%00");
			assertThat(list.status()).as(filter + ": " + list).isEqualTo(400);
			assertThat(list.json().path("errors").findValuesAsText("field")).containsExactly(filter);
			Response export = admin.get("/api/v1/cmdb/cis/export.csv?" + filter + "=a%00b");
			assertThat(export.status()).as("an export never answers 200 for a failure").isEqualTo(400);
			assertThat(export.contentType()).startsWith("application/problem+json");
		}
		Response xlsx = admin.get("/api/v1/cmdb/classes/" + cmdbClassId(admin, "SWITCH") + "/export.xlsx?q=%00");
		assertThat(xlsx.status()).isEqualTo(400);
	}

	@Test
	void anExportTellsItsLengthSoThatACutTransferIsNoticed() {
		ApiClient admin = admin();
		ci(admin, "SWITCH", unique("长度"), rootOrganisationId(admin), Map.of());
		Response csv = admin.get("/api/v1/cmdb/cis/export.csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.headers().get("content-length")).containsExactly(String.valueOf(csv.bytes().length));
		Response xlsx = admin.get("/api/v1/cmdb/classes/" + cmdbClassId(admin, "SWITCH") + "/export.xlsx");
		assertThat(xlsx.headers().get("content-length")).containsExactly(String.valueOf(xlsx.bytes().length));
	}

	@Test
	void aParentClassCountsTheCisOfItsSubclasses() {
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("计数"));
		String username = unique("count");
		ApiClient viewer = createUserAndSignIn(admin, username, org, java.util.List.of(roleId(admin, "ENGINEER")));
		ci(admin, "PHYSICAL_SERVER", unique("物理机"), org, Map.of());
		ci(admin, "VIRTUAL_MACHINE", unique("虚拟机"), org, Map.of());
		ci(admin, "VIRTUAL_MACHINE", unique("虚拟机"), org, Map.of());
		JsonNode host = node(viewer.get("/api/v1/cmdb/classes").json(), "HOST");
		assertThat(host.path("ciCount").asLong()).as("the subtree").isEqualTo(3);
		assertThat(host.path("ownCiCount").asLong()).as("the class itself").isZero();
		assertThat(node(host.path("children"), "VIRTUAL_MACHINE").path("ciCount").asLong()).isEqualTo(2);
	}

	private static JsonNode node(JsonNode nodes, String code) {
		for (JsonNode node : nodes) {
			if (node.path("code").asText().equals(code)) {
				return node;
			}
			JsonNode found = node(node.path("children"), code);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

}
