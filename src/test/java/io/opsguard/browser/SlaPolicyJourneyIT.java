package io.opsguard.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA policies in a real Chromium, on the same definition pages as calendars: the administrator
 * copies the provincial contract, warns at 60 % instead of 50 % (version 2), finds version 1 with
 * its old threshold in the version panel, and deletes the copy from the list. The list and a
 * preset's page show every column at 1366×768 and in both languages: preset names and their
 * sources in English, calendars named in words.
 */
class SlaPolicyJourneyIT extends BrowserJourney {

	@Test
	void administratorCopiesTheContractChangesAWarningAndFindsTheOldVersion() throws Exception {
		BrowserSupport b = this.browser;
		String code = unique("SLA-").toUpperCase();
		signInAsAdmin();

		b.click("menu-sl-policies");
		b.waitForPath("/service-levels/policies");
		b.hook("sl-policy-row-HN-CONTRACT");
		assertThat(b.present("[data-test='sl-policy-delete'][data-code='HN-CONTRACT']")).as("presets cannot be deleted")
			.isFalse();

		b.clickCss("[data-test='sl-policy-copy'][data-code='HN-CONTRACT']");
		b.hook("sl-policy-copy-dialog");
		assertThat(b.find("[data-test='sl-policy-copy-code'] input").getAttribute("value")).isEqualTo("HN-CONTRACT-COPY");
		b.type("sl-policy-copy-code", code);
		b.type("sl-policy-copy-name-zh", "本院运维合同 " + code);
		b.type("sl-policy-copy-name-en", "Our O&M contract " + code);
		b.type("sl-policy-copy-note", "按本院合同调整");
		b.click("sl-policy-copy-save");
		b.waitForPath("/service-levels/policies/" + code);
		b.waitForText("[data-test='sl-policy-detail-code']", code);
		assertThat(b.hook("sl-policy-detail-version").getAttribute("data-version")).isEqualTo("1");

		// warn at 60 % instead of 50 %: version 2
		WebElement warning = b.find("[data-test='sl-policy-warn-0'] input");
		warning.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "60", Keys.TAB);
		b.hook("sl-policy-dirty");
		b.type("sl-policy-note", "预警提前到 60%");
		b.click("sl-policy-save");
		b.waiting().until(d -> "2".equals(b.hook("sl-policy-detail-version").getAttribute("data-version")));
		shot("sl-policy-editor");

		// version 1 keeps 50 %
		b.click("sl-policy-tab-versions");
		b.find("[data-test='sl-policy-version-view'][data-version='1']").click();
		b.waitForText("[data-test='sl-policy-version-content'][data-version='1']", "50%");
		assertThat(b.hook("sl-policy-versions").getText()).contains("按本院合同调整").contains("预警提前到 60%");
		shot("sl-policy-versions");

		// deleted from the list, after a confirmation
		b.click("menu-sl-policies");
		b.waitForPath("/service-levels/policies");
		b.type("sl-policy-search", code);
		b.clickCss("[data-test='sl-policy-delete'][data-code='" + code + "']");
		b.clickCss(".el-message-box__btns .el-button--danger");
		b.waitUntilGone("[data-test='sl-policy-row-" + code + "']");
	}

	@Test
	void theListAndAPresetShowEveryColumnInBothLanguages() throws Exception {
		BrowserSupport b = this.browser;
		signInAsAdmin();
		for (String language : new String[] { "zh-CN", "en" }) {
			b.language(language);
			b.open("/service-levels/policies");
			b.hook("sl-policy-row-GB-GRADE-1");
			assertThat(b.cutColumns("sl-policy-table")).as("list columns cut in " + language).isEmpty();
			String list = b.hook("sl-policy-table").getText();
			if (language.equals("en")) {
				assertThat(list).contains("Provincial O&M contract").contains("5×8 office hours").doesNotContain("省级运维合同");
			}
			else {
				assertThat(list).contains("省级运维合同").contains("5×8 工作时间");
			}
			shot("sl-policy-list-" + language);
			b.open("/service-levels/policies/HS-L3");
			b.waitForText("[data-test='sl-policy-detail-code']", "HS-L3");
			assertThat(b.hook("sl-policy-source").getText())
				.contains(language.equals("en") ? "HS/T 42-2014 Table 1" : "HS/T 42-2014 表1");
			shot("sl-policy-detail-" + language);
		}
		b.language("zh-CN");
	}

}
