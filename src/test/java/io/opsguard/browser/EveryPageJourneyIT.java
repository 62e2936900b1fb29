package io.opsguard.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opsguard.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the UI as a new user meets it, on the demonstration data, at 1366×768 in Chinese
 * and in English: the sign-in page, the home and about pages, each list, one demo record's detail
 * page with each of its tabs, the editors and the main dialogs. Each view is photographed into
 * {@code target/browser/every-*.png} and checked for what a reader trips over: a page or a table
 * that scrolls sideways, a column or a button whose text is cut, a word broken across two lines,
 * a menu entry running into the sidebar's edge, and in English any Chinese in the chrome (headers,
 * labels, buttons, menus, tags, empty states; data stays as entered) and any full-width punctuation.
 * Every fault of every view is listed at once.
 */
class EveryPageJourneyIT extends BrowserJourney {

	private static final Path OWN_DATA_DIR = newDataDir();

	@DynamicPropertySource
	static void demoData(DynamicPropertyRegistry registry) {
		registry.add("opsguard.demo", () -> "true");
		registry.add("opsguard.data-dir", OWN_DATA_DIR::toString);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("opsguard")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
	}

	/**
	 * Answers what a reader trips over on the page as shown, one line each. {@code arguments[0]}
	 * is the UI language. Elements (and their insides) marked {@code data-user-text} hold what
	 * people entered (names of records, tags), as does a select's chosen value; elements with a
	 * Chinese {@code lang} attribute are Chinese on purpose (the language switch): all are left out
	 * of the language checks. Other journeys check their pages with it too.
	 */
	static final String FAULTS = """
			const english = arguments[0] === 'en';
			const faults = [];
			const han = /[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]/;
			const fullWidth = /[\\uff1a\\uff0c\\u3002\\uff08\\uff09\\u3001\\uff1b\\uff01\\uff1f]/;
			const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
			const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
			const exempt = (node) => {
			  const el = node.nodeType === 1 ? node : node.parentElement;
			  return !el || !!el.closest('[data-user-text], [lang^="zh"], pre, script, style, .el-select__selected-item:not(.is-transparent)');
			};
			const textNodes = (root) => {
			  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			  const nodes = [];
			  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			    if (n.textContent.trim() && n.parentElement && shown(n.parentElement)) nodes.push(n);
			  }
			  return nodes;
			};
			// a word (letters and digits) whose characters lie on more than one line
			const brokenWords = (el) => {
			  const broken = [];
			  for (const node of textNodes(el)) {
			    for (const m of node.textContent.matchAll(/[A-Za-z0-9]{2,}/g)) {
			      const range = document.createRange();
			      range.setStart(node, m.index);
			      range.setEnd(node, m.index + m[0].length);
			      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
			      if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 3) broken.push(m[0]);
			    }
			  }
			  return broken;
			};

			const page = document.scrollingElement;
			if (page.scrollWidth > page.clientWidth + 1) faults.push('the page scrolls sideways by ' + (page.scrollWidth - page.clientWidth) + ' px');
			const main = document.querySelector('.og-main');
			if (main && main.scrollWidth > main.clientWidth + 1) faults.push('the main area scrolls sideways by ' + (main.scrollWidth - main.clientWidth) + ' px');

			for (const table of document.querySelectorAll('.el-table')) {
			  if (!shown(table)) continue;
			  const name = table.dataset.test || table.closest('[data-test]')?.dataset.test || 'a table';
			  const body = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap');
			  if (body && body.scrollWidth > body.clientWidth + 1) faults.push(name + ': scrolls sideways by ' + (body.scrollWidth - body.clientWidth) + ' px, columns hidden');
			  for (const cell of table.querySelectorAll('.el-table__header .cell')) {
			    if (!shown(cell)) continue;
			    if (cell.scrollWidth > cell.clientWidth + 1) faults.push(name + ': header cut "' + text(cell) + '"');
			    for (const word of brokenWords(cell)) faults.push(name + ': header "' + text(cell) + '" breaks the word "' + word + '"');
			  }
			}

			const labels = '.el-button, .el-tag, .el-tabs__item, .el-form-item__label, .el-descriptions__label, .el-radio-button__inner, '
			  + '.el-checkbox__label, .el-radio__label, .el-breadcrumb__inner, .el-dialog__title, .el-drawer__title, .og-page-title';
			for (const el of document.querySelectorAll(labels)) {
			  if (!shown(el) || el.closest('.el-table__body')) continue;
			  for (const word of brokenWords(el)) faults.push('"' + text(el) + '" breaks the word "' + word + '"');
			  if (el.matches('.el-button, .el-tabs__item, .el-radio-button__inner') && el.scrollWidth > el.clientWidth + 1) faults.push('"' + text(el) + '" is cut');
			}

			const aside = document.querySelector('.og-aside');
			if (aside) {
			  const edge = aside.getBoundingClientRect().right;
			  for (const item of aside.querySelectorAll('.el-menu-item, .el-sub-menu__title')) {
			    if (!shown(item)) continue;
			    let right = 0;
			    for (const node of textNodes(item)) {
			      const range = document.createRange();
			      range.selectNodeContents(node);
			      for (const r of range.getClientRects()) right = Math.max(right, r.right);
			    }
			    const room = item.matches('.el-sub-menu__title') ? 40 : 12;
			    if (right > edge - room || item.scrollWidth > item.clientWidth + 1) faults.push('menu entry "' + text(item) + '" runs into the sidebar\\'s edge');
			    for (const word of brokenWords(item)) faults.push('menu entry "' + text(item) + '" breaks the word "' + word + '"');
			  }
			}

			if (english) {
			  const chrome = '.el-table__header .cell, .el-form-item__label, .el-button, .el-menu, .el-tabs__item, .el-breadcrumb, '
			    + '.el-descriptions__label, .el-empty__description, .el-table__empty-text, .el-tag, .el-radio-button__inner, .el-radio__label, '
			    + '.el-checkbox__label, .el-switch__label, .el-pagination, .el-dialog__title, .el-drawer__title, .el-alert__title, '
			    + '.el-select__placeholder, .el-step__title, .el-upload__tip, .og-page-title, .og-section-title, h1, h2, h3, h4, label, th';
			  const seen = new Set();
			  for (const el of document.querySelectorAll(chrome)) {
			    if (!shown(el)) continue;
			    for (const node of textNodes(el)) {
			      if (seen.has(node) || exempt(node)) continue;
			      seen.add(node);
			      if (han.test(node.textContent)) faults.push('Chinese in the English chrome: "' + node.textContent.trim().slice(0, 60) + '" in ' + (el.dataset.test || el.className || el.tagName));
			    }
			  }
			  for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
			    if (shown(input) && !exempt(input) && han.test(input.placeholder)) faults.push('Chinese placeholder "' + input.placeholder + '"');
			  }
			  // full-width punctuation that is not part of a Chinese text (a data value) is the UI's own
			  for (const node of textNodes(document.body)) {
			    if (exempt(node)) continue;
			    const value = node.textContent;
			    if (fullWidth.test(value) && !han.test(value)) faults.push('full-width punctuation in English: "' + value.trim().slice(0, 60) + '" in ' + (node.parentElement.closest('[data-test]')?.dataset.test || node.parentElement.className || node.parentElement.tagName));
			  }
			}
			return [...new Set(faults)];""";

