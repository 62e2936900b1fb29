package io.opsguard.browser;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent links a ticket to another as related by its number and sees the link on both tickets
 * and in the history; on the queue page they filter by a fault level, save the view, come back to
 * an unfiltered queue and get the filtered list again in one click.
 */
class TicketLinkJourneyIT extends BrowserJourney {

	@Test
	void aTicketIsLinkedByNumberAndAFilteredQueueIsSavedAsAView() throws Exception {
		this.clock.set(java.time.Instant.now());
		ApiClient admin = admin();
		JsonNode first = incident(admin, unique("办案系统登录缓慢"), 2);
		JsonNode second = incident(admin, unique("办案系统无法登录"), 1);
		String firstNumber = first.path("number").asText();
		String secondNumber = second.path("number").asText();
		BrowserSupport b = this.browser;
		signInAsAdmin();

		// the ticket page: no links yet; link the second ticket as related, found by its number
		b.open("/servicedesk/tickets/" + first.path("id").asLong() + "?tab=links");
		b.find("[data-test='links-empty']");
		b.click("links-add");
		b.find("[data-test='link-dialog']");
		b.click("link-save");
		b.waitForText("[data-test='link-dialog'] .el-form-item__error", "请选择要关联的工单");
		b.clickCss("[data-test='link-other'] .el-select__wrapper");
		b.type("link-other", secondNumber);
		b.click("link-option-" + secondNumber);
		b.click("link-save");
		b.waitUntilGone("[data-test='link-dialog'] [data-test='link-save']");
		b.waitForText("[data-test='link-group-RELATED']", secondNumber);
		b.waitForText("[data-test='ticket-tab-links']", "1");
		shot("ticket-links-zh");

		// the other ticket shows the link too, and its history says so
		b.clickCss("[data-test='link-row-" + secondNumber + "'] a");
		b.waitForText("[data-test='ticket-number']", secondNumber);
		b.waitForText("[data-test='ticket-history']", "关联了工单 " + firstNumber + "（相关工单）");
		b.click("ticket-tab-links");
		b.waitForText("[data-test='link-group-RELATED']", firstNumber);
		b.language("en");
		b.waitForText("[data-test='link-group-RELATED']", "Related");
		shot("ticket-links-en");
		b.language("zh-CN");

		// the queue page: filter by fault level 1 and save the view
		b.open("/servicedesk/tickets?queue=ALL");
		b.find("[data-test='saved-views']");
		b.choose("queue-filter-level", "queue-filter-level-1");
		b.find("[data-test='ticket-row-" + secondNumber + "']");
		b.waitUntilGone("[data-test='ticket-row-" + firstNumber + "']");
		String name = unique("一级故障");
		b.click("views-save");
		b.find("[data-test='view-dialog']");
		b.waitForText("[data-test='view-content']", "1 级");
		// Element Plus puts the hook of an el-input on the input itself
		WebElement input = b.find("input[data-test='view-name']");
		input.sendKeys(name);
		b.click("view-save");
		b.waitUntilGone("[data-test='view-dialog'] [data-test='view-save']");
		b.find("[data-test='saved-view-" + name + "'][data-active='true']");
		shot("saved-view-zh");

		// back to the whole queue: the view is one click away, with its count
		b.open("/servicedesk/tickets?queue=ALL");
		b.find("[data-test='ticket-row-" + firstNumber + "']");
		b.find("[data-test='saved-view-count-" + name + "']");
		assertThat(b.find("[data-test='saved-view-" + name + "']").getAttribute("data-active")).isEqualTo("false");
		b.click("saved-view-" + name);
		b.find("[data-test='saved-view-" + name + "'][data-active='true']");
		b.find("[data-test='ticket-row-" + secondNumber + "']");
		b.waitUntilGone("[data-test='ticket-row-" + firstNumber + "']");
		b.waitForPath("/servicedesk/tickets");
		assertThat(b.driver().getCurrentUrl()).contains("level=1");
		for (var level : b.all("[data-test='ticket-table'] .el-table__body tr [data-level]")) {
			assertThat(level.getAttribute("data-level")).isEqualTo("1");
		}
		shot("saved-view-applied-zh");
		b.click("views-manage-open");
		b.find("[data-test='view-row-" + name + "']");
		shot("saved-views-manage-zh");
	}

	private static JsonNode incident(ApiClient admin, String title, int level) {
		Map<String, Object> body = new HashMap<>();
		body.put("type", "INCIDENT");
		body.put("title", title);
		body.put("faultLevel", level);
		body.put("contact", Map.of("name", "张科长", "phone", "13800000000"));
		var created = admin.post("/api/v1/tickets", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

}
