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

	@Autowired
	io.opsguard.notify.Notifications notifications;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	io.opsguard.monitoring.store.MetricStore metricStore;

	@Autowired
	io.opsguard.monitoring.internal.ResourceEvents resourceEvents;

	@Autowired
	io.opsguard.alerting.internal.AlertLifecycle alertLifecycle;

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
		// monitoring (issue 10): a monitor of A's server (switched off) and an event on it
		this.fixture.put("server", server.id());
		ApiClient.Response monitor = this.admin.post("/api/v1/monitors", Map.of("ciId", server.id(), "typeId", "tcp-port",
				"name", this.marker + "mon", "enabled", false, "parameters", Map.of("host", "127.0.0.1", "port", 1)));
		assertThat(monitor.status()).as(monitor.toString()).isEqualTo(201);
		this.fixture.put("monitor", monitor.id());
		this.resourceEvents.record(new io.opsguard.monitoring.internal.ResourceEvents.NewEvent(server.id(), monitor.id(),
				io.opsguard.monitoring.ResourceEventKind.TRAP, io.opsguard.monitoring.template.Severity.INFO,
				this.marker + " trap", Map.of(), "127.0.0.1", null));
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
		// notifications: a webhook endpoint (global configuration), and a notice about organisation A to
		// A's user: a notification in that user's inbox and a delivery of A in the log
		ApiClient.Response endpoint = this.admin.post("/api/v1/notification-endpoints",
				Map.of("name", unique("机器人"), "kind", "GENERIC", "url", "http://127.0.0.1:9/hook"));
		assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
		this.fixture.put("notificationEndpoint", endpoint.id());
		long userOfA = this.fixture.get("user");
		this.transactions.executeWithoutResult(status -> this.notifications.send(io.opsguard.notify.Notice.of("notify.test")
			.toUser(userOfA)
			.toAddress(io.opsguard.notify.Notice.Address.email(this.marker.toLowerCase() + "@example.gov.cn"))
			.with("sender", this.marker)
			.organisation(a)
			.build()));
		this.fixture.put("notification", userA.get("/api/v1/notifications").json().path("items").get(0).path("id").asLong());
		this.fixture.put("delivery", this.admin.get("/api/v1/notification-deliveries?q=" + this.marker.toLowerCase())
			.json()
			.path("items")
			.get(0)
			.path("id")
			.asLong());
		// service desk: a work record of A on A's ticket, and a category of work (global)
		JsonNode categories = this.admin.get("/api/v1/work-record-categories").json();
		this.fixture.put("workCategory", categories.get(0).path("id").asLong());
		ApiClient.Response record = this.admin.post("/api/v1/work-records", Map.of("startedAt",
				java.time.Instant.now().minus(java.time.Duration.ofHours(1)).toString(), "durationMinutes", 30, "categoryId",
				categories.get(0).path("id").asLong(), "content", this.marker, "organisationId", a, "ticketId", ticket.id()));
		assertThat(record.status()).as(record.toString()).isEqualTo(201);
		this.fixture.put("workRecord", record.id());
		// service catalogue: a seeded item (the catalogue is the whole installation's, not an organisation's)
		this.fixture.put("catalogueItem", this.admin.get("/api/v1/catalogue-items").json().get(0).path("id").asLong());
		// service desk: an attachment of A's ticket, and an intake mailbox of A (disabled: nothing polls it)
		ApiClient.Response attachment = this.admin.upload("/api/v1/tickets/" + ticket.id() + "/attachments",
				this.marker + ".png", "image/png", java.util.Base64.getDecoder().decode(
						"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
		assertThat(attachment.status()).as(attachment.toString()).isEqualTo(201);
		this.fixture.put("attachment", attachment.id());
		ApiClient.Response mailbox = this.admin.post("/api/v1/mail-intake/mailboxes", Map.of("name", this.marker, "host",
				"127.0.0.1", "port", 1, "protocol", "imap", "username", this.marker, "password", "x", "ticketType",
				"CONSULTATION", "organisationId", a, "enabled", false));
		assertThat(mailbox.status()).as(mailbox.toString()).isEqualTo(201);
		this.fixture.put("mailbox", mailbox.id());
		// portal and satisfaction: a ticket A's user reported in the portal, a survey of A
		ApiClient.Response portalTicket = userA.post("/api/v1/portal/tickets",
				Map.of("type", "SERVICE_REQUEST", "title", this.marker, "businessSystemId", system.id()));
		assertThat(portalTicket.status()).as(portalTicket.toString()).isEqualTo(201);
		this.fixture.put("portalTicket", portalTicket.id());
		ApiClient.Response survey = this.admin.post("/api/v1/surveys", Map.of("title", this.marker, "organisationId", a,
				"questions", List.of(Map.of("kind", "RATING", "text", this.marker))));
		assertThat(survey.status()).as(survey.toString()).isEqualTo(201);
		this.fixture.put("survey", survey.id());
		// vendor cases (R-DSK-09): a defect written up on A's ticket
		ApiClient.Response vendorCase = this.admin.post("/api/v1/tickets/" + ticket.id() + "/vendor-cases",
				Map.of("kind", "DEFECT", "title", this.marker, "description", this.marker));
		assertThat(vendorCase.status()).as(vendorCase.toString()).isEqualTo(201);
		this.fixture.put("vendorCase", vendorCase.id());
		// ticket links and saved searches (service desk issue 9): a second ticket of A related to the first, and a
		// saved search of A's tickets (admin's own, private)
		ApiClient.Response linked = this.admin.post("/api/v1/tickets", Map.of("type", "INCIDENT", "title", this.marker,
				"faultLevel", 3, "organisationId", a, "contact", Map.of("name", this.marker, "phone", "13900000000")));
		assertThat(this.admin.post("/api/v1/tickets/" + ticket.id() + "/links", Map.of("otherId", linked.id(), "kind",
				"RELATED")).status()).isEqualTo(201);
		this.fixture.put("linkedTicket", linked.id());
		ApiClient.Response search = this.admin.post("/api/v1/ticket-searches", Map.of("name", this.marker, "queue", "ALL",
				"filters", Map.of("q", this.marker)));
		assertThat(search.status()).as(search.toString()).isEqualTo(201);
		this.fixture.put("savedSearch", search.id());
		// self-registration (R-DSK-12): an application for an account in A, from the public endpoint
		ApiClient.Response applied = client().post("/api/v1/portal/registrations", Map.of("username",
				this.marker.toLowerCase() + "reg", "displayName", this.marker, "phone", "13800000000", "organisationId", a,
				"password", "Reg#2026pass"));
		assertThat(applied.status()).as(applied.toString()).isEqualTo(202);
		this.fixture.put("registration", this.admin.get("/api/v1/registrations?q=" + this.marker.toLowerCase())
			.json()
			.path("items")
			.get(0)
			.path("id")
			.asLong());
		// metric store: a series of A's server, its instance label the marker
		assertThat(this.metricStore.append(List.of(new io.opsguard.monitoring.store.Sample(
				io.opsguard.monitoring.store.SeriesKey.of("og_security_probe", "resource", String.valueOf(server.id()),
						"instance", this.marker),
				this.clock.millis() - 60_000, 1))).accepted()).isEqualTo(1);
		// alerting (issue 11): an alert of A's server, a rule, a silence and a maintenance window aimed at it
		this.fixture.put("alert", this.alertLifecycle.fire(new io.opsguard.alerting.internal.AlertLifecycle.Firing(
				unique("fp-"), "GENERIC", null, null, unique("k-"), this.marker + " alert", this.marker,
				io.opsguard.alerting.AlertSeverity.MAJOR, server.id(), a, system.id(), null, null, 1.0, null,
				this.clock.instant(), Map.of(), false)).alert().id());
		ApiClient.Response alertRule = this.admin.post("/api/v1/alert-rules", Map.of("name", this.marker, "kind", "THRESHOLD",
				"severity", "MINOR", "scopeKind", "RESOURCE", "scopeValue", String.valueOf(server.id()), "metric", "cpu_usage",
				"operator", ">", "threshold", 99));
		assertThat(alertRule.status()).as(alertRule.toString()).isEqualTo(201);
		this.fixture.put("alertRule", alertRule.id());
		ApiClient.Response silence = this.admin.post("/api/v1/silences", Map.of("ciId", server.id(), "reason", this.marker,
				"expiresAt", this.clock.instant().plusSeconds(3600).toString()));
		assertThat(silence.status()).as(silence.toString()).isEqualTo(201);
		this.fixture.put("silence", silence.id());
		ApiClient.Response window = this.admin.post("/api/v1/maintenance-windows", Map.of("name", this.marker, "scopeKind",
				"RESOURCE", "scopeValue", String.valueOf(server.id()), "recurrence", "DAILY", "startTime", "02:00",
				"durationMinutes", 60, "reason", this.marker));
		assertThat(window.status()).as(window.toString()).isEqualTo(201);
		this.fixture.put("maintenanceWindow", window.id());
		// alerting (issue 11): a notification route of A, telling A's user
		ApiClient.Response route = this.admin.post("/api/v1/notification-routes", Map.of("name", this.marker, "organisationId",
				a, "userIds", List.of(this.fixture.get("user")), "channels", List.of("IN_APP")));
		assertThat(route.status()).as(route.toString()).isEqualTo(201);
		this.fixture.put("notificationRoute", route.id());
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
		s.put("GET /api/v1/tickets/export.xlsx", new Scenario(null, Expect.FILTERED_XLSX, none));
		s.put("GET /api/v1/tickets/{id}/watchers", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("POST /api/v1/tickets/{id}/watchers", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("DELETE /api/v1/tickets/{id}/watchers/{userId}", new Scenario("ticket", Expect.HIDDEN, none));
		// the caller lookup shows neither the sibling's caller name nor their tickets; the call hook cannot pop a
		// card on the screen of an agent outside the caller's scope
		s.put("GET /api/v1/callers", new Scenario(null, Expect.FILTERED, none, "?phone=13900000000"));
		s.put("POST /api/v1/calls/incoming", new Scenario(null, Expect.HIDDEN,
				Map.of("phone", "13900000000", "agent", "admin")));
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
		// notifications: each user's own inbox and preferences; endpoints and templates are global
		// configuration; the delivery log belongs to the organisation a notice concerns
		s.put("GET /api/v1/notifications", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/notifications/unread-count", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/notifications/{id}/read", new Scenario("notification", Expect.HIDDEN, none));
		s.put("POST /api/v1/notifications/read-all", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/notifications/stream", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/me/notification-preferences", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/me/notification-preferences", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/notification-endpoints", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/notification-endpoints/{id}", new Scenario("notificationEndpoint", Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/notification-endpoints", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/notification-endpoints/{id}", new Scenario("notificationEndpoint", Expect.NOT_SCOPED, none));
		s.put("DELETE /api/v1/notification-endpoints/{id}", new Scenario("notificationEndpoint", Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/notification-endpoints/{id}/test", new Scenario("notificationEndpoint", Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/notification-templates", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/notification-templates/{type}/{locale}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/notification-templates/{type}/{locale}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/notification-templates/{type}/{locale}/reset", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/notification-templates/preview", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/notification-deliveries", new Scenario(null, Expect.FILTERED, none));
		s.put("POST /api/v1/notification-deliveries/{id}/retry", new Scenario("delivery", Expect.HIDDEN, none));
		// work records belong to the unit served; categories of work are global; statistics count the caller's scope
		Map<String, Object> recordBody = Map.of("startedAt", java.time.Instant.now().minus(java.time.Duration.ofHours(1)).toString(),
				"durationMinutes", 30, "categoryId", this.fixture.get("workCategory"), "content", "hijacked", "organisationId", a);
		Map<String, Object> staleRecord = new HashMap<>(recordBody);
		staleRecord.put("version", 0);
		s.put("POST /api/v1/work-records", new Scenario(null, Expect.HIDDEN, recordBody));
		s.put("GET /api/v1/work-records", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/work-records/export.xlsx", new Scenario(null, Expect.FILTERED_XLSX, none));
		s.put("GET /api/v1/work-records/{id}", new Scenario("workRecord", Expect.HIDDEN, none));
		s.put("PUT /api/v1/work-records/{id}", new Scenario("workRecord", Expect.HIDDEN, staleRecord));
		s.put("DELETE /api/v1/work-records/{id}", new Scenario("workRecord", Expect.HIDDEN, none));
		s.put("GET /api/v1/tickets/{id}/work-records", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("GET /api/v1/work-record-categories", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/work-record-categories", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/work-record-categories/{id}", new Scenario("workCategory", Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/ticket-statistics", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/ticket-statistics/export.xlsx", new Scenario(null, Expect.FILTERED_XLSX, none));
		// service catalogue: one for the whole installation; every signed-in user reads it (self-service)
		s.put("GET /api/v1/catalogue-items", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/catalogue-items/{id}", new Scenario("catalogueItem", Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/catalogue-items", new Scenario(null, Expect.NOT_SCOPED,
				Map.of("code", unique("C-").toUpperCase(), "name", "x")));
		s.put("PUT /api/v1/catalogue-items/{id}", new Scenario("catalogueItem", Expect.NOT_SCOPED,
				Map.of("version", 0, "code", "X", "name", "hijacked")));
		// ticket attachments, scoped like their tickets; multipart uploads: scope proved in TicketAttachmentApiIT
		s.put("POST /api/v1/tickets/{id}/attachments", new Scenario("ticket", Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/tickets/{id}/attachments", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("GET /api/v1/attachments/{id}/content", new Scenario("attachment", Expect.HIDDEN, none));
		s.put("DELETE /api/v1/attachments/{id}", new Scenario("attachment", Expect.HIDDEN, none));
		// e-mail intake: mailboxes belong to the organisation their tickets go to, and so does their log
		Map<String, Object> mailboxBody = Map.of("name", unique("M"), "host", "127.0.0.1", "port", 1, "protocol", "imap",
				"username", "x", "password", "x", "ticketType", "CONSULTATION", "organisationId", a, "version", 0);
		s.put("GET /api/v1/mail-intake/mailboxes", new Scenario(null, Expect.FILTERED, none));
		s.put("POST /api/v1/mail-intake/mailboxes", new Scenario(null, Expect.HIDDEN, mailboxBody));
		s.put("GET /api/v1/mail-intake/mailboxes/{id}", new Scenario("mailbox", Expect.HIDDEN, none));
		s.put("PUT /api/v1/mail-intake/mailboxes/{id}", new Scenario("mailbox", Expect.HIDDEN, mailboxBody));
		s.put("DELETE /api/v1/mail-intake/mailboxes/{id}", new Scenario("mailbox", Expect.HIDDEN, none));
		s.put("POST /api/v1/mail-intake/mailboxes/{id}/test", new Scenario("mailbox", Expect.HIDDEN, none));
		s.put("POST /api/v1/mail-intake/mailboxes/{id}/poll", new Scenario("mailbox", Expect.HIDDEN, none));
		s.put("GET /api/v1/mail-intake/log", new Scenario(null, Expect.FILTERED, none));
		// quarantined messages: proved per organisation in MailIntakeIT (this fixture's mailbox received none)
		s.put("GET /api/v1/mail-intake/quarantine/{id}/raw", new Scenario("mailbox", Expect.HIDDEN, none));
		// portal (R-DSK-12): the caller's own tickets only; the help centre and the token pages are not scoped
		s.put("GET /api/v1/portal/systems", new Scenario(null, Expect.FILTERED, none));
		s.put("POST /api/v1/portal/tickets", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/portal/tickets", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/portal/tickets/{id}", new Scenario("portalTicket", Expect.HIDDEN, none));
		// a requester's upload: only to their own ticket (PortalApiIT); the walk sends no file
		s.put("POST /api/v1/portal/tickets/{id}/attachments", new Scenario("portalTicket", Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/portal/tickets/{id}/replies", new Scenario("portalTicket", Expect.HIDDEN, Map.of("body", "hijacked")));
		s.put("POST /api/v1/portal/tickets/{id}/rating", new Scenario("portalTicket", Expect.HIDDEN, Map.of("rating", 1)));
		s.put("POST /api/v1/portal/tickets/{id}/complaint", new Scenario("portalTicket", Expect.HIDDEN,
				Map.of("reason", "hijacked")));
		s.put("GET /api/v1/portal/invitations", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/portal/faq", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/faq-entries", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/faq-entries/{id}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/faq-entries", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/faq-entries/{id}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("DELETE /api/v1/faq-entries/{id}", new Scenario(null, Expect.NOT_SCOPED, none));
		// satisfaction (R-DSK-11): public one-use links; return visits, links, surveys and statistics by organisation
		s.put("GET /api/v1/satisfaction/invitations/{token}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/satisfaction/invitations/{token}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/survey-invitations/{token}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/survey-invitations/{token}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/satisfaction/statistics", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/tickets/{id}/links", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("POST /api/v1/tickets/{id}/return-visits", new Scenario("ticket", Expect.HIDDEN,
				Map.of("method", "PHONE", "visitedPerson", "hijacked", "satisfaction", 1)));
		s.put("GET /api/v1/tickets/{id}/return-visits", new Scenario("ticket", Expect.HIDDEN, none));
		s.put("GET /api/v1/return-visits", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/return-visits/due", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/surveys", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/surveys/{id}", new Scenario("survey", Expect.HIDDEN, none));
		s.put("POST /api/v1/surveys", new Scenario(null, Expect.HIDDEN, Map.of("title", "x", "organisationId", a, "questions",
				List.of(Map.of("kind", "TEXT", "text", "x")))));
		s.put("PUT /api/v1/surveys/{id}", new Scenario("survey", Expect.HIDDEN, Map.of("title", "hijacked", "organisationId", b,
				"questions", List.of(Map.of("kind", "TEXT", "text", "x")), "version", 0)));
		s.put("DELETE /api/v1/surveys/{id}", new Scenario("survey", Expect.HIDDEN, none));
		s.put("POST /api/v1/surveys/{id}/send", new Scenario("survey", Expect.HIDDEN,
				Map.of("from", "2020-01-01", "to", "2100-01-01", "percent", 100, "version", 0)));
		s.put("POST /api/v1/surveys/{id}/close", new Scenario("survey", Expect.HIDDEN, none));
		s.put("GET /api/v1/surveys/{id}/results", new Scenario("survey", Expect.HIDDEN, none));
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
		// ticket links (through A's ticket) and saved searches (each user's own, or shared with a group they belong
		// to; sharing with another organisation's group is refused: SavedSearchApiIT)
		s.put("POST /api/v1/tickets/{id}/links", new Scenario("ticket", Expect.HIDDEN,
				Map.of("otherId", this.fixture.get("linkedTicket"), "kind", "DUPLICATE")));
		s.put("DELETE /api/v1/tickets/{id}/links/{otherId}", new Scenario("ticket", Expect.HIDDEN, none, "?kind=RELATED"));
		s.put("GET /api/v1/ticket-searches", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/ticket-searches/counts", new Scenario(null, Expect.FILTERED, none));
		s.put("POST /api/v1/ticket-searches", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/ticket-searches/order", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("PUT /api/v1/ticket-searches/{id}", new Scenario("savedSearch", Expect.HIDDEN,
				Map.of("name", "hijacked", "queue", "ALL", "version", 0)));
		s.put("DELETE /api/v1/ticket-searches/{id}", new Scenario("savedSearch", Expect.HIDDEN, none));
		// self-registration (R-DSK-12): public before there is an account; reviewed within the reviewer's scope
		s.put("GET /api/v1/portal/registration", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/portal/registration/organisations", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/portal/registrations", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/registrations", new Scenario(null, Expect.FILTERED, none));
		s.put("POST /api/v1/registrations/{id}/approve", new Scenario("registration", Expect.HIDDEN, Map.of("version", 0)));
		s.put("POST /api/v1/registrations/{id}/reject", new Scenario("registration", Expect.HIDDEN,
				Map.of("version", 0, "reason", "hijacked")));
		// metric store (issue 10): series scoped by their resource's organisation; the store's status is global
		s.put("GET /api/v1/metrics/query", new Scenario(null, Expect.FILTERED, none, "?metric=og_security_probe"));
		s.put("GET /api/v1/metrics/latest", new Scenario(null, Expect.FILTERED, none, "?metric=og_security_probe"));
		s.put("GET /api/v1/metrics/topn", new Scenario(null, Expect.FILTERED, none, "?metric=og_security_probe"));
		s.put("GET /api/v1/metrics/store", new Scenario(null, Expect.NOT_SCOPED, none));
		// monitors (issue 10): scoped by their CI's organisation; monitor types are global
		Map<String, Object> intoA = Map.of("ciId", this.fixture.get("server"), "typeId", "tcp-port", "parameters",
				Map.of("host", "127.0.0.1", "port", 1));
		s.put("GET /api/v1/monitor-types", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/monitor-types/{id}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/monitor-types/{id}/template", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/monitor-types", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/monitor-types/check", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("DELETE /api/v1/monitor-types/{id}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/monitors", new Scenario(null, Expect.FILTERED, none, "?size=200"));
		s.put("GET /api/v1/monitors/{id}", new Scenario("monitor", Expect.HIDDEN, none));
		s.put("POST /api/v1/monitors", new Scenario(null, Expect.HIDDEN, intoA));
		s.put("PUT /api/v1/monitors/{id}", new Scenario("monitor", Expect.HIDDEN,
				Map.of("typeId", "tcp-port", "version", 0, "parameters", Map.of("host", "127.0.0.1", "port", 2))));
		s.put("DELETE /api/v1/monitors/{id}", new Scenario("monitor", Expect.HIDDEN, none, "?version=0"));
		s.put("POST /api/v1/monitors/test", new Scenario(null, Expect.HIDDEN, intoA));
		Map<String, Object> bulkOfA = Map.of("typeId", "tcp-port", "selection", Map.of("ciIds",
				List.of(this.fixture.get("server"))), "parameters", Map.of("port", 1));
		s.put("POST /api/v1/monitors/bulk/preview", new Scenario(null, Expect.HIDDEN, bulkOfA));
		s.put("POST /api/v1/monitors/bulk", new Scenario(null, Expect.HIDDEN, bulkOfA));
		s.put("GET /api/v1/monitors/bulk/file-template", new Scenario(null, Expect.NOT_SCOPED, none, "?typeId=tcp-port"));
		// multipart: a CI outside the scope is an unknown CI (MonitoringApiIT.usersSeeOnlyTheMonitorsOfTheirOrganisationsSubtree)
		s.put("POST /api/v1/monitors/bulk/file/preview", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/monitors/bulk/file", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/monitoring/resources", new Scenario(null, Expect.FILTERED, none, "?size=200"));
		s.put("GET /api/v1/monitoring/resources/{ciId}", new Scenario(null, Expect.HIDDEN, none));
		s.put("GET /api/v1/monitoring/events", new Scenario(null, Expect.FILTERED, none, "?size=200"));
		// monitoring (issue 10, ADR 0017): ingestion is judged per sample, a resource outside the caller's scope refused
		// like an unknown one (MetricIngestIT.aTokenWritesOnlyResourcesInItsScopeAndNeedsThePermission); analysis by CI
		s.put("POST /api/v1/metrics/ingest", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/metrics/baseline", new Scenario(null, Expect.HIDDEN, none,
				"?series=cpu_usage%7Bresource%3D%22" + ci + "%22%7D"));
		s.put("GET /api/v1/metrics/forecast", new Scenario(null, Expect.HIDDEN, none, "?resource=" + ci));
		// alert receivers (issue 11): a host is matched only to CIs in the caller's scope, and an alert open in another
		// organisation is left alone (AlertReceiversIT.aTokenOfAnotherOrganisationPlacesNothingOnCisItCannotSeeAndResolvesNothingOfThem)
		s.put("POST /api/v1/alerts/receivers/alertmanager", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/alerts/receivers/zabbix", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/alerts/receivers/generic", new Scenario(null, Expect.NOT_SCOPED, none));
		// alerting (issue 11): alerts scoped by their resource's organisation; rules are configuration, but one aimed at
		// a resource, and every silence and maintenance window of a scoped user, must lie in the caller's subtree
		long alert = this.fixture.get("alert");
		long server = this.fixture.get("server");
		s.put("GET /api/v1/alerts", new Scenario(null, Expect.FILTERED, none, "?size=200"));
		s.put("GET /api/v1/alerts/{id}", new Scenario("alert", Expect.HIDDEN, none));
		s.put("GET /api/v1/alerts/{id}/timeline", new Scenario("alert", Expect.HIDDEN, none));
		s.put("POST /api/v1/alerts/acknowledge", new Scenario(null, Expect.HIDDEN, Map.of("ids", List.of(alert))));
		s.put("POST /api/v1/alerts/resolve", new Scenario(null, Expect.HIDDEN, Map.of("ids", List.of(alert), "reason", "x")));
		s.put("GET /api/v1/alert-statistics", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/alert-rules", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/alert-rules/{id}", new Scenario("alertRule", Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/alert-rules/metrics", new Scenario(null, Expect.NOT_SCOPED, none));
		Map<String, Object> ruleOfA = Map.of("name", "x", "kind", "THRESHOLD", "severity", "MINOR", "scopeKind", "RESOURCE",
				"scopeValue", String.valueOf(server), "metric", "cpu_usage", "operator", ">", "threshold", 99, "version", 0);
		s.put("POST /api/v1/alert-rules", new Scenario(null, Expect.HIDDEN, ruleOfA));
		s.put("PUT /api/v1/alert-rules/{id}", new Scenario("alertRule", Expect.HIDDEN, ruleOfA));
		s.put("DELETE /api/v1/alert-rules/{id}", new Scenario("alertRule", Expect.HIDDEN, none, "?version=0"));
		s.put("POST /api/v1/alert-rules/preview", new Scenario(null, Expect.FILTERED, Map.of("rule", ruleOfA)));
		s.put("POST /api/v1/alert-rules/{id}/overrides", new Scenario("alertRule", Expect.HIDDEN, none,
				"?resourceId=" + server));
		s.put("GET /api/v1/silences", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/silences/{id}", new Scenario("silence", Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/silences", new Scenario(null, Expect.HIDDEN, Map.of("ciId", server, "reason", "x", "expiresAt",
				this.clock.instant().plusSeconds(3600).toString())));
		s.put("DELETE /api/v1/silences/{id}", new Scenario("silence", Expect.HIDDEN, none, "?version=0"));
		s.put("GET /api/v1/maintenance-windows", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/maintenance-windows/{id}", new Scenario("maintenanceWindow", Expect.NOT_SCOPED, none));
		Map<String, Object> windowOfA = Map.of("name", "x", "scopeKind", "RESOURCE", "scopeValue", String.valueOf(server),
				"recurrence", "DAILY", "startTime", "03:00", "durationMinutes", 30, "reason", "x", "version", 0);
		s.put("POST /api/v1/maintenance-windows", new Scenario(null, Expect.HIDDEN, windowOfA));
		s.put("PUT /api/v1/maintenance-windows/{id}", new Scenario("maintenanceWindow", Expect.HIDDEN, windowOfA));
		s.put("DELETE /api/v1/maintenance-windows/{id}", new Scenario("maintenanceWindow", Expect.HIDDEN, none,
				"?version=0"));
		// notification routes (issue 11): a route belongs to the organisation it matches; a sibling sees, changes and
		// reorders only its own (reordering the routes it sees leaves A's in place: NotificationRoutingIT)
		Map<String, Object> routeOfA = Map.of("name", "hijacked", "organisationId", a, "userIds",
				List.of(this.fixture.get("user")), "channels", List.of("IN_APP"), "version", 0);
		s.put("GET /api/v1/notification-routes", new Scenario(null, Expect.FILTERED, none));
		s.put("GET /api/v1/notification-routes/{id}", new Scenario("notificationRoute", Expect.HIDDEN, none));
		s.put("POST /api/v1/notification-routes", new Scenario(null, Expect.HIDDEN, routeOfA));
		s.put("PUT /api/v1/notification-routes/{id}", new Scenario("notificationRoute", Expect.HIDDEN, routeOfA));
		s.put("DELETE /api/v1/notification-routes/{id}", new Scenario("notificationRoute", Expect.HIDDEN, none, "?version=0"));
		s.put("PUT /api/v1/notification-routes/order", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("GET /api/v1/notification-routes/robots", new Scenario(null, Expect.NOT_SCOPED, none));
		// acknowledge links in alert messages: public, the signed token is the credential (NotificationRoutingIT)
		s.put("GET /api/v1/alerts/ack-links/{token}", new Scenario(null, Expect.NOT_SCOPED, none));
		s.put("POST /api/v1/alerts/ack-links/{token}", new Scenario(null, Expect.NOT_SCOPED, none));
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
				.replace("{number}", this.codes.get("ticketNumber"))
				.replace("{userId}", String.valueOf(this.fixture.get("user")))
				.replace("{otherId}", String.valueOf(this.fixture.get("linkedTicket")))
				.replace("{ciId}", String.valueOf(this.fixture.get("server")));
			path = path + scenario.query();
			Response response = sibling.send(parts[0], path, parts[0].equals("GET") ? null : scenario.body());
			switch (scenario.expect()) {
				case HIDDEN -> {
					boolean hidden = response.status() == 404
							|| (response.status() == 400 || response.status() == 403) && response.json().path("errors").isArray()
									&& List.of("IDN-0023", "IDN-0017", "CMDB-0015", "CAL-0018", "SL-0002", "SL-0033",
											"SD-0027", "SD-0053", "SD-0110", "MON-0003",
											"MON-0031", "ALR-0008", "ALR-0063")
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
		String workRecord = this.admin.get("/api/v1/work-records/" + this.fixture.get("workRecord")).text();
		String portal = this.admin.get("/api/v1/tickets/" + this.fixture.get("portalTicket")).json().path("version").asText()
				+ this.admin.get("/api/v1/tickets/" + this.fixture.get("portalTicket") + "/comments").json().size()
				+ this.admin.get("/api/v1/tickets/" + this.fixture.get("portalTicket") + "/links").json().size()
				+ this.admin.get("/api/v1/surveys/" + this.fixture.get("survey")).text();
		JsonNode vendorCase = this.admin.get("/api/v1/vendor-cases/" + this.fixture.get("vendorCase")).json();
		int vendorCases = this.admin.get("/api/v1/tickets/" + this.fixture.get("ticket") + "/vendor-cases").json().size();
		String linksAndSearches = this.admin.get("/api/v1/tickets/" + this.fixture.get("ticket") + "/links").text()
				+ this.admin.get("/api/v1/ticket-searches").text();
		return organisation.path("name").asText() + organisation.path("enabled") + organisation.path("parentId")
				+ organisation.path("childCount") + user.path("displayName").asText() + user.path("enabled")
				+ user.path("roles") + user.path("organisationId") + user.path("passwordChangedAt") + role.path("name")
				+ role.path("permissions") + role.path("version") + ci.path("name") + ci.path("version") + ci.path("status")
				+ ci.path("lastVerifiedAt") + relations.size() + calendar.path("calendar").path("version")
				+ calendar.path("calendar").path("name") + policy.path("policy").path("version") + policy.path("policy").path("name")
				+ grading.path("status") + grading.path("parties") + service.path("facts") + service.path("system").path("serviceGrade")
				+ ticket.path("title").asText() + ticket.path("state").asText() + ticket.path("version") + comments.size()
				+ groups + workRecord + portal + vendorCase.path("vendorCase").path("state").asText() + vendorCase.path("vendorCase").path("version")
				+ vendorCase.path("steps").size() + vendorCases + linksAndSearches
				+ this.admin.get("/api/v1/registrations?q=" + this.marker.toLowerCase()).text()
				+ this.admin.get("/api/v1/monitors?ciId=" + this.fixture.get("server")).json().path("items").toString()
				+ this.admin.get("/api/v1/notification-routes/" + this.fixture.get("notificationRoute")).text();
	}

}
