package io.opsguard.servicedesk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.servicedesk.internal.Satisfaction;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's and satisfaction's SQL through the API, on H2 ({@link PortalPersistenceH2IT}) and on
 * a real PostgreSQL ({@link PortalPersistencePostgresIT}): ticket links, FAQ entries searched with
 * wildcards in the text, invitations found by their token's hash and expired by time, return
 * visits and the tickets not visited, surveys with their questions, invitations and answers, and
 * the statistics by month.
 */
abstract class PortalPersistenceScenarios extends PortalTestSupport {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	Satisfaction satisfaction;

	@AfterEach
	void resetClock() {
		this.clock.set(Instant.now());
	}

	@Test
	void everyNewTableIsWrittenAndReadBack() {
		setUpDesk();
		try (InvitationInbox inbox = new InvitationInbox(this.context)) {
			ApiClient me = requester("per");
			long first = report(me, "存储场景一").path("id").asLong();
			long second = report(me, "存储场景二").path("id").asLong();
			resolve(first);
			resolve(second);

			// a public reply, a rating through the token, a complaint linked to its ticket
			assertThat(me.post("/api/v1/portal/tickets/" + first + "/replies", Map.of("body", "谢谢")).status()).isEqualTo(201);
			assertThat(client().post("/api/v1/satisfaction/invitations/" + inbox.tokenOf(first), Map.of("rating", 5)).status())
				.isEqualTo(204);
			assertThat(client().get("/api/v1/satisfaction/invitations/" + inbox.tokenOf(second)).json().path("state").asText())
				.isEqualTo("PENDING");
			Response complaint = me.post("/api/v1/portal/tickets/" + second + "/complaint", Map.of("reason", "太慢了"));
			assertThat(complaint.status()).as(complaint.toString()).isEqualTo(201);
			assertThat(this.admin.get("/api/v1/tickets/" + second + "/links").json().get(0).path("id").asLong())
				.isEqualTo(complaint.id());

			// FAQ: a search for wildcard characters finds them literally
			String marker = unique("P");
			Response faq = this.admin.post("/api/v1/faq-entries",
					Map.of("question", marker + " 100%_完成？", "answer", "是的", "published", true, "sortOrder", 5));
			assertThat(faq.status()).as(faq.toString()).isEqualTo(201);
			assertThat(me.get("/api/v1/portal/faq?q=" + marker + "%20100%25_").json().path("items")).hasSize(1);
			assertThat(me.get("/api/v1/portal/faq?q=" + marker + "%20100%25x").json().path("items")).isEmpty();
			assertThat(this.admin.get("/api/v1/faq-entries?published=true&q=" + marker).json().path("total").asLong()).isEqualTo(1);

			// return visits and the tickets not yet visited
			LocalDate today = LocalDate.now(this.clock.withZone(CHINA));
			assertThat(this.admin.post("/api/v1/tickets/" + first + "/return-visits",
					Map.of("method", "ONSITE", "visitedPerson", "李主任", "satisfaction", 5)).status()).isEqualTo(201);
			JsonNode due = this.admin.get("/api/v1/return-visits/due?from=" + today + "&to=" + today + "&size=200").json();
			assertThat(due.path("items").findValuesAsText("id")).contains(String.valueOf(second))
				.doesNotContain(String.valueOf(first));
			assertThat(this.admin.get("/api/v1/return-visits?from=" + today + "&to=" + today + "&method=ONSITE&size=200").json()
				.path("items").findValuesAsText("ticketId")).contains(String.valueOf(first));

			// a survey sent to everyone of the period, answered once
			Response survey = this.admin.post("/api/v1/surveys", Map.of("title", "存储调查", "organisationId", this.organisation,
					"questions", List.of(Map.of("kind", "RATING", "text", "总体评价"),
							Map.of("kind", "CHOICE", "text", "渠道", "options", List.of("电话", "门户")))));
			assertThat(survey.status()).as(survey.toString()).isEqualTo(201);
			JsonNode questions = survey.json().path("questions");
			Response sent = this.admin.post("/api/v1/surveys/" + survey.id() + "/send",
					Map.of("from", today.toString(), "to", today.toString(), "percent", 100, "version", 0));
			assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
			assertThat(sent.json().path("periodFrom").asText()).isEqualTo(today.toString());
			String link = inbox.surveys.get(inbox.surveys.size() - 1).link();
			Response answered = client().post("/api/v1/survey-invitations/" + link.substring(link.lastIndexOf('/') + 1),
					Map.of("answers", List.of(Map.of("questionId", questions.get(0).path("id").asLong(), "rating", 4),
							Map.of("questionId", questions.get(1).path("id").asLong(), "choice", "门户"))));
			assertThat(answered.status()).as(answered.toString()).isEqualTo(204);
			JsonNode results = this.admin.get("/api/v1/surveys/" + survey.id() + "/results").json();
			assertThat(results.path("answered").asInt()).isEqualTo(1);
			assertThat(results.path("questions").get(1).path("choices").path("门户").asLong()).isEqualTo(1);

			// statistics by month, then the unanswered invitation expires
			JsonNode statistics = this.admin.get("/api/v1/satisfaction/statistics?from=" + today + "&to=" + today
					+ "&groupBy=MONTH").json();
			assertThat(statistics.path("rows").get(0).path("key").asText()).isEqualTo(today.toString().substring(0, 7));
			assertThat(statistics.path("count").asLong()).isPositive();
			this.clock.advance(Duration.ofDays(15));
			assertThat(this.satisfaction.expire()).isGreaterThanOrEqualTo(1);
			assertThat(client().get("/api/v1/satisfaction/invitations/" + inbox.tokenOf(second)).json().path("state").asText())
				.isEqualTo("EXPIRED");
		}
	}

