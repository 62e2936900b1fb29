package io.opsguard.browser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A defect found while working on a ticket is written up, confirmed and handed to the vendor from
 * the ticket page, then found on the 厂商跟踪 page; a complaint's close is refused until its
 * accountability is recorded, and the refusal leads to the panel.
 */
class VendorCaseJourneyIT extends BrowserJourney {

	@Test
	void aDefectIsHandedToTheVendorAndAComplaintClosesAfterItsAccountability() throws Exception {
		this.clock.set(java.time.Instant.now());
		ApiClient admin = admin();
		long me = admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		Map<String, Object> incident = new HashMap<>();
		incident.put("type", "INCIDENT");
		incident.put("title", unique("公文系统附件上传失败"));
		incident.put("faultLevel", 3);
		incident.put("contact", Map.of("name", "张科长", "phone", "13800000000"));
		long ticket = admin.post("/api/v1/tickets", incident).id();
		String title = unique("上传大于 20MB 的附件报错");
		BrowserSupport b = this.browser;
		signInAsAdmin();

		b.open("/servicedesk/tickets/" + ticket + "?tab=vendorCases");
		b.find("[data-test='vc-empty']");
		b.click("vc-add");
		b.find("[data-test='vc-new-dialog']");
		b.click("vc-new-submit");
		b.find("[data-test='vc-new-dialog'] .el-form-item__error");
		assertThat(b.all("[data-test='vc-new-dialog'] .el-form-item__error")).as("title and description are asked for").hasSize(2);
		this.browser.type("vc-new-title", title);
		this.browser.type("vc-new-description", "上传大于 20MB 的附件时提示系统错误，影响公文流转");
		b.click("vc-new-submit");
		b.waitForText("[data-test='vc-item']", title);
		b.waitForText("[data-test='vc-state']", "待确认");

		step("confirm", () -> this.browser.type("vc-step-confirmed-by", "王主任（信息中心）"));
		b.waitForText("[data-test='vc-state']", "已确认");
		step("hand-over", () -> {
			this.browser.type("vc-step-vendor", "某某软件公司");
			this.browser.type("vc-step-vendor-ref", "BUG-4711");
		});
		b.waitForText("[data-test='vc-state']", "已转厂商");
		b.click("vc-steps-toggle");
		b.waitForText("[data-test='ticket-vendor-cases']", "甲方确认");
		assertThat(b.all("[data-test='vc-step-item']")).hasSize(3);
		shot("vendor-case-tab-zh");

		b.open("/servicedesk/vendor-cases");
		this.browser.type("vc-search", "BUG-4711");
		b.find("[data-test='vc-search'] input, input[data-test='vc-search']").sendKeys(Keys.ENTER);
		b.waitForText("[data-test='vc-table']", title);
		b.waitForText("[data-test='vc-table']", "0 天");
		shot("vendor-cases-zh");
		b.language("en");
		b.waitForText("[data-test='vc-table']", "With the vendor");
		shot("vendor-cases-en");
		b.language("zh-CN");

		// a complaint waiting to be closed
		long group = admin.post("/api/v1/support-groups",
				Map.of("name", unique("投诉处理组"), "line", 1, "memberIds", List.of(me), "leadId", me)).id();
		Map<String, Object> complaint = new HashMap<>();
		complaint.put("type", "COMPLAINT");
		complaint.put("title", unique("上门服务迟到"));
		complaint.put("contact", Map.of("name", "李科长", "phone", "13700000000"));
		long id = admin.post("/api/v1/tickets", complaint).id();
		act(admin, id, "accept", Map.of());
		act(admin, id, "respond", Map.of());
		act(admin, id, "escalate", Map.of("comment", "报分管领导"));
		act(admin, id, "dispatch", Map.of("groupId", group));
		act(admin, id, "start", Map.of());
		act(admin, id, "resolve", Map.of("solution", "致歉并重新上门"));
		act(admin, id, "feedback", Map.of("comment", "已电话回复"));

		b.open("/servicedesk/tickets/" + id);
		b.click("action-close");
		b.click("action-confirm");
		b.waitForText(".el-message-box", "责任认定");
		shot("complaint-close-refused-zh");
		b.clickCss(".el-message-box__btns .el-button--primary");
		b.find("[data-test='acc-dialog']");
		b.click("acc-switch");
		this.browser.type("acc-finding-input", "工程师未按约定时间到场");
		b.click("acc-save");
		b.find("[data-test='acc-dialog'] .el-form-item__error");
		assertThat(b.find("[data-test='acc-dialog'] .el-form-item__error").getText()).contains("涉及人员");
		b.click("acc-switch");
		b.click("acc-save");
		b.waitForText("[data-test='acc-record']", "工程师未按约定时间到场");
		b.waitForText("[data-test='acc-established']", "无责");
		shot("complaint-accountability-zh");
		b.click("action-close");
		b.click("action-confirm");
		b.waitForText("[data-test='ticket-state']", "已关闭");
	}

	private void step(String verb, Runnable fill) {
		BrowserSupport b = this.browser;
		b.click("vc-action-" + verb);
		b.find("[data-test='vc-step-dialog']");
		b.waitForDialogOpened();
		fill.run();
		b.click("vc-step-confirm");
		b.waitUntilGone("[data-test='vc-step-dialog'] [data-test='vc-step-confirm']");
	}

	private static void act(ApiClient admin, long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", admin.get("/api/v1/tickets/" + id).json().path("version").asInt());
		assertThat(admin.post("/api/v1/tickets/" + id + "/actions/" + action, body).status()).as(action).isEqualTo(200);
	}

}
