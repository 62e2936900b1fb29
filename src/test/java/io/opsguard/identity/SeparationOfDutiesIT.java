package io.opsguard.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 三员分立 as installed by default (combined duties not allowed), on a fresh installation of its
 * own: each bypass found by probing the product is closed. The steps build on each other — the
 * first administrator keeps every duty until the duties are split — so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = "opsguard.identity.duties.allow-combined=false")
class SeparationOfDutiesIT extends ApiTestSupport {

	private static final Path OWN_DATA_DIR = newDataDir();

	@DynamicPropertySource
	static void freshInstallationWithTheDefaults(DynamicPropertyRegistry registry) {
		registry.add("opsguard.data-dir", OWN_DATA_DIR::toString);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("opsguard")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
	}

	@Test
	@Order(1)
	void nobodyChangesTheirOwnRights() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long adminId = userId(admin, "admin");
		Response self = admin.put("/api/v1/users/" + adminId + "/roles",
				Map.of("roleIds", List.of(roleId(admin, "SYSTEM_ADMIN"))));
		assertThat(self.status()).isEqualTo(403);
		assertThat(self.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0044");

		// a security administrator of a custom role can neither grant himself more nor widen his role
		long granting = createRole(admin, List.of("identity:user:grant", "identity:user:read", "identity:role:read",
				"identity:role:update", "identity:organisation:read"), "OWN_SUBTREE", List.of());
		String name = unique("sec");
		ApiClient security = createUserAndSignIn(admin, name, root, List.of(granting));
		long securityId = userId(admin, name);
		Response moreForHimself = security.put("/api/v1/users/" + securityId + "/roles",
				Map.of("roleIds", List.of(granting, roleId(admin, "SYSTEM_ADMIN"))));
		assertThat(moreForHimself.status()).isEqualTo(403);
		assertThat(moreForHimself.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0044");
		JsonNode role = security.get("/api/v1/roles/" + granting).json();
		Response widened = security.put("/api/v1/roles/" + granting, Map.of("name", role.path("name").asText(),
				"permissions", List.of("identity:user:grant", "identity:user:read", "identity:role:read",
						"identity:role:update", "identity:organisation:read", "identity:user:unlock"),
				"dataScope", "OWN_SUBTREE", "version", role.path("version").asInt()));
		assertThat(widened.status()).isEqualTo(403);
		assertThat(widened.code()).isEqualTo("IDN-0045");
		Response renamed = security.put("/api/v1/roles/" + granting, Map.of("name", "授权（改名）", "permissions",
				role.path("permissions"), "dataScope", "OWN_SUBTREE", "version", role.path("version").asInt()));
		assertThat(renamed.status()).as("a new name changes no rights").isEqualTo(200);
		assertThat(security.get("/api/v1/auth/session").json().path("permissions").toString())
			.doesNotContain("identity:user:create", "identity:user:unlock");
		// no account holds the audit duty yet: admin keeps every duty
		assertThat(admin.get("/api/v1/auth/session").json().path("duties")).hasSize(3);
		assertThat(admin.post("/api/v1/users/" + securityId + "/disable", null).status()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void anAccountsRolesStandOnOneSide() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		Response auditingEngineer = admin.post("/api/v1/users", Map.of("username", unique("ea"), "displayName", "x",
				"organisationId", root, "roleIds", List.of(roleId(admin, "ENGINEER"), roleId(admin, "AUDITOR"))));
		assertThat(auditingEngineer.status()).isEqualTo(400);
		assertThat(auditingEngineer.json().path("errors").get(0).path("field").asText()).isEqualTo("roleIds");
		assertThat(auditingEngineer.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0046");
		assertThat(auditingEngineer.json().path("detail").asText()).contains("系统管理与日常变更", "安全审计");

		String name = unique("eng");
		long engineer = admin.post("/api/v1/users", Map.of("username", name, "displayName", "x", "organisationId", root,
				"roleIds", List.of(roleId(admin, "ENGINEER")))).json().path("user").path("id").asLong();
		Response plusSecurity = admin.put("/api/v1/users/" + engineer + "/roles",
				Map.of("roleIds", List.of(roleId(admin, "ENGINEER"), roleId(admin, "SECURITY_ADMIN"))));
		assertThat(plusSecurity.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0046");

		// a role its holders combine with another must not move them to a second side
		long auditing = createRole(admin, List.of("cmdb:ci:read", "audit:log:read"), "OWN_SUBTREE", List.of());
		long reading = createRole(admin, List.of("identity:user:read"), "OWN_SUBTREE", List.of());
		Response holder = admin.post("/api/v1/users", Map.of("username", unique("ra"), "displayName", "x",
				"organisationId", root, "roleIds", List.of(auditing, reading)));
		assertThat(holder.status()).as(holder.toString()).isEqualTo(201);
		JsonNode role = admin.get("/api/v1/roles/" + reading).json();
		Response sneaking = admin.put("/api/v1/roles/" + reading, Map.of("name", role.path("name").asText(),
				"permissions", List.of("identity:user:read", "cmdb:ci:update"), "dataScope", "OWN_SUBTREE", "version",
				role.path("version").asInt()));
		assertThat(sneaking.status()).isEqualTo(409);
		assertThat(sneaking.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0047");
		assertThat(admin.get("/api/v1/roles/" + reading).json().path("permissions").toString()).doesNotContain("update");
		assertThat(admin.get("/api/v1/users/duty-conflicts").json().findValuesAsText("username")).containsExactly("admin");
		assertThat(admin.post("/api/v1/users/" + holder.json().path("user").path("id").asLong() + "/disable", null)
			.status()).isEqualTo(200);
	}

	@Test
	@Order(3)
	void theFirstAdministratorKeepsEveryDutyOnlyUntilOthersHoldSecurityAndAudit() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		createUserAndSignIn(admin, "sec-officer", root, List.of(roleId(admin, "SECURITY_ADMIN")));
		JsonNode before = admin.get("/api/v1/auth/session").json();
		assertThat(before.path("duties").toString()).isEqualTo("[\"SYSTEM\",\"SECURITY\",\"AUDIT\"]");
		assertThat(before.path("dutyConflict").asBoolean()).isTrue();

		ApiClient auditor = createUserAndSignIn(admin, "audit-officer", root, List.of(roleId(admin, "AUDITOR")));
		JsonNode after = admin.get("/api/v1/auth/session").json();
		assertThat(after.path("duties").toString()).isEqualTo("[\"SYSTEM\"]");
		assertThat(after.path("dutyConflict").asBoolean()).isFalse();
		assertThat(after.path("roles").findValuesAsText("code")).containsExactly("SYSTEM_ADMIN");
		assertThat(admin.get("/api/v1/audit").status()).as("admin no longer reads the audit log").isEqualTo(403);
		assertThat(admin.put("/api/v1/users/" + userId(admin, "sec-officer") + "/roles", Map.of("roleIds", List.of()))
			.status()).as("nor grants roles").isEqualTo(403);
		JsonNode split = auditor.get("/api/v1/audit?action=FIRST_ADMIN_DUTIES_SPLIT").json();
		assertThat(split.path("total").asLong()).isEqualTo(1);
		assertThat(split.path("items").get(0).path("targetId").asText()).isEqualTo(String.valueOf(userId(admin, "admin")));
		assertThat(auditor.get("/api/v1/users/duty-conflicts").status()).isEqualTo(200);
	}

	@Test
	@Order(4)
	void theAccountsOfSecurityAndAuditOfficersAreAdministeredByTheSecuritySideOnly() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		ApiClient security = client().signedIn("sec-officer", passwordOf("sec-officer"));
		long auditorId = userId(admin, "audit-officer");
		long securityId = userId(admin, "sec-officer");

		// the system administrator can neither take over the auditor nor the security administrator
		Response reset = admin.post("/api/v1/users/" + auditorId + "/reset-password", Map.of("password", "Taken@Over12"));
		assertThat(reset.status()).isEqualTo(403);
		assertThat(reset.code()).isEqualTo("IDN-0048");
		assertThat(client().login("audit-officer", "Taken@Over12").status()).isEqualTo(401);
		assertThat(admin.post("/api/v1/users/" + auditorId + "/disable", null).code()).isEqualTo("IDN-0048");
		assertThat(admin.post("/api/v1/users/" + securityId + "/reset-password", null).code()).isEqualTo("IDN-0048");
		JsonNode auditorView = admin.get("/api/v1/users/" + auditorId).json();
		assertThat(admin.put("/api/v1/users/" + auditorId, Map.of("displayName", "x", "organisationId", root, "version",
				auditorView.path("version").asInt())).code()).isEqualTo("IDN-0048");

		// the security administrator may, and the auditor signs in with the new password
		Response byOfficer = security.post("/api/v1/users/" + auditorId + "/reset-password", null);
		assertThat(byOfficer.status()).isEqualTo(200);
		assertThat(client().login("audit-officer", byOfficer.json().path("initialPassword").asText()).status())
			.isEqualTo(200);

		// ordinary accounts stay with the system administrator
		String name = unique("plain");
		createUserAndSignIn(admin, name, root, List.of());
		long plain = userId(admin, name);
		assertThat(security.post("/api/v1/users/" + plain + "/reset-password", null).code()).isEqualTo("SYS-0006");
		assertThat(admin.post("/api/v1/users/" + plain + "/reset-password", null).status()).isEqualTo(200);

		// and the security administrator still cannot make himself system administrator
		Response self = security.put("/api/v1/users/" + securityId + "/roles",
				Map.of("roleIds", List.of(roleId(admin, "SECURITY_ADMIN"), roleId(admin, "SYSTEM_ADMIN"))));
		assertThat(self.status()).isEqualTo(403);
		assertThat(security.get("/api/v1/auth/session").json().path("duties").toString()).isEqualTo("[\"SECURITY\"]");
	}

}
