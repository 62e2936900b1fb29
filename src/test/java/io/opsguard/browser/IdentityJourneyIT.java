package io.opsguard.browser;

import java.nio.file.Files;
import java.nio.file.Path;

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
 * and sees only their subtree; the administrator verifies the audit chain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityJourneyIT {

	private static final Path DATA_DIR = ApiTestSupport.newDataDir();

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
			Path shot = Path.of("target", "browser", test.getTestMethod().orElseThrow().getName() + ".png");
			Files.createDirectories(shot.getParent());
			Files.write(shot, this.browser.screenshot());
			this.browser.quit();
		}
	}

	@Test
	void administratorBuildsTheTreeAndAUserSeesOnlyTheirSubtree() throws Exception {
		BrowserSupport b = this.browser;
		String generated = Files.readString(DATA_DIR.resolve("initial-admin-password")).trim();

		// first sign-in with the generated password forces a change
		b.open("/");
		b.waitForPath("/login");
		signIn("admin", generated);
		b.waitForPath("/change-password");
		changePassword(generated, "Admin@Journey1");
		b.waitForPath("/");
		assertThat(Files.exists(DATA_DIR.resolve("initial-admin-password"))).as("generated password file removed").isFalse();
		b.hook("duty-conflict-banner");

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
		b.type("role-code", "EAST_VIEWER");
		b.type("role-name", "东区查看");
		b.click("role-scope-OWN_SUBTREE");
		checkPermission("identity:organisation:read");
		checkPermission("identity:user:read");
		b.click("role-save");
		b.hook("role-row-EAST_VIEWER");

		// a user of 东区分院 with that role and a chosen first password
		b.click("menu-users");
		b.waitForPath("/identity/users");
		b.click("user-add");
		b.type("user-username", "dongqu");
		b.type("user-display-name", "东区管理员");
		b.chooseTreeNode("user-org", "东区分院");
		b.choose("user-roles", "user-role-option-EAST_VIEWER");
		b.type("user-password", "Dongqu@Start1");
		b.click("user-save");
		b.hook("user-row-dongqu");

		// the new user signs in, must change the password, and sees only 东区
		signOut();
		signIn("dongqu", "Dongqu@Start1");
		b.waitForPath("/change-password");
		changePassword("Dongqu@Start1", "Dongqu@Mine22");
		b.waitForPath("/");
		b.click("menu-organisations");
		b.waitForPath("/identity/organisations");
		b.hook("org-node-EAST");
		b.hook("org-node-EAST-IT");
		assertThat(b.present("[data-test='org-node-WEST']")).as("sibling organisation hidden").isFalse();
		assertThat(b.present("[data-test='org-node-ROOT']")).as("parent organisation hidden").isFalse();
		assertThat(b.present("[data-test='menu-audit']")).as("no audit menu without the permission").isFalse();

		// the administrator verifies the audit chain
		signOut();
		signIn("admin", "Admin@Journey1");
		b.waitForPath("/");
		b.click("menu-audit");
		b.waitForPath("/audit");
		b.waitForText("[data-test='audit-table']", "东区分院");
		b.click("audit-verify");
		b.waiting().until(d -> "true".equals(b.hook("audit-verify-result").getAttribute("data-intact")));
		assertThat(b.hook("audit-verify-result").getText()).contains("完整");
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

	private void checkPermission(String key) {
		this.browser.clickCss("[data-test='role-permissions'] .el-tree-node__content:has([data-key='" + key
				+ "']) label.el-checkbox");
	}

}
