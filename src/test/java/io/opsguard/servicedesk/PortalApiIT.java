package io.opsguard.servicedesk;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-service portal end to end (R-DSK-12): a requester without any permission reports a fault
 * on a system of their organisation, follows it, sees the desk's public replies and never its
 * internal notes, replies, rates once it is resolved, complains (a linked complaint ticket), and
 * reads the published help centre; another requester sees none of it.
 */
class PortalApiIT extends PortalTestSupport {

	@BeforeEach
	void setUp() {
		setUpDesk();
	}

	@Test
	void aRequesterReportsFollowsRepliesAndRatesTheirOwnTicket() {
		ApiClient me = requester("req");
		ApiClient other = requester("oth");
		long elsewhere = businessSystem(createOrganisation(this.admin, rootOrganisationId(this.admin), unique("别处")),
				unique("别处系统"));

		JsonNode systems = me.get("/api/v1/portal/systems").json();
		assertThat(systems.findValuesAsText("id")).contains(String.valueOf(this.system))
			.doesNotContain(String.valueOf(elsewhere));
		assertThat(systems.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name");

		// bad input changes nothing
		Response noTitle = me.post("/api/v1/portal/tickets", Map.of("type", "INCIDENT", "title", " "));
		assertThat(noTitle.status()).isEqualTo(400);
		assertThat(noTitle.json().path("errors").findValuesAsText("code")).contains("SD-0008");
		Response foreign = me.post("/api/v1/portal/tickets",
				Map.of("type", "SERVICE_REQUEST", "title", "开通账号", "businessSystemId", elsewhere));
		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.json().path("errors").findValuesAsText("code")).contains("SD-0004");
		Response noType = me.post("/api/v1/portal/tickets", Map.of("title", "x"));
		assertThat(noType.json().path("errors").findValuesAsText("code")).contains("SD-0023");
		assertThat(me.get("/api/v1/portal/tickets").json().path("total").asLong()).isZero();

		JsonNode ticket = report(me, "提交按钮无响应");
		long id = ticket.path("id").asLong();
		assertThat(ticket.path("state").asText()).isEqualTo("REPORTED");
		assertThat(ticket.path("stateText").asText()).isEqualTo("待受理");
		assertThat(ticket.path("channel").asText()).isEqualTo("PORTAL");
		assertThat(ticket.path("businessSystemName").asText()).startsWith("办案系统");
		JsonNode desk = this.admin.get("/api/v1/tickets/" + id).json();
		assertThat(desk.path("faultLevel").asInt()).as("the desk re-levels a portal fault").isEqualTo(4);
		assertThat(desk.path("requester").path("name").asText()).startsWith("req");
		assertThat(desk.path("contact").path("phone").asText()).isEqualTo("13912345678");

		JsonNode mine = me.get("/api/v1/portal/tickets").json();
		assertThat(mine.path("total").asLong()).isEqualTo(1);
		assertThat(mine.path("items").get(0).path("number").asText()).isEqualTo(ticket.path("number").asText());
		assertThat(me.get("/api/v1/portal/tickets?open=false").json().path("total").asLong()).isZero();
		assertThat(me.get("/api/v1/portal/tickets?state=REPORTED").json().path("total").asLong()).isEqualTo(1);

		// another requester: nothing of it, not even its existence
		assertThat(other.get("/api/v1/portal/tickets/" + id).status()).isEqualTo(404);
		assertThat(other.get("/api/v1/portal/tickets").json().path("total").asLong()).isZero();
		assertThat(other.post("/api/v1/portal/tickets/" + id + "/replies", Map.of("body", "x")).status()).isEqualTo(404);
		assertThat(other.post("/api/v1/portal/tickets/" + id + "/rating", Map.of("rating", 1)).status()).isEqualTo(404);
		assertThat(other.post("/api/v1/portal/tickets/" + id + "/complaint", Map.of("reason", "x")).status()).isEqualTo(404);
		// nor the desk's API: a requester holds no permission
		assertThat(me.get("/api/v1/tickets/" + id).status()).isEqualTo(403);

		act(id, "accept", Map.of());
		act(id, "respond", Map.of());
		assertThat(this.admin.post("/api/v1/tickets/" + id + "/comments",
				Map.of("body", "内部备注：怀疑是缓存问题", "visibleToRequester", false)).status()).isEqualTo(201);
		assertThat(this.admin.post("/api/v1/tickets/" + id + "/comments",
				Map.of("body", "您好，请提供出错时的截图", "visibleToRequester", true)).status()).isEqualTo(201);
		JsonNode seen = me.get("/api/v1/portal/tickets/" + id).json();
		assertThat(seen.path("stateText").asText()).isEqualTo("已响应");
		assertThat(seen.path("timeline").findValuesAsText("body")).contains("您好，请提供出错时的截图")
			.doesNotContain("内部备注：怀疑是缓存问题");
		assertThat(seen.toString()).doesNotContain("内部备注").doesNotContain("assignee");
		assertThat(seen.path("timeline").findValuesAsText("action")).contains("CREATE", "ACCEPT", "RESPOND");
		assertThat(seen.path("allowed")).extracting(JsonNode::asText).contains("reply", "complain").doesNotContain("rate");

		Response empty = me.post("/api/v1/portal/tickets/" + id + "/replies", Map.of("body", "  "));
		assertThat(empty.status()).isEqualTo(400);
		Response reply = me.post("/api/v1/portal/tickets/" + id + "/replies", Map.of("body", "截图已发到邮箱"));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		assertThat(reply.json().path("mine").asBoolean()).isTrue();
		JsonNode comments = this.admin.get("/api/v1/tickets/" + id + "/comments").json();
		JsonNode theirs = comments.get(comments.size() - 1);
		assertThat(theirs.path("body").asText()).isEqualTo("截图已发到邮箱");
		assertThat(theirs.path("visibleToRequester").asBoolean()).isTrue();
		assertThat(theirs.path("authorName").asText()).startsWith("req");

		Response early = me.post("/api/v1/portal/tickets/" + id + "/rating", Map.of("rating", 5));
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.code()).isEqualTo("SD-0303");

