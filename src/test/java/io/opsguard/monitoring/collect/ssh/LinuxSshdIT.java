package io.opsguard.monitoring.collect.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.support.SshdPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code linux-ssh} collected for real from Debian's OpenSSH server on this machine, signed in with
 * an Ed25519 key in OpenSSH format: the template's commands run on a real Linux through a real
 * {@code sshd}.
 */
class LinuxSshdIT {

	static SshdPeer sshd;

	static MonitorType linux;

	final SshCollector collector = new SshCollector();

	@BeforeAll
	static void start() throws IOException {
		sshd = SshdPeer.start();
		linux = SshCollectorIT.template("linux-ssh");
	}

	@AfterAll
	static void stop() {
		if (sshd != null) {
			sshd.close();
		}
	}

	CollectionResult collect(Map<String, Object> parameters) {
		try {
			return this.collector.collect(new CollectionRequest(linux, parameters, Duration.ofSeconds(15)));
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

	Map<String, Object> parameters(Object... more) {
		Map<String, Object> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port", sshd.port(), "username",
				sshd.user(), "privateKey", sshd.clientKey()));
		for (int i = 0; i < more.length; i += 2) {
			parameters.put((String) more[i], more[i + 1]);
		}
		return parameters;
	}

	@Test
	void aRealLinuxAnswersTheTemplate() throws IOException {
		Process sleeper = new ProcessBuilder("sleep", "271.828").start();
		CollectionResult result;
		try {
			result = collect(parameters("expectedProcesses", List.of("sshd", "no-such-daemon", "271.828"),
					"hostKeyFingerprint", sshd.hostKeyFingerprint()));
		}
		finally {
			sleeper.destroy();
		}

		assertThat(result.outcome()).as(result.detail() + "\n" + sshd.log()).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.valueOf(result, "cpu_total", null)).isGreaterThan(Probes.valueOf(result, "cpu_busy", null));
		assertThat(Probes.valueOf(result, "cpu_cores", null)).isEqualTo(Runtime.getRuntime().availableProcessors(),
				org.assertj.core.data.Offset.offset(64d));
		assertThat(Probes.valueOf(result, "mem_total", null)).isGreaterThan(Probes.valueOf(result, "mem_used", null)).isPositive();
		assertThat(Probes.valueOf(result, "load1", null)).isNotNegative();
		assertThat(Probes.valueOf(result, "uptime", null)).isPositive();
		assertThat(Probes.valueOf(result, "process_count", null)).isGreaterThan(2);
		assertThat(Probes.valueOf(result, "process_up", "sshd")).isEqualTo(1);
		assertThat(Probes.valueOf(result, "process_up", "no-such-daemon")).isZero();
		assertThat(Probes.valueOf(result, "process_up", "271.828")).as("a word of sleep's command line")
			.isEqualTo(1);
		assertThat(result.values()).filteredOn(v -> v.metric().equals("fs_usage"))
			.allMatch(v -> v.value() >= 0 && v.value() <= 100 && v.instance().startsWith("/"));
		assertThat(result.values()).filteredOn(v -> v.metric().equals("net_in_bps"))
			.extracting(CollectedValue::instance)
			.doesNotContain("lo");
		assertThat(result.inventories().get("processes")).contains("sshd")
			.noneMatch(name -> name.startsWith("kthreadd") || name.startsWith("kworker"));
		assertThat(result.facts()).containsEntry("kernel", System.getProperty("os.version"))
			.containsEntry("hostKey", sshd.hostKeyFingerprint())
			.containsKey("hostname");
	}

	@Test
	void aKeyTheServerDoesNotKnowIsRefused() throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String other = "-----BEGIN PRIVATE KEY-----\n"
				+ java.util.Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";

		CollectionResult result = collect(parameters("privateKey", other));

		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.AUTH_FAILED);
	}

}
