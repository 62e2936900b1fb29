package io.opsguard.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import io.opsguard.support.CountingPasswordEncoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, sessions, CSRF, lock-out and the password policy, end to end over HTTP. */
class AuthApiIT extends ApiTestSupport {

	@Test
	void sessionWithoutSignInIs401AndSetsTheXsrfCookie() {
		ApiClient anonymous = client();
		Response session = anonymous.get("/api/v1/auth/session");
		assertThat(session.status()).isEqualTo(401);
		assertThat(session.contentType()).startsWith("application/problem+json");
		assertThat(session.code()).isEqualTo("SYS-0005");
		assertThat(session.json().path("detail").asText()).isEqualTo("请先登录，或登录已超时");
		assertThat(anonymous.xsrfToken()).isNotBlank();
		assertThat(anonymous.get("/api/v1/users").status()).isEqualTo(401);
	}

	@Test
	void adminSignsInAndSeesPermissionsOrganisationAndTheDutyConflictWarning() {
		ApiClient admin = admin();
		JsonNode session = admin.get("/api/v1/auth/session").json();
		assertThat(session.path("user").path("username").asText()).isEqualTo("admin");
		assertThat(session.path("user").path("organisationName").asText()).isNotBlank();
		assertThat(session.path("permissions").toString()).contains("identity:user:create", "audit:log:read",
				"identity:role:update");
		assertThat(session.path("passwordChangeRequired").asBoolean()).isFalse();
		assertThat(session.path("dutyConflict").asBoolean()).isTrue();
		assertThat(session.path("duties").toString()).contains("SYSTEM", "SECURITY", "AUDIT");
		assertThat(admin.hasSessionCookie()).isTrue();
	}

	@Test
	void wrongPasswordAndUnknownUserAnswerAlike() {
		Response wrong = client().login("admin", "Wrong@Pass1");
		Response unknown = client().login(unique("nobody"), "Wrong@Pass1");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(wrong.text()).isEqualTo(unknown.text());
		assertThat(wrong.code()).isEqualTo("IDN-0001");
	}

	@Test
	void fiveFailuresLockTheAccountForFifteenMinutesAndTheLockIsAudited() {
		ApiClient admin = admin();
		String name = unique("lock");
		createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		for (int i = 1; i <= 4; i++) {
			assertThat(client().login(name, "Wrong@Pass" + i).code()).isEqualTo("IDN-0001");
		}
		Response fifth = client().login(name, "Wrong@Pass5");
		assertThat(fifth.status()).isEqualTo(423);
		assertThat(fifth.code()).isEqualTo("IDN-0002");
		// even the right password is refused while locked
		assertThat(client().login(name, passwordOf(name)).code()).isEqualTo("IDN-0002");
		JsonNode audit = admin.get("/api/v1/audit?action=ACCOUNT_LOCKED&username=" + name).json();
		assertThat(audit.path("total").asLong()).isEqualTo(1);
		Instant start = this.clock.instant();
		try {
			this.clock.advance(Duration.ofMinutes(16));
			assertThat(client().login(name, passwordOf(name)).status()).isEqualTo(200);
		}
		finally {
			this.clock.set(start);
		}
	}

	@Test
	void anAdministratorUnlocksALockedAccount() {
		ApiClient admin = admin();
		String name = unique("unl");
		createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		for (int i = 1; i <= 5; i++) {
			client().login(name, "Wrong@Pass" + i);
		}
		long id = admin.get("/api/v1/users?q=" + name).json().path("items").get(0).path("id").asLong();
		assertThat(admin.get("/api/v1/users/" + id).json().path("locked").asBoolean()).isTrue();
		assertThat(admin.get("/api/v1/users?status=LOCKED&q=" + name).json().path("total").asLong()).isEqualTo(1);
		assertThat(admin.post("/api/v1/users/" + id + "/unlock", Map.of()).status()).isEqualTo(200);
		assertThat(client().login(name, passwordOf(name)).status()).isEqualTo(200);
	}

	@Test
	void unknownNamesLockTooSoLockOutRevealsNothing() {
		String name = unique("ghost");
		for (int i = 1; i <= 4; i++) {
			assertThat(client().login(name, "Wrong@Pass" + i).code()).isEqualTo("IDN-0001");
		}
		assertThat(client().login(name, "Wrong@Pass5").code()).isEqualTo("IDN-0002");
	}

