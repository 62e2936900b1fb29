package io.opsguard.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import io.opsguard.support.SystemPeers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) sends its webhook to OpsGuard's
 * receiver with an API token: an alert posted to its API arrives as an OpsGuard alert on the CI of
 * its instance, and when it is posted again ended, Alertmanager tells the receiver and the alert
 * resolves. Skipped when the program is missing, unless {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true}.
 */
class AlertmanagerReceiverIT extends ApiTestSupport {

	private static final Path BINARY = Path.of(System.getProperty("opsguard.alertmanager", "/usr/bin/prometheus-alertmanager"));

	@Test
	void anAlertRoutedByAlertmanagerFiresAndResolvesInOpsGuard() throws Exception {
		SystemPeers.program("prometheus-alertmanager", BINARY.toString());
		this.clock.set(Instant.now());
		ApiClient admin = admin();
		String ip = "10.250." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(1, 255);
		long server = server(admin, ip);
		Response token = admin.post("/api/v1/auth/tokens",
				Map.of("name", unique("Alertmanager"), "expiresAt", LocalDate.now().plusDays(3).toString()));
		assertThat(token.status()).as(token.toString()).isEqualTo(201);
		String receiver = "http://127.0.0.1:" + this.port + "/api/v1/alerts/receivers/alertmanager";

		try (Alertmanager alertmanager = Alertmanager.start(receiver, token.json().path("token").asText())) {
			String name = "OpsGuardPeerTest" + ThreadLocalRandom.current().nextInt(1_000_000);
			Instant startsAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
			alertmanager.post(alert(name, ip, startsAt, null));

			JsonNode fired = await(admin, server, alert -> alert.path("state").asText().equals("FIRING"));
			assertThat(fired.path("source").asText()).isEqualTo("ALERTMANAGER");
			assertThat(fired.path("severity").asText()).isEqualTo("MAJOR");
			assertThat(fired.path("title").asText()).isEqualTo(name + " on " + ip);
			assertThat(fired.path("labels").path("alertname").asText()).isEqualTo(name);
			assertThat(Instant.parse(fired.path("startedAt").asText())).isEqualTo(startsAt);

			alertmanager.post(alert(name, ip, startsAt, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
			JsonNode resolved = await(admin, server, alert -> alert.path("state").asText().equals("RESOLVED"));
			assertThat(resolved.path("id").asLong()).isEqualTo(fired.path("id").asLong());
			assertThat(resolved.path("resolveReason").asText()).isEqualTo("SOURCE_RESOLVED");
		}
	}

	private static String alert(String name, String ip, Instant startsAt, Instant endsAt) {
		return """
				[{"labels": {"alertname": "%s", "instance": "%s:9100", "severity": "error", "job": "node"},
				  "annotations": {"summary": "%s on %s", "description": "Raised by AlertmanagerReceiverIT"},
				  "startsAt": "%s"%s, "generatorURL": "http://127.0.0.1:9/graph"}]
				""".formatted(name, ip, name, ip, startsAt, endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
	}

	private static JsonNode await(ApiClient admin, long server, Predicate<JsonNode> wanted) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode items = null;
		while (System.nanoTime() < deadline) {
			items = admin.get("/api/v1/alerts?ciId=" + server).json().path("items");
			if (items.size() == 1 && wanted.test(items.get(0))) {
				return items.get(0);
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Alertmanager's webhook did not bring the expected alert within 30 s: " + items);
	}

	private long server(ApiClient admin, String ip) {
		long serverClass = -1;
		for (JsonNode node : admin.get("/api/v1/cmdb/classes").json().findParents("code")) {
			if (node.path("code").asText().equals("PHYSICAL_SERVER")) {
				serverClass = node.path("id").asLong();
			}
		}
		Response created = admin.post("/api/v1/cmdb/cis", Map.of("classId", serverClass, "code", unique("AM-"), "name",
				unique("Alertmanager 监控的服务器"), "organisationId", rootOrganisationId(admin), "attributes", Map.of("ip", ip)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	/**
	 * Alertmanager on a free loopback port, alone (no cluster listener), grouping for 1 s, with one
	 * webhook receiver that sends resolved alerts and the API token as its bearer credentials.
	 */
	private static final class Alertmanager implements AutoCloseable {

		private final Process process;

		private final Path dir;

		private final URI url;

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		private Alertmanager(Process process, Path dir, URI url) {
			this.process = process;
			this.dir = dir;
			this.url = url;
		}

		static Alertmanager start(String webhook, String token) {
			Path dir;
			try {
				dir = Files.createTempDirectory("opsguard-alertmanager-");
				Files.writeString(dir.resolve("alertmanager.yml"), """
						route:
						  receiver: opsguard
						  group_by: ['alertname']
						  group_wait: 1s
						  group_interval: 1s
						  repeat_interval: 1h
						receivers:
						  - name: opsguard
						    webhook_configs:
						      - url: '%s'
						        send_resolved: true
						        max_alerts: 500
						        http_config:
						          authorization:
						            type: Bearer
						            credentials: '%s'
						""".formatted(webhook, token));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			int port = SystemPeers.freePort();
			Process process;
			try {
				process = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
						"--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
						"--cluster.listen-address=", "--log.level=warn"))
					.redirectErrorStream(true)
					.redirectOutput(dir.resolve("alertmanager.log").toFile())
					.start();
			}
			catch (IOException ex) {
				SystemPeers.deleteQuietly(dir);
				throw new UncheckedIOException("Cannot start " + BINARY, ex);
			}
			Alertmanager alertmanager = new Alertmanager(process, dir, URI.create("http://127.0.0.1:" + port));
			alertmanager.awaitReady();
			return alertmanager;
		}

		/** Posts alerts to Alertmanager's API ({@code /api/v2/alerts}), as Prometheus does. */
		void post(String alerts) throws IOException, InterruptedException {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.url.resolve("/api/v2/alerts"))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString(alerts, StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}

		private void awaitReady() {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					String log = log();
					close();
					throw new IllegalStateException("prometheus-alertmanager ended at start: " + log);
				}
				try {
					HttpResponse<String> ready = this.http.send(HttpRequest.newBuilder(this.url.resolve("/-/ready"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.ofString());
					if (ready.statusCode() == 200) {
						return;
					}
				}
				catch (IOException notYet) {
					// not listening yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			String log = log();
			close();
			throw new IllegalStateException("prometheus-alertmanager was not ready within 20 s: " + log);
		}

		private String log() {
			try {
				return Files.readString(this.dir.resolve("alertmanager.log"));
			}
			catch (IOException ex) {
				return "(no log)";
			}
		}

		@Override
		public void close() {
			SystemPeers.stop(this.process, this.dir);
		}

	}

}
