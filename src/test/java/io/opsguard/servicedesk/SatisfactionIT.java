package io.opsguard.servicedesk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.servicedesk.internal.Satisfaction;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Satisfaction end to end (R-DSK-11): resolving a ticket invites its requester with a one-use link
 * that works without signing in and expires; the desk's API and the portal answer it too; return
 * visits and the tickets still to visit; a survey sent to a random sample, answered through its
 * links, closed, with its results; and the statistics within the reader's scope.
 */
class SatisfactionIT extends PortalTestSupport {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	Satisfaction satisfaction;

	private InvitationInbox inbox;

	@BeforeEach
	void setUp() {
		setUpDesk();
		this.inbox = new InvitationInbox(this.context);
	}

	@AfterEach
	void tearDown() {
		this.inbox.close();
		this.clock.set(Instant.now());
	}

	@Test
	void resolvingInvitesTheRequesterWithALinkThatWorksOnceWithoutSigningIn() {
		ApiClient me = requester("inv");
		JsonNode ticket = report(me, "公文系统附件无法下载");
		long id = ticket.path("id").asLong();
		resolve(id);
		SatisfactionInvited invited = this.inbox.ratings.stream().filter(i -> i.ticketId() == id).findFirst().orElseThrow();
		assertThat(invited.link()).matches("/portal/rate/[A-Za-z0-9_-]{43}");
		assertThat(invited.number()).isEqualTo(ticket.path("number").asText());
		assertThat(invited.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofDays(7)));
		assertThat(invited.toString()).as("the link is a credential, kept out of logs").doesNotContain("/portal/rate");
		String token = this.inbox.tokenOf(id);

		ApiClient anonymous = client();
		JsonNode page = anonymous.get("/api/v1/satisfaction/invitations/" + token).json();
		assertThat(page.path("number").asText()).isEqualTo(ticket.path("number").asText());
		assertThat(page.path("title").asText()).isEqualTo("公文系统附件无法下载");
		assertThat(page.path("solution").asText()).isEqualTo("清理浏览器缓存后恢复");
		assertThat(page.path("state").asText()).isEqualTo("PENDING");
		assertThat(page.toString()).doesNotContain("13912345678").doesNotContain("前端缓存过期");
		assertThat(anonymous.get("/api/v1/satisfaction/invitations/" + "x".repeat(43)).status()).isEqualTo(404);
		assertThat(anonymous.get("/api/v1/satisfaction/invitations/short").code()).isEqualTo("SD-0300");

		Response bad = anonymous.post("/api/v1/satisfaction/invitations/" + token, Map.of("rating", 0));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("rating");
		Response rated = anonymous.post("/api/v1/satisfaction/invitations/" + token, Map.of("rating", 4, "comment", "满意"));
		assertThat(rated.status()).as(rated.toString()).isEqualTo(204);
		JsonNode desk = this.admin.get("/api/v1/tickets/" + id).json();
		assertThat(desk.path("state").asText()).isEqualTo("RATED");
		assertThat(desk.path("rating").asInt()).isEqualTo(4);
		assertThat(desk.path("ratingComment").asText()).isEqualTo("满意");
		JsonNode history = this.admin.get("/api/v1/tickets/" + id + "/history").json();
		assertThat(history.get(history.size() - 1).path("userName").asText()).as("rated as the requester").startsWith("inv");

