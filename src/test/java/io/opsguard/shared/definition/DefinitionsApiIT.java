package io.opsguard.shared.definition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.calendar.internal.CalendarService;
import io.opsguard.servicelevel.internal.SlaPolicyService;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendars and SLA policies behave alike over HTTP because they are one kernel: copies, the
 * version an update must carry, versions kept, deletion refused while in use (named in the reader's
 * language), organisation scope, paging, and presets brought back at start.
 */
class DefinitionsApiIT extends ApiTestSupport {

	/** The two kinds of definition: their path, the key of the header in a detail, a preset, the stale code. */
	enum Kind {

		CALENDARS("/api/v1/calendars", "calendar", "5x8", "CAL-0019", "CAL-0003", "CAL-0010"),
		POLICIES("/api/v1/sla-policies", "policy", "HN-CONTRACT", "SL-0034", "SL-0022", "SL-0028");

		final String path;

		final String header;

		final String preset;

		final String stale;

		final String builtIn;

		final String inUse;

		Kind(String path, String header, String preset, String stale, String builtIn, String inUse) {
			this.path = path;
			this.header = header;
			this.preset = preset;
			this.stale = stale;
			this.builtIn = builtIn;
			this.inUse = inUse;
		}

	}

	@Autowired
	CalendarService calendars;

	@Autowired
	SlaPolicyService policies;

	@Autowired
	JdbcClient jdbc;

