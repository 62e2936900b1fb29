package io.opsguard.browser;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring pages in a real Chromium at 1366×768: the administrator adds a TCP-port monitor to
 * a CI (a socket this test listens on) in the drawer, tests it ("立即测试" shows the values read),
 * saves it with a 10-second interval, finds the resource 正常 on 资源监控 and its chart drawn on the
 * dashboard once collections ran; a monitor of a closed port shows its exact error on its resource's
 * page; a template with an unknown protocol is checked and refused with the problem named. Top-N,
 * bulk onboarding, the types and the store pages are photographed too, in Chinese and English.
 */
class MonitoringJourneyIT extends BrowserJourney {

	@Autowired
	MetricStore store;

	private ServerSocket listening;

	private volatile boolean ticking = true;

	/** What a reader trips over on the pages photographed (EveryPageJourneyIT's checks), page by page. */
	private final List<String> faults = new ArrayList<>();

	@BeforeEach
	void listen() throws IOException {
		// collections are due by the server's clock: the test clock follows the real time while the journey runs
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
		}, "monitoring-journey-clock");
		clockwork.setDaemon(true);
		clockwork.start();
		this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.listening.isClosed()) {
				try (Socket socket = this.listening.accept()) {
					// accepted: the probe measured its connect time
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "monitoring-journey-acceptor");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterEach
	void close() throws IOException {
		this.ticking = false;
		this.listening.close();
	}

	@Test
	void aTcpMonitorIsAddedTestedCollectedAndCharted() throws Exception {
		ApiClient admin = admin();
		String code = unique("MON-UI-");
		String name = unique("门户应用服务器");
		long ci = server(admin, code, name);
		String brokenCode = unique("MON-UI-DOWN-");
		long broken = server(admin, brokenCode, unique("故障数据库服务器"));
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		Response down = admin.post("/api/v1/monitors", Map.of("ciId", broken, "typeId", "tcp-port", "intervalSeconds", 10,
				"parameters", Map.of("host", "127.0.0.1", "port", closed)));
		assertThat(down.status()).as(down.toString()).isEqualTo(201);
		long downId = down.id();

		BrowserSupport b = this.browser;
		signInAsAdmin();
		b.open("/monitoring/monitors");
		b.hook("monitor-table");
		b.click("monitor-add");
		b.find("[data-test='monitor-drawer']");
		b.waitForDialogOpened();
		b.clickCss("[data-test='monitor-ci'] .el-select__wrapper");
		b.find("[data-test='monitor-ci'] input").sendKeys(code);
		b.clickCss("[data-test='monitor-ci-option-" + code + "']");
		b.clickCss("[data-test='monitor-type'] .el-select__wrapper");
		b.find("[data-test='monitor-type'] input").sendKeys("TCP");
		b.clickCss("[data-test='type-option-tcp-port']");
		b.hook("param-host");
		// nothing filled in: the form names what is missing before asking the server
		b.click("monitor-test");
		b.waitForText("[data-test='param-host'] .el-form-item__error", "主机");
		b.type("param-host", "127.0.0.1");
		b.type("param-port", String.valueOf(this.listening.getLocalPort()));
		b.type("monitor-interval", "10");
		b.click("monitor-test");
		b.waitForText("[data-test='trial-outcome']", "成功");
		assertThat(b.all("[data-test='trial-values'] .el-table__row")).isNotEmpty();
		look("test-zh");
		b.click("monitor-save");
		b.waitUntilGone("[data-test='monitor-drawer']");
		b.waitForText("[data-test='monitor-table']", name);
		long monitor = admin.get("/api/v1/monitors?ciId=" + ci).json().path("items").get(0).path("id").asLong();
		assertThat(admin.get("/api/v1/monitors/" + monitor).json().path("effectiveIntervalSeconds").asLong()).isEqualTo(10);

		// collected within its interval: the resource is 正常 on the list
		waitFor(Duration.ofSeconds(40),
				() -> admin.get("/api/v1/monitors/" + monitor).json().path("status").asText().equals("UP") ? "" : null);
		b.go("/monitoring/resources");
		b.type("resource-search", code);
		b.find("input[data-test='resource-search'], [data-test='resource-search'] input").sendKeys(Keys.ENTER);
		b.waitForText("[data-test='resource-state-of-" + code + "']", "正常");
		assertNoSidewaysScrolling();
		look("resources-zh");

		// the dashboard draws the connect time once a second collection ran
		waitFor(Duration.ofSeconds(40), () -> admin
			.get("/api/v1/metrics/query?metric=tcp_connect_time&label.resource=" + ci)
			.json()
			.path("series")
			.path(0)
			.path("timestamps")
			.size() >= 2 ? "" : null);
		b.click("resource-row-" + code);
		b.waitForPath("/monitoring/resources/" + ci);
		b.waitForText("[data-test='resource-state']", "正常");
		String chart = "[data-test='chart-" + monitor + "-tcp_connect_time']";
		b.find(chart + " canvas");
		b.waiting().until(d -> Integer.parseInt(d.findElement(By.cssSelector(chart)).getAttribute("data-points")) >= 2);
		b.click("resource-range-6h");
		b.find(chart + " canvas");
		b.click("resource-baseline");
		assertNoSidewaysScrolling();
		look("dashboard-zh");
		b.language("en");
		b.waitForText("[data-test='resource-state']", "OK");
		b.find(chart + " canvas");
		assertNoSidewaysScrolling();
		look("dashboard-en");
		b.language("zh-CN");

		// a monitor whose port is closed shows the exact error on its resource's page
		waitFor(Duration.ofSeconds(40),
				() -> admin.get("/api/v1/monitors/" + downId).json().path("status").asText().equals("DOWN") ? "" : null);
		b.go("/monitoring/resources/" + broken);
		b.waitForText("[data-test='resource-state']", "不可达");
		b.waitForText("[data-test='resource-monitor-detail-" + downId + "']", String.valueOf(closed));
		look("unreachable-first-zh");
		b.click("resource-tab-events");
		b.hook("resource-events");
		b.go("/monitoring/resources");
		b.hook("resource-table");
		b.click("resource-state-UNREACHABLE");
		b.waitForText("[data-test='resource-table']", brokenCode);
		look("resources-unreachable-zh");

		// a template with an unknown protocol: 检查 names the problem, 上传 is refused with it
		b.go("/monitoring/types");
		b.hook("type-row-tcp-port");
		look("types-list-zh");
		b.click("type-upload");
		b.waitForDialogOpened();
		b.type("template-text", """
				id: ui-journey-broken
				version: 1
				name: {zh-CN: 坏模板, en: Broken}
				category: service
				protocol: no-such-protocol
				metrics:
				  - {name: up, label: {zh-CN: 可用, en: Up}, unit: boolean}
				""");
		b.click("template-check");
		b.waitForText("[data-test='template-problems']", "protocol");
		assertThat(b.all("[data-test='template-problem']")).isNotEmpty();
		b.click("template-upload");
		b.waitForText("[data-test='template-problems']", "protocol");
		look("template-problems-zh");
		assertThat(admin.get("/api/v1/monitor-types/ui-journey-broken").status()).isEqualTo(404);
		b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);

		// two more servers at once: chosen by their tag, the address from each CI, previewed, then added
		String tag = unique("ui-bulk-");
		server(admin, unique("MON-UI-BULK-"), unique("批量服务器甲"), tag);
		server(admin, unique("MON-UI-BULK-"), unique("批量服务器乙"), tag);
		b.go("/monitoring/bulk");
		b.clickCss("[data-test='bulk-type'] .el-select__wrapper");
		b.find("[data-test='bulk-type'] input").sendKeys("tcp");
		b.clickCss("[data-test='type-option-tcp-port']");
		b.click("bulk-next");
		b.type("bulk-tag", tag);
		b.click("bulk-next");
		b.type("param-port", String.valueOf(this.listening.getLocalPort()));
		b.click("bulk-next");
		b.waitForText("[data-test='bulk-count-READY']", "2");
		assertThat(b.hook("bulk-preview-table").getText()).contains("127.0.0.1");
		look("bulk-preview-zh");
		b.click("bulk-apply");
		b.waitForText("[data-test='bulk-count-CREATED']", "2");
		look("bulk-result-zh");
		assertThat(admin.get("/api/v1/monitors?q=127.0.0.1&typeId=tcp-port").json().path("total").asLong()).isGreaterThanOrEqualTo(4);

		// four weeks of a host's history: the dashboard's baseline band and its disk forecast
		long host = server(admin, unique("MON-UI-HOST-"), unique("历史主机"));
		Response exporter = admin.post("/api/v1/monitors", Map.of("ciId", host, "typeId", "node-exporter", "enabled", false,
				"parameters", Map.of("host", "127.0.0.1", "port", closed)));
		assertThat(exporter.status()).as(exporter.toString()).isEqualTo(201);
		history(host, exporter.id());
		b.go("/monitoring/resources/" + host);
		b.hook("resource-range-7d");
		b.click("resource-range-7d");
		b.click("resource-baseline");
		String cpu = "[data-test='chart-" + exporter.id() + "-cpu_usage']";
		b.find(cpu + " canvas");
		b.waitForText("[data-test='resource-forecast']", "写满");
		look("dashboard-history-zh");
		b.scrollTo(cpu);
		look("dashboard-baseline-zh");
		b.language("en");
		b.waitForText("[data-test='resource-forecast']", "Full by");
		look("dashboard-history-en");
		b.language("zh-CN");

		// the other pages, in both languages
		for (String lang : new String[] { "zh", "en" }) {
			if (lang.equals("en")) {
				b.language("en");
			}
			b.go("/monitoring/monitors");
			b.hook("monitor-table");
			b.waitForText("[data-test='monitor-table']", name);
			look("monitors-" + lang);
			b.click("monitor-edit-" + monitor);
			b.find("[data-test='monitor-drawer']");
			b.waitForDialogOpened();
			b.hook("param-port");
			look("drawer-edit-" + lang);
			b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
			b.waitUntilGone("[data-test='monitor-drawer']");
			b.go("/monitoring/top");
			b.hook("top-n");
			b.choose("top-metric", "top-metric-tcp_connect_time");
			b.find("[data-test='top-table'] .el-table__row");
			look("top-" + lang);
			b.go("/monitoring/bulk");
			b.clickCss("[data-test='bulk-type'] .el-select__wrapper");
			b.find("[data-test='bulk-type'] input").sendKeys("tcp");
			b.clickCss("[data-test='type-option-tcp-port']");
			b.click("bulk-next");
			b.hook("bulk-mode-file");
			look("bulk-" + lang);
			b.go("/monitoring/store");
			b.hook("store-kpi-series");
			look("store-" + lang);
			b.go("/monitoring/resources");
			b.hook("resource-table");
			look("resources-all-" + lang);
			b.go("/monitoring/types");
			b.hook("type-row-tcp-port");
			look("types-" + lang);
			b.click("type-detail-tcp-port");
			b.hook("type-detail-panel-tcp-port");
			b.waitForDialogOpened();
			look("type-detail-" + lang);
			b.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
			b.go("/monitoring/resources/" + broken);
			b.hook("resource-monitor-detail-" + downId);
			look("unreachable-" + lang);
		}
		b.language("zh-CN");
		assertThat(this.faults).as("what a reader trips over on the monitoring pages").isEmpty();
	}

	/**
	 * Writes 28 days of samples every 10 minutes as the collector would: CPU following the working
	 * day, and a root file system of 100 GB filling by 1 GB a day.
	 */
	private void history(long ci, long monitor) {
		long now = System.currentTimeMillis();
		long start = now - Duration.ofDays(28).toMillis();
		String resource = Long.toString(ci);
		String id = Long.toString(monitor);
		SeriesKey cpu = SeriesKey.of("cpu_usage", SeriesKey.RESOURCE, resource, SeriesKey.MONITOR, id);
		SeriesKey used = SeriesKey.of("fs_used", SeriesKey.RESOURCE, resource, SeriesKey.MONITOR, id, SeriesKey.INSTANCE, "/");
		SeriesKey size = SeriesKey.of("fs_size", SeriesKey.RESOURCE, resource, SeriesKey.MONITOR, id, SeriesKey.INSTANCE, "/");
		SeriesKey usage = SeriesKey.of("fs_usage", SeriesKey.RESOURCE, resource, SeriesKey.MONITOR, id, SeriesKey.INSTANCE, "/");
		java.util.Random random = new java.util.Random(7);
		List<Sample> samples = new ArrayList<>();
		for (long t = start - start % 600_000; t < now - 60_000; t += 600_000) {
			int hour = java.time.Instant.ofEpochMilli(t).atZone(java.time.ZoneId.systemDefault()).getHour();
			double working = hour >= 9 && hour < 18 ? 45 : 12;
			samples.add(new Sample(cpu, t, working + random.nextGaussian() * 4));
			double gigabytes = 40 + (t - start) / 86_400_000.0;
			samples.add(new Sample(used, t, gigabytes * 1e9));
			samples.add(new Sample(size, t, 100e9));
			samples.add(new Sample(usage, t, gigabytes));
			if (samples.size() >= 2000) {
				append(samples);
			}
		}
		append(samples);
	}

	private void append(List<Sample> samples) {
		AppendResult result = this.store.append(samples);
		assertThat(result.rejected()).as("samples refused").isEmpty();
		samples.clear();
	}

	/** Photographs the view as {@code monitoring-<name>} and notes what a reader trips over on it. */
	@SuppressWarnings("unchecked")
	private void look(String name) throws Exception {
		this.browser.settle();
		shot("monitoring-" + name);
		String lang = String.valueOf(this.browser.script("return document.documentElement.lang"));
		List<String> found = (List<String>) this.browser.script(EveryPageJourneyIT.FAULTS, lang.equals("en") ? "en" : "zh");
		for (String fault : found) {
			String line = name + ": " + fault;
			System.out.println("fault: " + line);
			this.faults.add(line);
		}
	}

	private long server(ApiClient admin, String code, String name) {
		return server(admin, code, name, null);
	}

	private long server(ApiClient admin, String code, String name, String tag) {
		long cls = cmdbClassId(admin, "PHYSICAL_SERVER");
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cls);
		body.put("code", code);
		body.put("name", name);
		body.put("organisationId", rootOrganisationId(admin));
		body.put("importance", "CORE");
		body.put("attributes", Map.of("ip", "127.0.0.1"));
		if (tag != null) {
			body.put("tags", List.of(tag));
		}
		Response created = admin.post("/api/v1/cmdb/cis", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private void assertNoSidewaysScrolling() {
		Object wide = this.browser.script(
				"return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
		assertThat(wide).as("the page scrolls sideways at 1366 px").isEqualTo(false);
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
