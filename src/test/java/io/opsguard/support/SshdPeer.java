package io.opsguard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH server ({@code /usr/sbin/sshd}) started by a test on a free loopback port from a
 * temporary directory: a generated Ed25519 host key, a generated client key (OpenSSH format,
 * Ed25519) authorized for the current user (root in CI: {@code PermitRootLogin prohibit-password}),
 * no PAM, no passwords. Skipped when sshd or ssh-keygen is missing, unless
 * {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true}, then failed. Stopped (and its directory removed) by
 * {@link #close()}.
 */
public final class SshdPeer implements AutoCloseable {

	static final Path SSHD = Path.of("/usr/sbin/sshd");

	static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

	private final Path directory;

	private final Process process;

	private final int port;

	private SshdPeer(Path directory, Process process, int port) {
		this.directory = directory;
		this.process = process;
		this.port = port;
	}

	/** Skips the calling test (or fails it in CI) when OpenSSH is not installed. */
	public static void assumeInstalled() {
		SystemPeers.program("openssh-server", SSHD.toString());
		SystemPeers.program("openssh-client's ssh-keygen", SSH_KEYGEN.toString());
	}

	/** Starts sshd and waits until it accepts connections. */
	public static SshdPeer start() {
		assumeInstalled();
		Path directory = null;
		try {
			directory = Files.createTempDirectory("opsguard-sshd");
			keygen(directory.resolve("host_key"));
			keygen(directory.resolve("client_key"));
			Files.copy(directory.resolve("client_key.pub"), directory.resolve("authorized_keys"));
			int port = freePort();
			Files.writeString(directory.resolve("sshd_config"), String.join("\n",
					"Port " + port,
					"ListenAddress 127.0.0.1",
					"HostKey " + directory.resolve("host_key"),
					"AuthorizedKeysFile " + directory.resolve("authorized_keys"),
					"PidFile " + directory.resolve("sshd.pid"),
					"UsePAM no",
					"StrictModes no",
					"PasswordAuthentication no",
					"KbdInteractiveAuthentication no",
					"PermitRootLogin prohibit-password",
					"LogLevel VERBOSE", ""));
			if (isRoot()) {
				// sshd running as root chroots its pre-authentication child into this (empty) directory
				Files.createDirectories(Path.of("/run/sshd"));
			}
			Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f",
					directory.resolve("sshd_config").toString())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("sshd.log").toFile())
				.start();
			SshdPeer peer = new SshdPeer(directory, process, port);
			peer.awaitListening();
			return peer;
		}
		catch (IOException ex) {
			SystemPeers.deleteQuietly(directory);
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void keygen(Path key) throws IOException {
		run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "opsguard-test", "-f", key.toString());
	}

	private static String run(String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void awaitListening() throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				String log = log();
				close();
				throw new IllegalStateException("sshd ended at start: " + log);
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException notYet) {
				sleep();
			}
		}
		String log = log();
		close();
		throw new IllegalStateException("sshd did not listen within 15 s: " + log);
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public int port() {
		return this.port;
	}

	/** The user the client key is authorized for: whoever runs the test. */
	public String user() {
		return System.getProperty("user.name");
	}

	/** The authorized client key, OpenSSH format. */
	public String clientKey() {
		return read(this.directory.resolve("client_key"));
	}

	/** The host key's fingerprint as {@code ssh-keygen -lf} prints it ({@code SHA256:…}). */
	public String hostKeyFingerprint() {
		try {
			String line = run(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f",
					this.directory.resolve("host_key.pub").toString());
			return line.split("\\s+")[1];
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What sshd logged so far (for assertion messages). */
	public String log() {
		Path log = this.directory.resolve("sshd.log");
		return Files.exists(log) ? read(log) : "";
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		SystemPeers.stop(this.process, this.directory);
	}

}
