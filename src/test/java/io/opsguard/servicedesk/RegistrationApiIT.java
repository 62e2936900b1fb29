package io.opsguard.servicedesk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-registration (R-DSK-12) end to end: a person applies in the portal without an account, every
 * bad field is named and nothing is kept, a reviewer of the organisation (and only one whose scope
 * includes it) sees the application and is told in-app, approves it into a requester's account that
 * signs in with the chosen password and holds no permission, or rejects it with a reason; the
 * applicant is told by SMS and e-mail; every step is audited; stale versions, taken usernames and
 * too many requests are refused.
 */
class RegistrationApiIT extends PortalTestSupport {

	private static final String PASSWORD = "Reg#2026pass";

	private ApiClient reviewer;

	private ApiClient outsider;

	private long reviewerRole;

	@BeforeEach
	void setUp() {
		setUpDesk();
		this.reviewerRole = createRole(this.admin, List.of("servicedesk:registration:approve"), "OWN_SUBTREE", List.of());
		this.reviewer = createUserAndSignIn(this.admin, unique("rev"), this.organisation, List.of(this.reviewerRole));
		long sibling = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("别的单位"));
		this.outsider = createUserAndSignIn(this.admin, unique("out"), sibling, List.of(this.reviewerRole));
	}

	@AfterEach
	void resetClock() {
		this.clock.set(Instant.now());
	}

	@Test
	void anApplicationIsCheckedThenApprovedIntoARequesterWhoSignsIn() {
		assertThat(publicGet("/api/v1/portal/registration").json().path("open").asBoolean()).as("the sign-in page offers it").isTrue();
		JsonNode organisations = publicGet("/api/v1/portal/registration/organisations").json();
		JsonNode mine = null;
		for (JsonNode option : organisations) {
			if (option.path("id").asLong() == this.organisation) {
				mine = option;
			}
		}
		assertThat(mine).as("the applicant's organisation is offered").isNotNull();
		assertThat(mine.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "path");
		assertThat(mine.path("path").asText()).endsWith(" / " + mine.path("name").asText());

		// every bad field is named at once, and nothing is kept
		Response bad = apply(Map.of("username", "x!", "displayName", " ", "phone", "12345", "email", "not-mail",
				"organisationId", 999_999, "unit", "部".repeat(101), "password", "short"));
		assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
		assertThat(fields(bad)).containsEntry("username", "SD-0337")
			.containsEntry("displayName", "SD-0335")
			.containsEntry("phone", "SD-0332")
			.containsEntry("email", "SD-0333")
			.containsEntry("organisationId", "SD-0334")
			.containsEntry("unit", "SD-0336")
			.containsEntry("password", "IDN-0026");
		String username = unique("reg").toLowerCase();
		assertThat(fields(apply(application(username, Map.of("password", "p@ssw0rd@123")))))
			.containsEntry("password", "IDN-0042");
		assertThat(fields(apply(application(username, Map.of("password", "Xy#" + username + "1")))))
			.containsEntry("password", "IDN-0024");
		assertThat(fields(apply(application(username, Map.of("phone", "1391234567"))))).containsEntry("phone", "SD-0332");
		assertThat(apply(application(username, Map.of("organisationId", "x"))).status()).isEqualTo(400);
		// the username of an existing account is "not available", as is one asked for by a pending application
		assertThat(fields(apply(application("ADMIN", Map.of())))).containsEntry("username", "SD-0331");
		assertThat(this.reviewer.get("/api/v1/registrations?q=" + username).json().path("total").asLong()).isZero();

		// landlines and mobiles with +86 are phones too
		assertThat(apply(application(unique("tel").toLowerCase(), Map.of("phone", "010-62345678"))).status()).isEqualTo(202);
		Response applied = apply(application(username, Map.of()));
		assertThat(applied.status()).as(applied.toString()).isEqualTo(202);
		assertThat(applied.json().path("message").asText()).isEqualTo("申请已提交，审核通过后将短信通知您");
		assertThat(fields(apply(application(username.toUpperCase(), Map.of())))).containsEntry("username", "SD-0331");

		// the reviewer in scope sees it and was told; one of another organisation sees nothing
		JsonNode listed = this.reviewer.get("/api/v1/registrations?state=PENDING&q=" + username).json();
		assertThat(listed.path("total").asLong()).isEqualTo(1);
		JsonNode application = listed.path("items").get(0);
		assertThat(application.path("displayName").asText()).isEqualTo("申请人" + username);
		assertThat(application.path("organisationPath").asText()).contains(application.path("organisationName").asText());
		assertThat(application.toString()).doesNotContain("$2").doesNotContain("password").doesNotContain(PASSWORD);
		long id = application.path("id").asLong();
		assertThat(this.reviewer.get("/api/v1/registrations?q=13812345678").json().path("total").asLong()).isPositive();
		assertThat(this.outsider.get("/api/v1/registrations?q=" + username).json().path("total").asLong()).isZero();
		assertThat(this.outsider.post("/api/v1/registrations/" + id + "/approve", Map.of("version", 0)).status())
			.isEqualTo(404);
		assertThat(inbox(this.reviewer, "servicedesk.registration.submitted")).anyMatch(s -> s.contains("申请人" + username));
		assertThat(inbox(this.outsider, "servicedesk.registration.submitted")).noneMatch(s -> s.contains(username));
		// a requester without the permission may not review
		assertThat(requester("nob").get("/api/v1/registrations").status()).isEqualTo(403);

		// stale or missing versions are refused
		Response stale = this.reviewer.post("/api/v1/registrations/" + id + "/approve", Map.of("version", 7));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SD-0328");
		assertThat(this.reviewer.post("/api/v1/registrations/" + id + "/approve", Map.of()).status()).isEqualTo(400);

		Response approved = this.reviewer.post("/api/v1/registrations/" + id + "/approve", Map.of("version", 0));
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().path("state").asText()).isEqualTo("APPROVED");
		assertThat(approved.json().path("decidedByName").asText()).startsWith("rev");
		long userId = approved.json().path("userId").asLong();
		assertThat(userId).isPositive();
		Response again = this.reviewer.post("/api/v1/registrations/" + id + "/approve", Map.of("version", 1));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("SD-0338");

		// the account: enabled, no role, the applicant's data; signs in with the chosen password, lands as requester
		JsonNode account = this.admin.get("/api/v1/users/" + userId).json();
		assertThat(account.path("username").asText()).isEqualTo(username);
		assertThat(account.path("enabled").asBoolean()).isTrue();
		assertThat(account.path("roles")).isEmpty();
		assertThat(account.path("phone").asText()).isEqualTo("13812345678");
		assertThat(account.path("organisationId").asLong()).isEqualTo(this.organisation);
		ApiClient requester = client();
		Response login = requester.login(username, PASSWORD);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		JsonNode session = requester.get("/api/v1/auth/session").json();
		assertThat(session.path("passwordChangeRequired").asBoolean()).isFalse();
		assertThat(session.path("permissions")).isEmpty();
		assertThat(requester.get("/api/v1/portal/tickets").status()).isEqualTo(200);

		// the applicant was told by SMS and e-mail; every step is on record
		assertThat(deliveries("13812345678", "servicedesk.registration.approved")).contains("SMS");
		assertThat(deliveries(username + "@example.gov.cn", "servicedesk.registration.approved")).contains("EMAIL");
		assertThat(audited("REGISTRATION_SUBMITTED", id)).isEqualTo(1);
		assertThat(audited("REGISTRATION_APPROVED", id)).isEqualTo(1);
		assertThat(audited("USER_CREATED", userId)).isEqualTo(1);
	}

	@Test
	void aRejectionNeedsAReasonTheApplicantIsTold() {
		String username = unique("rej").toLowerCase();
		assertThat(apply(application(username, Map.of("phone", "13987654321", "email", ""))).status()).isEqualTo(202);
		JsonNode application = this.reviewer.get("/api/v1/registrations?q=" + username).json().path("items").get(0);
		long id = application.path("id").asLong();
		Response noReason = this.reviewer.post("/api/v1/registrations/" + id + "/reject", Map.of("version", 0, "reason", " "));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(fields(noReason)).containsEntry("reason", "SD-0340");
		Response rejected = this.reviewer.post("/api/v1/registrations/" + id + "/reject",
				Map.of("version", 0, "reason", "请使用单位统一分配的手机号重新申请"));
		assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
		assertThat(rejected.json().path("state").asText()).isEqualTo("REJECTED");
		assertThat(rejected.json().path("reason").asText()).isEqualTo("请使用单位统一分配的手机号重新申请");
		assertThat(rejected.json().path("userId").isNull()).isTrue();
		assertThat(this.reviewer.get("/api/v1/registrations?state=REJECTED&q=" + username).json().path("total").asLong())
			.isEqualTo(1);
		assertThat(deliveries("13987654321", "servicedesk.registration.rejected")).contains("SMS");
		assertThat(audited("REGISTRATION_REJECTED", id)).isEqualTo(1);
		assertThat(client().login(username, PASSWORD).status()).isEqualTo(401);
		// a rejected username may be applied for again
		assertThat(apply(application(username, Map.of())).status()).isEqualTo(202);
	}

	@Test
	void aUsernameTakenMeanwhileCannotBeApproved() {
		String username = unique("tkn").toLowerCase();
		assertThat(apply(application(username, Map.of())).status()).isEqualTo(202);
		long id = this.reviewer.get("/api/v1/registrations?q=" + username).json().path("items").get(0).path("id").asLong();
		assertThat(this.admin.post("/api/v1/users", Map.of("username", username.toUpperCase(), "displayName", "别人",
				"organisationId", this.organisation, "roleIds", List.of())).status()).isEqualTo(201);
		Response taken = this.reviewer.post("/api/v1/registrations/" + id + "/approve", Map.of("version", 0));
		assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
		assertThat(taken.code()).isEqualTo("SD-0339");
		assertThat(taken.json().path("detail").asText()).contains(username);
		assertThat(this.reviewer.get("/api/v1/registrations?q=" + username).json().path("items").get(0).path("state")
			.asText()).isEqualTo("PENDING");
	}

	@Test
	void tooManyApplicationsFromOneAddressAreRefused() {
		this.clock.set(Instant.now().plus(Duration.ofHours(3)));
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			statuses.add(client().post("/api/v1/portal/registrations", Map.of("username", "x")).status());
		}
		assertThat(statuses).containsOnly(400);
		Response refused = client().post("/api/v1/portal/registrations", application(unique("lim"), Map.of()));
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo("SD-0304");
		// reading the organisations counts with the other public pages (the sign-in page asks for them)
		assertThat(client().get("/api/v1/portal/registration/organisations").status()).isEqualTo(200);
		// the next minute is a new one
		this.clock.set(this.clock.instant().plus(Duration.ofMinutes(1)));
		assertThat(client().post("/api/v1/portal/registrations", Map.of("username", "x")).status()).isEqualTo(400);
	}

	// ---- helpers ------------------------------------------------------------------------------------

	/** A good application of the test's organisation, with some fields replaced. */
	private Map<String, Object> application(String username, Map<String, Object> changes) {
		Map<String, Object> body = new HashMap<>();
		body.put("username", username);
		body.put("displayName", "申请人" + username);
		body.put("phone", "13812345678");
		body.put("email", username + "@example.gov.cn");
		body.put("organisationId", this.organisation);
		body.put("unit", "信息中心");
		body.put("password", PASSWORD);
		body.putAll(changes);
		return body;
	}

	/** Public calls, each in a minute of its own so that the limit per address stays out of the way. */
	private Response apply(Map<String, Object> body) {
		this.clock.set(this.clock.instant().plus(Duration.ofSeconds(61)));
		return client().post("/api/v1/portal/registrations", body);
	}

	private Response publicGet(String path) {
		this.clock.set(this.clock.instant().plus(Duration.ofSeconds(61)));
		Response response = client().get(path);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	private static Map<String, String> fields(Response response) {
		Map<String, String> fields = new HashMap<>();
		response.json().path("errors").forEach(e -> fields.putIfAbsent(e.path("field").asText(), e.path("code").asText()));
		return fields;
	}

	private static List<String> inbox(ApiClient user, String type) {
		List<String> subjects = new ArrayList<>();
		user.get("/api/v1/notifications?size=100").json().path("items").forEach(n -> {
			if (n.path("type").asText().equals(type)) {
				subjects.add(n.path("subject").asText() + " " + n.path("body").asText());
			}
		});
		return subjects;
	}

	private List<String> deliveries(String recipient, String type) {
		List<String> channels = new ArrayList<>();
		this.admin.get("/api/v1/notification-deliveries?size=100&q=" + recipient).json().path("items").forEach(d -> {
			if (d.path("type").asText().equals(type)) {
				channels.add(d.path("channel").asText());
			}
		});
		return channels;
	}

	private long audited(String action, long targetId) {
		return this.admin.get("/api/v1/audit?action=" + action + "&targetId=" + targetId).json().path("total").asLong();
	}

}
