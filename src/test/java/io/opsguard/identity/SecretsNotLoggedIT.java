package io.opsguard.identity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords and tokens never reach the log, whatever happens to them; each event is one line. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIT extends ApiTestSupport {

	@Test
	void signInsPasswordChangesResetsAndTokensLeaveNoSecretInTheLog(CapturedOutput output) {
		ApiClient admin = admin();
		String name = unique("log");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		client().login(name, "Typo@Secret1");
		user.post("/api/v1/auth/password", Map.of("currentPassword", passwordOf(name), "newPassword", "Next@Secret2"));
		long id = admin.get("/api/v1/users?q=" + name).json().path("items").get(0).path("id").asLong();
		String reset = admin.post("/api/v1/users/" + id + "/reset-password", null).json().path("initialPassword").asText();
		String token = admin.post("/api/v1/auth/tokens", Map.of("name", "log", "expiresAt", LocalDate.now().plusDays(1).toString()))
			.json()
			.path("token")
			.asText();
		client().bearer(token).get("/api/v1/users");
		client().bearer(token + "x").get("/api/v1/users");
		admin.post("/api/v1/auth/password", Map.of("currentPassword", "wrong", "newPassword", "x"));

		assertThat(output.getAll()).contains("signed in")
			.doesNotContain(ADMIN_PASSWORD, passwordOf(name), "Typo@Secret1", "Next@Secret2", reset, token, "$2a$");
		for (String line : output.getAll().split("\n")) {
			if (!line.isBlank()) {
				assertThat(line).as("one line per event").matches("^\\d{4}-\\d{2}-\\d{2}T.*|^\\s*$|^Hibernate.*|^\\S.*");
			}
		}
	}

}
