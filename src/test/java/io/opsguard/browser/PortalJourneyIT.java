package io.opsguard.browser;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A requester on a phone (375×812) in a real Chromium: signs in and lands on the self-service
 * portal, reports a fault on a system of their organisation, finds it in 我的工单; the desk (through
 * the API) replies publicly, notes something internally and resolves it; the requester reads the
 * reply (never the note), replies, and rates five stars. No page scrolls sideways at 375 px.
 */
class PortalJourneyIT extends BrowserJourney {

	@Test
	void aRequesterReportsOnAPhoneFollowsTheTicketAndRatesIt() throws Exception {
		this.clock.set(java.time.Instant.now());
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long organisation = createOrganisation(admin, root, unique("区检察院"));
		long systemClass = cmdbClassId(admin, "BUSINESS_SYSTEM");
		String systemName = unique("统一业务应用系统");
		long system = admin.post("/api/v1/cmdb/cis",
				Map.of("classId", systemClass, "code", unique("BS-"), "name", systemName, "organisationId", organisation)).id();
		long me = admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		long group = admin.post("/api/v1/support-groups", Map.of("name", unique("一线"), "line", 1, "memberIds", List.of(me),
				"leadId", me, "organisationId", organisation)).id();
		String username = unique("kezhang");
		createUserAndSignIn(admin, username, organisation, List.of());
		String title = unique("案件卡片无法保存");

		BrowserSupport b = this.browser;
		b.mobile(375, 812);
		b.open("/");
		b.waitForPath("/login");
		b.type("login-username", username);
		b.type("login-password", passwordOf(username));
		b.click("login-submit");
		b.waitForPath("/portal");
		b.find("[data-test='portal-report']");
		this.browser.assertFitsWidth(375);
		shot("portal-report-empty-zh");

		b.click("report-type-INCIDENT");
		b.choose("report-system", "report-system-option-" + system);
		this.browser.type("report-title", title);
		this.browser.type("report-description", "点击保存后提示“系统繁忙”，已重试三次");
		this.browser.type("report-phone", "13911112222");
		this.browser.assertFitsWidth(375);
		shot("portal-report-filled-zh");
		b.click("report-submit");
		b.find("[data-test='portal-ticket-number']");
		String number = b.hook("portal-ticket-number").getText();
		assertThat(number).matches("GZ-\\d{8}-\\d{4}");
		assertThat(b.hook("portal-ticket-state").getText()).isEqualTo("待受理");

		b.click("portal-tab-tickets");
		b.waitForText("[data-test='portal-ticket-card']", title);
		this.browser.assertFitsWidth(375);
		shot("portal-my-tickets-zh");

		// the desk works the ticket through its own API
		long id = admin.get("/api/v1/tickets?q=" + number).json().path("items").get(0).path("id").asLong();
		act(admin, id, "accept", Map.of());
		act(admin, id, "respond", Map.of());
		admin.post("/api/v1/tickets/" + id + "/comments", Map.of("body", "内部：怀疑是表单校验接口超时", "visibleToRequester", false));
		admin.post("/api/v1/tickets/" + id + "/comments", Map.of("body", "您好，已收到，请问是哪一类案件？", "visibleToRequester", true));

		b.clickCss("[data-test='portal-ticket-card'][data-number='" + number + "']");
		b.waitForText("[data-test='portal-ticket']", "您好，已收到，请问是哪一类案件？");
		assertThat(b.pageSource()).doesNotContain("内部：怀疑是表单校验接口超时");
		this.browser.type("portal-reply-body", "审查逮捕类案件都不行");
		b.click("portal-reply-submit");
		b.waitForText("[data-test='portal-ticket']", "审查逮捕类案件都不行");
		this.browser.assertFitsWidth(375);
		shot("portal-ticket-replied-zh");
		JsonNode comments = admin.get("/api/v1/tickets/" + id + "/comments").json();
		assertThat(comments.get(comments.size() - 1).path("body").asText()).isEqualTo("审查逮捕类案件都不行");

		act(admin, id, "dispatch", Map.of("groupId", group));
		act(admin, id, "start", Map.of());
		act(admin, id, "resolve", Map.of("solution", "调整表单校验接口超时时间后恢复", "cause", "接口超时"));

		b.open("/portal/tickets/" + id);
		b.find("[data-test='portal-rate-card']");
		b.waitForText("[data-test='portal-solution']", "调整表单校验接口超时时间后恢复");
		this.browser.assertFitsWidth(375);
		b.clickCss("[data-test='portal-rate'] .el-rate__item:nth-child(5)");
		this.browser.type("portal-rate-comment", "处理及时，谢谢");
		shot("portal-rate-zh");
		b.click("portal-rate-submit");
		b.find("[data-test='portal-rating']");
		JsonNode rated = admin.get("/api/v1/tickets/" + id).json();
		assertThat(rated.path("state").asText()).isEqualTo("RATED");
		assertThat(rated.path("rating").asInt()).isEqualTo(5);
		assertThat(rated.path("ratingComment").asText()).isEqualTo("处理及时，谢谢");
		this.browser.assertFitsWidth(375);
		shot("portal-rated-zh");

		b.language("en");
		b.waitForText("[data-test='portal-ticket']", "Your rating");
		this.browser.assertFitsWidth(375);
		shot("portal-rated-en");
		b.click("portal-tab-help");
		b.find("[data-test='portal-help-item']");
		this.browser.assertFitsWidth(375);
		shot("portal-help-en");
		b.language("zh-CN");
		b.waitForText("[data-test='portal-help']", "如何重置密码");
		shot("portal-help-zh");
	}

	private static void act(ApiClient admin, long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new java.util.HashMap<>(input);
		body.put("version", admin.get("/api/v1/tickets/" + id).json().path("version").asInt());
		ApiClient.Response response = admin.post("/api/v1/tickets/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
	}

}
