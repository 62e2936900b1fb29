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

	/** Fixtures named by code (calendars, SLA policies). */
	private final Map<String, String> codes = new HashMap<>();

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
		// service levels: a calendar and an SLA policy of A, a grading of A's system with four parties of A
		String calendar = unique("cal-");
		assertThat(this.admin.post("/api/v1/calendars", Map.of("code", calendar, "nameZh", this.marker, "nameEn", this.marker,
				"organisationId", a, "basedOn", "5x8")).status()).isEqualTo(201);
		this.codes.put("calendar", calendar);
		String policy = unique("sla-");
		assertThat(this.admin.post("/api/v1/sla-policies", Map.of("code", policy, "nameZh", this.marker, "nameEn", this.marker,
				"organisationId", a, "basedOn", "HN-CONTRACT")).status()).isEqualTo(201);
		this.codes.put("policy", policy);
		List<Long> parties = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String username = unique("party");
			createUserAndSignIn(this.admin, username, a, List.of());
			parties.add(this.admin.get("/api/v1/users?q=" + username).json().path("items").get(0).path("id").asLong());
		}
		ApiClient.Response grading = this.admin.post("/api/v1/grading/proposals", Map.of("systemId", system.id(), "factors",
				Map.of("realtime", "LOW", "realtimeReason", "r", "sensitivity", "LOW", "sensitivityReason", "r", "dependence",
						"LOW", "dependenceReason", "r"),
				"parties", Map.of("BUSINESS_PARTY", parties.get(0), "TECHNICAL_AUTHORITY", parties.get(1),
						"TECHNICAL_UNDERTAKER", parties.get(2), "OM_PARTY", parties.get(3))));
		assertThat(grading.status()).as(grading.toString()).isEqualTo(201);
		this.fixture.put("grading", grading.id());
		// service desk: a support group and a ticket of A
		ApiClient.Response group = this.admin.post("/api/v1/support-groups",
				Map.of("name", this.marker, "line", 1, "organisationId", a));
		assertThat(group.status()).as(group.toString()).isEqualTo(201);
		this.fixture.put("supportGroup", group.id());
		ApiClient.Response ticket = this.admin.post("/api/v1/tickets", Map.of("type", "INCIDENT", "title", this.marker,
				"faultLevel", 3, "organisationId", a, "contact", Map.of("name", this.marker, "phone", "13900000000")));
		assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
		this.fixture.put("ticket", ticket.id());
		this.codes.put("ticketNumber", ticket.json().path("number").asText());
		// vendor cases (R-DSK-09): a defect written up on A's ticket
		ApiClient.Response vendorCase = this.admin.post("/api/v1/tickets/" + ticket.id() + "/vendor-cases",
				Map.of("kind", "DEFECT", "title", this.marker, "description", this.marker));
		assertThat(vendorCase.status()).as(vendorCase.toString()).isEqualTo(201);
		this.fixture.put("vendorCase", vendorCase.id());
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
				Map.of("name", "hijacked", "code", unique("X"), "type", "OTHER", "version", 0)));
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
				Map.of("displayName", "hijacked", "organisationId", b, "version", 0)));
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
				Map.of("name", "hijacked", "permissions", List.of(), "dataScope", "OWN_SUBTREE", "version", 0)));
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
				Map.of("code", unique("X-"), "name", "hijacked", "organisationId", b, "version", 0)));
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
		// calendars belong to organisations (presets to everyone); the official schedule is global
		Map<String, Object> calendarBody = Map.of("nameZh", "x", "nameEn", "x");
		s.put("GET /api/v1/calendars", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/calendars/{code}", new Scenario("calendar", Expect.HIDDEN, none));
		s.put("POST /api/v1/calendars", new Scenario(null, Expect.HIDDEN,
				Map.of("code", unique("c-"), "nameZh", "x", "nameEn", "x", "organisationId", a, "basedOn", "5x8")));
		s.put("PUT /api/v1/calendars/{code}", new Scenario("calendar", Expect.HIDDEN, calendarBody));
		s.put("DELETE /api/v1/calendars/{code}", new Scenario("calendar", Expect.HIDDEN, none));
		s.put("GET /api/v1/calendars/{code}/versions", new Scenario("calendar", Expect.HIDDEN, none));
		s.put("GET /api/v1/calendars/{code}/versions/{version}", new Scenario("calendar", Expect.HIDDEN, none));
		s.put("GET /api/v1/calendars/options", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/calendars/{code}/years/{year}", new Scenario("calendar", Expect.HIDDEN, none));
		s.put("GET /api/v1/calendars/{code}/deadline", new Scenario("calendar", Expect.HIDDEN, none,
				"?start=2026-02-13T09:00Z&duration=PT1H"));
		s.put("GET /api/v1/calendars/{code}/elapsed", new Scenario("calendar", Expect.HIDDEN, none,
				"?from=2026-02-13T09:00Z&to=2026-02-14T09:00Z"));
		s.put("GET /api/v1/calendars/{code}/working-time", new Scenario("calendar", Expect.HIDDEN, none,
				"?at=2026-02-13T09:00Z"));
		s.put("GET /api/v1/holiday-schedule/years", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/holiday-schedule/years/{year}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/holiday-schedule/status", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/holiday-schedule/template.xlsx", new Scenario(null, Expect.NOT_SCOPED, none));
		// multipart, global: refused without the permission like every other endpoint
		s.put("POST /api/v1/holiday-schedule/import", new Scenario(null, Expect.NOT_SCOPED, none));
		// service levels: the model, matrix and grades are global; systems, gradings and policies belong to organisations
		long system = this.fixture.get("businessSystem");
		s.put("POST /api/v1/grading/evaluate", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/grading/model", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/grading/model/versions", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/grading/model", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/grading/proposals", new Scenario(null, Expect.FILTERED, none));
		s.put("POST /api/v1/grading/proposals", new Scenario(null, Expect.HIDDEN, Map.of("systemId", system)));
		s.put("GET /api/v1/grading/proposals/{id}", new Scenario("grading", Expect.HIDDEN, none));
		s.put("POST /api/v1/grading/proposals/{id}/decision", new Scenario("grading", Expect.HIDDEN,
				Map.of("decision", "REJECTED", "comment", "x")));
		s.put("POST /api/v1/grading/proposals/{id}/withdraw", new Scenario("grading", Expect.HIDDEN, none));
		s.put("GET /api/v1/grading/inbox", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/service-levels/matrix", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/service-levels/service-grades", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/service-levels/systems", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/service-levels/gaps/figures", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/service-levels/systems/{id}", new Scenario("businessSystem", Expect.HIDDEN, none));
		s.put("PUT /api/v1/service-levels/systems/{id}/facts", new Scenario("businessSystem", Expect.HIDDEN,
				Map.of("backupPolicy", "hijacked")));
		s.put("PUT /api/v1/service-levels/systems/{id}/service", new Scenario("businessSystem", Expect.HIDDEN,
				Map.of("serviceGrade", 4)));
		s.put("GET /api/v1/service-levels/gaps/export.xlsx", new Scenario(null, Expect.FILTERED_XLSX, none));
		s.put("GET /api/v1/sla-policies", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/sla-policies/{code}", new Scenario("policy", Expect.HIDDEN, none));
		s.put("GET /api/v1/sla-policies/{code}/versions", new Scenario("policy", Expect.HIDDEN, none));
		s.put("GET /api/v1/sla-policies/{code}/versions/{version}", new Scenario("policy", Expect.HIDDEN, none));
		s.put("GET /api/v1/sla-policies/options", new Scenario(null, Expect.FILTERED, none));
		s.put("POST /api/v1/sla-policies", new Scenario(null, Expect.HIDDEN,
				Map.of("code", unique("p-"), "nameZh", "x", "nameEn", "x", "organisationId", a, "basedOn", "HN-CONTRACT")));
		s.put("PUT /api/v1/sla-policies/{code}", new Scenario("policy", Expect.HIDDEN, calendarBody));
		s.put("DELETE /api/v1/sla-policies/{code}", new Scenario("policy", Expect.HIDDEN, none));
		s.put("GET /api/v1/sla-policies/targets", new Scenario(null, Expect.HIDDEN, none,
				"?faultLevel=1&systemId=" + system));
		// service desk: tickets and support groups belong to organisations
		Map<String, Object> ticketBody = Map.of("type", "INCIDENT", "title", "x", "faultLevel", 3, "organisationId", a,
				"contact", Map.of("name", "x", "phone", "1"));
		s.put("POST /api/v1/tickets", new Scenario(null, Expect.HIDDEN, ticketBody));
		s.put("GET /api/v1/tickets", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/tickets/queues", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/tickets/{id}", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("GET /api/v1/tickets/by-number/{number}", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("PUT /api/v1/tickets/{id}", new Scenario("ticket", Expect.HIDDEN, Map.of("version", 0, "title", "hijacked")));
		s.put("POST /api/v1/tickets/{id}/actions/{action}", new Scenario("ticket", Expect.HIDDEN, Map.of("version", 0)));
		s.put("GET /api/v1/tickets/{id}/history", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("GET /api/v1/tickets/{id}/timers", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("GET /api/v1/tickets/{id}/comments", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("POST /api/v1/tickets/{id}/comments", new Scenario("ticket", Expect.HIDDEN,
				Map.of("body", "hijacked", "visibleToRequester", true)));
		s.put("GET /api/v1/support-groups", new Scenario(null, Expect.FILTERED, none));
		s.put("POST /api/v1/support-groups", new Scenario(null, Expect.HIDDEN,
				Map.of("name", unique("G"), "line", 1, "organisationId", a)));
		s.put("PUT /api/v1/support-groups/{id}", new Scenario("supportGroup", Expect.HIDDEN,
				Map.of("version", 0, "name", "hijacked", "organisationId", b)));
		// vendor cases and complaint accountability (R-DSK-09, R-DSK-06): reached through A's ticket
		s.put("GET /api/v1/tickets/{id}/vendor-cases", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("POST /api/v1/tickets/{id}/vendor-cases", new Scenario("ticket", Expect.HIDDEN,
				Map.of("kind", "DEFECT", "title", "hijacked", "description", "hijacked")));
		s.put("GET /api/v1/vendor-cases", new Scenario(null, Expect.FILTERED, none, "?open=false&size=200"));
		s.put("GET /api/v1/vendor-cases/{id}", new Scenario("vendorCase", Expect.HIDDEN, none));
		s.put("POST /api/v1/vendor-cases/{id}/actions/{action}", new Scenario("vendorCase", Expect.HIDDEN,
				Map.of("version", 0, "comment", "hijacked", "confirmedBy", "hijacked")));
		s.put("GET /api/v1/tickets/{id}/accountability", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("PUT /api/v1/tickets/{id}/accountability", new Scenario("ticket", Expect.HIDDEN,
				Map.of("established", false, "finding", "hijacked")));
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
		// a role stands on one side of the separation of duties: every right comes from three roles
		// (this shared installation allows one account to hold them together)
		Set<String> security = securityPermissions();
		List<String> administration = writePermissions().stream().filter(p -> !security.contains(p)).toList();
		long administering = createRole(this.admin, administration, "OWN_SUBTREE", List.of());
		long securing = createRole(this.admin, new ArrayList<>(security), "OWN_SUBTREE", List.of());
		long b = this.fixture.get("organisationB");
		ApiClient sibling = createUserAndSignIn(this.admin, unique("sib"), b,
				List.of(administering, securing, roleId(this.admin, "AUDITOR")));
		String before = state();
		List<String> wrong = new ArrayList<>();
		scenarios().forEach((key, scenario) -> {
			if (scenario.expect() == Expect.NOT_SCOPED || key.contains("/auth/logout")) {
				return;
			}
			String[] parts = key.split(" ", 2);
			String path = parts[1];
			if (scenario.idOf() != null) {
				path = this.codes.containsKey(scenario.idOf()) ? path.replace("{code}", this.codes.get(scenario.idOf()))
						: path.replace("{id}", String.valueOf(this.fixture.get(scenario.idOf())));
			}
			path = path.replace("{year}", "2026").replace("{version}", "1").replace("{action}", "accept")
				.replace("{number}", this.codes.get("ticketNumber"));
			path = path + scenario.query();
			Response response = sibling.send(parts[0], path, parts[0].equals("GET") ? null : scenario.body());
			switch (scenario.expect()) {
				case HIDDEN -> {
					boolean hidden = response.status() == 404
							|| (response.status() == 400 || response.status() == 403) && response.json().path("errors").isArray()
									&& List.of("IDN-0023", "IDN-0017", "CMDB-0015", "CAL-0018", "SL-0002", "SL-0033",
											"SD-0027")
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

	private Set<String> securityPermissions() {
		Set<String> permissions = new TreeSet<>();
		collectDuty(this.admin.get("/api/v1/permissions").json(), "SECURITY", permissions);
		return permissions;
	}

	private static void collectDuty(JsonNode nodes, String duty, Set<String> into) {
		for (JsonNode node : nodes) {
			if (node.path("children").isEmpty()) {
				if (duty.equals(node.path("duty").asText())) {
					into.add(node.path("key").asText());
				}
			}
			else {
				collectDuty(node.path("children"), duty, into);
			}
		}
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
		JsonNode calendar = this.admin.get("/api/v1/calendars/" + this.codes.get("calendar")).json();
		JsonNode policy = this.admin.get("/api/v1/sla-policies/" + this.codes.get("policy")).json();
		JsonNode grading = this.admin.get("/api/v1/grading/proposals/" + this.fixture.get("grading")).json();
		JsonNode service = this.admin.get("/api/v1/service-levels/systems/" + this.fixture.get("businessSystem")).json();
		JsonNode ticket = this.admin.get("/api/v1/tickets/" + this.fixture.get("ticket")).json();
		JsonNode comments = this.admin.get("/api/v1/tickets/" + this.fixture.get("ticket") + "/comments").json();
		String groups = this.admin.get("/api/v1/support-groups").text();
		JsonNode vendorCase = this.admin.get("/api/v1/vendor-cases/" + this.fixture.get("vendorCase")).json();
		int vendorCases = this.admin.get("/api/v1/tickets/" + this.fixture.get("ticket") + "/vendor-cases").json().size();
		return organisation.path("name").asText() + organisation.path("enabled") + organisation.path("parentId")
				+ organisation.path("childCount") + user.path("displayName").asText() + user.path("enabled")
				+ user.path("roles") + user.path("organisationId") + user.path("passwordChangedAt") + role.path("name")
				+ role.path("permissions") + role.path("version") + ci.path("name") + ci.path("version") + ci.path("status")
				+ ci.path("lastVerifiedAt") + relations.size() + calendar.path("calendar").path("version")
				+ calendar.path("calendar").path("name") + policy.path("policy").path("version") + policy.path("policy").path("name")
				+ grading.path("status") + grading.path("parties") + service.path("facts") + service.path("system").path("serviceGrade")
				+ ticket.path("title").asText() + ticket.path("state").asText() + ticket.path("version") + comments.size()
				+ groups + vendorCase.path("vendorCase").path("state").asText() + vendorCase.path("vendorCase").path("version")
				+ vendorCase.path("steps").size() + vendorCases;
	}

}
