package io.opsguard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import org.springframework.util.FileSystemUtils;

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

	/**
	 * Stops a peer: its process politely, forcibly after 10 s; then deletes what it left (its
	 * temporary directory, its log), quietly.
	 */
	public static void stop(Process process, Path... leftovers) {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		for (Path leftover : leftovers) {
			deleteQuietly(leftover);
		}
	}

	/** Deletes a peer's temporary file or directory with everything in it; null or missing is fine. */
	public static void deleteQuietly(Path path) {
		try {
			if (path != null) {
				FileSystemUtils.deleteRecursively(path);
			}
		}
		catch (IOException ex) {
			// a temporary file left behind
		}
	}

	/** The bytes of the regular files in a directory and below it. */
	public static long directoryBytes(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> {
				try {
					return Files.size(file);
				}
				catch (IOException ex) {
					return 0;
				}
			}).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
