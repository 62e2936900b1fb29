package io.opsguard.servicedesk;

import java.util.Map;

import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code opsguard.servicedesk.portal.registration-enabled=false} nobody can apply: 404. */
@TestPropertySource(properties = "opsguard.servicedesk.portal.registration-enabled=false")
class RegistrationDisabledIT extends ApiTestSupport {

	@Test
	void theRegistrationEndpointsAnswerNotFound() {
		assertThat(client().get("/api/v1/portal/registration").json().path("open").asBoolean(true)).isFalse();
		assertThat(client().get("/api/v1/portal/registration/organisations").status()).isEqualTo(404);
		assertThat(client().post("/api/v1/portal/registrations", Map.of("username", "someone", "displayName", "某人",
				"phone", "13812345678", "organisationId", 1, "password", "Reg#2026pass")).status()).isEqualTo(404);
		// the desk's review stays: applications taken before the switch can still be decided
		assertThat(admin().get("/api/v1/registrations").status()).isEqualTo(200);
	}

}
