package io.opsguard.browser;

import java.util.List;
import java.util.Map;

import io.opsguard.support.ApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent on the phone in a real Chromium at 1366×768: a caller reports a fault, the agent records
 * it with the keyboard-first form (accepted and answered at once), dispatches it to the first line,
 * work starts, the first line escalates to the second, the second hands it back, and the first
 * line resolves it; the history shows every step, the queue lists it, both languages fit.
 */
class ServiceDeskJourneyIT extends BrowserJourney {

	@Test
	void aPhoneCallBecomesATicketThatIsDispatchedEscalatedAndResolved() throws Exception {
		// the browser reports "now" by its own clock: the server's test clock starts from the real time too
		this.clock.set(java.time.Instant.now());
		ApiClient admin = admin();
		long me = admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		long first = admin.post("/api/v1/support-groups",
				Map.of("name", unique("一线驻场组"), "line", 1, "memberIds", List.of(me), "leadId", me)).id();
		long second = admin.post("/api/v1/support-groups",
				Map.of("name", unique("二线专家组"), "line", 2, "memberIds", List.of(me), "leadId", me)).id();
		String title = unique("办案系统登录失败");
		BrowserSupport b = this.browser;
		signInAsAdmin();
		b.open("/servicedesk/tickets/new");
		b.clickCss("[data-test='create-fault-level-2']");
		this.browser.type("create-title", title);
		this.browser.type("create-description", "第一检察部全科室上午九点起无法登录");
		this.browser.type("create-contact-name", "张科长");
		this.browser.type("create-contact-phone", "13800000000");
		this.browser.type("create-contact-unit", "第一检察部");
		shot("servicedesk-create-zh");
		b.click("create-submit");
		b.waitForText("[data-test='ticket-title']", title);
		assertThat(b.hook("ticket-number").getText()).matches("GZ-\\d{8}-\\d{4}");
		assertThat(b.hook("ticket-state").getText()).isEqualTo("已响应");
		assertThat(b.present("[data-test='sla-chip-RESOLUTION']")).isTrue();

		act("dispatch", () -> b.choose("action-group", "action-group-option-" + first));
		b.waitForText("[data-test='ticket-state']", "已派单");
		act("start", () -> {
		});
		b.waitForText("[data-test='ticket-state']", "处理中");
		act("escalate", () -> {
			this.browser.type("action-comment", "数据库连接池耗尽，需要专家");
			b.choose("action-group", "action-group-option-" + second);
		});
		b.waitForText("[data-test='ticket-state']", "二线支持中");
		act("hand-back", () -> {
			b.click("action-support-mode-PHONE");
			this.browser.type("action-comment", "已电话指导扩容连接池");
		});
		b.waitForText("[data-test='ticket-state']", "处理中");
		act("resolve", () -> {
			this.browser.type("action-solution", "扩容连接池并重启应用后恢复");
			this.browser.type("action-cause", "连接池配置过小");
		});
		b.waitForText("[data-test='ticket-state']", "已解决");
		b.click("ticket-tab-history");
		b.find("[data-test='history-item']");
		assertThat(b.all("[data-test='history-item']")).hasSizeGreaterThanOrEqualTo(7);
		b.waitForText("[data-test='ticket-history']", "二线电话支持后交回");
		assertNoSidewaysScrolling();
		shot("servicedesk-ticket-zh");

		b.language("en");
		b.waitForText("[data-test='ticket-state']", "Resolved");
		assertNoSidewaysScrolling();
		shot("servicedesk-ticket-en");
		b.open("/servicedesk/tickets");
		b.click("queue-tab-ALL");
		this.browser.type("queue-search", title);
		b.find("input[data-test='queue-search'], [data-test='queue-search'] input").sendKeys(org.openqa.selenium.Keys.ENTER);
		b.waitForText(".el-table", title);
		assertNoSidewaysScrolling();
		shot("servicedesk-queue-en");
		b.language("zh-CN");
		b.waitForText(".el-table", title);
		shot("servicedesk-queue-zh");
	}

	private void act(String verb, Runnable fill) {
		BrowserSupport b = this.browser;
		b.click("action-" + verb);
		b.find("[data-test='action-dialog']");
		b.waitForDialogOpened();
		fill.run();
		b.click("action-confirm");
		b.waitUntilGone("[data-test='action-dialog'] [data-test='action-confirm']");
	}

	private void assertNoSidewaysScrolling() {
		Object wide = this.browser.script(
				"return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
		assertThat(wide).as("the page scrolls sideways at 1366 px").isEqualTo(false);
	}

}
