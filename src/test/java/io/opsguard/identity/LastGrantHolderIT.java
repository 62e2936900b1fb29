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
 * {@code admin} starts as the only account that can.
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

		Response alone = admin.put("/api/v1/users/" + adminId + "/roles", Map.of("roleIds", withoutSecurity));
		assertThat(alone.status()).isEqualTo(409);
		assertThat(alone.code()).isEqualTo("IDN-0029");
		assertThat(admin.post("/api/v1/users/" + adminId + "/disable", null).code()).isEqualTo("IDN-0019");

		long granting = createRole(admin, List.of("identity:user:grant", "identity:user:read", "identity:role:read",
				"identity:role:update", "identity:organisation:read"), "OWN_SUBTREE", List.of());
		ApiClient keeper = createUserAndSignIn(admin, unique("keep"), root, List.of(granting));
		assertThat(admin.put("/api/v1/users/" + adminId + "/roles", Map.of("roleIds", withoutSecurity)).status())
			.as("another account can grant now")
			.isEqualTo(200);

		JsonNode role = keeper.get("/api/v1/roles/" + granting).json();
		Response refused = keeper.put("/api/v1/roles/" + granting, Map.of("name", role.path("name").asText(), "permissions",
				List.of("identity:user:read"), "dataScope", "OWN_SUBTREE", "version", role.path("version").asInt()));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("IDN-0029");
		assertThat(keeper.get("/api/v1/roles/" + granting).json().path("permissions").toString()).as("nothing changed")
			.contains("identity:user:grant");
		long keeperId = keeper.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		assertThat(keeper.put("/api/v1/users/" + keeperId + "/roles", Map.of("roleIds", List.of())).code())
			.isEqualTo("IDN-0029");
	}

}
