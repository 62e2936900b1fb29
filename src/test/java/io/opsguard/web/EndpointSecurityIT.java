package io.opsguard.web;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.shared.PublicEndpoint;
import io.opsguard.shared.SelfService;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every endpoint under {@code /api/v1}: each needs a permission (or is explicitly public or
 * self-service); a signed-in user without permissions gets 403 everywhere; and a user of a sibling
 * organisation who holds every permission sees nothing and changes nothing of the other
 * organisation. A new endpoint without a scenario below fails this test: add one.
 */
class EndpointSecurityIT extends ApiTestSupport {

	/** What a sibling organisation's user must get from an endpoint. */
	enum Expect {

		/** 404 (or a refusal that names the organisation field) and nothing changes. */
		HIDDEN,
		/** A list or tree in which the other organisation's marker does not occur. */
		FILTERED,
		/** An xlsx download in which no cell shows the other organisation's marker. */
		FILTERED_XLSX,
		/** Global configuration or the caller's own data: not organisation-scoped. */
		NOT_SCOPED

	}

	record Scenario(String idOf, Expect expect, Map<String, Object> body, String query) {

		Scenario(String idOf, Expect expect, Map<String, Object> body) {
			this(idOf, expect, body, "");
		}

	}

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private ApiClient admin;

	private final Map<String, Long> fixture = new HashMap<>();

	private String marker;

	@BeforeEach
	void fixture() {
		this.admin = admin();
		long root = rootOrganisationId(this.admin);
		this.marker = unique("SIBLINGA");
		long a = createOrganisation(this.admin, root, this.marker);
		long b = createOrganisation(this.admin, root, unique("SIBLINGB"));
		ApiClient userA = createUserAndSignIn(this.admin, this.marker.toLowerCase() + "u", a, List.of());
		this.fixture.put("organisation", a);
		this.fixture.put("organisationB", b);
		this.fixture.put("user", this.admin.get("/api/v1/users?q=" + this.marker.toLowerCase()).json().path("items").get(0)
			.path("id").asLong());
		this.fixture.put("token", userA.post("/api/v1/auth/tokens",
				Map.of("name", this.marker, "expiresAt", LocalDate.now().plusDays(3).toString())).id());
		// a role defined by organisation A: its own administrators may change it, a sibling may not see it
		long roleAdmin = createRole(this.admin, List.of("identity:role:read", "identity:role:create",
				"identity:role:update", "identity:role:delete"), "OWN_SUBTREE", List.of());
		ApiClient roleAdminA = createUserAndSignIn(this.admin, this.marker.toLowerCase() + "r", a, List.of(roleAdmin));
		ApiClient.Response role = roleAdminA.post("/api/v1/roles", Map.of("code", unique("R_"), "name", this.marker,
				"permissions", List.of("identity:organisation:read"), "dataScope", "OWN_SUBTREE"));
		assertThat(role.status()).as(role.toString()).isEqualTo(201);
		this.fixture.put("role", role.id());
		// CMDB: a business system of organisation A running on a server of A
		long businessSystemClass = cmdbClass("BUSINESS_SYSTEM");
		long serverClass = cmdbClass("PHYSICAL_SERVER");
		ApiClient.Response system = this.admin.post("/api/v1/cmdb/cis", Map.of("classId", businessSystemClass, "code",
				unique("BS-"), "name", this.marker, "organisationId", a));
		assertThat(system.status()).as(system.toString()).isEqualTo(201);
		ApiClient.Response server = this.admin.post("/api/v1/cmdb/cis", Map.of("classId", serverClass, "code",
				unique("SRV-"), "name", this.marker + "srv", "organisationId", a));
		this.fixture.put("ci", system.id());
		this.fixture.put("businessSystem", system.id());
		this.fixture.put("cmdbClass", serverClass);
		this.fixture.put("relation", this.admin.post("/api/v1/cmdb/relations",
				Map.of("type", "RUNS_ON", "sourceId", system.id(), "targetId", server.id())).id());
	}

