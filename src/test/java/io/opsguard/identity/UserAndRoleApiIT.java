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

/** Users and roles: administration, grants, separation of duties (三员分立). */
class UserAndRoleApiIT extends ApiTestSupport {

	@Test
	void searchesFiltersSortsAndPagesUsers() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long org = createOrganisation(admin, root, unique("检索"));
		long sub = createOrganisation(admin, org, unique("检索下级"));
		String tag = unique("s");
		for (int i = 0; i < 3; i++) {
			admin.post("/api/v1/users", Map.of("username", tag + "a" + i, "displayName", "用户" + i, "organisationId", org));
		}
		admin.post("/api/v1/users", Map.of("username", tag + "b", "displayName", "下级用户", "organisationId", sub,
				"email", tag + "@example.org"));
		JsonNode all = admin.get("/api/v1/users?q=" + tag + "&sort=username,desc&size=2").json();
		assertThat(all.path("total").asLong()).isEqualTo(4);
		assertThat(all.path("size").asInt()).isEqualTo(2);
		assertThat(all.path("items").findValuesAsText("username")).containsExactly(tag + "b", tag + "a2");
		assertThat(admin.get("/api/v1/users?q=" + tag + "&organisationId=" + org + "&includeDescendants=false").json()
			.path("total").asLong()).isEqualTo(3);
		assertThat(admin.get("/api/v1/users?organisationId=" + sub).json().path("items").get(0).path("email").asText())
			.isEqualTo(tag + "@example.org");
		assertThat(admin.get("/api/v1/users?sort=password,asc").status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/users?size=1000").status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/users?status=WHATEVER").status()).isEqualTo(400);
	}

	@Test
	void refusesDuplicateUsernamesAndBadFields() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		String name = unique("dup");
		assertThat(admin.post("/api/v1/users", Map.of("username", name, "displayName", "甲", "organisationId", root))
			.status()).isEqualTo(201);
		Response duplicate = admin.post("/api/v1/users",
				Map.of("username", name.toUpperCase(), "displayName", "乙", "organisationId", root));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().path("errors").get(0).path("field").asText()).isEqualTo("username");
		Response bad = admin.post("/api/v1/users",
				Map.of("username", "a b", "displayName", "", "organisationId", root, "email", "not-mail"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("username",
				"displayName", "email");
		long before = admin.get("/api/v1/users?size=1").json().path("total").asLong();
		Response weak = admin.post("/api/v1/users",
				Map.of("username", unique("weak"), "displayName", "弱", "organisationId", root, "password", "weak"));
		assertThat(weak.json().path("errors").get(0).path("field").asText()).isEqualTo("password");
		assertThat(admin.get("/api/v1/users?size=1").json().path("total").asLong()).as("nothing written").isEqualTo(before);
	}

	@Test
	void editsAndResetsAUserAndAuditsWithoutSecrets() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		String name = unique("edit");
		ApiClient user = createUserAndSignIn(admin, name, root, List.of());
		JsonNode view = admin.get("/api/v1/users?q=" + name).json().path("items").get(0);
		long id = view.path("id").asLong();
		Map<String, Object> update = new HashMap<>();
		update.put("displayName", "李四");
		update.put("organisationId", root);
		update.put("phone", "0731-88888888");
		update.put("email", "lisi@example.org");
		update.put("version", view.path("version").asInt());
		Response updated = admin.put("/api/v1/users/" + id, update);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.json().path("phone").asText()).isEqualTo("0731-88888888");

		Response reset = admin.post("/api/v1/users/" + id + "/reset-password", null);
		String initial = reset.json().path("initialPassword").asText();
		assertThat(initial).isNotBlank();
		assertThat(user.get("/api/v1/users").status()).as("old session must change password now").isIn(401, 403);
		ApiClient again = client().signedIn(name, initial);
		assertThat(again.get("/api/v1/auth/session").json().path("passwordChangeRequired").asBoolean()).isTrue();

		JsonNode audit = admin.get("/api/v1/audit?targetType=User&targetId=" + id + "&size=50").json();
		assertThat(audit.path("items").findValuesAsText("action")).contains("USER_CREATED", "USER_UPDATED",
				"USER_PASSWORD_RESET");
		assertThat(audit.toString()).doesNotContain(initial).doesNotContain("passwordHash").doesNotContain("$2a$");
	}

	@Test
	void rolesAreCheckedAgainstTheCatalogueAndTheSeparationOfDuties() {
		ApiClient admin = admin();
		Response unknown = admin.post("/api/v1/roles", Map.of("code", unique("R"), "name", "x", "permissions",
				List.of("identity:user:fly"), "dataScope", "OWN_SUBTREE"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0016");
		Response mixed = admin.post("/api/v1/roles", Map.of("code", unique("R"), "name", "x", "permissions",
				List.of("audit:log:read", "identity:user:create"), "dataScope", "OWN_SUBTREE"));
		assertThat(mixed.status()).isEqualTo(400);
		assertThat(mixed.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0015");
		Response readOnlyAuditor = admin.post("/api/v1/roles", Map.of("code", unique("R"), "name", "只读审计", "permissions",
				List.of("audit:log:read", "identity:user:read"), "dataScope", "OWN_SUBTREE"));
		assertThat(readOnlyAuditor.status()).isEqualTo(201);
		assertThat(readOnlyAuditor.json().path("duties").toString()).contains("AUDIT");
	}

	@Test
	void builtInRolesAreReadOnlyButCanBeCopied() {
		ApiClient admin = admin();
		long builtIn = roleId(admin, "SERVICE_DESK");
		JsonNode role = admin.get("/api/v1/roles/" + builtIn).json();
		assertThat(role.path("builtIn").asBoolean()).isTrue();
		Response edit = admin.put("/api/v1/roles/" + builtIn, Map.of("name", "x", "permissions", List.of(),
				"dataScope", "ALL", "version", role.path("version").asInt()));
		assertThat(edit.status()).isEqualTo(409);
		assertThat(edit.code()).isEqualTo("IDN-0013");
		assertThat(admin.delete("/api/v1/roles/" + builtIn).code()).isEqualTo("IDN-0013");
		Response copy = admin.post("/api/v1/roles/" + builtIn + "/copy", Map.of("code", unique("DESK_"), "name", "夜班坐席"));
		assertThat(copy.status()).isEqualTo(201);
		assertThat(copy.json().path("builtIn").asBoolean()).isFalse();
		assertThat(copy.json().path("permissions")).isEqualTo(role.path("permissions"));
		long copyId = copy.id();
		Response changed = admin.put("/api/v1/roles/" + copyId, Map.of("name", "夜班坐席", "permissions",
				List.of("identity:organisation:read"), "dataScope", "OWN_SUBTREE", "version", copy.json().path("version").asInt()));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(admin.delete("/api/v1/roles/" + copyId).status()).isEqualTo(204);
	}

	@Test
	void rolesInUseCannotBeDeletedAndGrantsTakeEffectAtOnce() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long reader = createRole(admin, List.of("identity:user:read"), "OWN_SUBTREE", List.of());
		String name = unique("grant");
		ApiClient user = createUserAndSignIn(admin, name, root, List.of());
		assertThat(user.get("/api/v1/users").status()).isEqualTo(403);
		long id = admin.get("/api/v1/users?q=" + name).json().path("items").get(0).path("id").asLong();
		assertThat(admin.put("/api/v1/users/" + id + "/roles", Map.of("roleIds", List.of(reader))).status()).isEqualTo(200);
		assertThat(user.get("/api/v1/users").status()).isEqualTo(200);
		Response inUse = admin.delete("/api/v1/roles/" + reader);
		assertThat(inUse.status()).isEqualTo(409);
		assertThat(inUse.code()).isEqualTo("IDN-0014");
	}

	@Test
	void theThreeDutiesCanBeSeparatedAndConflictsAreListed() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		JsonNode conflicts = admin.get("/api/v1/users/duty-conflicts").json();
		assertThat(conflicts.findValuesAsText("username")).contains("admin");

		ApiClient auditor = createUserAndSignIn(admin, unique("aud"), root, List.of(roleId(admin, "AUDITOR")));
		ApiClient sysadmin = createUserAndSignIn(admin, unique("sys"), root, List.of(roleId(admin, "SYSTEM_ADMIN")));
		ApiClient secadmin = createUserAndSignIn(admin, unique("sec"), root, List.of(roleId(admin, "SECURITY_ADMIN")));

		// an auditor reads the log but cannot change configuration
		assertThat(auditor.get("/api/v1/audit").status()).isEqualTo(200);
		assertThat(auditor.post("/api/v1/organisations",
				Map.of("parentId", root, "name", "x", "code", unique("X"), "type", "OTHER")).status()).isEqualTo(403);
		assertThat(auditor.post("/api/v1/roles", Map.of("code", unique("R"), "name", "x", "permissions", List.of(),
				"dataScope", "OWN_SUBTREE")).status()).isEqualTo(403);
		// an administrator cannot read the audit log (and nobody can delete it)
		assertThat(sysadmin.get("/api/v1/audit").status()).isEqualTo(403);
		assertThat(sysadmin.get("/api/v1/audit/export").status()).isEqualTo(403);
		assertThat(secadmin.get("/api/v1/audit").status()).isEqualTo(403);
		assertThat(admin.delete("/api/v1/audit").status()).isEqualTo(405);
		// the system administrator creates accounts but cannot grant roles
		Response grant = sysadmin.post("/api/v1/users", Map.of("username", unique("g"), "displayName", "x",
				"organisationId", root, "roleIds", List.of(roleId(admin, "AUDITOR"))));
		assertThat(grant.status()).isEqualTo(403);
		assertThat(grant.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0028");
		assertThat(secadmin.get("/api/v1/auth/session").json().path("dutyConflict").asBoolean()).isFalse();
	}

	@Test
	void dutiesAreJudgedByPermissionsSoAnAuditorWhoChangesDataIsAConflict() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		// this shared installation allows combined duties: the account is created, and flagged
		String name = unique("engaud");
		ApiClient both = createUserAndSignIn(admin, name, root,
				List.of(roleId(admin, "ENGINEER"), roleId(admin, "AUDITOR")));
		JsonNode conflict = null;
		for (JsonNode entry : admin.get("/api/v1/users/duty-conflicts").json()) {
			if (entry.path("username").asText().equals(name)) {
				conflict = entry;
			}
		}
		assertThat(conflict).as("an auditor who may change CIs is listed").isNotNull();
		assertThat(conflict.path("duties").toString()).isEqualTo("[\"AUDIT\"]");
		assertThat(conflict.path("changesData").asBoolean()).isTrue();
		JsonNode user = admin.get("/api/v1/users/" + userId(admin, name)).json();
		assertThat(user.path("dutyConflict").asBoolean()).isTrue();
		assertThat(user.path("duties").toString()).as("not called a system administrator").isEqualTo("[\"AUDIT\"]");
		assertThat(both.get("/api/v1/auth/session").json().path("dutyConflict").asBoolean()).isTrue();

		// an engineer alone changes data but is no conflict, and holds no named duty
		String engineer = unique("eng");
		createUserAndSignIn(admin, engineer, root, List.of(roleId(admin, "ENGINEER")));
		JsonNode view = admin.get("/api/v1/users/" + userId(admin, engineer)).json();
		assertThat(view.path("duties")).isEmpty();
		assertThat(view.path("changesData").asBoolean()).isTrue();
		assertThat(view.path("dutyConflict").asBoolean()).isFalse();
	}

	@Test
	void aRoleNeverSpansTwoDutiesEvenWhereAccountsMay() {
		ApiClient admin = admin();
		for (List<String> mixed : List.of(List.of("identity:user:grant", "identity:user:create"),
				List.of("identity:role:update", "cmdb:ci:update"), List.of("audit:log:read", "cmdb:ci:verify"))) {
			Response refused = admin.post("/api/v1/roles",
					Map.of("code", unique("R"), "name", "x", "permissions", mixed, "dataScope", "OWN_SUBTREE"));
			assertThat(refused.status()).as(mixed.toString()).isEqualTo(400);
			assertThat(refused.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0015");
		}
		assertThat(admin.post("/api/v1/roles", Map.of("code", unique("R"), "name", "x", "permissions",
				List.of("identity:user:grant", "identity:role:read", "cmdb:ci:read"), "dataScope", "OWN_SUBTREE")).status())
			.as("reading stands on no side")
			.isEqualTo(201);
	}

	@Test
	void updatesNeedTheVersionTheClientLoaded() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		String name = unique("ver");
		long id = admin.post("/api/v1/users", Map.of("username", name, "displayName", "甲", "organisationId", root))
			.json().path("user").path("id").asLong();
		Response missing = admin.put("/api/v1/users/" + id, Map.of("displayName", "乙", "organisationId", root));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("version");
		int version = admin.get("/api/v1/users/" + id).json().path("version").asInt();
		assertThat(admin.put("/api/v1/users/" + id, Map.of("displayName", "乙", "organisationId", root, "version", version))
			.status()).isEqualTo(200);
		Response stale = admin.put("/api/v1/users/" + id,
				Map.of("displayName", "丙", "organisationId", root, "version", version));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SYS-0008");
		assertThat(admin.get("/api/v1/users/" + id).json().path("displayName").asText()).isEqualTo("乙");

		long role = createRole(admin, List.of("identity:user:read"), "OWN_SUBTREE", List.of());
		Response noVersion = admin.put("/api/v1/roles/" + role,
				Map.of("name", "改", "permissions", List.of(), "dataScope", "OWN_SUBTREE"));
		assertThat(noVersion.status()).isEqualTo(400);
		assertThat(noVersion.json().path("errors").findValuesAsText("field")).containsExactly("version");
		Response staleRole = admin.put("/api/v1/roles/" + role,
				Map.of("name", "改", "permissions", List.of(), "dataScope", "OWN_SUBTREE", "version", 99));
		assertThat(staleRole.code()).isEqualTo("SYS-0008");
	}

	@Test
	void scopeCannotBeWidenedByGranting() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long branch = createOrganisation(admin, root, unique("分支"));
		long other = createOrganisation(admin, root, unique("其他"));
		long security = createRole(admin, List.of("identity:role:read", "identity:role:create", "identity:user:read",
				"identity:user:grant", "identity:organisation:read"), "OWN_SUBTREE", List.of());
		ApiClient local = createUserAndSignIn(admin, unique("loc"), branch, List.of(security));
		Response all = local.post("/api/v1/roles", Map.of("code", unique("R"), "name", "全部", "permissions", List.of(),
				"dataScope", "ALL"));
		assertThat(all.status()).isEqualTo(403);
		assertThat(all.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0017");
		Response listed = local.post("/api/v1/roles", Map.of("code", unique("R"), "name", "其他", "permissions", List.of(),
				"dataScope", "LISTED", "organisationIds", List.of(other)));
		assertThat(listed.status()).isEqualTo(403);
	}

	@Test
	void rolesBelongToTheOrganisationThatDefinedThem() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long province = createOrganisation(admin, root, unique("省级"));
		long below = createOrganisation(admin, province, unique("下级"));
		long sibling = createOrganisation(admin, root, unique("兄弟"));
		long security = createRole(admin, List.of("identity:role:read", "identity:role:create", "identity:role:update",
				"identity:role:delete", "identity:user:read", "identity:user:grant", "identity:organisation:read"),
				"OWN_SUBTREE", List.of());
		ApiClient provinceAdmin = createUserAndSignIn(admin, unique("pa"), province, List.of(security));
		ApiClient belowAdmin = createUserAndSignIn(admin, unique("ba"), below, List.of(security));
		ApiClient siblingAdmin = createUserAndSignIn(admin, unique("sa"), sibling, List.of(security));
		String name = unique("省定角色");
		Response created = provinceAdmin.post("/api/v1/roles", Map.of("code", unique("P_"), "name", name, "permissions",
				List.of("identity:organisation:read"), "dataScope", "OWN_SUBTREE"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("organisationId").asLong()).isEqualTo(province);
		assertThat(created.json().path("editable").asBoolean()).isTrue();
		long role = created.id();

		// below: visible, assignable, read-only, copyable
		JsonNode seen = belowAdmin.get("/api/v1/roles/" + role).json();
		assertThat(seen.path("editable").asBoolean()).isFalse();
		assertThat(belowAdmin.get("/api/v1/roles?q=" + name).json().path("total").asLong()).isEqualTo(1);
		long belowUser = admin.post("/api/v1/users", Map.of("username", unique("u"), "displayName", "下级用户",
				"organisationId", below)).json().path("user").path("id").asLong();
		Response assigned = belowAdmin.put("/api/v1/users/" + belowUser + "/roles", Map.of("roleIds", List.of(role)));
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		Response edit = belowAdmin.put("/api/v1/roles/" + role, Map.of("name", "改", "permissions", List.of(), "dataScope",
				"OWN_SUBTREE", "version", seen.path("version").asInt()));
		assertThat(edit.status()).isEqualTo(403);
		assertThat(edit.code()).isEqualTo("IDN-0030");
		assertThat(belowAdmin.delete("/api/v1/roles/" + role).code()).isEqualTo("IDN-0030");
		Response copy = belowAdmin.post("/api/v1/roles/" + role + "/copy", Map.of("code", unique("C_"), "name", "下级副本"));
		assertThat(copy.status()).isEqualTo(201);
		assertThat(copy.json().path("organisationId").asLong()).isEqualTo(below);

		// sibling: does not see it and cannot hand it out
		assertThat(siblingAdmin.get("/api/v1/roles/" + role).status()).isEqualTo(404);
		assertThat(siblingAdmin.get("/api/v1/roles?q=" + name).json().path("total").asLong()).isZero();
		long siblingUser = admin.post("/api/v1/users", Map.of("username", unique("u"), "displayName", "x",
				"organisationId", sibling)).json().path("user").path("id").asLong();
		Response foreign = siblingAdmin.put("/api/v1/users/" + siblingUser + "/roles", Map.of("roleIds", List.of(role)));
		assertThat(foreign.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0022");
	}

	@Test
	void aNewTopLevelNeedsARoleWithDataScopeAll() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long org = createOrganisation(admin, root, unique("升级"));
		Map<String, Object> toTop = new java.util.HashMap<>();
		toTop.put("parentId", null);
		Response refused = admin.post("/api/v1/organisations/" + org + "/move", toTop);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0021");
		long everything = createRole(admin, List.of("identity:organisation:read", "identity:organisation:update"), "ALL",
				List.of());
		ApiClient operator = createUserAndSignIn(admin, unique("all"), root, List.of(everything));
		assertThat(operator.get("/api/v1/auth/session").json().path("dataScope").path("all").asBoolean()).isTrue();
		Response moved = operator.post("/api/v1/organisations/" + org + "/move", toTop);
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat(moved.json().path("parentId").isNull()).isTrue();
		assertThat(operator.get("/api/v1/organisations/tree").json().findValuesAsText("id")).contains(String.valueOf(org));
		assertThat(operator.post("/api/v1/organisations/" + org + "/move", Map.of("parentId", root)).status())
			.isEqualTo(200);
	}

	@Test
	void permissionTreeIsLabelledInTheRequestLanguage() {
		JsonNode chinese = admin().get("/api/v1/permissions").json();
		assertThat(chinese.toString()).contains("\"label\":\"查看用户\"").contains("\"duty\":\"AUDIT\"");
		JsonNode english = admin().language("en").get("/api/v1/permissions").json();
		assertThat(english.toString()).contains("\"label\":\"View users\"");
	}

}