	private Response copy(ApiClient client, Kind kind, String code, Long organisation) {
		Map<String, Object> body = new HashMap<>();
		body.put("code", code);
		body.put("nameZh", "副本" + code);
		body.put("nameEn", "Copy " + code);
		body.put("organisationId", organisation);
		body.put("basedOn", kind.preset);
		return client.post(kind.path, body);
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aCopyIsEditedWithTheVersionItWasReadAtAndKeepsItsVersions(Kind kind) {
		ApiClient admin = admin();
		String code = unique("k-");
		Response created = copy(admin, kind, code, rootOrganisationId(admin));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode header = created.json().path(kind.header);
		assertThat(header.path("basedOn").asText()).isEqualTo(kind.preset);
		assertThat(header.path("currentVersion").asInt()).isEqualTo(1);
		assertThat(header.path("version").asInt()).isEqualTo(1);
		JsonNode definition = created.json().path("definition");

		Response missing = admin.put(kind.path + "/" + code, Map.of("nameZh", "改名", "nameEn", "Renamed"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("version");
		assertThat(missing.json().path("errors").get(0).path("code").asText()).isEqualTo("DEF-0001");

		Response renamed = admin.put(kind.path + "/" + code, Map.of("nameZh", "改名", "nameEn", "Renamed", "version", 1));
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
		assertThat(renamed.json().path(kind.header).path("version").asInt()).isEqualTo(2);
		assertThat(renamed.json().path(kind.header).path("currentVersion").asInt()).as("a new name is no new version")
			.isEqualTo(1);

		Response stale = admin.put(kind.path + "/" + code,
				Map.of("nameZh", "改名", "nameEn", "Renamed", "definition", definition, "version", 1));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().path("code").asText()).isEqualTo(kind.stale);

		Response unchanged = admin.put(kind.path + "/" + code,
				Map.of("nameZh", "改名", "nameEn", "Renamed", "definition", definition, "version", 2));
		assertThat(unchanged.json().path(kind.header).path("version").asInt()).as("nothing changed").isEqualTo(2);
		assertThat(admin.get("/api/v1/audit?targetId=" + code).json().path("total").asLong()).as("created and renamed")
			.isEqualTo(2);

		JsonNode versions = admin.language("en").get(kind.path + "/" + code + "/versions").json();
		assertThat(versions.path("total").asInt()).isEqualTo(1);
		assertThat(versions.path("items").get(0).path("note").asText()).startsWith("Copied from ").endsWith("(" + kind.preset + ")");
		assertThat(versions.path("items").get(0).path("createdByName").asText()).isNotBlank();
		assertThat(admin.get(kind.path + "/" + code + "/versions/1").json().path("versionNote").asText())
			.startsWith("Copied from ");
		assertThat(admin.get(kind.path + "/" + code + "/versions/2").status()).isEqualTo(404);
		assertThat(admin.get(kind.path + "/" + code).json().path(kind.header).path("name").asText()).isEqualTo("Renamed");

		Response builtIn = admin.put(kind.path + "/" + kind.preset, Map.of("nameZh", "x", "nameEn", "x", "version", 1));
		assertThat(builtIn.json().path("code").asText()).isEqualTo(kind.builtIn);
		assertThat(admin.delete(kind.path + "/" + code).status()).isEqualTo(204);
		assertThat(admin.get(kind.path + "/" + code).status()).isEqualTo(404);
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void anOrganisationSeesItsOwnAndThePlatformsDefinitionsPagedOnTheServer(Kind kind) {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long branch = createOrganisation(admin, root, unique("分院"));
		long manager = createRole(admin, List.of("calendar:calendar:read", "calendar:calendar:manage", "servicelevel:level:read",
				"servicelevel:policy:manage"), "OWN_SUBTREE", List.of());
		ApiClient local = createUserAndSignIn(admin, unique("mgr"), branch, List.of(manager));
		String rootCode = unique("root-");
		String localCode = unique("local-");
		assertThat(copy(admin, kind, rootCode, root).status()).isEqualTo(201);
		assertThat(copy(local, kind, localCode, branch).status()).isEqualTo(201);
		assertThat(copy(local, kind, unique("up-"), root).json().path("errors").get(0).path("field").asText())
			.isEqualTo("organisationId");
		assertThat(copy(local, kind, unique("all-"), null).json().path("errors").get(0).path("field").asText())
			.as("platform-wide needs every organisation").isEqualTo("organisationId");

		JsonNode seen = local.get(kind.path + "?size=200").json();
		assertThat(seen.path("items").findValuesAsText("code")).contains(kind.preset, localCode).doesNotContain(rootCode);
		assertThat(local.get(kind.path + "/" + rootCode).status()).isEqualTo(404);
		assertThat(local.get(kind.path + "/options").json().findValuesAsText("code")).contains(kind.preset, localCode)
			.doesNotContain(rootCode);

		JsonNode page = admin.get(kind.path + "?builtIn=false&size=1&page=0&sort=code,desc").json();
		assertThat(page.path("items")).hasSize(1);
		assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(page.path("size").asInt()).isEqualTo(1);
		assertThat(admin.get(kind.path + "?q=" + localCode).json().path("items").findValuesAsText("code"))
			.containsExactly(localCode);
		assertThat(admin.get(kind.path + "?sort=definition").json().path("errors").get(0).path("field").asText())
			.isEqualTo("sort");
	}

	@Test
	void aCalendarUsedByPoliciesIsNotDeletedAndTheRefusalNamesThemInTheReadersLanguage() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		String calendar = unique("used-");
		assertThat(copy(admin, Kind.CALENDARS, calendar, root).status()).isEqualTo(201);
		for (String name : List.of("a", "b")) {
			Map<String, Object> definition = new HashMap<>(
					new com.fasterxml.jackson.databind.ObjectMapper().convertValue(admin.get("/api/v1/sla-policies/HN-CONTRACT")
						.json().path("definition"), Map.class));
			definition.put("calendar", calendar);
			Response created = admin.post("/api/v1/sla-policies", Map.of("code", unique("p" + name + "-"), "nameZh",
					"策略" + name.toUpperCase(), "nameEn", "Policy " + name.toUpperCase(), "organisationId", root, "definition",
					definition));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
		}
		Response zh = admin.delete("/api/v1/calendars/" + calendar);
		assertThat(zh.status()).isEqualTo(409);
		assertThat(zh.json().path("detail").asText()).contains("SLA 策略“策略A”、SLA 策略“策略B”");
		Response en = admin.language("en").delete("/api/v1/calendars/" + calendar);
		assertThat(en.json().path("detail").asText()).contains("SLA policy \"Policy A\", SLA policy \"Policy B\"");
	}

	@Test
	void presetsAreBroughtBackAtStartWhenTheirStoredFormDiffersFromTheRelease() {
		ApiClient admin = admin();
		long calendarId = this.jdbc.sql("select id from cal_calendar where code = '7x24'").query(Long.class).single();
		this.jdbc.sql("update cal_calendar set name_en = 'renamed by hand' where id = :id").param("id", calendarId).update();
		// the current version as an older release would have written it: two days to recover instead of three
		long policyId = this.jdbc.sql("select id from sl_sla_policy where code = 'HS-L5'").query(Long.class).single();
		int current = this.jdbc.sql("select current_version from sl_sla_policy where id = :id").param("id", policyId)
			.query(Integer.class).single();
		this.jdbc.sql("insert into sl_sla_policy_version (definition_id, version, definition, note, created_at)"
				+ " select definition_id, version + 1, replace(definition, 'P3D', 'P2D'), note, created_at"
				+ " from sl_sla_policy_version where definition_id = :id and version = :v")
			.param("id", policyId)
			.param("v", current)
			.update();
		this.jdbc.sql("update sl_sla_policy set current_version = current_version + 1, version = version + 1 where id = :id")
			.param("id", policyId)
			.update();
		JsonNode policyBefore = admin.get("/api/v1/sla-policies/HS-L5").json().path("policy");
		assertThat(admin.get("/api/v1/sla-policies/HS-L5").json().path("definition").path("targets").get(0).path("resolution")
			.asText()).isEqualTo("P2D");

		this.calendars.synchronisePresets();
		this.policies.synchronisePresets();

		JsonNode calendar = admin.language("en").get("/api/v1/calendars/7x24").json().path("calendar");
		assertThat(calendar.path("name").asText()).isEqualTo("7×24");
		JsonNode policy = admin.get("/api/v1/sla-policies/HS-L5").json();
		assertThat(policy.path("policy").path("currentVersion").asInt()).isEqualTo(policyBefore.path("currentVersion").asInt() + 1);
		assertThat(policy.path("definition").path("targets").get(0).path("resolution").asText()).isEqualTo("P3D");
		assertThat(policy.path("versionNote").asText()).isEqualTo("Built-in content updated with an OpsGuard upgrade");
		assertThat(policy.path("policy").path("description").asText()).startsWith("HS/T 42-2014 Table 1");
		assertThat(admin.get("/api/v1/audit?action=SLA_POLICY_UPDATED&targetId=HS-L5").json().path("total").asLong())
			.isPositive();
	}

}
