package io.opsguard.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.support.ApiClient;
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
 * (table and graph), changes the server's IP address and finds that change in the history; an
 * import with faults is refused with every fault and the allowed values, a good one is written;
 * every CMDB list page is photographed at 1366×768 in Chinese and English.
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
			shot(test.getTestMethod().orElseThrow().getName());
			this.browser.quit();
		}
	}

	private void shot(String name) throws Exception {
		Path shot = Path.of("target", "browser", name + ".png");
		Files.createDirectories(shot.getParent());
		Files.write(shot, this.browser.screenshot());
	}

	private void signIn() {
		BrowserSupport b = this.browser;
		b.open("/");
		b.waitForPath("/login");
		b.type("login-username", "admin");
		b.type("login-password", ADMIN_PASSWORD);
		b.click("login-submit");
		b.waitForPath("/");
	}

	@Test
	void engineerBuildsABusinessSystemAndSeesWhatAServerWouldTakeDown() {
		BrowserSupport b = this.browser;
		String tag = unique("J").toUpperCase();
		String system = tag + "-BS";
		String server = tag + "-SRV";
		String database = tag + "-DB";

		signIn();

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

	@Test
	void anImportWithFaultsListsEveryOneAndAGoodOneIsWritten() throws Exception {
		BrowserSupport b = this.browser;
		String tag = unique("IMP").toUpperCase();
		signIn();
		b.click("menu-cmdb-cis");
		b.waitForPath("/cmdb/cis");
		b.click("ci-class-node-SWITCH");
		b.click("ci-import");
		b.hook("import-dialog");
		assertThat(b.present("[data-test='import-template']")).isTrue();

		// one row, three faults: all of them at once, with the values the status may take
		upload(tag + "-bad.csv", "编码,名称,所属机构,状态,重要程度\r\n" + tag + "-1,交换机,NO-SUCH-ORG,报废,超高\r\n");
		b.click("import-check");
		b.waitForText("[data-test='import-errors']", "报废");
		assertThat(b.hook("import-preview").getAttribute("data-valid")).isEqualTo("false");
		assertThat(b.all("[data-test='import-errors'] [data-line='2']")).hasSize(3);
		assertThat(b.hook("import-errors").getText()).contains("所属机构").contains("状态").contains("重要程度")
			.contains("规划中").contains("在用").contains("维护中");
		shot("cmdb-import-refused");

		// a good file is checked, then written
		b.click("import-again");
		upload(tag + "-good.csv", "编码,名称,所属机构,状态\r\n" + tag + "-1,接入交换机 甲,本单位,在用\r\n" + tag
				+ "-2,接入交换机 乙,本单位,规划中\r\n");
		b.click("import-check");
		b.waitForText("[data-test='import-created']", "2");
		assertThat(b.hook("import-preview").getAttribute("data-valid")).isEqualTo("true");
		b.click("import-confirm");
		b.hook("import-done");
		shot("cmdb-import-done");
		b.click("import-close");
		b.waitUntilGone("[data-test='import-dialog']");
		search(tag);
		b.hook("ci-row-" + tag + "-2");
	}

	@Test
	void everyListPageFitsAt1366InChineseAndEnglish() throws Exception {
		ApiClient admin = client().signedIn("admin", ADMIN_PASSWORD);
		long org = rootOrganisationId(admin);
		String tag = unique("W").toUpperCase();
		long system = seed(admin, "BUSINESS_SYSTEM", tag + "-BS", "全国检察机关统一业务应用系统（二期）", org,
				Map.of("category", "SUPREME", "businessParty", "案件管理办公室", "technicalUndertaker", "省院信息中心",
						"technicalAuthority", "最高人民检察院", "omParty", "运维服务商（驻场）", "goLiveDate", "2019-06-01",
						"applicationSupport", true));
		long server = seed(admin, "PHYSICAL_SERVER", tag + "-SRV", "应用服务器 01（浪潮 NF5280M6）", org,
				Map.of("ip", "10.20.30.40", "hostname", "app-srv-01"));
		admin.post("/api/v1/cmdb/relations", Map.of("type", "RUNS_ON", "sourceId", system, "targetId", server));
		// a few virtual machines on the server, each carrying a business system: a graph with some crowd
		for (int i = 1; i <= 5; i++) {
			long vm = seed(admin, "VIRTUAL_MACHINE", tag + "-VM" + i, "虚拟机 app0" + i + "（华为 FusionCompute）", org, Map.of());
			admin.post("/api/v1/cmdb/relations", Map.of("type", "RUNS_ON", "sourceId", vm, "targetId", server));
			long carried = seed(admin, "BUSINESS_SYSTEM", tag + "-BS" + i, "案件信息公开系统（第 " + i + " 分系统）", org, Map.of());
			admin.post("/api/v1/cmdb/relations", Map.of("type", "RUNS_ON", "sourceId", carried, "targetId", vm));
		}

		BrowserSupport b = this.browser;
		signIn();
		// the separation-of-duties banner is not what these pictures are about
		if (b.present("[data-test='duty-conflict-banner'] .el-alert__close-btn")) {
			b.clickCss("[data-test='duty-conflict-banner'] .el-alert__close-btn");
		}
		for (String language : List.of("zh", "en")) {
			if (language.equals("en")) {
				b.click("lang-switch");
				b.waiting().until(d -> "en".equals(b.hook("lang-switch").getAttribute("data-lang")));
			}
			b.click("menu-cmdb-cis");
			b.waitForPath("/cmdb/cis");
			// the other tests of the run add CIs of their own: the picture shows this journey's
			b.type("ci-search", tag);
			b.hook("ci-row-" + tag + "-SRV");
			b.settle();
			shot("cmdb-list-cis-" + language);
			b.click("ci-class-node-PHYSICAL_SERVER");
			b.hook("ci-row-" + tag + "-SRV");
			b.settle();
			shot("cmdb-list-servers-" + language);
			b.click("menu-cmdb-business-systems");
			b.waitForPath("/cmdb/business-systems");
			b.hook("bs-row-" + tag + "-BS");
			b.settle();
			shot("cmdb-list-business-systems-" + language);
			b.click("menu-cmdb-verification");
			b.waitForPath("/cmdb/verification");
			b.hook("verify-table");
			b.settle();
			shot("cmdb-list-verification-" + language);
			b.click("menu-cmdb-classes");
			b.waitForPath("/cmdb/classes");
			b.click("class-node-PHYSICAL_SERVER");
			b.scrollTo("[data-test='attr-table']");
			b.settle();
			shot("cmdb-list-classes-" + language);
			b.open("/cmdb/cis/" + server + "?tab=relations");
			b.hook("relation-table");
			b.settle();
			shot("cmdb-list-relations-" + language);
			b.open("/cmdb/cis/" + server + "?tab=history");
			b.scrollTo("[data-test='history-timeline']");
			b.settle();
			shot("cmdb-list-history-" + language);
			b.open("/cmdb/cis/" + server + "?tab=impact");
			b.hook("impact-table");
			b.waiting().until(d -> b.present("[data-test='impact-graph'] canvas"));
			b.scrollTo("[data-test='impact-graph']");
			Thread.sleep(1500); // the force layout settles
			shot("cmdb-list-impact-" + language);
			b.scrollTo("[data-test='impact-table']");
			b.settle();
			shot("cmdb-list-impact-table-" + language);
		}
	}

	private long seed(ApiClient admin, String classCode, String code, String name, long org, Map<String, Object> attributes) {
		long classId = cmdbClassId(admin, classCode);
		Map<String, Object> body = new HashMap<>();
		body.put("classId", classId);
		body.put("code", code);
		body.put("name", name);
		body.put("organisationId", org);
		body.put("location", "省院主机房 A01 机柜 12U");
		body.put("importance", "CORE");
		body.put("tags", List.of("生产", "信创"));
		body.put("attributes", attributes);
		ApiClient.Response created = admin.post("/api/v1/cmdb/cis", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private void upload(String name, String content) throws Exception {
		Path file = Files.createTempDirectory("opsguard-import-").resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		this.browser.all("[data-test='import-file'] input[type=file]").get(0).sendKeys(file.toAbsolutePath().toString());
		this.browser.waitForText("[data-test='import-dialog'] .el-upload-list", name);
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
