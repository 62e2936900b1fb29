package io.opsguard.monitoring.collect.icmp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.support.SystemPeers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ICMP through the real system ping, and the TCP connect probe where ping cannot run. */
class IcmpCollectorIT {

	private final MonitorType type = Probes.template("icmp-ping");

	private static IcmpCollector withSystemPing() {
		Path ping = SystemPeers.program("ping (iputils-ping)", "/usr/bin/ping", "/bin/ping");
		return new IcmpCollector(ping.toString());
	}

	@Test
	void pingsTheLoopbackForReal() {
		CollectionResult result = withSystemPing()
			.collect(Probes.request(this.type, Map.of("host", "127.0.0.1", "count", 3), Duration.ofSeconds(5)));
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(result.facts()).containsEntry("method", "icmp");
		assertThat(Probes.value(result, "up")).hasValue(1.0);
		assertThat(Probes.value(result, "ping_loss")).hasValue(0.0);
		assertThat(Probes.value(result, "ping_rtt_avg").orElseThrow()).isPositive().isLessThan(100);
		assertThat(Probes.value(result, "ping_rtt_min").orElseThrow())
			.isLessThanOrEqualTo(Probes.value(result, "ping_rtt_max").orElseThrow());
	}

	@Test
	void pingsTheIpv6LoopbackWithTheIpv6Option() throws IOException {
		Assumptions.assumeTrue(java.net.NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) != null,
				"this machine has no IPv6 loopback");
		CollectionResult result = withSystemPing()
			.collect(Probes.request(this.type, Map.of("host", "[::1]", "count", 2), Duration.ofSeconds(5)));
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(result, "ping_loss")).hasValue(0.0);
	}

	/**
	 * A documentation address (TEST-NET, RFC 5737) answers no ping. On some networks one of them is
	 * in use (here 192.0.2.1 can be the gateway), so the first that does not answer is taken.
	 */
	@Test
	void anAddressThatAnswersNoPingIsUnreachableWithinTheTimeout() {
		IcmpCollector collector = withSystemPing();
		for (String address : List.of("192.0.2.1", "198.51.100.7", "203.0.113.9")) {
			long started = System.nanoTime();
			CollectionResult result = collector
				.collect(Probes.request(this.type, Map.of("host", address, "count", 2), Duration.ofSeconds(2)));
			long millis = (System.nanoTime() - started) / 1_000_000;
			if (result.outcome() == Outcome.SUCCESS) {
				continue;
			}
			assertThat(millis).isLessThan(3000);
			assertThat(result.outcome()).as(result.detail()).isIn(Outcome.UNREACHABLE, Outcome.TIMEOUT);
			if (result.outcome() == Outcome.UNREACHABLE) {
				assertThat(result.detail()).contains(address);
				assertThat(Probes.value(result, "ping_loss")).hasValue(100.0);
				assertThat(Probes.value(result, "up")).hasValue(0.0);
			}
			return;
		}
		Assumptions.abort("every TEST-NET address answers ping on this network");
	}

	@Test
	void anUnknownHostIsUnreachable() {
		CollectionResult result = withSystemPing()
			.collect(Probes.request(this.type, Map.of("host", "no-such-host.invalid"), Duration.ofSeconds(3)));
		assertThat(result.outcome()).isEqualTo(Outcome.UNREACHABLE);
		assertThat(result.detail()).contains("no-such-host.invalid");
	}

	@Test
	void withoutPingAnAcceptedOrRefusedTcpConnectionProvesTheHostUp() throws IOException {
		IcmpCollector collector = new IcmpCollector("/nonexistent/ping");
		try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			CollectionResult accepted = collector.collect(Probes.request(this.type,
					Map.of("host", "127.0.0.1", "ports", List.of(Integer.toString(server.getLocalPort()))),
					Duration.ofSeconds(3)));
			assertThat(accepted.outcome()).as(accepted.detail()).isEqualTo(Outcome.SUCCESS);
			assertThat(accepted.facts()).containsEntry("method", "tcp")
				.containsEntry("port", Integer.toString(server.getLocalPort()))
				.containsKey("fallbackReason");
			assertThat(Probes.value(accepted, "up")).hasValue(1.0);
			assertThat(Probes.value(accepted, "ping_loss")).hasValue(0.0);
			assertThat(Probes.value(accepted, "ping_rtt_avg")).isPresent();
		}
		int closed = SystemPeers.freePort();
		CollectionResult refused = collector.collect(Probes.request(this.type,
				Map.of("host", "127.0.0.1", "ports", List.of(Integer.toString(closed))), Duration.ofSeconds(3)));
		assertThat(refused.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(refused, "up")).hasValue(1.0);
	}

	@Test
	void theTcpMethodIsUsedWhenAsked() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			CollectionResult result = withSystemPing().collect(Probes.request(this.type, Map.of("host", "127.0.0.1",
					"method", "tcp", "ports", List.of("1, " + server.getLocalPort())), Duration.ofSeconds(3)));
			assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
			assertThat(result.facts()).containsEntry("method", "tcp").doesNotContainKey("fallbackReason");
		}
	}

	@Test
	void onlyIpLiteralsAndHostNamesReachTheCommandLine() {
		IcmpCollector collector = new IcmpCollector("/usr/bin/ping");
		for (String host : List.of("-c 1000 127.0.0.1", "-f", "127.0.0.1;id", "$(reboot)", "")) {
			CollectionResult result = collector
				.collect(Probes.request(this.type, Map.of("host", host), Duration.ofSeconds(1)));
			assertThat(result.outcome()).as(host).isEqualTo(Outcome.CONFIG_ERROR);
		}
		assertThat(collector
			.collect(Probes.request(this.type, Map.of("host", "127.0.0.1", "count", 0), Duration.ofSeconds(1)))
			.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(collector.collect(Probes.request(this.type, Map.of("host", "127.0.0.1", "ports", List.of("http")),
				Duration.ofSeconds(1))).outcome()).isEqualTo(Outcome.CONFIG_ERROR);
	}

	@Test
	void pingsAreParsedInTheCLocale() {
		PingOutput output = PingOutput.parse("""
				PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.
				From 10.0.0.254 icmp_seq=1 Destination Host Unreachable

				--- 10.0.0.1 ping statistics ---
				4 packets transmitted, 1 received, +1 errors, 75% packet loss, time 3004ms
				rtt min/avg/max/mdev = 1.204/1.204/1.204/0.000 ms
				""");
		assertThat(output.transmitted()).isEqualTo(4);
		assertThat(output.received()).isEqualTo(1);
		assertThat(output.lossPercent()).isEqualTo(75.0);
		assertThat(output.rttAvg()).isEqualTo(1.204);
		assertThat(output.error()).startsWith("From 10.0.0.254");
		assertThat(PingOutput.parse("ping: socket: Operation not permitted\n").notPermitted()).isTrue();
		assertThat(PingOutput.parse("ping: x.invalid: Name or service not known\n").unknownHost()).isTrue();
	}

}
