package io.opsguard.monitoring.collect.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.support.NodeExporterPeer;
import io.opsguard.support.SystemPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrapes fixture expositions served by the JDK's HTTP server, and the real Debian
 * prometheus-node-exporter with the node-exporter template.
 */
class PrometheusCollectorIT {

	private static HttpServer server;

	private final MonitorType type = Probes.template("node-exporter");

	private final PrometheusCollector collector = new PrometheusCollector();

	@BeforeAll
	static void start() throws IOException {
		String node;
		try (InputStream in = PrometheusCollectorIT.class.getResourceAsStream("/monitoring/exposition/node-exporter.prom")) {
			node = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
		server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4", node));
		server.createContext("/broken/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4",
				"node_load1 0.5\nnode_load5 {oops} 1\nnode_memory_MemTotal_bytes 1e9\nnode_load15 abc\n"));
		server.createContext("/html/metrics",
				exchange -> send(exchange, 200, "text/html", "<html><body>Login</body></html>"));
		server.createContext("/secret/metrics", exchange -> {
			String expected = "Basic " + java.util.Base64.getEncoder()
				.encodeToString("prom:pa55".getBytes(StandardCharsets.UTF_8));
			if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				send(exchange, 200, "text/plain", node);
			}
			else {
				send(exchange, 401, "text/plain", "Unauthorized");
			}
		});
		server.createContext("/missing/metrics", exchange -> send(exchange, 404, "text/plain", "404 page not found"));
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private CollectionResult scrape(String path, Map<String, Object> more) {
		Map<String, Object> parameters = new HashMap<>(more);
		parameters.putIfAbsent("url", "http://127.0.0.1:" + server.getAddress().getPort() + path);
		return this.collector.collect(Probes.request(this.type, parameters, Duration.ofSeconds(3)));
	}

	@Test
	void scrapesAndMapsAnExposition() {
		CollectionResult result = scrape("/metrics", Map.of());
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(result, "mem_total")).hasValue(2.5276182528e+10);
		assertThat(Probes.value(result, "fs_size", "/data")).hasValue(1000.0);
		assertThat(result.facts()).containsKey("samples");
	}

	@Test
	void hostAndPortMakeTheUrlWithTheTemplatesPath() {
		CollectionResult result = this.collector.collect(Probes.request(this.type,
				Map.of("host", "127.0.0.1", "port", server.getAddress().getPort()), Duration.ofSeconds(3)));
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
	}

	@Test
	void unreadableLinesMakeItPartialNamingTheirNumbers() {
		CollectionResult result = scrape("/broken/metrics", Map.of());
		assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
		assertThat(Probes.value(result, "load1")).hasValue(0.5);
		assertThat(Probes.value(result, "mem_total")).hasValue(1e9);
		assertThat(result.detail()).contains("line 2").contains("line 4").contains("node_cpu_seconds_total");
	}

	@Test
	void anHtmlPageOrAWrongStatusIsABadResponse() {
		CollectionResult html = scrape("/html/metrics", Map.of());
		assertThat(html.outcome()).isEqualTo(Outcome.BAD_RESPONSE);
		assertThat(html.detail()).contains("HTML");
		CollectionResult missing = scrape("/missing/metrics", Map.of());
		assertThat(missing.outcome()).isEqualTo(Outcome.BAD_RESPONSE);
		assertThat(missing.detail()).contains("HTTP 404");
	}

	@Test
	void refusedCredentialsAreAnAuthenticationFailure() {
		CollectionResult refused = scrape("/secret/metrics", Map.of("username", "prom", "password", "wrong"));
		assertThat(refused.outcome()).isEqualTo(Outcome.AUTH_FAILED);
		assertThat(refused.detail()).doesNotContain("wrong");
		assertThat(Probes.value(refused, "up")).hasValue(0.0);
		assertThat(scrape("/secret/metrics", Map.of("username", "prom", "password", "pa55")).outcome())
			.isEqualTo(Outcome.SUCCESS);
	}

	@Test
	void aClosedPortIsRefused() {
		CollectionResult result = scrape("", Map.of("url", "http://127.0.0.1:" + SystemPeers.freePort() + "/metrics"));
		assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
		assertThat(this.collector
			.collect(Probes.request(this.type, Map.of("host", "127.0.0.1 -x"), Duration.ofSeconds(1)))
			.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
	}

	@Test
	void collectsTheRealNodeExporter() throws Exception {
		try (NodeExporterPeer exporter = NodeExporterPeer.start()) {
			CollectionResult result = this.collector.collect(Probes.request(this.type,
					Map.of("host", "127.0.0.1", "port", exporter.port()), Duration.ofSeconds(10)));
			assertThat(result.outcome()).as(result.detail()).isIn(Outcome.SUCCESS, Outcome.PARTIAL);
			assertThat(Probes.value(result, "cpu_idle_seconds").orElseThrow()).isPositive();
			assertThat(Probes.value(result, "cpu_total_seconds").orElseThrow())
				.isGreaterThan(Probes.value(result, "cpu_idle_seconds").orElseThrow());
			assertThat(Probes.value(result, "cpu_cores").orElseThrow()).isGreaterThanOrEqualTo(1);
			assertThat(Probes.value(result, "mem_total").orElseThrow()).isGreaterThan(64 * 1024 * 1024);
			assertThat(Probes.value(result, "mem_available")).isPresent();
			assertThat(Probes.value(result, "load1")).isPresent();
			assertThat(Probes.value(result, "fs_size", "/").orElseThrow()).isPositive();
			assertThat(Probes.value(result, "fs_avail", "/")).isPresent();
			assertThat(Probes.value(result, "node_time").orElseThrow())
				.isGreaterThan(Probes.value(result, "boot_time").orElseThrow());
			assertThat(result.values()).noneMatch(v -> "lo".equals(v.instance()));
		}
	}

}
