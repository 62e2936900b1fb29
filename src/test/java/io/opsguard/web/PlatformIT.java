package io.opsguard.web;

import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and scripts rely on besides the business API: health, API docs, UI routes, 404s. */
class PlatformIT extends ApiTestSupport {

	@Test
	void healthAnswersUpWithoutSigningIn() {
		Response health = client().get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("status").asText()).isEqualTo("UP");
		assertThat(client().get("/actuator/env").status()).as("nothing else of actuator is exposed").isIn(401, 404);
	}

	@Test
	void theOpenApiDescriptionListsTheApi() {
		Response docs = client().get("/api/docs.json");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().path("paths").has("/api/v1/users")).isTrue();
		assertThat(docs.json().path("paths").has("/api/v1/audit/verify")).isTrue();
		Response ui = client().get("/api/docs");
		if (ui.status() == 302) {
			String location = ui.headers().get("location").get(0);
			ui = client().get(location.startsWith("http") ? java.net.URI.create(location).getRawPath() + "?"
					+ java.net.URI.create(location).getRawQuery() : location);
		}
		assertThat(ui.status()).as("the API browser is public").isEqualTo(200);
	}

	@Test
	void unknownApiPathsAre404ProblemsAndUiRoutesServeTheApplication() {
		ApiClient admin = admin();
		Response missing = admin.get("/api/v1/no-such-thing");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.code()).isEqualTo("SYS-0004");
		Response wrongMethod = admin.send("PATCH", "/api/v1/users", "{}");
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.code()).isEqualTo("SYS-0009");
		Response malformed = admin.send("POST", "/api/v1/organisations", "{not json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.code()).isEqualTo("SYS-0002");
		if (getClass().getResource("/static/index.html") != null) {
			Response route = client().get("/identity/users");
			assertThat(route.status()).isEqualTo(200);
			assertThat(route.text()).contains("<div id=\"app\">");
			assertThat(client().get("/assets/no-such-file.js").status()).isEqualTo(404);
		}
	}

	@Test
	void aboutTellsVersionJavaAndDatabase() {
		Response about = admin().get("/api/v1/system/about");
		assertThat(about.status()).isEqualTo(200);
		assertThat(about.json().path("database").asText()).startsWith("H2");
		assertThat(about.json().path("javaVersion").asText()).isNotBlank();
		assertThat(client().get("/api/v1/system/about").status()).isEqualTo(401);
	}

}
