package io.opsguard.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian programs that tests run as real peers (ping, prometheus-node-exporter, …): a test whose
 * program is missing is skipped, unless {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true} (CI), where it fails.
 */
public final class SystemPeers {

	private SystemPeers() {
	}

	/** Whether a missing program must fail the test rather than skip it. */
	public static boolean required() {
		return "true".equalsIgnoreCase(System.getenv("OPSGUARD_REQUIRE_SYSTEM_PEERS"));
	}

	/** The first of the paths that is an executable program; skips or fails the test when none is. */
	public static Path program(String name, String... paths) {
		for (String path : paths) {
			if (Files.isExecutable(Path.of(path))) {
				return Path.of(path);
			}
		}
		String message = name + " is not installed (looked at " + String.join(", ", paths) + ")";
		if (required()) {
			throw new IllegalStateException("OPSGUARD_REQUIRE_SYSTEM_PEERS is set but " + message);
		}
		Assumptions.abort(message);
		return null;
	}

	/** A loopback port that was free a moment ago. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