	private final List<String> faults = new ArrayList<>();

	private String language;

	@Test
	void everyPageReadsWellAt1366InChineseAndEnglish() throws Exception {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		long server = admin.get("/api/v1/cmdb/cis?q=prov-srv01").json().path("items").get(0).path("id").asLong();
		long system = admin.get("/api/v1/service-levels/systems?size=1").json().path("items").get(0).path("id").asLong();
		String calendar = "every-page-cal";
		assertThat(admin.post("/api/v1/calendars", Map.of("code", calendar, "nameZh", "本院值班日历", "nameEn", "Our duty calendar",
				"organisationId", org, "basedOn", "5x8")).status()).isEqualTo(201);
		String policy = "every-page-sla";
		assertThat(admin.post("/api/v1/sla-policies", Map.of("code", policy, "nameZh", "本院运维合同", "nameEn", "Our O&M contract",
				"organisationId", org, "basedOn", "HN-CONTRACT")).status()).isEqualTo(201);

		BrowserSupport b = this.browser;
		// the sign-in page, in both languages, before anyone signs in
		b.open("/login");
		b.hook("login-username");
		this.language = "zh-CN";
		look("login");
		b.language("en");
		this.language = "en";
		look("login");
		b.language("zh-CN");
		signInAsAdmin();

		for (String lang : List.of("zh-CN", "en")) {
			b.language(lang);
			this.language = lang;
			// the switch's tooltip is not part of the pages
			new Actions(b.driver()).moveToLocation(700, 600).perform();
			visit("home", "/", "[data-test='home-welcome']");
			visit("organisations", "/identity/organisations", ".el-table__row, .el-tree-node");
			visit("users", "/identity/users", ".el-table__row");
			visit("roles", "/identity/roles", ".el-table__row");
			visit("cmdb-cis", "/cmdb/cis", ".el-table__row");
			visit("cmdb-ci", "/cmdb/cis/" + server, "[data-test='ci-detail-code']");
			visit("cmdb-ci-relations", "/cmdb/cis/" + server + "?tab=relations", "[data-test='relation-table'] .el-table__row");
			visit("cmdb-ci-history", "/cmdb/cis/" + server + "?tab=history", "[data-test='history-item']");
			visit("cmdb-ci-impact", "/cmdb/cis/" + server + "?tab=impact", "[data-test='impact-table']");
			visit("cmdb-business-systems", "/cmdb/business-systems", ".el-table__row");
			visit("cmdb-verification", "/cmdb/verification", "[data-test='verify-table']");
			visit("cmdb-classes", "/cmdb/classes", "[data-test='class-node-PHYSICAL_SERVER']");
			b.click("class-node-PHYSICAL_SERVER");
			b.hook("attr-table");
			look("cmdb-classes-server");
			visit("calendars", "/calendars", "[data-test='calendar-row-5x8']");
			visit("calendar", "/calendars/" + calendar, "[data-test='week-MONDAY']");
			visit("calendar-built-in", "/calendars/5x8", "[data-test='week-MONDAY']");
			visit("calendar-year", "/calendars/" + calendar + "?tab=year", "[data-test='year-view']");
			visit("calendar-deadline", "/calendars/" + calendar + "?tab=deadline", "[data-test='deadline-start']");
			visit("calendar-versions", "/calendars/" + calendar + "?tab=versions", "[data-test='calendar-versions']");
			visit("holiday-schedule", "/calendars/holidays", "[data-test='schedule-years'] .el-table__row");
			visit("sl-systems", "/service-levels/systems", ".el-table__row");
			visit("sl-system", "/service-levels/systems/" + system, "[data-test='sl-tab-grading']");
			visit("sl-system-service", "/service-levels/systems/" + system + "?tab=service", "[data-test='sl-tab-service']");
			visit("sl-system-facts", "/service-levels/systems/" + system + "?tab=facts", "[data-test='sl-tab-facts']");
			visit("sl-system-gaps", "/service-levels/systems/" + system + "?tab=gaps", "[data-test='sl-tab-gaps']");
			visit("sl-inbox", "/service-levels/inbox", ".og-main .og-page, .og-main .el-empty");
			visit("sl-gaps", "/service-levels/gaps", ".el-table__row");
			visit("sl-matrix", "/service-levels/matrix", ".el-table__row");
			visit("sl-policies", "/service-levels/policies", ".el-table__row");
			visit("sl-policy", "/service-levels/policies/" + policy, "[data-test='sl-policy-editor']");
			visit("sl-policy-built-in", "/service-levels/policies/HN-CONTRACT", "[data-test='sl-policy-detail']");
			visit("sl-policy-versions", "/service-levels/policies/" + policy + "?tab=versions", "[data-test='sl-policy-detail'] .el-table__row");
			visit("sl-grades", "/service-levels/grades", ".el-table__row");
			visit("sd-vendor-cases", "/servicedesk/vendor-cases", "[data-test='vc-table']");
			visit("sd-registrations", "/servicedesk/registrations", "[data-test='registrations']");
			visit("audit", "/audit", ".el-table__row");
			visit("tokens", "/me/tokens", ".og-main .og-page");
			visit("about", "/about", ".og-main .og-page");
			visit("forbidden", "/403", ".og-main .el-result, .og-main .og-page");
			visit("not-found", "/no-such-page", ".og-main .el-result, .og-main .og-page");
			visit("change-password", "/change-password", "[data-test='pwd-new']");
			// 监控 (issue 10): the pages as they are before anything is monitored
			visit("mon-resources", "/monitoring/resources", "[data-test='resource-table']");
			visit("mon-monitors", "/monitoring/monitors", "[data-test='monitor-table']");
			visit("mon-bulk", "/monitoring/bulk", "[data-test='bulk-type']");
			visit("mon-top", "/monitoring/top", "[data-test='top-n']");
			visit("mon-types", "/monitoring/types", "[data-test='type-row-tcp-port']");
			visit("mon-store", "/monitoring/store", "[data-test='store-kpi-series']");
			dialog("mon-monitor-drawer", "/monitoring/monitors", "monitor-add", "[data-test='monitor-drawer']");

			// the dialogs an administrator opens first
			dialog("cmdb-ci-form", "/cmdb/cis", "ci-add", ".el-dialog");
			dialog("cmdb-ci-import", "/cmdb/cis", () -> b.click("ci-class-node-SWITCH"), "ci-import", "[data-test='import-dialog']");
			dialog("user-form", "/identity/users", "user-add", ".el-dialog");
			dialog("role-drawer", "/identity/roles", "role-add", ".el-drawer");
			dialog("calendar-copy", "/calendars/" + calendar, "calendar-detail-copy", "[data-test='calendar-copy-dialog']");
			holidayImport(lang.equals("en") ? 2041 : 2040);
		}
		b.language("zh-CN");
		assertThat(this.faults).as("what a reader trips over, page by page").isEmpty();
	}