		act(id, "dispatch", Map.of("groupId", this.group));
		act(id, "start", Map.of());
		act(id, "resolve", Map.of("solution", "清理浏览器缓存后恢复", "cause", "前端缓存过期"));
		JsonNode resolved = me.get("/api/v1/portal/tickets/" + id).json();
		assertThat(resolved.path("solution").asText()).isEqualTo("清理浏览器缓存后恢复");
		assertThat(resolved.path("allowed")).extracting(JsonNode::asText).contains("rate");
		assertThat(resolved.path("ratingInvitedUntil").isNull()).isFalse();
		assertThat(me.get("/api/v1/portal/invitations").json().findValuesAsText("ticketId")).contains(String.valueOf(id));
		assertThat(me.get("/api/v1/portal/tickets").json().path("items").get(0).path("canRate").asBoolean()).isTrue();

		Response bad = me.post("/api/v1/portal/tickets/" + id + "/rating", Map.of("rating", 6));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("rating");
		Response rated = me.post("/api/v1/portal/tickets/" + id + "/rating", Map.of("rating", 5, "comment", "处理很及时"));
		assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
		assertThat(rated.json().path("state").asText()).isEqualTo("RATED");
		assertThat(rated.json().path("rating").asInt()).isEqualTo(5);
		assertThat(me.get("/api/v1/portal/invitations").json().findValuesAsText("ticketId")).doesNotContain(String.valueOf(id));
		JsonNode history = this.admin.get("/api/v1/tickets/" + id + "/history").json();
		JsonNode rate = history.get(history.size() - 1);
		assertThat(rate.path("action").asText()).isEqualTo("RATE");
		assertThat(rate.path("userName").asText()).as("the requester rated").startsWith("req");
		assertThat(me.post("/api/v1/portal/tickets/" + id + "/rating", Map.of("rating", 1)).code()).isEqualTo("SD-0303");
	}

	@Test
	void aComplaintIsATicketLinkedToTheOneItIsAbout() {
		ApiClient me = requester("cmp");
		long id = report(me, "打印服务中断").path("id").asLong();
		resolve(id);
		Response noReason = me.post("/api/v1/portal/tickets/" + id + "/complaint", Map.of("reason", ""));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0308");
		Response complaint = me.post("/api/v1/portal/tickets/" + id + "/complaint", Map.of("reason", "问题没有真正解决，今天又出现"));
		assertThat(complaint.status()).as(complaint.toString()).isEqualTo(201);
		JsonNode c = complaint.json();
		assertThat(c.path("type").asText()).isEqualTo("COMPLAINT");
		assertThat(c.path("number").asText()).startsWith("TS-");
		assertThat(c.path("description").asText()).isEqualTo("问题没有真正解决，今天又出现");
		assertThat(c.path("links").get(0).path("ticketId").asLong()).isEqualTo(id);
		JsonNode links = this.admin.get("/api/v1/tickets/" + id + "/links").json();
		assertThat(links).hasSize(1);
		assertThat(links.get(0).path("id").asLong()).isEqualTo(c.path("id").asLong());
		assertThat(links.get(0).path("kind").asText()).isEqualTo("COMPLAINT");
		assertThat(links.get(0).path("direction").asText()).isEqualTo("INCOMING");
		assertThat(this.admin.get("/api/v1/tickets/" + c.path("id").asLong() + "/links").json().get(0).path("direction").asText())
			.isEqualTo("OUTGOING");
		Response again = me.post("/api/v1/portal/tickets/" + id + "/complaint", Map.of("reason", "再投诉一次"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("SD-0309");
		assertThat(me.get("/api/v1/portal/tickets/" + id).json().path("allowed")).extracting(JsonNode::asText)
			.doesNotContain("complain");
	}

	@Test
	void theHelpCentreShowsPublishedEntriesOnly() {
		ApiClient me = requester("faq");
		String marker = unique("FAQ");
		JsonNode seeded = me.get("/api/v1/portal/faq").json();
		assertThat(seeded.path("items").findValuesAsText("question")).contains("如何重置密码？", "服务时间与热线");
		assertThat(seeded.path("categories")).extracting(JsonNode::asText).contains("账号与密码");

		assertThat(me.get("/api/v1/faq-entries").status()).as("the desk edits, requesters read").isEqualTo(403);
		Response noQuestion = this.admin.post("/api/v1/faq-entries", Map.of("answer", "x"));
		assertThat(noQuestion.status()).isEqualTo(400);
		assertThat(noQuestion.json().path("errors").findValuesAsText("code")).containsExactly("SD-0306");
		Response created = this.admin.post("/api/v1/faq-entries",
				Map.of("question", marker + " 如何连接 VPN？", "answer", "1. 安装客户端\n2. **使用**数字证书登录", "category", "网络"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.id();
		assertThat(created.json().path("published").asBoolean()).isFalse();
		assertThat(me.get("/api/v1/portal/faq?q=" + marker).json().path("items")).isEmpty();

		Response published = this.admin.put("/api/v1/faq-entries/" + id, Map.of("question", marker + " 如何连接 VPN？", "answer",
				"1. 安装客户端\n2. **使用**数字证书登录", "category", "网络", "published", true, "version", 0));
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
		JsonNode found = me.get("/api/v1/portal/faq?q=" + marker.toLowerCase()).json().path("items");
		assertThat(found).hasSize(1);
		assertThat(found.get(0).path("answer").asText()).contains("**使用**");
		Response stale = this.admin.put("/api/v1/faq-entries/" + id,
				Map.of("question", "x", "answer", "y", "published", false, "version", 0));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SD-0328");
		assertThat(this.admin.delete("/api/v1/faq-entries/" + id + "?version=0").status()).isEqualTo(409);
		assertThat(this.admin.delete("/api/v1/faq-entries/" + id + "?version=1").status()).isEqualTo(204);
		assertThat(me.get("/api/v1/portal/faq?q=" + marker).json().path("items")).isEmpty();
		assertThat(this.admin.get("/api/v1/audit?action=FAQ_UPDATED").json().path("items").size()).isPositive();
		assertThat(List.of(this.admin.get("/api/v1/faq-entries/" + id).code())).containsExactly("SD-0305");
	}

}