	@Test
	void stateChangingRequestsWithASessionNeedTheXsrfHeader() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		ApiClient noHeader = client().signedIn("admin", ADMIN_PASSWORD).withoutXsrf();
		Response refused = noHeader.post("/api/v1/organisations",
				Map.of("parentId", root, "name", "x", "code", unique("X"), "type", "OTHER"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("SYS-0007");
	}

	@Test
	void aNewUserMustChangeTheGeneratedPasswordBeforeAnythingElse() {
		ApiClient admin = admin();
		String name = unique("first");
		Response created = admin.post("/api/v1/users", Map.of("username", name, "displayName", "张三",
				"organisationId", rootOrganisationId(admin), "roleIds", List.of(roleId(admin, "SYSTEM_ADMIN"))));
		assertThat(created.status()).isEqualTo(201);
		String initial = created.json().path("initialPassword").asText();
		assertThat(initial).hasSizeGreaterThanOrEqualTo(12);
		ApiClient user = client().signedIn(name, initial);
		JsonNode session = user.get("/api/v1/auth/session").json();
		assertThat(session.path("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(session.path("passwordChangeReason").asText()).isEqualTo("GENERATED");
		Response blocked = user.get("/api/v1/users");
		assertThat(blocked.status()).isEqualTo(403);
		assertThat(blocked.code()).isEqualTo("IDN-0004");
		assertThat(user.post("/api/v1/auth/password", Map.of("currentPassword", initial, "newPassword", "Better@2026"))
			.status()).isEqualTo(204);
		assertThat(user.get("/api/v1/users").status()).isEqualTo(200);
	}

	@Test
	void thePasswordPolicyNamesTheBrokenRuleOnTheField() {
		ApiClient admin = admin();
		String name = unique("pol");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		String current = passwordOf(name);
		assertThat(change(user, current, "Ab1!").json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0026");
		assertThat(change(user, current, "abcdefgh1").json().path("errors").get(0).path("code").asText())
			.isEqualTo("IDN-0027");
		Response wrongCurrent = change(user, "Not@Current1", "Fresh@Pass1");
		assertThat(wrongCurrent.json().path("errors").get(0).path("field").asText()).isEqualTo("currentPassword");
		assertThat(wrongCurrent.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0005");
		Response reused = change(user, current, current);
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0025");
		assertThat(reused.json().path("errors").get(0).path("field").asText()).isEqualTo("newPassword");
		// the last five passwords are remembered
		String previous = current;
		for (int i = 1; i <= 5; i++) {
			String next = "Cycle@" + i + "pass";
			assertThat(change(user, previous, next).status()).isEqualTo(204);
			previous = next;
		}
		assertThat(change(user, previous, "Cycle@1pass").status()).isEqualTo(400);
		assertThat(change(user, previous, current).status()).as("six changes ago: allowed again").isEqualTo(204);
	}

	@Test
	void aPasswordMayNotEqualTheUsername() {
		ApiClient admin = admin();
		String name = "Same.1" + unique("x");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		Response sameAsName = change(user, passwordOf(name), name.toLowerCase());
		assertThat(sameAsName.status()).isEqualTo(400);
		assertThat(sameAsName.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0024");
	}

	@Test
	void passwordsExpireAfterNinetyDays() {
		ApiClient admin = admin();
		String name = unique("exp");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		Instant start = this.clock.instant();
		try {
			this.clock.advance(Duration.ofDays(91));
			ApiClient again = client().signedIn(name, passwordOf(name));
			JsonNode session = again.get("/api/v1/auth/session").json();
			assertThat(session.path("passwordChangeRequired").asBoolean()).isTrue();
			assertThat(session.path("passwordChangeReason").asText()).isEqualTo("EXPIRED");
			assertThat(again.get("/api/v1/auth/tokens").code()).isEqualTo("IDN-0004");
		}
		finally {
			this.clock.set(start);
		}
		assertThat(user.get("/api/v1/auth/session").json().path("passwordChangeRequired").asBoolean()).isFalse();
	}

	@Test
	void logoutEndsTheSessionAndIsAudited() {
		ApiClient admin = admin();
		String name = unique("out");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		assertThat(user.post("/api/v1/auth/logout", null).status()).isEqualTo(204);
		assertThat(user.get("/api/v1/auth/session").status()).isEqualTo(401);
		assertThat(admin.get("/api/v1/audit?action=LOGOUT&username=" + name).json().path("total").asLong()).isEqualTo(1);
	}

	@Test
	void disablingAUserEndsTheirSessionAtOnce() {
		ApiClient admin = admin();
		String name = unique("dis");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		long id = admin.get("/api/v1/users?q=" + name).json().path("items").get(0).path("id").asLong();
		assertThat(admin.post("/api/v1/users/" + id + "/disable", null).status()).isEqualTo(200);
		assertThat(user.get("/api/v1/auth/session").status()).isEqualTo(401);
		Response again = client().login(name, passwordOf(name));
		assertThat(again.code()).isEqualTo("IDN-0003");
	}

	@Test
	void errorsFollowTheRequestLanguage() {
		Response english = client().language("en").login("admin", "Wrong@Pass1");
		assertThat(english.json().path("detail").asText()).isEqualTo("Wrong username or password");
		Response chinese = client().login("admin", "Wrong@Pass1");
		assertThat(chinese.json().path("detail").asText()).isEqualTo("用户名或密码错误");
	}

	@Test
	void loginValidationListsEveryBadField() {
		Response response = client().post("/api/v1/auth/login", Map.of("username", "", "password", ""));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.code()).isEqualTo("SYS-0001");
		assertThat(response.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("username",
				"password");
		assertThat(response.json().path("errors").get(0).path("message").asText()).isEqualTo("不能为空");
	}

	@Test
	void theSessionSaysWhetherTheSystemOrAnAdministratorChoseThePassword() {
		ApiClient admin = admin();
		String name = unique("chosen");
		assertThat(admin.post("/api/v1/users", Map.of("username", name, "displayName", "x", "organisationId",
				rootOrganisationId(admin), "password", "Chosen@Start7")).status()).isEqualTo(201);
		ApiClient user = client().signedIn(name, "Chosen@Start7");
		assertThat(user.get("/api/v1/auth/session").json().path("passwordChangeReason").asText())
			.isEqualTo("ADMINISTRATOR_SET");
		assertThat(admin.post("/api/v1/users/" + userId(admin, name) + "/reset-password", null).status()).isEqualTo(200);
		assertThat(user.get("/api/v1/auth/session").status()).as("the reset signed the user out").isEqualTo(401);
	}

	@Test
	void passwordsLongerThanBcryptReadsAreRefusedInBytes() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		String name = unique("long");
		ApiClient user = createUserAndSignIn(admin, name, root, List.of());
		String ascii73 = "Aa1!" + "x".repeat(69);
		String chinese = "Aa1" + "密".repeat(30);
		for (String tooLong : List.of(ascii73, chinese)) {
			Response refused = change(user, passwordOf(name), tooLong);
			assertThat(refused.status()).as(tooLong).isEqualTo(400);
			assertThat(refused.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0041");
			assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("newPassword");
			assertThat(refused.json().path("detail").asText()).contains("72");
		}
		assertThat(change(user, passwordOf(name), "Aa1" + "密".repeat(23)).status()).as("72 bytes exactly")
			.isEqualTo(204);
		Response created = admin.post("/api/v1/users", Map.of("username", unique("lc"), "displayName", "x",
				"organisationId", root, "password", chinese));
		assertThat(created.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0041");
		Response reset = admin.post("/api/v1/users/" + userId(admin, name) + "/reset-password",
				Map.of("password", ascii73));
		assertThat(reset.json().path("errors").get(0).path("code").asText()).isEqualTo("IDN-0041");
		assertThat(client().language("en").post("/api/v1/auth/login", Map.of("username", name, "password", ascii73))
			.status()).as("signing in with a long password is a plain failure").isEqualTo(401);
	}

	@Test
	void passwordsWithTheUsernameCommonOnesAndControlCharactersAreRefused() {
		ApiClient admin = admin();
		String name = "Ming.Li" + unique("x");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		String current = passwordOf(name);
		Map<String, String> refusals = new java.util.LinkedHashMap<>();
		refusals.put("Xy@" + name.toUpperCase() + "7", "IDN-0024");
		refusals.put("Password1", "IDN-0042");
		refusals.put("pASSWORD1", "IDN-0042");
		refusals.put("Aa123456", "IDN-0042");
		refusals.put("P@ssw0rd", "IDN-0042");
		refusals.put("Qwer1234", "IDN-0042");
		refusals.put("Good@Pass1\u0000", "IDN-0043");
		refusals.put("Good@Pass1\u0000\u0000\u0000", "IDN-0043");
		refusals.put("Good@\nPass1", "IDN-0043");
		refusals.put("Good@Pass1\u200b", "IDN-0043");
		refusals.forEach((password, code) -> {
			Response refused = change(user, current, password);
			assertThat(refused.status()).as(password).isEqualTo(400);
			assertThat(refused.json().path("errors").get(0).path("code").asText()).as(password).isEqualTo(code);
		});
		assertThat(change(user, current, "Good@Pass1").status()).isEqualTo(204);
	}

	@Test
	void changingThePasswordSignsOutTheOtherSessionsButKeepsThisOne() {
		ApiClient admin = admin();
		String name = unique("two");
		ApiClient laptop = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		ApiClient phone = client().signedIn(name, passwordOf(name));
		String token = laptop.post("/api/v1/auth/tokens",
				Map.of("name", "对接", "expiresAt", java.time.LocalDate.now().plusDays(3).toString())).json().path("token")
			.asText();
		assertThat(change(laptop, passwordOf(name), "Fresh@Start77").status()).isEqualTo(204);
		assertThat(laptop.get("/api/v1/auth/session").status()).as("this session goes on").isEqualTo(200);
		assertThat(phone.get("/api/v1/auth/session").status()).as("the other session is over").isEqualTo(401);
		assertThat(client().bearer(token).get("/api/v1/auth/session").status())
			.as("API tokens are credentials of their own").isEqualTo(200);
		assertThat(client().login(name, passwordOf(name)).status()).isEqualTo(401);
		assertThat(client().login(name, "Fresh@Start77").status()).isEqualTo(200);
	}

	@Test
	void everyFailedSignInChecksOnePasswordHashWhateverTheReason() {
		ApiClient admin = admin();
		String locked = unique("slow");
		createUserAndSignIn(admin, locked, rootOrganisationId(admin), List.of());
		for (int i = 1; i <= 5; i++) {
			client().login(locked, "Wrong@Pass" + i);
		}
		String disabled = unique("off");
		createUserAndSignIn(admin, disabled, rootOrganisationId(admin), List.of());
		assertThat(admin.post("/api/v1/users/" + userId(admin, disabled) + "/disable", null).status()).isEqualTo(200);
		String ghost = unique("ghost");
		for (int i = 1; i <= 5; i++) {
			client().login(ghost, "Wrong@Pass" + i);
		}
		String careless = unique("care");
		createUserAndSignIn(admin, careless, rootOrganisationId(admin), List.of());
		Map<String, String[]> attempts = new java.util.LinkedHashMap<>();
		attempts.put("wrong password", new String[] { careless, "Wrong@Pass1" });
		attempts.put("unknown name", new String[] { unique("nobody"), "Wrong@Pass1" });
		attempts.put("locked account, right password", new String[] { locked, passwordOf(locked) });
		attempts.put("locked account, wrong password", new String[] { locked, "Wrong@Pass9" });
		attempts.put("locked unknown name", new String[] { ghost, "Wrong@Pass9" });
		attempts.put("disabled account", new String[] { disabled, passwordOf(disabled) });
		attempts.put("longest name", new String[] { "x".repeat(64), "Wrong@Pass1" });
		attempts.forEach((reason, credentials) -> {
			long before = CountingPasswordEncoder.checks();
			Response response = client().login(credentials[0], credentials[1]);
			assertThat(response.status()).as(reason).isIn(401, 423);
			assertThat(CountingPasswordEncoder.checks() - before).as(reason + ": bcrypt checks").isEqualTo(1);
		});
	}

	private static Response change(ApiClient user, String current, String next) {
		return user.post("/api/v1/auth/password", Map.of("currentPassword", current, "newPassword", next));
	}

}
