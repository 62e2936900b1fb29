package io.opsguard.browser;

import java.nio.file.Files;
import java.nio.file.Path;

import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of a browser journey: a fresh Chromium at 1366×768 per test, a screenshot of how the test
 * ended (and any taken on the way) in {@code target/browser/}, and signing in.
 */
abstract class BrowserJourney extends ApiTestSupport {

	protected BrowserSupport browser;

	private Path shots;

	@BeforeEach
	void startBrowser() throws Exception {
		BrowserSupport.assumeAvailable();
		this.browser = BrowserSupport.start(this.port);
		this.shots = Path.of("target", "browser");
		Files.createDirectories(this.shots);
	}

	@AfterEach
	void stopBrowser(TestInfo test) throws Exception {
		if (this.browser != null) {
			shot(test.getTestMethod().orElseThrow().getName());
			this.browser.quit();
		}
	}

	/** Saves what the browser shows as {@code target/browser/<name>.png}. */
	protected void shot(String name) throws Exception {
		Files.write(this.shots.resolve(name + ".png"), this.browser.screenshot());
	}

	/** Opens the site and signs in as the administrator. */
	protected void signInAsAdmin() {
		this.browser.open("/");
		this.browser.waitForPath("/login");
		this.browser.type("login-username", "admin");
		this.browser.type("login-password", ADMIN_PASSWORD);
		this.browser.click("login-submit");
		this.browser.waitForPath("/");
	}

}
