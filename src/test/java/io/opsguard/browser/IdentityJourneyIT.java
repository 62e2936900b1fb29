package io.opsguard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's journey in a real Chromium: the first administrator signs in with the generated
 * password and must change it, builds an organisation tree, a role and a user; that user signs in
 * and sees only their subtree; the administrator verifies the audit chain. Along the way: the
 * sign-in page forgets a stale error, the 三员 notice appears once, a sign-out leaves nothing for
 * the next person (neither the previous user's page nor their data), and the identity pages are
 * photographed at 1366×768 in Chinese and English ({@code target/browser/identity-*.png}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityJourneyIT {

	private static final Path DATA_DIR = ApiTestSupport.newDataDir();

	private static final Path SHOTS = Path.of("target", "browser");

	/** Names this journey (or the first start) gives things in Chinese: data, shown as entered. */
	private static final String[] DATA_IN_CHINESE = { "东区技术科", "东区分院", "西区分院", "东区管理员", "东区查看", "本单位",
			"初始管理员" };

	@LocalServerPort
	int port;

	private BrowserSupport browser;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("opsguard.data-dir", DATA_DIR::toString);
		registry.add("opsguard.identity.admin-password", () -> "");
	}

	@BeforeEach
	void startBrowser() throws Exception {
		BrowserSupport.assumeAvailable();
		this.browser = BrowserSupport.start(this.port);
	}

	@AfterEach
	void stopBrowser(TestInfo test) throws Exception {
		if (this.browser != null) {
			Path shot = SHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png");
			Files.createDirectories(shot.getParent());
			Files.write(shot, this.browser.screenshot());
			this.browser.quit();
		}
	}

	@Test
	void administratorBuildsTheTreeAndAUserSeesOnlyTheirSubtree() throws Exception {
		BrowserSupport b = this.browser;
		String generated = Files.readString(DATA_DIR.resolve("initial-admin-password")).trim();

		// the sign-in page: only modules that exist, and no stale error after an empty submit
		b.open("/");
		b.waitForPath("/login");
		assertThat(b.find(".og-login-features").getText()).doesNotContain("服务台", "监控", "巡检", "值班").contains("配置管理");
		signIn("admin", "Wrong@Pass1");
		b.waitForText("[data-test='login-error']", "用户名或密码错误");
		b.type("login-username", "");
		b.type("login-password", "");
		b.click("login-submit");
		b.waitUntilGone("[data-test='login-error']");

		// first sign-in with the generated password forces a change, and says the system chose it
		signIn("admin", generated);
		b.waitForPath("/change-password");
		assertThat(b.hook("pwd-reason").getAttribute("data-reason")).isEqualTo("GENERATED");
		changePassword(generated, "Journey@Start1");
		b.waitForPath("/");
		assertThat(Files.exists(DATA_DIR.resolve("initial-admin-password"))).as("generated password file removed").isFalse();

		// the 三员 notice: one line, once per session, with a link to the conflicts
		assertThat(b.hook("duty-conflict-banner").getSize().getHeight()).as("a compact notice").isLessThan(60);
		b.click("menu-organisations");
		b.waitForPath("/identity/organisations");
		assertThat(b.present("[data-test='duty-conflict-banner']")).as("gone on the next page").isFalse();
		b.open("/");
		b.hook("home-welcome");
		assertThat(b.present("[data-test='duty-conflict-banner']")).as("and after a reload").isFalse();

		// organisation tree: 本单位 → 东区分院 → 东区技术科, and 西区分院 beside it
		b.click("menu-organisations");
		b.waitForPath("/identity/organisations");
		addChild("org-node-ROOT", "东区分院", "EAST", "org-type-option-SUBORDINATE");
		addChild("org-node-EAST", "东区技术科", "EAST-IT", "org-type-option-DEPARTMENT");
		addChild("org-node-ROOT", "西区分院", "WEST", "org-type-option-SUBORDINATE");
		b.hook("org-node-EAST-IT");

		// a role that may read organisations and users of its own subtree
		b.click("menu-roles");
		b.waitForPath("/identity/roles");
		b.click("role-add");
		b.waitForDialogOpened();
		b.type("role-code", "EAST_VIEWER");
		b.type("role-name", "东区查看");
		b.click("role-scope-OWN_SUBTREE");
		checkPermission("identity:organisation:read");
		checkPermission("identity:user:read");
		assertThat(checkedPermissions()).as("the role's permissions before saving")
				.containsExactlyInAnyOrder("identity:organisation:read", "identity:user:read");
		b.click("role-save");
		b.hook("role-row-EAST_VIEWER");

		// a user of 东区分院 with that role and a first password the administrator chose
		b.click("menu-users");
		b.waitForPath("/identity/users");
		b.hook("duty-conflict-panel");
		b.click("user-add");
		b.type("user-username", "dongqu");
		b.type("user-display-name", "东区管理员");
		b.chooseTreeNode("user-org", "东区分院");
		b.choose("user-roles", "user-role-option-EAST_VIEWER");
		b.type("user-password", "Start@East2026");
		b.click("user-save");
		b.hook("user-row-dongqu");

		photographIdentityPages("admin");

		// the new user signs in, must change the password (chosen by an administrator), sees only 东区
		signOut();
		signIn("dongqu", "Start@East2026");
		b.waitForPath("/change-password");
		assertThat(b.hook("pwd-reason").getAttribute("data-reason")).isEqualTo("ADMINISTRATOR_SET");
		assertThat(b.hook("pwd-reason").getText()).contains("管理员").doesNotContain("系统生成");
		changePassword("Start@East2026", "Mine@East2026");
		b.waitForPath("/");
		b.click("menu-organisations");
		b.waitForPath("/identity/organisations");
		b.hook("org-node-EAST");
		b.hook("org-node-EAST-IT");
		assertThat(b.present("[data-test='org-node-WEST']")).as("sibling organisation hidden").isFalse();
		assertThat(b.present("[data-test='org-node-ROOT']")).as("parent organisation hidden").isFalse();
		assertThat(b.present("[data-test='menu-audit']"))
				.as(() -> "no audit menu without the permission; the session: " + b.fetch("/api/v1/auth/session"))
				.isFalse();

		// dongqu signs out on this page: the administrator who signs in next lands on home
		signOut();
		assertThat(b.currentPathAndQuery()).as("no redirect kept for the next person").isEqualTo("/login");
		signIn("admin", "Journey@Start1");
		b.waitForPath("/");
		b.hook("home-welcome");
		assertThat(b.currentPathAndQuery()).isEqualTo("/");

		// the administrator's session ends on the users page (idle timeout); dongqu signs in there
		b.click("menu-users");
		b.waitForPath("/identity/users");
		b.deleteCookie("OPSGUARD_SESSION");
		b.click("menu-roles");
		b.waitForPath("/login");
		assertThat(b.currentPathAndQuery()).contains("redirect=");
		signIn("dongqu", "Mine@East2026");
		b.waitForPath("/");
		b.hook("home-welcome");
		assertThat(b.currentPathAndQuery()).as("another person does not follow the ended session's redirect").isEqualTo("/");
		assertThat(b.present("[data-test='menu-roles']")).as("nothing of the administrator's menu").isFalse();

		// the administrator verifies the audit chain
		signOut();
		signIn("admin", "Journey@Start1");
		b.waitForPath("/");
		b.click("menu-audit");
		b.waitForPath("/audit");
		b.waitForText("[data-test='audit-table']", "东区分院");
		b.click("audit-verify");
		b.waiting().until(d -> "true".equals(b.hook("audit-verify-result").getAttribute("data-intact")));
		assertThat(b.hook("audit-verify-result").getText()).contains("完整");
	}

	/** The four identity list pages, in Chinese and then in English, then back to Chinese. */
	private void photographIdentityPages(String who) throws Exception {
		BrowserSupport b = this.browser;
		for (String language : new String[] { "zh", "en" }) {
			if (language.equals("en")) {
				b.click("lang-switch");
				b.waiting().until(d -> "en".equals(b.hook("lang-switch").getAttribute("data-lang")));
			}
			b.click("menu-home");
			b.waitForPath("/");
			if (language.equals("en")) {
				// the session is reloaded in the new language: built-in role names follow
				b.waitForText(".og-welcome-facts", "System administrator");
				assertThat(b.find(".og-welcome-facts").getText()).as("built-in roles in the reader's language")
					.doesNotContain("系统管理员");
			}
			shot(who + "-home-" + language);
			for (String page : new String[] { "organisations", "users", "roles", "tokens" }) {
				b.click("menu-" + page);
				b.waitForPath(page.equals("tokens") ? "/me/tokens" : "/identity/" + page);
				b.find(page.equals("organisations") ? "[data-test='org-tree']"
						: "[data-test='" + page.substring(0, page.length() - 1) + "-table']");
				Thread.sleep(300);
				shot(who + "-" + page + "-" + language);
				if (!page.equals("organisations")) {
					String table = "[data-test='" + page.substring(0, page.length() - 1) + "-table']";
					assertThat(b.script("const w = document.querySelector(arguments[0] + ' .el-table__body-wrapper .el-scrollbar__wrap');"
							+ " return w.scrollWidth > w.clientWidth + 1;", table))
						.as(page + " fits at 1366 px without scrolling sideways").isEqualTo(false);
					if (language.equals("en")) {
						for (var cell : b.all(table + " .el-table__header th .cell")) {
							List<String> words = List.of(cell.getAttribute("textContent").trim().split("\\s+"));
							assertThat(List.of(cell.getText().trim().split("\\s+"))).as(page + " header " + words + " breaks between words only")
								.allMatch(words::contains);
						}
					}
				}
				if (language.equals("en")) {
					String text = b.find(".og-main").getText();
					for (String data : DATA_IN_CHINESE) {
						text = text.replace(data, "");
					}
					assertThat(text).as(page + " in English, apart from the data").doesNotContainPattern("\\p{IsHan}");
				}
			}
		}
		b.click("lang-switch");
		b.waiting().until(d -> "zh-CN".equals(b.hook("lang-switch").getAttribute("data-lang")));
	}

	private void shot(String name) throws Exception {
		Files.createDirectories(SHOTS);
		Files.write(SHOTS.resolve("identity-" + name + ".png"), this.browser.screenshot());
	}

	private void signIn(String username, String password) {
		this.browser.type("login-username", username);
		this.browser.type("login-password", password);
		this.browser.click("login-submit");
	}

	private void changePassword(String current, String next) {
		this.browser.type("pwd-current", current);
		this.browser.type("pwd-new", next);
		this.browser.type("pwd-confirm", next);
		this.browser.click("pwd-submit");
	}

	private void signOut() {
		this.browser.click("user-menu");
		this.browser.click("logout");
		this.browser.waitForPath("/login");
		this.browser.hook("login-username");
	}

	private void addChild(String parentNode, String name, String code, String typeOption) {
		this.browser.click(parentNode);
		this.browser.click("org-add-child");
		this.browser.type("org-name", name);
		this.browser.type("org-code", code);
		this.browser.choose("org-type", typeOption);
		this.browser.click("org-save");
		this.browser.hook("org-node-" + code);
	}

	/** Ticks one permission in the role drawer's tree and waits until its box shows it ticked. */
	private void checkPermission(String key) {
		String row = "[data-test='role-permissions'] .el-tree-node__content:has([data-key='" + key + "'])";
		this.browser.clickCss(row + " label.el-checkbox");
		this.browser.waiting().until(d -> this.browser.present(row + " label.el-checkbox.is-checked"));
	}

	/** The leaf permissions ticked in the role drawer's tree. */
	private List<String> checkedPermissions() {
		return this.browser
			.all("[data-test='role-permissions'] .el-tree-node__content:has(label.el-checkbox.is-checked) [data-key]")
			.stream()
			.map(e -> e.getAttribute("data-key"))
			.filter(k -> k.split(":").length == 3)
			.toList();
	}

}
