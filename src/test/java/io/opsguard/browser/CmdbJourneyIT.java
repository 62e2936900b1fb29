package io.opsguard.browser;

import java.nio.file.Files;
import java.nio.file.Path;

import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CMDB in a real Chromium: an engineer records a business system, the server and the database
 * it is built from, relates them, sees from the server which business system it would take down
 * (table and graph), changes the server's IP address and finds that change in the history.
 */
class CmdbJourneyIT extends ApiTestSupport {

	private BrowserSupport browser;

	@BeforeEach
	void startBrowser() throws Exception {
		BrowserSupport.assumeAvailable();
		this.browser = BrowserSupport.start(this.port);
	}

	@AfterEach
	void stopBrowser(TestInfo test) throws Exception {
		if (this.browser != null) {
			Path shot = Path.of("target", "browser", test.getTestMethod().orElseThrow().getName() + ".png");
			Files.createDirectories(shot.getParent());
			Files.write(shot, this.browser.screenshot());
			this.browser.quit();
		}
	}

	@Test
	void engineerBuildsABusinessSystemAndSeesWhatAServerWouldTakeDown() {
		BrowserSupport b = this.browser;
		String tag = unique("J").toUpperCase();
		String system = tag + "-BS";
		String server = tag + "-SRV";
		String database = tag + "-DB";

		b.open("/");
		b.waitForPath("/login");
		b.type("login-username", "admin");
		b.type("login-password", ADMIN_PASSWORD);
		b.click("login-submit");
		b.waitForPath("/");

		// three CIs, each through the form with its class's own attributes
		b.click("menu-cmdb-cis");
		b.waitForPath("/cmdb/cis");
		createCi("BUSINESS_SYSTEM", system, tag + "网上信访系统", () -> b.type("ci-attr-businessParty", "信访办"));
		createCi("PHYSICAL_SERVER", server, tag + "应用服务器", () -> b.type("ci-attr-ip", "10.20.30.40"));
		createCi("DATABASE", database, tag + "达梦数据库", () -> { });

		// the business system runs on the server and depends on the database
		openCi(system);
		b.click("ci-tab-relations");
		relate("RUNS_ON", server);
		relate("DEPENDS_ON", database);
		b.waitForText("[data-test='relation-table']", tag + "达梦数据库");

		// from the server: the business system is affected, with its path, in the table and the graph
		b.click("relation-row-" + server);
		b.waitForText("[data-test='ci-detail-code']", server);
		b.click("ci-tab-impact");
		b.waitForText("[data-test='impact-table']", tag + "网上信访系统");
		assertThat(b.hook("impact-table").getText()).contains(tag + "应用服务器").contains("→");
		b.waiting().until(d -> b.present("[data-test='impact-graph'] canvas"));

		// an attribute is changed, and the history names it with its old and new value
		b.click("ci-tab-attributes");
		b.click("ci-edit");
		b.hook("ci-form");
		b.type("ci-attr-ip", "10.20.30.41");
		b.click("ci-form-save");
		b.waitUntilGone("[data-test='ci-form']");
		b.waitForText("[data-test='ci-value-ip']", "10.20.30.41");
		b.click("ci-tab-history");
		WebElement change = b.find("[data-test='history-item'][data-action='UPDATED'] [data-test='history-change'][data-field='attributes.ip']");
		assertThat(change.getText()).contains("IP 地址").contains("10.20.30.40").contains("10.20.30.41");
		b.find("[data-test='history-item'][data-action='CREATED']");
	}

	private void createCi(String classCode, String code, String name, Runnable attributes) {
		BrowserSupport b = this.browser;
		b.click("ci-add");
		b.hook("ci-form");
		b.choose("ci-form-class", "ci-class-option-" + classCode);
		b.type("ci-form-code", code);
		b.type("ci-form-name", name);
		b.chooseTreeNode("ci-form-org", "本单位");
		attributes.run();
		b.click("ci-form-save");
		// a new CI opens on its own page
		b.waitForText("[data-test='ci-detail-code']", code);
		b.click("menu-cmdb-cis");
		b.waitForPath("/cmdb/cis");
		search(code);
		b.hook("ci-row-" + code);
	}

	private void search(String text) {
		WebElement input = this.browser.find("[data-test='ci-search'] input");
		input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		input.sendKeys(text);
	}

	private void openCi(String code) {
		search(code);
		this.browser.click("ci-row-" + code);
		this.browser.waitForText("[data-test='ci-detail-code']", code);
	}

	private void relate(String type, String otherCode) {
		BrowserSupport b = this.browser;
		b.click("relation-add");
		b.choose("relation-type", "relation-type-option-" + type);
		b.click("relation-direction-out");
		WebElement other = b.find("[data-test='relation-other'] input");
		other.sendKeys(otherCode);
		b.clickCss("[data-test='relation-other-option-" + otherCode + "']");
		b.waitForText("[data-test='relation-preview']", otherCode.substring(0, 4));
		b.click("relation-save");
		b.waiting().until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("[data-test='relation-row-" + otherCode + "']")));
	}

}
