package io.opsguard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grading a business system in a real Chromium: the administrator opens 保障等级, the system and
 * 发起定级, chooses the three factors with reasons, sees the live preview say 1 级, names the four
 * parties and submits; each party signs in, opens 定级确认 and confirms; the administrator then
 * finds the system at level 1 with its gaps (no hot-standby server recorded).
 */
class ServiceLevelJourneyIT extends ApiTestSupport {

	/** The four parties and the built-in role each has (as the service-level API tests name them). */
	private static final Map<String, String> PARTY_ROLES = new LinkedHashMap<>();

	static {
		PARTY_ROLES.put("BUSINESS_PARTY", "END_USER");
		PARTY_ROLES.put("TECHNICAL_AUTHORITY", "CLIENT_VIEWER");
		PARTY_ROLES.put("TECHNICAL_UNDERTAKER", "ENGINEER");
		PARTY_ROLES.put("OM_PARTY", "OM_MANAGER");
	}

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
	void administratorGradesASystemAndTheFourPartiesConfirmIt() {
		// set-up through the API: a business system and one user per party
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		String tag = unique("SL").toUpperCase();
		String code = tag + "-BS";
		String name = tag + "全省统一业务应用系统";
		createBusinessSystem(admin, code, name, root);
		Map<String, String> parties = new LinkedHashMap<>();
		for (Map.Entry<String, String> party : PARTY_ROLES.entrySet()) {
			String username = unique("p").toLowerCase();
			createUserAndSignIn(admin, username, root, List.of(roleId(admin, party.getValue())));
			parties.put(party.getKey(), username);
		}

		BrowserSupport b = this.browser;
		b.open("/");
		b.waitForPath("/login");
		signIn("admin", ADMIN_PASSWORD);

		// 保障等级 → the system → 发起定级
		b.click("menu-sl-systems");
		b.waitForPath("/service-levels/systems");
		searchSystems(code);
		b.click("sl-system-row-" + code);
		b.waitForText("[data-test='sl-detail-name']", name);
		assertThat(b.find("[data-test='sl-detail'] [data-test='sl-level']").getText()).contains("未定级");
		b.click("sl-propose");
		b.hook("sl-grading-dialog");

		b.choose("sl-grading-realtime", "sl-grading-realtime-option-HIGH");
		b.type("sl-grading-realtime-reason", "全省联网办案，业务中断须立即恢复");
		b.choose("sl-grading-sensitivity", "sl-grading-sensitivity-option-VERY_HIGH");
		b.type("sl-grading-sensitivity-reason", "涉及案件信息，中断造成严重社会影响");
		b.choose("sl-grading-dependence", "sl-grading-dependence-option-VERY_HIGH");
		b.type("sl-grading-dependence-reason", "全部案件受理依赖本系统，无替代手段");

		// the live preview: impact 重大 → 1 级, the chosen cell of the model's table highlighted
		b.find("[data-test='sl-grading-preview'][data-level='1']");
		assertThat(b.hook("sl-grading-preview").getText()).contains("1 级").contains("重大");
		b.find("[data-test='sl-impact-cell'][data-sensitivity='VERY_HIGH'][data-dependence='VERY_HIGH'][data-chosen='true']");

		for (Map.Entry<String, String> party : parties.entrySet()) {
			pickUser("sl-grading-party-" + party.getKey(), "sl-party-option-" + party.getKey() + "-" + party.getValue(),
					party.getValue());
		}
		b.click("sl-grading-submit");
		b.waitUntilGone("[data-test='sl-grading-dialog']");
		b.hook("sl-detail-pending");
		b.find("[data-test='sl-proposal'][data-status='PENDING']");

		// each party signs in, opens 定级确认 and confirms
		for (String username : parties.values()) {
			signOut();
			signIn(username, passwordOf(username));
			b.click("menu-sl-grading-inbox");
			b.waitForPath("/service-levels/inbox");
			String confirm = "[data-test='sl-inbox-confirm'][data-system='" + name + "']";
			b.clickCss(confirm);
			b.find("[data-test='sl-decision-dialog'][data-decision='CONFIRMED']");
			b.type("sl-decision-comment", "同意");
			b.click("sl-decision-submit");
			b.waitUntilGone("[data-test='sl-decision-dialog']");
			b.waitUntilGone(confirm);
			b.hook("sl-inbox-empty");
		}

		// the administrator: level 1 in force, and the gaps it opens (no hot standby recorded)
		signOut();
		signIn("admin", ADMIN_PASSWORD);
		b.click("menu-sl-systems");
		b.waitForPath("/service-levels/systems");
		searchSystems(code);
		b.find("[data-test='sl-systems-table'] [data-test='sl-level'][data-level='1']");
		b.click("sl-system-row-" + code);
		b.waitForText("[data-test='sl-detail-name']", name);
		b.find("[data-test='sl-detail'] .og-sl-head [data-test='sl-level'][data-level='1']");
		b.find("[data-test='sl-history-item'][data-cause='GRADING'][data-level='1']");
		b.find("[data-test='sl-proposal'][data-status='CONFIRMED']");
		assertThat(b.all("[data-test='sl-party-decision'][data-decision='CONFIRMED']")).hasSize(4);

		b.click("sl-tab-gaps");
		WebElement hotStandby = b.find("[data-test='sl-gap-status'][data-code='HOT_STANDBY']");
		assertThat(hotStandby.getAttribute("data-status")).isEqualTo("GAP");
		assertThat(hotStandby.getText()).isEqualTo("差距");
		WebElement row = hotStandby.findElement(By.xpath("./ancestor::tr"));
		assertThat(row.getText()).contains("热备服务器");
		assertThat(b.find("[data-test='sl-gap-status'][data-code='WARM_STANDBY']").getAttribute("data-status"))
			.isEqualTo("NOT_REQUIRED");
		assertThat(b.find("[data-test='sl-gap-status'][data-code='DISPATCH_OFF_HOURS']").getAttribute("data-status"))
			.as("levels 1–2 run on the 7×24 calendar").isEqualTo("MET");
	}

