package io.opsguard.identity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** API tokens for integrations: shown once, stored hashed, used without CSRF, revocable. */
class ApiTokenIT extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTokenWorksAsBearerWithoutCsrfUntilRevoked() {
		ApiClient admin = admin();
		Response created = admin.post("/api/v1/auth/tokens",
				Map.of("name", "监控对接", "expiresAt", LocalDate.now().plusDays(30).toString()));
		assertThat(created.status()).isEqualTo(201);
		String secret = created.json().path("token").asText();
		assertThat(secret).startsWith("ogt_").hasSize(44);
		long id = created.id();
		assertThat(this.jdbc.sql("select count(*) from idn_api_token where token_hash = ?").param(secret).query(Long.class).single())
			.as("only the hash is stored").isZero();

		ApiClient integration = client().bearer(secret);
		assertThat(integration.get("/api/v1/users").status()).isEqualTo(200);
		Response write = integration.post("/api/v1/organisations", Map.of("parentId", rootOrganisationId(admin), "name",
				"令牌创建", "code", unique("TOK"), "type", "OTHER"));
		assertThat(write.status()).as(write.toString()).isEqualTo(201);
		assertThat(integration.hasSessionCookie()).as("no session for token requests").isFalse();

		JsonNode listed = admin.get("/api/v1/auth/tokens").json().path("items");
		JsonNode mine = null;
		for (JsonNode token : listed) {
			if (token.path("id").asLong() == id) {
				mine = token;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.path("status").asText()).isEqualTo("ACTIVE");
		assertThat(mine.path("lastUsedAt").isNull()).isFalse();
		assertThat(mine.toString()).doesNotContain(secret);

		assertThat(admin.delete("/api/v1/auth/tokens/" + id).status()).isEqualTo(204);
		Response revoked = integration.get("/api/v1/users");
		assertThat(revoked.status()).isEqualTo(401);
		assertThat(revoked.contentType()).startsWith("application/problem+json");
	}

	@Test
	void badTokensAndExpiriesAreRefused() {
		assertThat(client().bearer("ogt_nonsense").get("/api/v1/users").status()).isEqualTo(401);
		ApiClient admin = admin();
		Response past = admin.post("/api/v1/auth/tokens", Map.of("name", "x", "expiresAt", "2000-01-01"));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.json().path("errors").get(0).path("field").asText()).isEqualTo("expiresAt");
		Response far = admin.post("/api/v1/auth/tokens",
				Map.of("name", "x", "expiresAt", LocalDate.now().plusYears(3).toString()));
		assertThat(far.status()).isEqualTo(400);
		assertThat(admin.post("/api/v1/auth/tokens", Map.of("name", "x", "expiresAt", "soon")).status()).isEqualTo(400);
	}

	@Test
	void aTokenMayLiveUntilTheEndOfItsLastAllowedDayAndItsActionsAreMarked() {
		ApiClient admin = admin();
		long days = admin.get("/api/v1/auth/tokens/limits").json().path("maxLifetimeDays").asLong();
		assertThat(days).isEqualTo(365);
		java.time.LocalDate last = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(days);
		Response longest = admin.post("/api/v1/auth/tokens", Map.of("name", "最长", "expiresAt", last.toString()));
		assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
		assertThat(longest.json().path("expiresAt").asText()).isEqualTo(
				last.atTime(23, 59, 59).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toString());
		assertThat(admin.post("/api/v1/auth/tokens", Map.of("name", "过长", "expiresAt", last.plusDays(1).toString()))
			.status()).isEqualTo(400);
		ApiClient integration = client().bearer(longest.json().path("token").asText());
		long org = createOrganisation(integration, rootOrganisationId(admin), unique("令牌"));
		JsonNode entry = admin.get("/api/v1/audit?action=ORGANISATION_CREATED&targetId=" + org).json().path("items").get(0);
		assertThat(entry.path("summary").asText()).contains("经 API 令牌 #" + longest.id());
	}

	@Test
	void aTokenCannotMintTokensOrTouchCredentials() {
		ApiClient admin = admin();
		String expiry = LocalDate.now().plusDays(30).toString();
		Response first = admin.post("/api/v1/auth/tokens", Map.of("name", "第一个", "expiresAt", expiry));
		long other = admin.post("/api/v1/auth/tokens", Map.of("name", "另一个", "expiresAt", expiry)).id();
		ApiClient integration = client().bearer(first.json().path("token").asText());
		long before = admin.get("/api/v1/auth/tokens").json().path("total").asLong();

		Response minted = integration.post("/api/v1/auth/tokens", Map.of("name", "后门", "expiresAt", expiry));
		assertThat(minted.status()).isEqualTo(403);
		assertThat(minted.contentType()).startsWith("application/problem+json");
		assertThat(minted.code()).isEqualTo("IDN-0040");
		assertThat(admin.get("/api/v1/auth/tokens").json().path("total").asLong()).isEqualTo(before);
		Response password = integration.post("/api/v1/auth/password",
				Map.of("currentPassword", ADMIN_PASSWORD, "newPassword", "Stolen@Pass77"));
		assertThat(password.code()).isEqualTo("IDN-0040");
		assertThat(client().login("admin", ADMIN_PASSWORD).status()).as("the password is unchanged").isEqualTo(200);
		assertThat(integration.delete("/api/v1/auth/tokens/" + other).code()).isEqualTo("IDN-0040");
		String name = unique("victim");
		createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		assertThat(integration.post("/api/v1/users/" + userId(admin, name) + "/reset-password", null).code())
			.isEqualTo("IDN-0040");
		assertThat(client().login(name, passwordOf(name)).status()).isEqualTo(200);

		// what it may do: its work, and retire itself
		assertThat(integration.get("/api/v1/users").status()).isEqualTo(200);
		assertThat(integration.delete("/api/v1/auth/tokens/" + first.id()).status()).isEqualTo(204);
		assertThat(integration.get("/api/v1/users").status()).isEqualTo(401);
	}

	@Test
	void usersSeeAndRevokeOnlyTheirOwnTokens() {
		ApiClient admin = admin();
		ApiClient other = createUserAndSignIn(admin, unique("tok"), rootOrganisationId(admin), List.of());
		long adminToken = admin.post("/api/v1/auth/tokens",
				Map.of("name", "mine", "expiresAt", LocalDate.now().plusDays(5).toString())).id();
		assertThat(other.get("/api/v1/auth/tokens").json().path("total").asLong()).isZero();
		assertThat(other.delete("/api/v1/auth/tokens/" + adminToken).status()).isEqualTo(404);
	}

}