		Response again = anonymous.post("/api/v1/satisfaction/invitations/" + token, Map.of("rating", 1));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("SD-0302");
		assertThat(anonymous.get("/api/v1/satisfaction/invitations/" + token).json().path("state").asText()).isEqualTo("ANSWERED");
		assertThat(this.admin.get("/api/v1/tickets/" + id).json().path("rating").asInt()).isEqualTo(4);
	}

	@Test
	void anUnansweredInvitationExpiresAfterTheConfiguredDays() {
		ApiClient me = requester("exp");
		long id = report(me, "邮件发送失败").path("id").asLong();
		resolve(id);
		String token = this.inbox.tokenOf(id);
		assertThat(me.get("/api/v1/portal/invitations").json()).hasSize(1);
		this.clock.advance(Duration.ofDays(7).plusMinutes(1));
		ApiClient anonymous = client();
		assertThat(anonymous.get("/api/v1/satisfaction/invitations/" + token).json().path("state").asText()).isEqualTo("EXPIRED");
		Response late = anonymous.post("/api/v1/satisfaction/invitations/" + token, Map.of("rating", 5));
		assertThat(late.status()).isEqualTo(410);
		assertThat(late.code()).isEqualTo("SD-0301");
		assertThat(late.json().path("detail").asText()).contains("7 天");
		assertThat(this.satisfaction.expire()).isPositive();
		assertThat(me.get("/api/v1/portal/invitations").json()).isEmpty();
		assertThat(this.admin.get("/api/v1/tickets/" + id).json().path("state").asText()).isEqualTo("RESOLVED");
	}

	@Test
	void reopeningCancelsTheInvitationAndTheDesksApiAnswersIt() {
		ApiClient me = requester("rop");
		long id = report(me, "网络时断时续").path("id").asLong();
		resolve(id);
		String first = this.inbox.tokenOf(id);
		act(id, "reopen", Map.of("comment", "用户反映仍然断线"));
		assertThat(client().get("/api/v1/satisfaction/invitations/" + first).json().path("state").asText()).isEqualTo("CANCELLED");
		act(id, "resolve", Map.of("solution", "更换交换机端口", "cause", "端口故障"));
		String second = this.inbox.tokenOf(id);
		assertThat(second).isNotEqualTo(first);
		// the client's OA system rates through the desk's API: the invitation counts as answered
		act(id, "rate", Map.of("rating", 3, "comment", "OA 系统回传"));
		assertThat(client().get("/api/v1/satisfaction/invitations/" + second).json().path("state").asText()).isEqualTo("ANSWERED");
		assertThat(client().post("/api/v1/satisfaction/invitations/" + second, Map.of("rating", 5)).code()).isEqualTo("SD-0302");
	}

	@Test
	void agentsRecordReturnVisitsAndSeeTheTicketsStillToVisit() {
		ApiClient me = requester("vis");
		long open = report(me, "还没解决的").path("id").asLong();
		long done = report(me, "已解决待回访").path("id").asLong();
		long other = report(me, "另一张已解决").path("id").asLong();
		resolve(done);
		resolve(other);
		Response early = this.admin.post("/api/v1/tickets/" + open + "/return-visits",
				Map.of("method", "PHONE", "visitedPerson", "王科员", "satisfaction", 4));
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.code()).isEqualTo("SD-0310");
		Response bad = this.admin.post("/api/v1/tickets/" + done + "/return-visits",
				Map.of("visitedPerson", " ", "satisfaction", 9, "visitedAt", this.clock.instant().plus(Duration.ofHours(1)).toString()));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").findValuesAsText("field"))
			.containsExactlyInAnyOrder("method", "visitedPerson", "satisfaction", "visitedAt");
		assertThat(me.post("/api/v1/tickets/" + done + "/return-visits", Map.of()).status()).isEqualTo(403);

		LocalDate today = LocalDate.now(this.clock.withZone(CHINA));
		String period = "?from=" + today.minusDays(1) + "&to=" + today + "&size=200";
		assertThat(this.admin.get("/api/v1/return-visits/due" + period).json().path("items").findValuesAsText("id"))
			.contains(String.valueOf(done), String.valueOf(other))
			.doesNotContain(String.valueOf(open));

		Response visit = this.admin.post("/api/v1/tickets/" + done + "/return-visits", Map.of("method", "PHONE", "visitedPerson",
				"王科员", "satisfaction", 2, "comments", "偶尔还会卡顿", "followUpNeeded", true));
		assertThat(visit.status()).as(visit.toString()).isEqualTo(201);
		assertThat(visit.json().path("visitorName").asText()).isNotBlank();
		assertThat(visit.json().path("ticketNumber").asText()).startsWith("GZ-");
		JsonNode visits = this.admin.get("/api/v1/tickets/" + done + "/return-visits").json();
		assertThat(visits).hasSize(1);
		assertThat(visits.get(0).path("followUpNeeded").asBoolean()).isTrue();
		assertThat(this.admin.get("/api/v1/return-visits/due" + period).json().path("items").findValuesAsText("id"))
			.doesNotContain(String.valueOf(done))
			.contains(String.valueOf(other));
		JsonNode followUps = this.admin.get("/api/v1/return-visits?followUp=true&size=200").json();
		assertThat(followUps.path("items").findValuesAsText("ticketId")).contains(String.valueOf(done));
		assertThat(this.admin.get("/api/v1/return-visits?method=IM&size=200").json().path("items").findValuesAsText("ticketId"))
			.doesNotContain(String.valueOf(done));
	}

	@Test
	void aSurveyGoesToASampleIsAnsweredThroughItsLinksAndShowsItsResults() {
		List<ApiClient> people = List.of(requester("sv1"), requester("sv2"), requester("sv3"));
		for (ApiClient person : people) {
			resolve(report(person, "调查样本工单").path("id").asLong());
		}
		Response none = this.admin.post("/api/v1/surveys", Map.of("title", "x", "questions", List.of()));
		assertThat(none.json().path("errors").findValuesAsText("code")).contains("SD-0318");
		Response oneOption = this.admin.post("/api/v1/surveys", Map.of("title", "x", "questions",
				List.of(Map.of("kind", "CHOICE", "text", "哪个？", "options", List.of("只有一个")))));
		assertThat(oneOption.json().path("errors").get(0).path("field").asText()).isEqualTo("questions[0]");

		Map<String, Object> definition = new HashMap<>();
		definition.put("title", "2026 年一季度服务满意度调查");
		definition.put("organisationId", this.organisation);
		definition.put("questions", List.of(Map.of("kind", "RATING", "text", "您对服务台的总体评价"),
				Map.of("kind", "CHOICE", "text", "您最常用的报障方式", "options", List.of("电话", "门户", "微信")),
				Map.of("kind", "TEXT", "text", "您的建议", "required", false)));
		Response created = this.admin.post("/api/v1/surveys", definition);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long survey = created.id();
		JsonNode questions = created.json().path("questions");
		assertThat(created.json().path("state").asText()).isEqualTo("DRAFT");

		LocalDate today = LocalDate.now(this.clock.withZone(CHINA));
		Response both = this.admin.post("/api/v1/surveys/" + survey + "/send",
				Map.of("from", today.toString(), "to", today.toString(), "percent", 50, "count", 2, "version", 0));
		assertThat(both.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0320");
		Response sent = this.admin.post("/api/v1/surveys/" + survey + "/send",
				Map.of("from", today.minusDays(1).toString(), "to", today.toString(), "count", 2, "version", 0));
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		assertThat(sent.json().path("state").asText()).isEqualTo("SENT");
		assertThat(sent.json().path("invited").asInt()).isEqualTo(2);
		List<SurveyInvited> invitations = this.inbox.surveys.stream().filter(i -> i.surveyId() == survey).toList();
		assertThat(invitations).hasSize(2);
		assertThat(invitations.stream().map(SurveyInvited::requesterId).distinct()).hasSize(2);
		assertThat(this.admin.post("/api/v1/surveys/" + survey + "/send",
				Map.of("from", today.toString(), "to", today.toString(), "count", 1, "version", 1)).code()).isEqualTo("SD-0316");
		assertThat(this.admin.put("/api/v1/surveys/" + survey, definition).status()).isEqualTo(400);

		String token = token(invitations.get(0).link());
		ApiClient anonymous = client();
		JsonNode page = anonymous.get("/api/v1/survey-invitations/" + token).json();
		assertThat(page.path("title").asText()).isEqualTo("2026 年一季度服务满意度调查");
		assertThat(page.path("state").asText()).isEqualTo("PENDING");
		assertThat(page.path("questions")).hasSize(3);
		long rating = questions.get(0).path("id").asLong();
		long choice = questions.get(1).path("id").asLong();
		long text = questions.get(2).path("id").asLong();
		Response missing = anonymous.post("/api/v1/survey-invitations/" + token,
				Map.of("answers", List.of(Map.of("questionId", rating, "rating", 5))));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("errors").findValuesAsText("code")).containsExactly("SD-0326");
		Response wrong = anonymous.post("/api/v1/survey-invitations/" + token, Map.of("answers",
				List.of(Map.of("questionId", rating, "rating", 5), Map.of("questionId", choice, "choice", "信件"))));
		assertThat(wrong.json().path("errors").findValuesAsText("code")).containsExactly("SD-0327");
		Response answered = anonymous.post("/api/v1/survey-invitations/" + token,
				Map.of("answers", List.of(Map.of("questionId", rating, "rating", 5), Map.of("questionId", choice, "choice", "门户"),
						Map.of("questionId", text, "text", "希望增加夜间值守"))));
		assertThat(answered.status()).as(answered.toString()).isEqualTo(204);
		assertThat(anonymous.post("/api/v1/survey-invitations/" + token,
				Map.of("answers", List.of(Map.of("questionId", rating, "rating", 1), Map.of("questionId", choice, "choice", "电话"))))
			.code()).isEqualTo("SD-0325");

		JsonNode results = this.admin.get("/api/v1/surveys/" + survey + "/results").json();
		assertThat(results.path("invited").asInt()).isEqualTo(2);
		assertThat(results.path("answered").asInt()).isEqualTo(1);
		assertThat(results.path("responseRate").asDouble()).isEqualTo(50.0);
		assertThat(results.path("questions").get(0).path("average").asDouble()).isEqualTo(5.0);
		assertThat(results.path("questions").get(0).path("distribution")).extracting(JsonNode::asLong).containsExactly(0L, 0L, 0L,
				0L, 1L);
		assertThat(results.path("questions").get(1).path("choices").path("门户").asLong()).isEqualTo(1);
		assertThat(results.path("questions").get(1).path("choices").path("电话").asLong()).isZero();
		assertThat(results.path("questions").get(2).path("texts")).extracting(JsonNode::asText).containsExactly("希望增加夜间值守");

		Response closed = this.admin.post("/api/v1/surveys/" + survey + "/close", Map.of());
		assertThat(closed.json().path("state").asText()).isEqualTo("CLOSED");
		String other = token(invitations.get(1).link());
		assertThat(anonymous.get("/api/v1/survey-invitations/" + other).json().path("state").asText()).isEqualTo("EXPIRED");
		assertThat(anonymous.post("/api/v1/survey-invitations/" + other,
				Map.of("answers", List.of(Map.of("questionId", rating, "rating", 3), Map.of("questionId", choice, "choice", "电话"))))
			.code()).isEqualTo("SD-0324");
		assertThat(people.get(0).get("/api/v1/surveys").status()).isEqualTo(403);
		assertThat(this.admin.delete("/api/v1/surveys/" + survey).code()).isEqualTo("SD-0316");
	}

	@Test
	void statisticsCountTheRatingsAndInvitationsOfTheReadersScope() {
		ApiClient me = requester("sta");
		long first = report(me, "统计一").path("id").asLong();
		long second = report(me, "统计二").path("id").asLong();
		long third = report(me, "统计三").path("id").asLong();
		resolve(first);
		resolve(second);
		resolve(third);
		client().post("/api/v1/satisfaction/invitations/" + this.inbox.tokenOf(first), Map.of("rating", 5));
		me.post("/api/v1/portal/tickets/" + second + "/rating", Map.of("rating", 3));
		LocalDate today = LocalDate.now(this.clock.withZone(CHINA));
		this.clock.advance(Duration.ofDays(8));
		this.satisfaction.expire();

		long reader = createRole(this.admin, List.of("servicedesk:ticket:read"), "OWN_SUBTREE", List.of());
		ApiClient manager = createUserAndSignIn(this.admin, unique("mgr"), this.organisation, List.of(reader));
		String period = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
		JsonNode byGroup = manager.get("/api/v1/satisfaction/statistics" + period + "&groupBy=GROUP").json();
		assertThat(byGroup.path("count").asLong()).isEqualTo(2);
		assertThat(byGroup.path("average").asDouble()).isEqualTo(4.0);
		assertThat(byGroup.path("distribution")).extracting(JsonNode::asLong).containsExactly(0L, 0L, 1L, 0L, 1L);
		assertThat(byGroup.path("invitations").path("sent").asLong()).isEqualTo(3);
		assertThat(byGroup.path("invitations").path("answered").asLong()).isEqualTo(2);
		assertThat(byGroup.path("invitations").path("expired").asLong()).isEqualTo(1);
		assertThat(byGroup.path("invitations").path("responseRate").asDouble()).isEqualTo(66.7);
		assertThat(byGroup.path("rows")).hasSize(1);
		assertThat(byGroup.path("rows").get(0).path("key").asText()).isEqualTo(String.valueOf(this.group));
		assertThat(byGroup.path("rows").get(0).path("satisfiedRate").asDouble()).isEqualTo(50.0);
		assertThat(byGroup.path("trend")).hasSize(1);
		JsonNode bySystem = manager.get("/api/v1/satisfaction/statistics" + period + "&groupBy=SYSTEM").json();
		assertThat(bySystem.path("rows").get(0).path("name").asText()).startsWith("办案系统");
		JsonNode byOrganisation = manager.get("/api/v1/satisfaction/statistics" + period + "&groupBy=ORGANISATION").json();
		assertThat(byOrganisation.path("rows").get(0).path("name").asText()).startsWith("门户单位");
		JsonNode byMonth = manager.get("/api/v1/satisfaction/statistics" + period + "&groupBy=MONTH").json();
		assertThat(byMonth.path("rows").get(0).path("key").asText()).matches("\\d{4}-\\d{2}");

		long sibling = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("兄弟单位"));
		ApiClient outsider = createUserAndSignIn(this.admin, unique("out"), sibling, List.of(reader));
		JsonNode theirs = outsider.get("/api/v1/satisfaction/statistics" + period).json();
		assertThat(theirs.path("count").asLong()).as("another organisation's ratings are not theirs").isZero();
		assertThat(theirs.path("invitations").path("sent").asLong()).isZero();
		Response backwards = manager.get("/api/v1/satisfaction/statistics?from=" + today + "&to=" + today.minusDays(3));
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0321");
		assertThat(me.get("/api/v1/satisfaction/statistics").status()).isEqualTo(403);
	}

	private static String token(String link) {
		return link.substring(link.lastIndexOf('/') + 1);
	}

}