	/**
	 * The service-level list pages at 1366×768 in Chinese and English: no table scrolls sideways
	 * (a column cut off), and a screenshot of each page in each language in {@code target/browser}
	 * to look at.
	 */
	@Test
	void theListPagesFitAt1366InChineseAndEnglish() throws Exception {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		String tag = unique("FIT").toUpperCase();
		for (int i = 0; i < 3; i++) {
			createBusinessSystem(admin, tag + "-" + i, tag + "省院统一业务应用系统（二期）" + i, root);
		}
		Map<String, Object> ids = new LinkedHashMap<>();
		ids.put("BUSINESS_PARTY", admin.get("/api/v1/users?q=admin").json().path("items").get(0).path("id").asLong());
		for (String role : List.of("TECHNICAL_AUTHORITY", "TECHNICAL_UNDERTAKER", "OM_PARTY")) {
			String username = unique("f").toLowerCase();
			createUserAndSignIn(admin, username, root, List.of(roleId(admin, PARTY_ROLES.get(role))));
			ids.put(role, admin.get("/api/v1/users?q=" + username).json().path("items").get(0).path("id").asLong());
		}
		long system = admin.get("/api/v1/service-levels/systems?q=" + tag + "-0").json().path("items").get(0).path("id")
			.asLong();
		Map<String, Object> proposal = new HashMap<>();
		proposal.put("systemId", system);
		proposal.put("factors", Map.of("realtime", "HIGH", "realtimeReason", "全省联网办案", "sensitivity", "HIGH",
				"sensitivityReason", "涉及案件信息", "dependence", "HIGH", "dependenceReason", "全部业务依赖本系统"));
		proposal.put("parties", ids);
		assertThat(admin.post("/api/v1/grading/proposals", proposal).status()).isEqualTo(201);

		BrowserSupport b = this.browser;
		b.open("/");
		b.waitForPath("/login");
		signIn("admin", ADMIN_PASSWORD);
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("/service-levels/systems", "sl-systems-table");
		pages.put("/service-levels/gaps", "sl-gaps-table");
		pages.put("/service-levels/inbox", "sl-inbox-list");
		pages.put("/service-levels/matrix", "sl-matrix-table");
		pages.put("/service-levels/grades", "sl-grades-table");
		for (String language : List.of("zh-CN", "en")) {
			if (!b.hook("lang-switch").getAttribute("data-lang").equals(language)) {
				b.click("lang-switch");
				b.find("[data-test='lang-switch'][data-lang='" + language + "']");
			}
			for (Map.Entry<String, String> page : pages.entrySet()) {
				b.open(page.getKey());
				b.hook(page.getValue());
				b.waitUntilGone(".el-loading-mask");
				Path shot = Path.of("target", "browser", "sl" + page.getKey().substring("/service-levels".length())
					.replace('/', '-') + "-" + language + ".png");
				Files.createDirectories(shot.getParent());
				Files.write(shot, b.screenshot());
				// the list itself, below the page's head
				Files.write(Path.of(shot.toString().replace(".png", "-list.png")),
						b.hook(page.getValue()).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
				assertThat(b.all(".el-table--scrollable-x").stream().filter(WebElement::isDisplayed).toList())
					.as("%s in %s: a table scrolls sideways", page.getKey(), language)
					.isEmpty();
			}
		}
	}

	/** Searches the systems list and waits until the server's page shows only the matching system. */
	private void searchSystems(String code) {
		BrowserSupport b = this.browser;
		b.type("sl-systems-search", code);
		b.waiting().until(d -> {
			List<WebElement> rows = b.all("[data-test='sl-systems-table'] [data-test^='sl-system-row-']");
			return rows.size() == 1 && ("sl-system-row-" + code).equals(rows.get(0).getAttribute("data-test"))
					&& b.all("[data-test='sl-systems-table'] .el-loading-mask").stream().noneMatch(WebElement::isDisplayed);
		});
	}

	private void createBusinessSystem(ApiClient admin, String code, String name, long organisationId) {
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cmdbClassId(admin, "BUSINESS_SYSTEM"));
		body.put("code", code);
		body.put("name", name);
		body.put("organisationId", organisationId);
		body.put("attributes", Map.of("applicationSupport", false, "businessParty", "案件管理办公室"));
		ApiClient.Response created = admin.post("/api/v1/cmdb/cis", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	/** Opens a remote user select, searches the user name and picks the option. */
	private void pickUser(String hook, String optionHook, String username) {
		BrowserSupport b = this.browser;
		b.clickCss("[data-test='" + hook + "'] .el-select__wrapper");
		b.find("[data-test='" + hook + "'] input").sendKeys(username);
		b.clickCss("[data-test='" + optionHook + "']");
		b.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-test='" + optionHook + "']")));
		b.waitForText("[data-test='" + hook + "'] .el-select__wrapper", username);
	}

	private void signIn(String username, String password) {
		this.browser.type("login-username", username);
		this.browser.type("login-password", password);
		this.browser.click("login-submit");
		// a party without any permission lands in the self-service portal and goes on to the workbench from there
		this.browser.waiting().until(d -> {
			String path = java.net.URI.create(d.getCurrentUrl()).getPath();
			return path.equals("/") || path.equals("/portal");
		});
		if (java.net.URI.create(this.browser.driver().getCurrentUrl()).getPath().equals("/portal")) {
			this.browser.click("portal-user");
			this.browser.click("portal-workbench");
			this.browser.waitForPath("/");
		}
		this.browser.hook("user-menu");
	}

	/**
	 * Signs out and opens the sign-in page afresh: the page left behind may still ask the server for
	 * its data while the session ends, and its 401 would add a {@code redirect} back to it.
	 */
	private void signOut() {
		this.browser.click("user-menu");
		this.browser.click("logout");
		this.browser.waitForPath("/login");
		this.browser.open("/login");
		this.browser.hook("login-username");
	}

}