	private void visit(String name, String path, String ready) throws Exception {
		BrowserSupport b = this.browser;
		b.go(path);
		b.waiting().until(d -> !d.findElements(By.cssSelector(ready)).isEmpty());
		look(name);
	}

	private void dialog(String name, String path, String opener, String dialog) throws Exception {
		dialog(name, path, () -> { }, opener, dialog);
	}

	private void dialog(String name, String path, Runnable before, String opener, String dialog) throws Exception {
		BrowserSupport b = this.browser;
		b.go(path);
		before.run();
		b.click(opener);
		b.find(dialog);
		look(name);
	}

	/** The holiday schedule's import, checked and written: the calendars it gave a new version are named. */
	private void holidayImport(int year) throws Exception {
		BrowserSupport b = this.browser;
		b.go("/calendars/holidays");
		b.click("schedule-import");
		b.hook("schedule-import-dialog");
		look("holiday-import");
		Path file = Files.createTempDirectory("opsguard-holidays-").resolve("holidays-" + year + ".txt");
		Files.writeString(file, year + "-01-01 假 元旦\n" + year + "-10-01~" + year + "-10-07 假 国庆节\n", StandardCharsets.UTF_8);
		b.all("[data-test='schedule-import-file'] input[type=file]").get(0).sendKeys(file.toAbsolutePath().toString());
		b.waitForText("[data-test='schedule-import-dialog'] .el-upload-list", file.getFileName().toString());
		b.click("schedule-import-check");
		b.hook("schedule-import-year-" + year);
		look("holiday-import-preview");
		b.click("schedule-import-confirm");
		b.hook("schedule-import-calendars");
		String written = b.hook("schedule-import-calendars").getText();
		String expected = this.language.equals("en") ? "Our duty calendar" : "本院值班日历";
		if (!written.contains(expected) || written.contains("every-page-cal")) {
			String line = "[" + this.language + "] holiday-import-done: the calendars given a new version read \"" + written
					+ "\", not their names (\"" + expected + "\")";
			System.out.println("fault: " + line);
			this.faults.add(line);
		}
		look("holiday-import-done");
		b.click("schedule-import-close");
		b.waitUntilGone("[data-test='schedule-import-dialog']");
	}

	/** Photographs the view and notes its faults. */
	@SuppressWarnings("unchecked")
	private void look(String name) throws Exception {
		this.browser.settle();
		shot("every-" + name + "-" + this.language);
		List<String> found = (List<String>) this.browser.script(FAULTS, this.language.equals("en") ? "en" : "zh");
		for (String fault : found) {
			String line = "[" + this.language + "] " + name + ": " + fault;
			System.out.println("fault: " + line);
			this.faults.add(line);
		}
	}

}
