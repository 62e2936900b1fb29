package io.opsguard.identity;

import io.opsguard.support.ApiClient;
import io.opsguard.support.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link IdentityPersistenceScenarios} on a real PostgreSQL server, with the postgres profile. */
@ActiveProfiles("postgres")
class IdentityPersistencePostgresIT extends IdentityPersistenceScenarios {

	private static final String URL = EmbeddedPostgresServer.newDatabase();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> URL);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

	/** PostgreSQL cannot keep a NUL character in text: the request is bad input, not a server error. */
	@Test
	void aNulCharacterPostgresCannotStoreIsBadInput() {
		ApiClient admin = admin();
		ApiClient.Response created = admin.post("/api/v1/organisations", java.util.Map.of("parentId",
				rootOrganisationId(admin), "name", "含\u0000空字符", "code", unique("NUL-"), "type", "SUBORDINATE"));
		org.assertj.core.api.Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(400);
		org.assertj.core.api.Assertions.assertThat(created.code()).isEqualTo("SYS-0017");
	}

}