	private Map<String, Scenario> scenarios() {
		Map<String, Scenario> s = new LinkedHashMap<>();
		Map<String, Object> none = Map.of();
		long a = this.fixture.get("organisation");
		long b = this.fixture.get("organisationB");
		s.put("POST /api/v1/auth/login", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/auth/session", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/auth/logout", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/auth/password", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/auth/password-policy", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/auth/tokens", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/auth/tokens/limits", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/auth/tokens", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("DELETE /api/v1/auth/tokens/{id}", new Scenario("token", Expect.HIDDEN, none));
		s.put("GET /api/v1/organisations/tree", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/organisations", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/organisations/{id}", new Scenario("organisation", Expect.HIDDEN, none));
		s.put("POST /api/v1/organisations", new Scenario(null, Expect.HIDDEN,
				Map.of("parentId", a, "name", "x", "code", unique("X"), "type", "OTHER")));
		s.put("PUT /api/v1/organisations/{id}", new Scenario("organisation", Expect.HIDDEN,
				Map.of("name", "hijacked", "code", unique("X"), "type", "OTHER")));
		s.put("POST /api/v1/organisations/{id}/move", new Scenario("organisation", Expect.HIDDEN, Map.of("parentId", b)));
		s.put("POST /api/v1/organisations/{id}/disable", new Scenario("organisation", Expect.HIDDEN, none));
		s.put("POST /api/v1/organisations/{id}/enable", new Scenario("organisation", Expect.HIDDEN, none));
		s.put("DELETE /api/v1/organisations/{id}", new Scenario("organisation", Expect.HIDDEN, none));
		s.put("GET /api/v1/users", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/users/duty-conflicts", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/users/{id}", new Scenario("user", Expect.HIDDEN, none));
		s.put("POST /api/v1/users", new Scenario(null, Expect.HIDDEN,
				Map.of("username", unique("x"), "displayName", "x", "organisationId", a)));
		s.put("PUT /api/v1/users/{id}", new Scenario("user", Expect.HIDDEN,
				Map.of("displayName", "hijacked", "organisationId", b)));
		s.put("PUT /api/v1/users/{id}/roles", new Scenario("user", Expect.HIDDEN, Map.of("roleIds", List.of())));
		s.put("POST /api/v1/users/{id}/disable", new Scenario("user", Expect.HIDDEN, none));
		s.put("POST /api/v1/users/{id}/enable", new Scenario("user", Expect.HIDDEN, none));
		s.put("POST /api/v1/users/{id}/reset-password", new Scenario("user", Expect.HIDDEN, none));
		s.put("POST /api/v1/users/{id}/unlock", new Scenario("user", Expect.HIDDEN, none));
		s.put("GET /api/v1/roles", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/roles/{id}", new Scenario("role", Expect.HIDDEN, none));
		s.put("POST /api/v1/roles", new Scenario(null, Expect.HIDDEN,
				Map.of("code", unique("R"), "name", "x", "permissions", List.of(), "dataScope", "LISTED",
						"organisationIds", List.of(a))));
		s.put("POST /api/v1/roles/{id}/copy", new Scenario("role", Expect.HIDDEN, Map.of("code", unique("C"), "name", "x")));
		s.put("PUT /api/v1/roles/{id}", new Scenario("role", Expect.HIDDEN,
				Map.of("name", "hijacked", "permissions", List.of(), "dataScope", "OWN_SUBTREE")));
		s.put("DELETE /api/v1/roles/{id}", new Scenario("role", Expect.HIDDEN, none));
		s.put("GET /api/v1/permissions", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/audit", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/audit/actions", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/audit/statistics", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/audit/target-types", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/audit/verify", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/audit/export", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/system/about", new Scenario(null, Expect.NOT_SCOPED, none));
		// CMDB: classes are global configuration; CIs, relations and business systems belong to organisations
		long ci = this.fixture.get("ci");
		long cls = this.fixture.get("cmdbClass");
		s.put("GET /api/v1/cmdb/classes", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/cmdb/classes/{id}", new Scenario("cmdbClass", Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/cmdb/classes", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/cmdb/classes/{id}", new Scenario("cmdbClass", Expect.NOT_SCOPED, none));
		s.put("DELETE /api/v1/cmdb/classes/{id}", new Scenario("cmdbClass", Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/cmdb/classes/{id}/attributes", new Scenario("cmdbClass", Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/cmdb/classes/{id}/attributes/{attributeId}", new Scenario("cmdbClass", Expect.NOT_SCOPED, none));
		s.put("DELETE /api/v1/cmdb/classes/{id}/attributes/{attributeId}", new Scenario("cmdbClass", Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/cmdb/classes/{id}/template.xlsx", new Scenario("cmdbClass", Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/cmdb/classes/{id}/export.xlsx", new Scenario("cmdbClass", Expect.FILTERED_XLSX, none));
		// multipart: scope of imported rows is proved in CmdbApiIT.importRowsOutsideTheScopeAreRefused
		s.put("POST /api/v1/cmdb/classes/{id}/import", new Scenario("cmdbClass", Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/cmdb/cis", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/cmdb/cis/export.csv", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/cmdb/cis/{id}", new Scenario("ci", Expect.HIDDEN, none));
		s.put("POST /api/v1/cmdb/cis", new Scenario(null, Expect.HIDDEN,
				Map.of("classId", cls, "code", unique("X-"), "name", "x", "organisationId", a)));
		s.put("PUT /api/v1/cmdb/cis/{id}", new Scenario("ci", Expect.HIDDEN,
				Map.of("code", unique("X-"), "name", "hijacked", "organisationId", b)));
		s.put("POST /api/v1/cmdb/cis/{id}/retire", new Scenario("ci", Expect.HIDDEN, none));
		s.put("POST /api/v1/cmdb/cis/verify", new Scenario(null, Expect.HIDDEN, Map.of("ids", List.of(ci))));
		s.put("GET /api/v1/cmdb/cis/{id}/history", new Scenario("ci", Expect.HIDDEN, none));
		s.put("GET /api/v1/cmdb/cis/{id}/as-of", new Scenario("ci", Expect.HIDDEN, none, "?at=2100-01-01"));
		s.put("GET /api/v1/cmdb/cis/{id}/impact", new Scenario("ci", Expect.HIDDEN, none));
		s.put("GET /api/v1/cmdb/verification/summary", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/cmdb/relation-types", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/cmdb/relations", new Scenario(null, Expect.HIDDEN, none, "?ciId=" + ci));
		s.put("POST /api/v1/cmdb/relations", new Scenario(null, Expect.HIDDEN,
				Map.of("type", "DEPENDS_ON", "sourceId", ci, "targetId", ci)));
		s.put("DELETE /api/v1/cmdb/relations/{id}", new Scenario("relation", Expect.HIDDEN, none));
		s.put("GET /api/v1/cmdb/business-systems", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/cmdb/business-systems/{id}", new Scenario("businessSystem", Expect.HIDDEN, none));
		return s;
	}

	private Map<String, HandlerMethod> endpoints() {
		Map<String, HandlerMethod> endpoints = new LinkedHashMap<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			Set<String> patterns = entry.getKey().getPatternValues();
			Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
			for (String pattern : patterns) {
				if (!pattern.startsWith("/api/v1/")) {
					continue;
				}
				assertThat(methods).as("endpoint %s must declare its HTTP method", pattern).isNotEmpty();
				for (RequestMethod method : methods) {
					endpoints.put(method.name() + " " + pattern, entry.getValue());
				}
			}
		}
		return endpoints;
	}

	@Test
	void everyEndpointDeclaresWhoMayCallItAndHasAScenario() {
		Map<String, HandlerMethod> endpoints = endpoints();
		assertThat(endpoints).hasSizeGreaterThan(30);
		List<String> undeclared = new ArrayList<>();
		endpoints.forEach((key, handler) -> {
			Method method = handler.getMethod();
			boolean declared = AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)
					|| AnnotatedElementUtils.hasAnnotation(method, SelfService.class)
					|| AnnotatedElementUtils.hasAnnotation(method, PublicEndpoint.class)
					|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
			if (!declared) {
				undeclared.add(key);
			}
		});
		assertThat(undeclared).as("endpoints without @PreAuthorize, @SelfService or @PublicEndpoint").isEmpty();
		Set<String> missing = new TreeSet<>(endpoints.keySet());
		missing.removeAll(scenarios().keySet());
		assertThat(missing).as("endpoints without a scenario in EndpointSecurityIT").isEmpty();
	}

	@Test
	void aUserWithoutPermissionsIsRefusedEverywhereExceptSelfService() {
		ApiClient nobody = createUserAndSignIn(this.admin, unique("noperm"), rootOrganisationId(this.admin), List.of());
		List<String> wrong = new ArrayList<>();
		endpoints().forEach((key, handler) -> {
			boolean guarded = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
					|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
			if (!guarded) {
				return;
			}
			String[] parts = key.split(" ", 2);
			Response response = nobody.send(parts[0], parts[1].replaceAll("\\{[^}]+}", "1"),
					parts[0].equals("GET") ? null : "{}");
			if (response.status() != 403 || !"SYS-0006".equals(response.code())) {
				wrong.add(key + " → " + response.status() + " " + response.code());
			}
		});
		assertThat(wrong).as("endpoints that did not answer 403 SYS-0006 to a user without permissions").isEmpty();
	}

	@Test
	void aSiblingOrganisationSeesAndChangesNothing() {
		long all = createRole(this.admin, new ArrayList<>(writePermissions()), "OWN_SUBTREE", List.of());
		long b = this.fixture.get("organisationB");
		ApiClient sibling = createUserAndSignIn(this.admin, unique("sib"), b, List.of(all, roleId(this.admin, "AUDITOR")));
		String before = state();
		List<String> wrong = new ArrayList<>();
		scenarios().forEach((key, scenario) -> {
			if (scenario.expect() == Expect.NOT_SCOPED || key.contains("/auth/logout")) {
				return;
			}
			String[] parts = key.split(" ", 2);
			String path = parts[1];
			if (scenario.idOf() != null) {
				path = path.replace("{id}", String.valueOf(this.fixture.get(scenario.idOf())));
			}
			path = path + scenario.query();
			Response response = sibling.send(parts[0], path, parts[0].equals("GET") ? null : scenario.body());
			switch (scenario.expect()) {
				case HIDDEN -> {
					boolean hidden = response.status() == 404
							|| (response.status() == 400 || response.status() == 403) && response.json().path("errors").isArray()
									&& List.of("IDN-0023", "IDN-0017", "CMDB-0015")
										.contains(response.json().path("errors").get(0).path("code").asText());
					if (!hidden) {
						wrong.add(key + " → " + response);
					}
				}
				case FILTERED -> {
					if (response.status() != 200 || response.text().contains(this.marker)
							|| response.text().contains(this.marker.toLowerCase())) {
						wrong.add(key + " → " + response.status() + " shows the sibling's data");
					}
				}
				case FILTERED_XLSX -> {
					if (response.status() != 200 || xlsxContains(response.bytes(), this.marker)) {
						wrong.add(key + " → " + response.status() + " shows the sibling's data");
					}
				}
				default -> {
				}
			}
		});
		assertThat(wrong).as("endpoints that let a sibling organisation see or change data").isEmpty();
		assertThat(state()).as("nothing of organisation A changed").isEqualTo(before);
	}

	private static boolean xlsxContains(byte[] bytes, String text) {
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
			for (var sheet : workbook) {
				for (var row : sheet) {
					for (var cell : row) {
						if (cell.toString().contains(text)) {
							return true;
						}
					}
				}
			}
			return false;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long cmdbClass(String code) {
		return findClass(this.admin.get("/api/v1/cmdb/classes").json(), code);
	}

	private static long findClass(JsonNode nodes, String code) {
		for (JsonNode node : nodes) {
			if (node.path("code").asText().equals(code)) {
				return node.path("id").asLong();
			}
			long found = findClass(node.path("children"), code);
			if (found > 0) {
				return found;
			}
		}
		return -1;
	}

	private Set<String> writePermissions() {
		Set<String> permissions = new TreeSet<>();
		collect(this.admin.get("/api/v1/permissions").json(), permissions);
		return permissions.stream().filter(p -> !p.startsWith("audit:")).collect(Collectors.toCollection(TreeSet::new));
	}

	private static void collect(JsonNode nodes, Set<String> into) {
		for (JsonNode node : nodes) {
			if (node.path("children").isEmpty()) {
				into.add(node.path("key").asText());
			}
			else {
				collect(node.path("children"), into);
			}
		}
	}

	private String state() {
		long a = this.fixture.get("organisation");
		JsonNode organisation = this.admin.get("/api/v1/organisations/" + a).json();
		JsonNode user = this.admin.get("/api/v1/users/" + this.fixture.get("user")).json();
		JsonNode role = this.admin.get("/api/v1/roles/" + this.fixture.get("role")).json();
		JsonNode ci = this.admin.get("/api/v1/cmdb/cis/" + this.fixture.get("ci")).json();
		JsonNode relations = this.admin.get("/api/v1/cmdb/relations?ciId=" + this.fixture.get("ci")).json();
		return organisation.path("name").asText() + organisation.path("enabled") + organisation.path("parentId")
				+ organisation.path("childCount") + user.path("displayName").asText() + user.path("enabled")
				+ user.path("roles") + user.path("organisationId") + user.path("passwordChangedAt") + role.path("name")
				+ role.path("permissions") + role.path("version") + ci.path("name") + ci.path("version") + ci.path("status")
				+ ci.path("lastVerifiedAt") + relations.size();
	}

}
