package io.opsguard.monitoring.collect.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.support.MinaSshPeer;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSH collector against a real SSH protocol peer in-process (Apache MINA {@code SshServer}
 * answering the script's sections from fixture files): every metric, fact and inventory of
 * {@code linux-ssh}, password and key sign-in, host key pinning, and each way a collection fails.
 */
class SshCollectorIT {

	static final String USER = "monitor";

	static final String PASSWORD = "s3cret-Pass";

	static KeyPair ecKey;

	static KeyPair rsaKey;

	static MinaSshPeer peer;

	static MinaSshPeer rsaPeer;

	static MonitorType linux;

	final SshCollector collector = new SshCollector();

	@BeforeAll
	static void start() throws Exception {
		KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp256r1"));
		ecKey = ec.generateKeyPair();
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		rsaKey = rsa.generateKeyPair();
		peer = new MinaSshPeer("monitoring/ssh", USER, PASSWORD, ecKey.getPublic());
		rsaPeer = new MinaSshPeer("monitoring/ssh", USER, null, rsaKey.getPublic());
		linux = template("linux-ssh");
	}

	@AfterAll
	static void stop() throws IOException {
		peer.close();
		rsaPeer.close();
	}

	static MonitorType template(String id) throws IOException {
		try (InputStream in = SshCollectorIT.class.getResourceAsStream("/monitoring/templates/" + id + ".yml")) {
			return MonitorTypeParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
		}
	}

	static Map<String, Object> parameters(int port, Object... more) {
		Map<String, Object> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port", port, "username", USER));
		for (int i = 0; i < more.length; i += 2) {
			parameters.put((String) more[i], more[i + 1]);
		}
		return parameters;
	}

	CollectionResult collect(MonitorType type, Map<String, Object> parameters, Duration timeout) {
		try {
			return this.collector.collect(new CollectionRequest(type, parameters, timeout));
		}
		finally {
			try {
				this.collector.destroy();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Test
	void aPasswordSignInReadsEveryMetricFactAndInventoryThroughOneChannel() {
		int before = peer.commands.size();
		CollectionResult result = collect(linux, parameters(peer.port(), "password", PASSWORD, "expectedProcesses",
				List.of("nginx", "missingd", "a-very-long-process-name", "catalina", "cat")), Duration.ofSeconds(10));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(peer.commands.subList(before, peer.commands.size())).containsExactly("/bin/sh -s");
		assertThat(Probes.valueOf(result, "cpu_busy", null)).isEqualTo(123456);
		assertThat(Probes.valueOf(result, "cpu_total", null)).isEqualTo(987654);
		assertThat(Probes.valueOf(result, "cpu_cores", null)).isEqualTo(4);
		assertThat(Probes.valueOf(result, "load1", null)).isEqualTo(0.52);
		assertThat(Probes.valueOf(result, "load15", null)).isEqualTo(0.31);
		assertThat(Probes.valueOf(result, "mem_total", null)).isEqualTo(8254390272d);
		assertThat(Probes.valueOf(result, "mem_used", null)).isEqualTo(3127107584d);
		assertThat(Probes.valueOf(result, "swap_usage", null)).isZero();
		assertThat(Probes.valueOf(result, "fs_usage", "/")).isEqualTo(42.13);
		assertThat(Probes.valueOf(result, "fs_size", "/boot")).isEqualTo(1020702720d);
		assertThat(Probes.valueOf(result, "fs_used", "/data/app files")).isEqualTo(53687091200d);
		assertThat(Probes.valueOf(result, "net_in_bps", "eth0")).as("raw octets: the scheduler rates and scales")
			.isEqualTo(1234567890d);
		assertThat(Probes.valueOf(result, "net_out_errors", "bond0")).isEqualTo(1);
		assertThat(Probes.valueOf(result, "uptime", null)).isEqualTo(864000);
		assertThat(Probes.valueOf(result, "process_count", null)).isEqualTo(9);
		assertThat(Probes.valueOf(result, "process_up", "nginx")).isEqualTo(1);
		assertThat(Probes.valueOf(result, "process_up", "missingd")).isZero();
		assertThat(Probes.valueOf(result, "process_up", "a-very-long-process-name")).as("ps shows 15 characters of a name")
			.isEqualTo(1);
		assertThat(Probes.valueOf(result, "process_up", "catalina")).as("a word of the java process's command line").isEqualTo(1);
		assertThat(Probes.valueOf(result, "process_up", "cat")).as("part of a word is not enough").isZero();
		assertThat(result.values()).noneMatch(v -> v.metric().equals("cpu_usage") || v.metric().equals("mem_usage"));
		assertThat(result.inventories().get("processes")).containsExactly("a-very-long-pro", "nginx", "postgres", "ps",
				"sh", "sshd", "systemd");
		assertThat(result.facts()).containsEntry("os", "Kylin Linux Advanced Server V10 (Lance)")
			.containsEntry("hostname", "web-01")
			.containsEntry("hostKey", peer.hostKeyFingerprint());
	}

	@Test
	void anEncryptedOpenSshKeyWithItsPassphraseSignsIn() throws Exception {
		OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
		encryption.setCipherName("AES");
		encryption.setCipherType("256");
		encryption.setPassword("key-passphrase");
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(ecKey, "test", encryption, text);

		CollectionResult result = collect(linux,
				parameters(peer.port(), "privateKey", text.toString(StandardCharsets.UTF_8), "passphrase", "key-passphrase"),
				Duration.ofSeconds(10));
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);

		CollectionResult wrong = collect(linux,
				parameters(peer.port(), "privateKey", text.toString(StandardCharsets.UTF_8), "passphrase", "nope"),
				Duration.ofSeconds(10));
		assertThat(wrong.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
		assertThat(wrong.detail()).contains("private key cannot be read").doesNotContain("nope");
	}

	@Test
	void aPemKeyPastedWithoutLineBreaksSignsIn() {
		String pem = "-----BEGIN PRIVATE KEY-----\r\n"
				+ Base64.getMimeEncoder(64, "\r\n".getBytes()).encodeToString(rsaKey.getPrivate().getEncoded())
				+ "\r\n-----END PRIVATE KEY-----\r\n";

		CollectionResult result = collect(linux, parameters(rsaPeer.port(), "privateKey", pem), Duration.ofSeconds(10));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.valueOf(result, "process_count", null)).isEqualTo(9);
	}

	@Test
	void aWrongPasswordOrKeyIsAnAuthenticationFailureNamingTheUser() {
		CollectionResult password = collect(linux, parameters(peer.port(), "password", "wrong"), Duration.ofSeconds(10));
		assertThat(password.outcome()).isEqualTo(Outcome.AUTH_FAILED);
		assertThat(password.detail()).contains("password of monitor").doesNotContain("wrong");

		String otherKey = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(rsaKey.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
		CollectionResult key = collect(linux, parameters(peer.port(), "privateKey", otherKey), Duration.ofSeconds(10));
		assertThat(key.outcome()).isEqualTo(Outcome.AUTH_FAILED);
	}

	@Test
	void aPinnedHostKeyIsCheckedBeforeAnyCredentialIsSent() {
		CollectionResult same = collect(linux,
				parameters(peer.port(), "password", PASSWORD, "hostKeyFingerprint", peer.hostKeyFingerprint()),
				Duration.ofSeconds(10));
		assertThat(same.outcome()).as(same.detail()).isEqualTo(Outcome.SUCCESS);

		CollectionResult other = collect(linux,
				parameters(peer.port(), "password", PASSWORD, "hostKeyFingerprint", rsaPeer.hostKeyFingerprint()),
				Duration.ofSeconds(10));
		assertThat(other.outcome()).isEqualTo(Outcome.AUTH_FAILED);
		assertThat(other.detail()).contains(peer.hostKeyFingerprint())
			.contains(rsaPeer.hostKeyFingerprint())
			.contains("no credentials were sent");
	}

	@Test
	void aClosedPortIsRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		long start = System.nanoTime();
		CollectionResult result = collect(linux, parameters(port, "password", PASSWORD), Duration.ofSeconds(10));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.REFUSED);
		assertThat(result.detail()).contains("127.0.0.1:" + port);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aSlowHostTimesOutWithinTheRequestTimeout() throws IOException {
		try (MinaSshPeer slow = new MinaSshPeer("monitoring/ssh", USER, PASSWORD, null)) {
			slow.delayMillis = 5000;
			long start = System.nanoTime();
			CollectionResult result = collect(linux, parameters(slow.port(), "password", PASSWORD),
					Duration.ofMillis(1500));

			assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
			assertThat(result.detail()).contains("did not finish within 1500 ms");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
		}
	}

	@Test
	void outputWithoutSectionsIsABadResponse() throws IOException {
		try (MinaSshPeer odd = new MinaSshPeer("monitoring/ssh", USER, PASSWORD, null)) {
			odd.garbage = "This account is restricted.\n";
			CollectionResult result = collect(linux, parameters(odd.port(), "password", PASSWORD), Duration.ofSeconds(10));

			assertThat(result.outcome()).isEqualTo(Outcome.BAD_RESPONSE);
			assertThat(result.detail()).contains("printed no sections");
		}
	}

	@Test
	void aFailingCommandOrUnreadableValueMakesThePartialOutcomeNameIt() {
		MonitorType type = MonitorTypeParser.parse("""
				id: partial-ssh
				name: partial
				category: host
				protocol: ssh
				collect:
				  sections:
				    - {name: load, format: keyValue, command: cat /proc/loadavg}
				    - {name: missing, format: keyValue, command: not-installed}
				    - {name: system, format: keyValue, command: uname -a}
				metrics:
				  - {name: load1, label: l, source: {section: load, field: load1}}
				  - {name: other, label: o, source: {section: missing, field: x}}
				  - {name: kernel, label: k, source: {section: system, field: kernel}}
				""", false);

		CollectionResult result = collect(type, parameters(peer.port(), "password", PASSWORD), Duration.ofSeconds(10));

		assertThat(result.outcome()).isEqualTo(Outcome.PARTIAL);
		assertThat(result.values()).extracting(CollectedValue::metric).containsExactly("load1");
		assertThat(result.detail()).contains("section missing: exit status 127")
			.contains("system.kernel: not a number \"4.19.90-52.22.v2207.ky10.x86_64\"");
	}

}
