package io.opsguard.monitoring.collect.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.Probes;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script the SSH collector sends and how its output is read, without SSH: framing that a
 * command cannot forge, key-value and process-name rules, and {@code linux-ssh}'s commands run by
 * this machine's {@code /bin/sh}.
 */
class ShellScriptTests {

	@Test
	void aSectionIsOnlyWhatLiesBetweenMarkersWithThisCollectionsNonce() {
		String output = """
				@@og-abc begin load
				load1 0.5
				@@og-fake begin system
				@@og-abc end load 0
				@@og-abc begin system
				kernel 6.1

				@@og-abc end system 2
				@@og-abc begin cut
				half
				""";

		Map<String, ShellScript.Output> sections = ShellScript.parse(output, "abc");

		assertThat(sections).containsOnlyKeys("load", "system");
		assertThat(sections.get("load").lines()).containsExactly("load1 0.5", "@@og-fake begin system");
		assertThat(sections.get("system").lines()).containsExactly("kernel 6.1");
		assertThat(sections.get("system").exitStatus()).isEqualTo(2);
	}

	@Test
	void keyValueLinesDropColonsEqualsSignsAndQuotes() {
		assertThat(ShellReadout.pairs(List.of("MemTotal:  16318400 kB", "PRETTY_NAME=\"Kylin V10\"", "load1 0.25",
				"os 'UOS 20'", "lonely")))
			.containsEntry("MemTotal", "16318400 kB")
			.containsEntry("PRETTY_NAME", "Kylin V10")
			.containsEntry("load1", "0.25")
			.containsEntry("os", "UOS 20")
			.containsEntry("lonely", "");
	}

	@Test
	void aProcessNameCutByTheKernelStillMatches() {
		assertThat(ShellReadout.sameProcess("nginx", "nginx")).isTrue();
		assertThat(ShellReadout.sameProcess("elasticsearch-s", "elasticsearch-server")).isTrue();
		assertThat(ShellReadout.sameProcess("elastic", "elasticsearch")).isFalse();
		assertThat(ShellReadout.sameProcess("nginx", "ngin")).isFalse();
	}

	@Test
	void theLinuxTemplatesCommandsRunOnThisMachinesShell() throws Exception {
		MonitorType linux = SshCollectorIT.template("linux-ssh");
		Map<String, ShellSection> sections = ShellSection.read(linux, new TemplateProblems());
		String script = ShellScript.build(sections.values(), "0123abcd");
		Process shell = new ProcessBuilder("/bin/sh", "-s").start();
		shell.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
		shell.getOutputStream().close();
		String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String errors = new String(shell.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(shell.waitFor(20, TimeUnit.SECONDS)).isTrue();

		CollectionResult result = new ShellReadout(sections, ShellScript.parse(output, "0123abcd"))
			.read(new CollectionRequest(linux, Map.of("expectedProcesses", List.of("java")), Duration.ofSeconds(10)));

		assertThat(result.outcome()).as(result.detail() + " " + errors).isEqualTo(Outcome.SUCCESS);
		assertThat(Probes.valueOf(result, "process_up", "java")).isEqualTo(1);
		assertThat(Probes.valueOf(result, "mem_total", null)).isPositive();
		assertThat(result.facts()).containsEntry("kernel", System.getProperty("os.version"));
	}

	@Test
	void aKeyPastedIntoAFormGetsItsLinesBack() throws IOException {
		assertThat(SshCollector.normalizeKey("  -----BEGIN KEY-----\r\n\r\nabc\r\n  def  \n-----END KEY-----  "))
			.isEqualTo("-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----\n");
	}

}
