package io.opsguard.monitoring.collect.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.support.SystemPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP(S) checks against the JDK's HTTP server and an HTTPS server with a self-signed certificate made by keytool. */
class HttpCollectorIT {

	private static final String PAGE = "<html><body>欢迎使用 OpsGuard — welcome</body></html>";

	@TempDir
	static Path directory;

	private static HttpServer http;

	private static HttpsServer https;

	private static ExecutorService executor;

	private final MonitorType type = Probes.template("http-check");

	private final HttpCollector collector = new HttpCollector(Clock.systemUTC());

	@BeforeAll
	static void start() throws Exception {
		executor = Executors.newCachedThreadPool();
		http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		http.setExecutor(executor);
		http.createContext("/ok", exchange -> send(exchange, 200, PAGE));
		http.createContext("/broken", exchange -> send(exchange, 500, "Internal error"));
		http.createContext("/login", exchange -> send(exchange, 401, "Who are you?"));
		http.createContext("/moved", exchange -> {
			exchange.getResponseHeaders().add("Location", "/ok");
			send(exchange, 302, "");
		});
		http.createContext("/slow", exchange -> {
			try {
				Thread.sleep(3000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			send(exchange, 200, PAGE);
		});
		http.createContext("/big", exchange -> {
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				byte[] filler = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
				for (int i = 0; i < 40; i++) {
					out.write(filler);
				}
				out.write("needle".getBytes(StandardCharsets.US_ASCII));
			}
			catch (IOException ex) {
				// the probe stopped reading
			}
		});
		http.createContext("/secured", exchange -> {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			String basic = "Basic " + Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8));
			boolean ok = basic.equals(authorization) || "Bearer t0ken".equals(authorization)
					|| "t0ken".equals(exchange.getRequestHeaders().getFirst("X-Api-Key"));
			send(exchange, ok ? 200 : 403, ok ? "{\"status\":\"UP\"}" : "forbidden");
		});
		http.start();
		https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		https.setHttpsConfigurator(new HttpsConfigurator(selfSigned(30)));
		https.setExecutor(executor);
		https.createContext("/", exchange -> send(exchange, 200, PAGE));
		https.start();
	}

	@AfterAll
	static void stop() {
		http.stop(0);
		https.stop(0);
		executor.shutdownNow();
	}

	/** A TLS context with a key pair and certificate for localhost and 127.0.0.1, valid for some days, made by keytool. */
	private static SSLContext selfSigned(int days) throws Exception {
		Path keystore = directory.resolve("server.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "probe", "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", "CN=localhost, O=OpsGuard test", "-ext",
				"SAN=dns:localhost,ip:127.0.0.1", "-validity", Integer.toString(days), "-keystore", keystore.toString(),
				"-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String url(String path) {
		return "http://127.0.0.1:" + http.getAddress().getPort() + path;
	}

	private CollectionResult check(Map<String, Object> parameters, Duration timeout) {
		return this.collector.collect(Probes.request(this.type, parameters, timeout));
	}

	private CollectionResult check(String url, Map<String, Object> more) {
		Map<String, Object> parameters = new HashMap<>(more);
		parameters.put("url", url);
		return check(parameters, Duration.ofSeconds(3));
	}

	@Test
	void aPageWithItsKeywordIsUp() {
		CollectionResult result = check(url("/ok"), Map.of("keyword", "欢迎使用"));
		assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(result.detail()).isNull();
		assertThat(Probes.value(result, "up")).hasValue(1.0);
		assertThat(Probes.value(result, "http_status")).hasValue(200.0);
		assertThat(Probes.value(result, "http_keyword_match")).hasValue(1.0);
		assertThat(Probes.value(result, "http_response_time").orElseThrow()).isPositive().isLessThan(3000);
		assertThat(Probes.value(result, "tls_cert_days_left")).isEmpty();
	}

	@Test
	void aMissingOrForbiddenKeywordIsDown() {
		CollectionResult missing = check(url("/ok"), Map.of("keyword", "维护中"));
		assertThat(missing.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(missing, "up")).hasValue(0.0);
		assertThat(Probes.value(missing, "http_keyword_match")).hasValue(0.0);
		assertThat(missing.detail()).contains("维护中").contains("not found");
		CollectionResult absent = check(url("/ok"), Map.of("keyword", "welcome", "keywordMode", "absent"));
		assertThat(Probes.value(absent, "up")).hasValue(0.0);
		CollectionResult fine = check(url("/ok"), Map.of("keyword", "Exception", "keywordMode", "absent"));
		assertThat(Probes.value(fine, "up")).hasValue(1.0);
	}

	@Test
	void onlyTheFirstMegabyteIsSearched() {
		CollectionResult result = check(url("/big"), Map.of("keyword", "needle"));
		assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(result, "http_keyword_match")).hasValue(0.0);
		assertThat(result.detail()).contains("first 1024 KB");
	}

	@Test
	void anUnexpectedStatusIsAnAnswerButDown() {
		CollectionResult broken = check(url("/broken"), Map.of());
		assertThat(broken.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(broken, "http_status")).hasValue(500.0);
		assertThat(Probes.value(broken, "up")).hasValue(0.0);
		assertThat(broken.detail()).contains("Status 500 is not one of 200-399");
		CollectionResult login = check(url("/login"), Map.of());
		assertThat(Probes.value(login, "http_status")).hasValue(401.0);
		assertThat(Probes.value(login, "up")).hasValue(0.0);
		CollectionResult expected = check(url("/login"), Map.of("expectedStatus", List.of("2xx", "401")));
		assertThat(Probes.value(expected, "up")).hasValue(1.0);
	}

	@Test
	void redirectsAreFollowedUnlessTurnedOff() {
		CollectionResult followed = check(url("/moved"), Map.of("keyword", "OpsGuard"));
		assertThat(Probes.value(followed, "http_status")).hasValue(200.0);
		assertThat(followed.facts().get("finalUrl")).endsWith("/ok");
		CollectionResult notFollowed = check(url("/moved"),
				Map.of("followRedirects", false, "expectedStatus", List.of("200")));
		assertThat(Probes.value(notFollowed, "http_status")).hasValue(302.0);
		assertThat(Probes.value(notFollowed, "up")).hasValue(0.0);
	}

	@Test
	void basicAuthAndTokensAreSent() {
		assertThat(Probes.value(check(url("/secured"), Map.of()), "http_status")).hasValue(403.0);
		assertThat(Probes.value(check(url("/secured"), Map.of("username", "ops", "password", "s3cret")), "up"))
			.hasValue(1.0);
		assertThat(Probes.value(check(url("/secured"), Map.of("token", "Bearer t0ken")), "up")).hasValue(1.0);
		CollectionResult header = check(url("/secured"), Map.of("tokenHeader", "X-Api-Key", "token", "t0ken"));
		assertThat(Probes.value(header, "up")).hasValue(1.0);
		CollectionResult wrong = check(url("/secured"), Map.of("username", "ops", "password", "wrong-pass"));
		assertThat(wrong.detail()).doesNotContain("wrong-pass");
	}

	@Test
	void aSlowSiteTimesOutWithinTheTimeout() {
		long started = System.nanoTime();
		CollectionResult result = check(Map.of("url", url("/slow")), Duration.ofMillis(700));
		assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2000);
		assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
		assertThat(Probes.value(result, "up")).hasValue(0.0);
	}

	@Test
	void aClosedPortIsRefusedAndAnUnknownHostUnreachable() {
		CollectionResult refused = check("http://127.0.0.1:" + SystemPeers.freePort() + "/", Map.of());
		assertThat(refused.outcome()).as(refused.detail()).isEqualTo(Outcome.REFUSED);
		assertThat(Probes.value(refused, "up")).hasValue(0.0);
		CollectionResult unknown = check("http://no-such-host.invalid/", Map.of());
		assertThat(unknown.outcome()).as(unknown.detail()).isEqualTo(Outcome.UNREACHABLE);
	}

	@Test
	void aSelfSignedCertificateIsReadWithoutVerification() {
		CollectionResult result = check("https://localhost:" + https.getAddress().getPort() + "/",
				Map.of("verifyTls", false, "keyword", "OpsGuard"));
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(result, "up")).hasValue(1.0);
		assertThat(Probes.value(result, "tls_cert_days_left").orElseThrow()).isBetween(29.0, 30.01);
		assertThat(result.facts().get("tlsSubject")).contains("CN=localhost");
	}

	@Test
	void aVerifiedHandshakeWithAnUntrustedCertificateFailsButStillTellsItsDaysLeft() {
		CollectionResult result = check("https://127.0.0.1:" + https.getAddress().getPort() + "/", Map.of());
		assertThat(result.outcome()).isEqualTo(Outcome.BAD_RESPONSE);
		assertThat(result.detail()).startsWith("TLS handshake with https://127.0.0.1:");
		assertThat(Probes.value(result, "up")).hasValue(0.0);
		assertThat(Probes.value(result, "tls_cert_days_left").orElseThrow()).isBetween(29.0, 30.01);
	}

	@Test
	void plainHttpToATlsPortIsABadResponse() {
		CollectionResult result = check("http://127.0.0.1:" + https.getAddress().getPort() + "/", Map.of());
		assertThat(result.outcome()).as(result.detail()).isIn(Outcome.BAD_RESPONSE, Outcome.TIMEOUT);
		assertThat(Probes.value(result, "up")).hasValue(0.0);
	}

	@Test
	void badParametersAreConfigurationErrors() {
		for (String url : List.of("ftp://127.0.0.1/", "http://user:pass@127.0.0.1/", "not a url", "http:///path",
				"http://-x/")) {
			CollectionResult result = check(url, Map.of());
			assertThat(result.outcome()).as(url).isEqualTo(Outcome.CONFIG_ERROR);
			assertThat(result.detail()).doesNotContain("pass@");
		}
		assertThat(check(url("/ok"), Map.of("expectedStatus", List.of("600"))).outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(check(url("/ok"), Map.of("method", "DELETE")).outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(check(url("/ok"), Map.of("tokenHeader", "Bad Header", "token", "x")).outcome())
			.isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(check(url("/ok"), Map.of("tokenHeader", "Host", "token", "x")).outcome())
			.isEqualTo(Outcome.CONFIG_ERROR);
	}

}
