package io.opsguard.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.alerting.internal.AlertEvaluation;
import io.opsguard.monitoring.store.AppendResult;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerting pages in a real Chromium at 1366×768 (issue 11, R-ALR-01/02): a threshold rule
 * {@code cpu_usage > 90} on a server fires once the samples cross it and the rules are evaluated;
 * the alert list shows it, the console's alarm sound reports playing the critical pattern (the
 * test cannot hear: it reads {@code window.__opsguardAlertSound}), the administrator opens the alert
 * (its graph and timeline) and acknowledges it, the sound stops and the alert reads 已确认; the alert
 * wall shows a second, major alert; the rule editor previews the rule on history and explains an
 * invalid expression under its field; the major alert is acknowledged through the one-click link of
 * its in-app message (opening the page changes nothing); a forged link is explained in words. Every page is
 * photographed in Chinese and English and checked for what a reader trips over
 * (EveryPageJourneyIT's checks). On a database of its own: alerts of other tests would sound too.
 */
class AlertingJourneyIT extends BrowserJourney {

	private static final Path OWN_DATA_DIR = newDataDir();

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		registry.add("opsguard.data-dir", OWN_DATA_DIR::toString);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("opsguard")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
	}

	@Autowired
	MetricStore store;

	@Autowired
	AlertEvaluation evaluation;

	private volatile boolean ticking = true;

	/** What a reader trips over on the pages photographed, page by page. */
	private final List<String> faults = new ArrayList<>();

	@BeforeEach
	void followTheRealTime() {
		// the rules look at the newest samples by the server's clock: the test clock follows the real time
		Thread clockwork = new Thread(() -> {
			while (this.ticking) {
				this.clock.set(Instant.now());
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "alerting-journey-clock");
		clockwork.setDaemon(true);
		clockwork.start();
	}

	@AfterEach
	void stopTheClock() {
		this.ticking = false;
	}

	@Test
	void anAlertFiresSoundsIsAcknowledgedAndItsRuleIsEdited() throws Exception {
		ApiClient admin = admin();
		String code = unique("ALR-UI-");
		String name = unique("门户应用服务器");
		long ci = server(admin, code, name);
		// the server carries a business system: a critical alert on it opens an incident
		long system = admin.post("/api/v1/cmdb/cis", Map.of("classId",
				cmdbClassId(admin, "BUSINESS_SYSTEM"), "code", code + "-BS", "name",
				"网上办事大厅 " + code, "organisationId", rootOrganisationId(admin))).id();
		assertThat(admin.post("/api/v1/cmdb/relations", Map.of("type", "DEPENDS_ON", "sourceId", system, "targetId", ci))
			.status()).isEqualTo(201);
		// the administrator is told in-app: the messages carry the one-click acknowledge links
		long adminId = userId(admin, "admin");
		Response route = admin.post("/api/v1/notification-routes",
				Map.of("name", "值班通知 " + code, "organisationId", rootOrganisationId(admin), "userIds", List.of(adminId),
						"channels", List.of("IN_APP")));
		assertThat(route.status()).as(route.toString()).isEqualTo(201);
		long rule = rule(admin, "CPU 使用率过高 " + code, ci, "cpu_usage", 90, "CRITICAL", true);
		history(ci, "cpu_usage", 42, 97);
		this.evaluation.evaluate();
		JsonNode alert = waitFor(Duration.ofSeconds(20), () -> {
			JsonNode items = admin.get("/api/v1/alerts?ciId=" + ci + "&state=FIRING").json().path("items");
			return items.isEmpty() ? null : items.get(0);
		});
		long alertId = alert.path("id").asLong();
		assertThat(alert.path("severity").asText()).isEqualTo("CRITICAL");
		assertThat(alert.path("ruleId").asLong()).isEqualTo(rule);
		String ticketNumber = waitFor(Duration.ofSeconds(20), () -> {
			JsonNode now = admin.get("/api/v1/alerts/" + alert.path("id").asLong()).json();
			return now.path("ticketNumber").isTextual() ? now.path("ticketNumber").asText() : null;
		});

		BrowserSupport b = this.browser;
		// the duty room is where the site is: its days and maintenance windows are counted in its zone
		((org.openqa.selenium.chromium.HasCdp) b.driver()).executeCdpCommand("Emulation.setTimezoneOverride",
				Map.of("timezoneId", "Asia/Shanghai"));
		signInAsAdmin();

		// the console sounds the critical pattern (after a click on the prompt, should the browser have refused sound)
		b.hook("alert-sound");
		b.waiting().until(d -> "CRITICAL".equals(sound("calling")));
		if (Boolean.TRUE.equals(sound("blocked"))) {
			look("sound-blocked-zh");
			b.click("alert-sound-enable");
		}
		b.waiting().until(d -> "CRITICAL".equals(sound("lastPlayed")) && ((Number) sound("plays")).intValue() > 0);
		b.waitForText("[data-test='alert-sound-count']", "1");

		// the list shows it, 告警中, with its resource and a duration
		b.go("/alerting/alerts");
		b.hook("alert-row-" + alertId);
		b.waitForText("[data-test='alert-state-" + alertId + "']", "告警中");
		assertThat(b.hook("alert-table").getText()).contains(name, "紧急");
		look("list-zh");

		// the alert: its graph (threshold, firing period) and timeline; acknowledged with a comment
		b.click("alert-row-" + alertId);
		b.find("[data-test='alert-drawer']");
		b.waitForDialogOpened();
		b.find("[data-test='alert-chart'] canvas");
		b.waiting().until(d -> Integer.parseInt(d.findElement(By.cssSelector("[data-test='alert-chart']")).getAttribute("data-points")) > 10);
		b.waitForText("[data-test='alert-timeline']", "触发");
		waitFor(Duration.ofSeconds(20), () -> admin.get("/api/v1/alerts/" + alertId + "/timeline").json().toString().contains("NOTIFIED") ? "" : null);
		b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
		b.waitUntilGone("[data-test='alert-drawer']");
		// the message's link opens the alert
		b.go("/alerting/alerts/" + alertId);
		b.find("[data-test='alert-drawer']");
		b.waitForDialogOpened();
		b.waitForText("[data-test='alert-timeline']", "已通知");
		look("detail-zh");
		b.click("alert-ack");
		b.find("[data-test='handle-dialog']");
		b.waitForDialogOpened();
		b.type("handle-comment", "已安排值班工程师处理");
		b.click("handle-submit");
		b.waitForText("[data-test='alert-detail-state']", "已确认");
		b.waitForText("[data-test='alert-timeline']", "已确认");
		assertThat(b.hook("alert-drawer").getText()).contains("已安排值班工程师处理");
		look("detail-acknowledged-zh");
		b.scrollTo("[data-test='alert-timeline']");
		look("timeline-zh");
		// 静默此告警: the silence comes with the alert's rule and resource filled in
		b.click("alert-silence");
		b.find("[data-test='silence-dialog']");
		b.waitForDialogOpened();
		b.waitForText("[data-test='silence-matchers']", "CPU 使用率过高 " + code);
		b.waitForText("[data-test='silence-matchers']", name);
		look("silence-prefilled-zh");
		b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
		b.waitUntilGone("[data-test='silence-dialog']");
		// the incident it opened: its number on the alert, the ticket (channel 监控) one click away
		b.waitForText("[data-test='alert-ticket']", ticketNumber);
		b.click("alert-ticket");
		b.waiting().until(d -> d.getCurrentUrl().contains("/servicedesk/tickets/"));
		b.waitForText("body", ticketNumber);
		assertThat(b.driver().findElement(By.tagName("body")).getText()).contains("CPU 使用率过高 " + code);
		look("incident-zh");
		b.go("/alerting/alerts");
		b.hook("alert-row-" + alertId);

		// the sound stops once nothing critical waits for someone
		b.waiting().until(d -> sound("calling") == null);
		int plays = ((Number) sound("plays")).intValue();
		Thread.sleep(5_000);
		assertThat(((Number) sound("plays")).intValue()).as("the alarm sounded after the acknowledgement").isEqualTo(plays);
		b.waitForText("[data-test='alert-state-" + alertId + "']", "已确认");
		assertThat(admin.get("/api/v1/alerts/" + alertId).json().path("state").asText()).isEqualTo("ACKNOWLEDGED");

		// a major alert: the wall shows it large, the sound turns to the major call
		rule(admin, "内存使用率过高 " + code, ci, "mem_usage", 80, "MAJOR");
		history(ci, "mem_usage", 55, 88);
		this.evaluation.evaluate();
		long major = waitFor(Duration.ofSeconds(20), () -> {
			JsonNode items = admin.get("/api/v1/alerts?ciId=" + ci + "&state=FIRING&severity=MAJOR").json().path("items");
			return items.isEmpty() ? null : items.get(0).path("id").asLong();
		});
		b.go("/alerting/wall");
		b.hook("wall-card-" + major);
		b.waitForText("[data-test='wall-count-MAJOR']", "1");
		assertThat(b.present("[data-test='wall-card-" + alertId + "']")).as("an acknowledged alert on the wall").isFalse();
		b.waiting().until(d -> "MAJOR".equals(sound("lastPlayed")));
		look("wall-zh");

		// the in-app message of the major alert carries its one-click link: opening it changes nothing, the button acknowledges
		String token = waitFor(Duration.ofSeconds(20), () -> {
			for (JsonNode notice : admin.get("/api/v1/notifications?size=50").json().path("items")) {
				java.util.regex.Matcher link = java.util.regex.Pattern.compile("内存使用率过高 " + code + "[\\s\\S]*?/ack/([A-Za-z0-9_-]+)")
					.matcher(notice.path("body").asText());
				if (link.find()) {
					return link.group(1);
				}
			}
			return null;
		});
		b.open("/ack/" + token);
		b.waitForText("[data-test='ack-title']", "内存使用率过高");
		b.waitForText("[data-test='ack-state']", "告警中");
		assertThat(admin.get("/api/v1/alerts/" + major).json().path("state").asText()).as("opening the link acknowledged").isEqualTo("FIRING");
		look("ack-zh");
		b.click("ack-submit");
		b.hook("ack-done");
		assertThat(admin.get("/api/v1/alerts/" + major).json().path("state").asText()).isEqualTo("ACKNOWLEDGED");
		look("ack-done-zh");
		b.open("/alerting/wall");
		b.hook("wall-empty");
		look("wall-empty-zh");

		// the rule editor: the threshold rule previewed on history; an invalid expression explained
		b.go("/alerting/rules");
		findRule(code, rule);
		look("rules-zh");
		b.click("rule-edit-" + rule);
		b.find("[data-test='rule-drawer']");
		b.waitForDialogOpened();
		b.click("rule-preview");
		b.find("[data-test='rule-preview-summary']");
		assertThat(b.hook("rule-preview-summary").getText()).contains("7");
		look("rule-preview-zh");
		b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
		b.waitUntilGone("[data-test='rule-drawer']");
		b.click("rule-add");
		b.find("[data-test='rule-drawer']");
		b.waitForDialogOpened();
		b.type("rule-name", "表达式规则 " + code);
		b.click("rule-kind-EXPRESSION");
		b.type("rule-expression", "cpu_usage > and");
		b.click("rule-save");
		b.find("[data-test='rule-expression'] .el-form-item__error");
		String explained = b.hook("rule-expression").findElement(By.cssSelector(".el-form-item__error")).getText();
		assertThat(explained).as("the server's explanation under the expression").contains("and");
		look("rule-expression-zh");
		b.click("rule-expression-help");
		b.hook("rule-expression-cheatsheet");
		look("rule-expression-help-zh");
		assertThat(admin.get("/api/v1/alert-rules?q=" + code + "&kind=EXPRESSION").json().path("total").asInt()).isZero();
		b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
		b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
		b.waitUntilGone("[data-test='rule-drawer']");

		// a silence without an expiry or a matcher is refused field by field, then set for four hours
		String tag = unique("journey-");
		String rootName = admin.get("/api/v1/organisations/tree").json().get(0).path("name").asText();
		b.go("/alerting/silences");
		b.hook("silence-table");
		b.click("silence-add");
		b.find("[data-test='silence-dialog']");
		b.waitForDialogOpened();
		org.openqa.selenium.WebElement expiry = b.find("[data-test='silence-expires'] input");
		expiry.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		expiry.sendKeys(Keys.TAB);
		b.click("silence-submit");
		b.waitForText("[data-test='silence-expires'] .el-form-item__error", "到期时间");
		b.waitForText("[data-test='silence-reason'] .el-form-item__error", "原因");
		b.waitForText("[data-test='silence-matcher-error']", "匹配条件");
		look("silence-refused-zh");
		b.type("silence-tag", tag);
		// the administrator manages their organisation's data: a silence names the organisation too
		b.chooseTreeNode("silence-organisation", rootName);
		b.type("silence-reason", "机房空调检修");
		b.click("silence-expires-4h");
		b.click("silence-submit");
		b.waitUntilGone("[data-test='silence-dialog']");
		b.waitForText("[data-test='silence-table']", tag);
		assertThat(admin.get("/api/v1/silences").json().toString()).contains(tag);

		// a weekly maintenance window for every resource
		String window = unique("周四晚例行维护 ");
		b.go("/alerting/silences?tab=maintenance");
		b.hook("maintenance-table");
		b.click("maintenance-add");
		b.find("[data-test='maintenance-dialog']");
		b.waitForDialogOpened();
		b.type("maintenance-name", window);
		b.click("maintenance-recurrence-WEEKLY");
		b.all("[data-test='maintenance-days'] .el-checkbox").get(3).click();
		b.choose("maintenance-scope-kind", "maintenance-scope-kind-ORGANISATION");
		b.chooseTreeNode("maintenance-scope-value", rootName);
		b.type("maintenance-reason", "数据库例行维护");
		look("maintenance-filled-zh");
		b.click("maintenance-save");
		b.waitUntilGone("[data-test='maintenance-dialog']");
		b.waitForText("[data-test='maintenance-table']", window);
		assertThat(b.hook("maintenance-table").getText()).contains("每周四 22:00");

		// a forged acknowledge link is explained, not shown as an error code
		b.open("/ack/Zm9yZ2VkLXRva2Vu");
		b.hook("ack-invalid");
		assertThat(b.hook("ack-page").getText()).doesNotContain("ALR-");
		look("ack-forged-zh");
		b.open("/alerting/alerts");
		b.hook("alert-table");

		// every page, in both languages
		for (String lang : new String[] { "zh", "en" }) {
			if (lang.equals("en")) {
				b.language("en");
			}
			b.go("/alerting/alerts");
			b.hook("alert-row-" + major);
			look("list-open-" + lang);
			b.click("alert-tab-all");
			b.hook("alert-row-" + alertId);
			look("list-all-" + lang);
			b.click("alert-row-" + alertId);
			b.find("[data-test='alert-drawer']");
			b.waitForDialogOpened();
			b.find("[data-test='alert-chart'] canvas");
			look("detail-" + lang);
			b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
			b.waitUntilGone("[data-test='alert-drawer']");
			b.go("/alerting/wall");
			b.hook("wall-empty");
			look("wall-" + lang);
			b.go("/alerting/rules");
			findRule(code, rule);
			look("rules-" + lang);
			b.click("rule-edit-" + rule);
			b.find("[data-test='rule-drawer']");
			b.waitForDialogOpened();
			look("rule-drawer-" + lang);
			b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
			b.waitUntilGone("[data-test='rule-drawer']");
			b.go("/alerting/silences");
			b.hook("silence-table");
			look("silences-" + lang);
			b.click("silence-add");
			b.find("[data-test='silence-dialog']");
			b.waitForDialogOpened();
			look("silence-dialog-" + lang);
			b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
			b.waitUntilGone("[data-test='silence-dialog']");
			b.go("/alerting/silences?tab=maintenance");
			b.hook("maintenance-table");
			look("maintenance-" + lang);
			b.click("maintenance-add");
			b.find("[data-test='maintenance-dialog']");
			b.waitForDialogOpened();
			b.click("maintenance-recurrence-WEEKLY");
			b.hook("maintenance-days");
			look("maintenance-dialog-" + lang);
			b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
			b.waitUntilGone("[data-test='maintenance-dialog']");
			b.go("/alerting/routes");
			b.hook("route-row-" + route.id());
			look("routes-" + lang);
			b.click("route-edit-" + route.id());
			b.find("[data-test='route-drawer']");
			b.waitForDialogOpened();
			look("route-drawer-" + lang);
			b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
			b.waitUntilGone("[data-test='route-drawer']");
			b.go("/alerting/statistics");
			b.hook("stats-kpi-total");
			look("statistics-" + lang);
			b.open("/ack/" + token);
			b.hook("ack-title");
			look("ack-acknowledged-" + lang);
			b.open("/alerting/alerts");
			b.hook("alert-table");
		}
		b.language("zh-CN");
		assertThat(this.faults).as("what a reader trips over on the alerting pages").isEmpty();
	}

	/** Searches the rule list (template rules come first) until the rule shows. */
	private void findRule(String text, long id) {
		this.browser.hook("rule-table");
		this.browser.type("rule-search", text);
		this.browser.hook("rule-edit-" + id);
	}

	/** A value of the console's alarm sound as the page reports it. */
	private Object sound(String field) {
		return this.browser.script("return window.__opsguardAlertSound ? window.__opsguardAlertSound[arguments[0]] : undefined",
				field);
	}

	/** A threshold rule on one resource that fires as soon as the metric crosses it. */
	private long rule(ApiClient admin, String name, long ci, String metric, double threshold, String severity) {
		return rule(admin, name, ci, metric, threshold, severity, false);
	}

	private long rule(ApiClient admin, String name, long ci, String metric, double threshold, String severity,
			boolean openIncident) {
		Map<String, Object> body = new HashMap<>();
		body.put("openIncident", openIncident);
		body.put("name", name);
		body.put("kind", "THRESHOLD");
		body.put("scopeKind", "RESOURCE");
		body.put("scopeValue", Long.toString(ci));
		body.put("severity", severity);
		body.put("metric", metric);
		body.put("operator", ">");
		body.put("threshold", threshold);
		body.put("forSeconds", 0);
		body.put("recoveryOperator", "<");
		body.put("recoveryThreshold", threshold - 10);
		Response created = admin.post("/api/v1/alert-rules", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	/**
	 * An hour and a half of a metric of the resource every minute, as a collector writes it: calm at
	 * {@code calm} until ten minutes ago, then at {@code high}.
	 */
	private void history(long ci, String metric, double calm, double high) {
		long now = System.currentTimeMillis();
		SeriesKey series = SeriesKey.of(metric, SeriesKey.RESOURCE, Long.toString(ci));
		java.util.Random random = new java.util.Random(11);
		List<Sample> samples = new ArrayList<>();
		for (long t = now - Duration.ofMinutes(90).toMillis(); t <= now; t += 60_000) {
			boolean late = t > now - Duration.ofMinutes(10).toMillis();
			samples.add(new Sample(series, t, (late ? high : calm) + random.nextDouble() * 2));
		}
		AppendResult result = this.store.append(samples);
		assertThat(result.rejected()).as("samples refused").isEmpty();
	}

	private long server(ApiClient admin, String code, String name) {
		long cls = cmdbClassId(admin, "PHYSICAL_SERVER");
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cls);
		body.put("code", code);
		body.put("name", name);
		body.put("organisationId", rootOrganisationId(admin));
		body.put("importance", "CORE");
		body.put("attributes", Map.of("ip", "127.0.0.1"));
		Response created = admin.post("/api/v1/cmdb/cis", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	/** Photographs the view as {@code alerting-<name>} and notes what a reader trips over on it. */
	@SuppressWarnings("unchecked")
	private void look(String name) throws Exception {
		this.browser.settle();
		shot("alerting-" + name);
		String lang = String.valueOf(this.browser.script("return document.documentElement.lang"));
		List<String> found = (List<String>) this.browser.script(EveryPageJourneyIT.FAULTS, lang.equals("en") ? "en" : "zh");
		for (String fault : found) {
			String line = name + ": " + fault;
			System.out.println("fault: " + line);
			this.faults.add(line);
		}
	}

	private static <T> T waitFor(Duration timeout, java.util.function.Supplier<T> probe) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(300);
		}
		throw new AssertionError("not within " + timeout);
	}

}
