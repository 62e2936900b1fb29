package io.opsguard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service catalogue in a real Chromium (R-DSK-14): an agent records a password reset from the
 * catalogue with the keyboard (types 密码, Enter takes it), the item's form appears and asks for the
 * unticked identity check before anything is sent, and the ticket page shows the answers; the
 * administrators' 服务目录 page lists the seeded items and previews a form.
 */
class CatalogueJourneyIT extends BrowserJourney {

	@Test
	void anAgentRaisesAPasswordResetFromTheCatalogueAndSeesTheAnswers() throws Exception {
		this.clock.set(java.time.Instant.now());
		BrowserSupport b = this.browser;
		signInAsAdmin();
		b.open("/servicedesk/tickets/new");
		b.click("create-type-SERVICE_REQUEST");
		WebElement item = b.find("[data-test='create-catalogue-item'] input");
		item.click();
		item.sendKeys("密码");
		b.find("[data-test='create-catalogue-item-PASSWORD-RESET']");
		item.sendKeys(Keys.ENTER);
		b.find("[data-test='create-catalogue-form']");
		assertThat(inputOf("create-title").getAttribute("value")).isEqualTo("密码重置");
		this.browser.type("create-form-account", "zhangsan");
		b.choose("create-form-reason", "create-form-reason-option-1");
		this.browser.type("create-contact-name", "张科长");
		this.browser.type("create-contact-phone", "13800000000");
		b.click("create-submit");
		b.waitForText("[data-test='create-catalogue-form'] .el-form-item__error", "已核实本人身份");
		shot("catalogue-create-zh");
		b.clickCss("[data-test='create-form-identityChecked']");
		b.click("create-submit");
		b.waitForText("[data-test='ticket-title']", "密码重置");
		assertThat(b.hook("ticket-number").getText()).matches("FW-\\d{8}-\\d{4}");
		b.click("ticket-tab-details");
		b.waitForText("[data-test='details-catalogue-item']", "密码重置");
		assertThat(b.hook("details-answer-account").getText()).isEqualTo("zhangsan");
		assertThat(b.hook("details-answer-reason").getText()).isEqualTo("账号锁定");
		assertThat(b.hook("details-answer-identityChecked").getText()).isEqualTo("是");
		shot("catalogue-ticket-zh");
		b.language("en");
		b.waitForText("[data-test='details-catalogue-item']", "Reset a password");
		b.waitForText("[data-test='ticket-catalogue-form']", "Identity verified");
		assertThat(b.hook("details-answer-identityChecked").getText()).isEqualTo("Yes");
		b.language("zh-CN");

		b.open("/servicedesk/catalogue");
		b.waitForText("[data-test='catalogue-table']", "NEW-STAFF");
		b.click("catalogue-edit-PASSWORD-RESET");
		b.find("[data-test='catalogue-dialog']");
		b.find("[data-test='catalogue-preview'] [data-test='catalogue-preview-account']");
		assertThat(b.all("[data-test='catalogue-dialog'] .og-catalogue-row")).hasSize(3);
		shot("catalogue-dialog-zh");
	}

	private WebElement inputOf(String hook) {
		return this.browser.find("input[data-test='" + hook + "'], textarea[data-test='" + hook + "'], [data-test='" + hook
				+ "'] input, [data-test='" + hook + "'] textarea");
	}

}