	/**
	 * Applications for an account (sd_registration, V6_16): written by the public endpoint, searched
	 * with wildcard characters taken literally, filtered by state, sorted by time, decided once with
	 * their version; the account made on approval signs in with the hash the application kept.
	 */
	@Test
	void applicationsForAnAccountAreKeptSearchedAndDecided() {
		setUpDesk();
		String first = unique("pa_").toLowerCase();
		String second = unique("pb_").toLowerCase();
		for (String username : List.of(first, second)) {
			this.clock.set(this.clock.instant().plus(Duration.ofSeconds(61)));
			Response applied = client().post("/api/v1/portal/registrations", Map.of("username", username, "displayName",
					"申请人100%_" + username, "phone", "0571-87654321-12", "organisationId", this.organisation, "password",
					"Reg#2026pass"));
			assertThat(applied.status()).as(applied.toString()).isEqualTo(202);
		}
		JsonNode both = this.admin.get("/api/v1/registrations?q=100%25_p&sort=createdAt,asc&size=200").json();
		assertThat(both.path("items").findValuesAsText("username")).containsSubsequence(first, second);
		assertThat(this.admin.get("/api/v1/registrations?q=100%25x").json().path("total").asLong()).isZero();
		JsonNode pending = this.admin.get("/api/v1/registrations?state=PENDING&q=" + first).json().path("items").get(0);
		assertThat(pending.path("phone").asText()).isEqualTo("0571-87654321-12");
		assertThat(pending.path("sourceAddress").asText()).isNotBlank();
		long id = pending.path("id").asLong();
		long other = this.admin.get("/api/v1/registrations?q=" + second).json().path("items").get(0).path("id").asLong();

		Response approved = this.admin.post("/api/v1/registrations/" + id + "/approve", Map.of("version", 0));
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().path("version").asInt()).isEqualTo(1);
		assertThat(approved.json().path("decidedAt").isNull()).isFalse();
		assertThat(this.admin.post("/api/v1/registrations/" + id + "/reject", Map.of("version", 1, "reason", "x")).code())
			.isEqualTo("SD-0338");
		assertThat(this.admin.post("/api/v1/registrations/" + other + "/reject", Map.of("version", 0, "reason", "请重新申请"))
			.status()).isEqualTo(200);
		assertThat(this.admin.get("/api/v1/registrations?state=APPROVED&q=" + first).json().path("total").asLong()).isEqualTo(1);
		assertThat(this.admin.get("/api/v1/registrations?state=REJECTED&q=" + second).json().path("items").get(0).path("reason")
			.asText()).isEqualTo("请重新申请");
		assertThat(client().login(first, "Reg#2026pass").status()).isEqualTo(200);
	}

}
