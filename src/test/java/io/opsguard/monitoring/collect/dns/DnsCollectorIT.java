package io.opsguard.monitoring.collect.dns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** DNS lookups against a tiny real DNS server over UDP that answers A records, and one that never answers. */
class DnsCollectorIT {

	private static final Map<String, List<String>> ZONE = Map.of("www.example.gov.cn",
			List.of("10.1.2.3", "10.1.2.4"), "mail.example.gov.cn", List.of("10.1.2.25"));

	private final MonitorType type = Probes.template("dns-lookup");

	private final DnsCollector collector = new DnsCollector();

	private TinyDnsServer server;

	@BeforeEach
	void start() throws SocketException {
		this.server = new TinyDnsServer(true);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private CollectionResult lookup(int port, Map<String, Object> more, Duration timeout) {
		Map<String, Object> parameters = new HashMap<>(more);
		parameters.put("server", "127.0.0.1");
		parameters.put("port", port);
		return this.collector.collect(Probes.request(this.type, parameters, timeout));
	}

	@Test
	void resolvesARecordsAtTheGivenServer() {
		CollectionResult result = lookup(this.server.port(), Map.of("name", "www.example.gov.cn"), Duration.ofSeconds(2));
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(result, "up")).hasValue(1.0);
		assertThat(Probes.value(result, "dns_answers")).hasValue(2.0);
		assertThat(Probes.value(result, "dns_lookup_time").orElseThrow()).isPositive().isLessThan(2000);
		assertThat(result.inventories().get("answers")).containsExactlyInAnyOrder("10.1.2.3", "10.1.2.4");
	}

	@Test
	void comparesTheAnswersWithTheExpectedOne() {
		CollectionResult found = lookup(this.server.port(), Map.of("name", "www.example.gov.cn", "expected", "10.1.2.4"),
				Duration.ofSeconds(2));
		assertThat(Probes.value(found, "up")).hasValue(1.0);
		CollectionResult hijacked = lookup(this.server.port(),
				Map.of("name", "www.example.gov.cn", "expected", "10.9.9.9"), Duration.ofSeconds(2));
		assertThat(hijacked.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(hijacked, "up")).hasValue(0.0);
		assertThat(hijacked.detail()).contains("10.9.9.9").contains("10.1.2.3");
	}

	@Test
	void anUnknownNameIsAnAnswerButDown() {
		CollectionResult result = lookup(this.server.port(), Map.of("name", "nope.example.gov.cn"), Duration.ofSeconds(2));
		assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(result.detail()).contains("NXDOMAIN");
		assertThat(Probes.value(result, "up")).hasValue(0.0);
		assertThat(Probes.value(result, "dns_answers")).hasValue(0.0);
	}

	@Test
	void aNameWithoutRecordsOfTheTypeIsDown() {
		CollectionResult result = lookup(this.server.port(), Map.of("name", "www.example.gov.cn", "recordType", "MX"),
				Duration.ofSeconds(2));
		assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.value(result, "up")).hasValue(0.0);
		assertThat(result.detail()).contains("no MX record");
	}

	@Test
	void aServerThatNeverAnswersTimesOutWithinTheTimeout() throws SocketException {
		try (TinyDnsServer silent = new TinyDnsServer(false)) {
			long started = System.nanoTime();
			CollectionResult result = lookup(silent.port(), Map.of("name", "www.example.gov.cn"), Duration.ofMillis(800));
			assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2500);
			assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.TIMEOUT);
			assertThat(Probes.value(result, "up")).hasValue(0.0);
		}
	}

	@Test
	void badParametersAreConfigurationErrors() {
		assertThat(lookup(this.server.port(), Map.of("name", "bad name"), Duration.ofSeconds(1)).outcome())
			.isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(lookup(this.server.port(), Map.of("name", "a.cn", "recordType", "AXFR"), Duration.ofSeconds(1))
			.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(this.collector
			.collect(Probes.request(this.type, Map.of("name", "a.cn", "server", "-x"), Duration.ofSeconds(1)))
			.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
	}

	@Test
	void matchesAnswersLikeAPerson() {
		assertThat(DnsCollector.matches("10 mail.example.gov.cn.", "mail.example.gov.cn")).isTrue();
		assertThat(DnsCollector.matches("\"v=spf1 -all\"", "v=spf1 -all")).isTrue();
		assertThat(DnsCollector.matches("WWW.Example.gov.cn.", "www.example.gov.cn")).isTrue();
		assertThat(DnsCollector.matches("10.1.2.3", "10.1.2.30")).isFalse();
	}

	/** A DNS server on a loopback UDP port: A records of {@link #ZONE}, NXDOMAIN for other names; or silent. */
	static final class TinyDnsServer implements AutoCloseable {

		private final DatagramSocket socket;

		private final Thread thread;

		TinyDnsServer(boolean answering) throws SocketException {
			this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			this.thread = new Thread(() -> serve(answering), "tiny-dns");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void serve(boolean answering) {
			byte[] buffer = new byte[512];
			while (!this.socket.isClosed()) {
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				try {
					this.socket.receive(packet);
					if (answering) {
						byte[] answer = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
						this.socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
					}
				}
				catch (IOException | RuntimeException ex) {
					// closed, or a query it cannot read
				}
			}
		}

		private static byte[] answer(ByteBuffer query) {
			int id = query.getShort() & 0xffff;
			int flags = query.getShort() & 0xffff;
			query.position(12);
			StringBuilder name = new StringBuilder();
			int length;
			while ((length = query.get() & 0xff) != 0) {
				byte[] label = new byte[length];
				query.get(label);
				name.append(name.length() == 0 ? "" : ".").append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
			}
			int qtype = query.getShort() & 0xffff;
			query.getShort();
			int questionEnd = query.position();
			List<String> addresses = ZONE.get(name.toString().toLowerCase(Locale.ROOT));
			int rcode = addresses == null ? 3 : 0;
			List<String> answers = addresses != null && qtype == 1 ? addresses : List.of();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteBuffer header = ByteBuffer.allocate(12);
			header.putShort((short) id);
			header.putShort((short) (0x8000 | 0x0400 | (flags & 0x0100) | 0x0080 | rcode));
			header.putShort((short) 1).putShort((short) answers.size()).putShort((short) 0).putShort((short) 0);
			out.writeBytes(header.array());
			out.write(query.array(), query.arrayOffset() + 12, questionEnd - 12);
			for (String address : answers) {
				ByteBuffer record = ByteBuffer.allocate(16);
				record.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4);
				for (String part : address.split("\\.")) {
					record.put((byte) Integer.parseInt(part));
				}
				out.writeBytes(record.array());
			}
			return out.toByteArray();
		}

		@Override
		public void close() {
			this.socket.close();
		}

	}

}
