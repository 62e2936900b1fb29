package io.opsguard.monitoring;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.OpsGuardApplication;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Restart OpsGuard without losing history" (issue 10): a monitor collects into the embedded store,
 * the application stops and starts again on the same data directory, and the monitor, its history
 * and its collections carry on.
 */
class MonitoringRestartIT {

	private static final String PASSWORD = "Restart@Monitor2026";

	@Test
	void monitorsAndTheirHistorySurviveARestart() throws Exception {
		Path dataDir = ApiTestSupport.newDataDir();
		try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				while (!target.isClosed()) {
					try (Socket socket = target.accept()) {
						socket.getInputStream();
					}
					catch (Exception ex) {
						return;
					}
				}
			}, "restart-it-acceptor");
			acceptor.setDaemon(true);
			acceptor.start();
			long started = System.currentTimeMillis();
			long ci;
			long monitor;
			int pointsBefore;
			try (ConfigurableApplicationContext first = start(dataDir)) {
				ApiClient admin = new ApiClient(port(first)).signedIn("admin", PASSWORD);
				long serverClass = admin.get("/api/v1/cmdb/classes").json().findParents("code").stream()
					.filter(node -> node.path("code").asText().equals("PHYSICAL_SERVER"))
					.findFirst()
					.orElseThrow()
					.path("id")
					.asLong();
				long root = admin.get("/api/v1/organisations/tree").json().get(0).path("id").asLong();
				Response created = admin.post("/api/v1/cmdb/cis", Map.of("classId", serverClass, "code", "RESTART-01", "name",
						"重启测试服务器", "organisationId", root));
				assertThat(created.status()).as(created.toString()).isEqualTo(201);
				ci = created.id();
				Response added = admin.post("/api/v1/monitors", Map.of("ciId", ci, "typeId", "tcp-port", "intervalSeconds", 10,
						"parameters", Map.of("host", "127.0.0.1", "port", target.getLocalPort())));
				assertThat(added.status()).as(added.toString()).isEqualTo(201);
				monitor = added.id();
				pointsBefore = waitFor(Duration.ofSeconds(45), () -> {
					int points = points(admin, ci, started);
					return points >= 2 ? points : null;
				});
			}
			try (ConfigurableApplicationContext second = start(dataDir)) {
				ApiClient admin = new ApiClient(port(second)).signedIn("admin", PASSWORD);
				assertThat(points(admin, ci, started)).as("history kept across the restart").isGreaterThanOrEqualTo(pointsBefore);
				assertThat(admin.get("/api/v1/monitors/" + monitor).json().path("name").asText()).isEqualTo("TCP 端口 127.0.0.1");
				int after = waitFor(Duration.ofSeconds(30), () -> {
					int points = points(admin, ci, started);
					return points > pointsBefore ? points : null;
				});
				assertThat(after).as("collections carry on after the restart").isGreaterThan(pointsBefore);
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(dataDir);
		}
	}

	private static int points(ApiClient admin, long ci, long from) {
		Response response = admin.get("/api/v1/metrics/query?metric=up&label.resource=" + ci + "&from=" + (from - 60_000)
				+ "&to=" + (System.currentTimeMillis() + 60_000));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode series = response.json().path("series");
		return series.isEmpty() ? 0 : series.get(0).path("timestamps").size();
	}

	private static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(OpsGuardApplication.class).run("--server.port=0",
				"--opsguard.data-dir=" + dataDir, "--opsguard.identity.admin-password=" + PASSWORD,
				"--opsguard.monitoring.collection.tick=50ms", "--logging.level.root=warn");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static <T> T waitFor(Duration timeout, Supplier<T> probe) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("not within " + timeout);
	}

}
