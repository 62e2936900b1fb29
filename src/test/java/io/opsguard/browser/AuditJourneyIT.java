package io.opsguard.browser;

import java.nio.file.Files;
import java.nio.file.Path;

import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor in a real Chromium, at 1366×768: the log reads in the reader's language; after two
 * entries were altered behind the product's back, verification names both, each at its place;
 * once restored, the chain is intact again. Screenshots in Chinese and English.
 */
class AuditJourneyIT extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	private BrowserSupport browser;

	private final Path shots = Path.of("target", "browser", "audit");

	@BeforeEach
	void startBrowser() throws Exception {
		BrowserSupport.assumeAvailable();
		this.browser = BrowserSupport.start(this.port);
		Files.createDirectories(this.shots);
	}

	@AfterEach
	void stopBrowser() throws Exception {
		if (this.browser != null) {
			shoot("last");
			this.browser.quit();
		}
	}

	private void shoot(String name) throws Exception {
		Files.write(this.shots.resolve(name + ".png"), this.browser.screenshot());
	}

	@Test
	void anAuditorFindsEveryAlteredEntry() throws Exception {
		ApiClient admin = admin();
		String name = unique("审计对象");
		createOrganisation(admin, rootOrganisationId(admin), name);
		client().login(unique("ghost"), "Wrong@Pass1");
		BrowserSupport b = this.browser;
		b.open("/");
		b.waitForPath("/login");
		b.type("login-username", "admin");
		b.type("login-password", ADMIN_PASSWORD);
		b.click("login-submit");
		b.waitForPath("/");
		b.open("/audit");
		b.waitForText("[data-test='audit-table']", name);
		assertThat(b.hook("audit-table").getText()).contains("用户名不存在");
		assertNoSidewaysScrolling();
		((JavascriptExecutor) b.driver()).executeScript(
				"document.querySelector(\"[data-test='audit-table']\").scrollIntoView({block: 'start'})");
		shoot("log-zh");

		long[] victims = this.jdbc.sql("select id from idn_audit_log where action in ('ORGANISATION_CREATED', 'LOGIN_FAILED') "
				+ "order by id desc fetch first 2 rows only")
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.sorted()
			.toArray();
		String[] originals = new String[2];
		for (int i = 0; i < 2; i++) {
			originals[i] = this.jdbc.sql("select username from idn_audit_log where id = :id")
				.param("id", victims[i])
				.query(String.class)
				.single();
			this.jdbc.sql("update idn_audit_log set username = 'nobody' where id = :id").param("id", victims[i]).update();
		}
		try {
			b.click("audit-verify");
			b.waiting().until(d -> "false".equals(b.hook("audit-verify-result").getAttribute("data-intact")));
			String broken = b.hook("audit-broken").getText();
			assertThat(broken).contains("#" + victims[0]).contains("#" + victims[1]).contains("写入后被修改");
			assertThat(b.hook("audit-verify-result").getText()).contains("2 条记录校验不通过");
			shoot("broken-zh");

			((JavascriptExecutor) b.driver()).executeScript("localStorage.setItem('opsguard.language', 'en')");
			b.open("/audit");
			b.waitForText("[data-test='audit-table']", "Unknown username");
			b.click("audit-verify");
			b.waiting().until(d -> "false".equals(b.hook("audit-verify-result").getAttribute("data-intact")));
			assertThat(b.hook("audit-broken").getText()).contains("changed after it was written");
			assertNoSidewaysScrolling();
			shoot("broken-en");
		}
		finally {
			for (int i = 0; i < 2; i++) {
				this.jdbc.sql("update idn_audit_log set username = :u where id = :id")
					.param("u", originals[i])
					.param("id", victims[i])
					.update();
			}
		}
		b.click("audit-verify");
		b.waiting().until(d -> "true".equals(b.hook("audit-verify-result").getAttribute("data-intact")));
		assertThat(b.hook("audit-verify-result").getText()).contains("intact");
	}

	/** At 1366×768 the log's table fits: no column hidden behind a sideways scroll bar. */
	private void assertNoSidewaysScrolling() {
		Object overflow = ((JavascriptExecutor) this.browser.driver()).executeScript(
				"const w = document.querySelector(\"[data-test='audit-table'] .el-scrollbar__wrap\");"
						+ " return w ? w.scrollWidth - w.clientWidth : 0;");
		assertThat(((Number) overflow).longValue()).as("sideways overflow of the audit table in px").isLessThanOrEqualTo(0);
	}

}
