package io.opsguard.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code prometheus-alertmanager} ({@code /usr/bin/prometheus-alertmanager}) on a free
 * loopback port, alone (its cluster listener off), with a temporary storage path, started from a
 * given {@code alertmanager.yml}. Missing binary: the test is skipped, unless
 * {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true}, then it fails ({@link #installed()} lets a benchmark
 * look first). {@link #close()} stops it and removes its directory; so does a shutdown hook.
 */
public final class AlertmanagerPeer extends DaemonPeer {

	public static final Path BINARY = Path.of(System.getProperty("opsguard.alertmanager", "/usr/bin/prometheus-alertmanager"));

	private AlertmanagerPeer(String config) {
		super("alertmanager", BINARY, Map.of("alertmanager.yml", config),
				start -> List.of("--config.file=" + start.dir().resolve("alertmanager.yml"),
						"--storage.path=" + start.dir().resolve("data"), "--web.listen-address=" + start.listenAddress(),
						"--cluster.listen-address=",
						"--log.level=" + System.getProperty("opsguard.alertmanager.log-level", "warn")),
				"/-/ready");
	}

	public static boolean installed() {
		return Files.isExecutable(BINARY);
	}

	/** Starts Alertmanager with this {@code alertmanager.yml} and waits until it is ready. */
	public static AlertmanagerPeer start(String config) {
		SystemPeers.program("prometheus-alertmanager", BINARY.toString());
		return new AlertmanagerPeer(config);
	}

	/** Its address for Prometheus' {@code alertmanagers} targets ({@code 127.0.0.1:port}). */
	public String target() {
		return url().getHost() + ":" + url().getPort();
	}

}
