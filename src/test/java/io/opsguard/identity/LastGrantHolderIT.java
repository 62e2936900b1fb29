package io.opsguard.identity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Somebody must always be able to grant roles. Runs on a fresh installation of its own, where
 * {@code admin} starts as the only account that can (combined duties allowed, as in every test
 * installation built on {@link ApiTestSupport}, so that admin may keep system and audit duties).
 */
class LastGrantHolderIT extends ApiTestSupport {

	private static final Path OWN_DATA_DIR = newDataDir();

	@DynamicPropertySource
	static void freshInstallation(DynamicPropertyRegistry registry) {
		registry.add("opsguard.data-dir", OWN_DATA_DIR::toString);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("opsguard")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
	}

	@Test
	void theLastAccountThatCanGrantRolesKeepsThatPermission() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long adminId = admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		List<Long> withoutSecurity = List.of(roleId(admin, "SYSTEM_ADMIN"), roleId(admin, "AUDITOR"));
		assertThat(admin.put("/api/v1/users/" + adminId + "/roles", Map.of("roleIds", withoutSecurity)).code())
			.as("nobody changes their own roles")
			.isEqualTo("IDN-0044");
		assertThat(admin.post("/api/v1/users/" + adminId + "/disable", null).code()).isEqualTo("IDN-0019");

		long keepers = createOrganisation(admin, root, unique("授权"));
		long granting = createRole(admin, List.of("identity:user:grant", "identity:user:read", "identity:role:read",
				"identity:organisation:read"), "ALL", List.of());
		long editing = createRole(admin, List.of("identity:role:read", "identity:role:update"), "OWN_SUBTREE", List.of());
		ApiClient keeper = createUserAndSignIn(admin, unique("keep"), keepers, List.of(granting));
		ApiClient editor = createUserAndSignIn(admin, unique("edit"), root, List.of(editing));
		assertThat(keeper.put("/api/v1/users/" + adminId + "/roles", Map.of("roleIds", withoutSecurity)).status())
			.as("another account takes the grant away from admin")
			.isEqualTo(200);

		// the keeper is now the only account that can grant roles
		JsonNode role = editor.get("/api/v1/roles/" + granting).json();
		Response refused = editor.put("/api/v1/roles/" + granting, Map.of("name", role.path("name").asText(), "permissions",
				List.of("identity:user:read"), "dataScope", "OWN_SUBTREE", "version", role.path("version").asInt()));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("IDN-0029");
		assertThat(editor.get("/api/v1/roles/" + granting).json().path("permissions").toString()).as("nothing changed")
			.contains("identity:user:grant");
		assertThat(admin.post("/api/v1/organisations/" + keepers + "/disable", null).code()).isEqualTo("IDN-0029");
		long keeperId = keeper.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		assertThat(keeper.put("/api/v1/users/" + keeperId + "/roles", Map.of("roleIds", List.of())).code())
			.isEqualTo("IDN-0044");
	}

}
