package io.opsguard.monitoring.collect.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.support.SystemPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** TCP port checks against real loopback servers. */
class TcpCollectorIT {

	private final MonitorType type = Probes.template("tcp-port");

	private final TcpCollector collector = new TcpCollector();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	/** A server that greets every connection with a banner (null: says nothing) and, after a line, an answer. */
	private ServerSocket server(String banner, String answer) throws IOException {
		ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.executor.submit(() -> {
			while (!server.isClosed()) {
				try (Socket socket = server.accept()) {
					OutputStream out = socket.getOutputStream();
					if (banner != null) {
						out.write(banner.getBytes(StandardCharsets.US_ASCII));
						out.flush();
					}
					if (answer != null) {
						int c;
						while ((c = socket.getInputStream().read()) >= 0 && c != '\n') {
							// the request line
						}
						out.write(answer.getBytes(StandardCharsets.US_ASCII));
						out.flush();
					}
					socket.setSoTimeout(3000);
					socket.getInputStream().read();
				}
				catch (IOException ex) {
					// the next connection
				}
			}
			return null;
		});
		return server;
	}

	private CollectionResult check(int port, Map<String, Object> more, Duration timeout) {
		Map<String, Object> parameters = new java.util.HashMap<>(more);
		parameters.put("host", "127.0.0.1");
		parameters.put("port", port);
		return this.collector.collect(Probes.request(this.type, parameters, timeout));
	}

	@Test
	void anOpenPortIsUpWithItsConnectTime() throws IOException {
		try (ServerSocket server = server(null, null)) {
			CollectionResult result = check(server.getLocalPort(), Map.of(), Duration.ofSeconds(2));
			assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
			assertThat(Probes.value(result, "up")).hasValue(1.0);
			assertThat(Probes.value(result, "tcp_connect_time").orElseThrow()).isGreaterThanOrEqualTo(0).isLessThan(1000);
		}
	}

	@Test
	void aClosedPortIsRefused() {
		CollectionResult result = check(SystemPeers.freePort(), Map.of(), Duration.ofSeconds(2));
		assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
		assertThat(result.detail()).contains("127.0.0.1:");
		assertThat(Probes.value(result, "up")).hasValue(0.0);
	}

	@Test
	void anSmtpBannerIsExpected() throws IOException {
		try (ServerSocket smtp = server("220 mail.example.gov.cn ESMTP ready\r\n", null)) {
			CollectionResult ok = check(smtp.getLocalPort(), Map.of("expect", "220"), Duration.ofSeconds(2));
			assertThat(ok.outcome()).isEqualTo(Outcome.SUCCESS);
			assertThat(Probes.value(ok, "up")).hasValue(1.0);
			assertThat(Probes.value(ok, "tcp_response_time")).isPresent();
			CollectionResult wrong = check(smtp.getLocalPort(), Map.of("expect", "SSH-2.0"), Duration.ofSeconds(1));
			assertThat(wrong.outcome()).isIn(Outcome.SUCCESS, Outcome.TIMEOUT);
			assertThat(Probes.value(wrong, "up")).hasValue(0.0);
		}
	}

	@Test
	void aRequestIsSentAndItsAnswerExpected() throws IOException {
		try (ServerSocket server = server(null, "+PONG\r\n")) {
			CollectionResult result = check(server.getLocalPort(), Map.of("send", "PING\\r\\n", "expect", "+PONG"),
					Duration.ofSeconds(2));
			assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
			assertThat(Probes.value(result, "up")).hasValue(1.0);
		}
	}

	@Test
	void aServiceThatClosesWithTheWrongAnswerIsDownWithTheAnswerShown() throws IOException {
		ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.executor.submit(() -> {
			try (server; Socket socket = server.accept()) {
				socket.getOutputStream().write("554 go away\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			return null;
		});
		CollectionResult result = check(server.getLocalPort(), Map.of("expect", "220"), Duration.ofSeconds(2));
		assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(result, "up")).hasValue(0.0);
		assertThat(result.detail()).contains("554 go away\\r\\n");
	}

	@Test
	void aSilentServiceTimesOutWithinTheTimeout() throws IOException {
		try (ServerSocket server = server(null, null)) {
			long started = System.nanoTime();
			CollectionResult result = check(server.getLocalPort(), Map.of("expect", "220"), Duration.ofMillis(500));
			assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1500);
			assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
			assertThat(Probes.value(result, "up")).hasValue(0.0);
			assertThat(Probes.value(result, "tcp_connect_time")).isPresent();
		}
	}

	@Test
	void badParametersAreConfigurationErrors() {
		assertThat(check(0, Map.of(), Duration.ofSeconds(1)).outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(this.collector
			.collect(Probes.request(this.type, Map.of("host", "-oProxyCommand=x", "port", 22), Duration.ofSeconds(1)))
			.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
	}

}
