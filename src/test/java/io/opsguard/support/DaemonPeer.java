package io.opsguard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Debian daemon run as a peer: its configuration files written into a temporary directory, started
 * on a free loopback port with its log in that directory, ready once {@code GET readyPath} answers
 * 200. {@link #close()} stops it and deletes the directory; a shutdown hook does the same if the JVM
 * ends first (a benchmark interrupted, a failing run), so that no daemon outlives its run. The base
 * of {@link PrometheusPeer} and {@link AlertmanagerPeer}.
 */
public class DaemonPeer implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path dir;

	private final URI url;

	private final Thread shutdownHook;

	private final HttpClient http = HttpClient.newBuilder()
		.proxy(HttpClient.Builder.NO_PROXY)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/**
	 * Starts the daemon and waits until it is ready (at most 30 s).
	 *
	 * @param name its name in messages
	 * @param binary its program
	 * @param files configuration files by name, written into the directory before the start
	 * @param arguments its arguments given the directory and the port
	 * @param readyPath the path that answers 200 once it is ready
	 */
	protected DaemonPeer(String name, Path binary, Map<String, String> files, Function<Start, List<String>> arguments,
			String readyPath) {
		this.name = name;
		try {
			this.dir = Files.createTempDirectory("opsguard-" + name + "-");
			for (Map.Entry<String, String> file : files.entrySet()) {
				Files.writeString(this.dir.resolve(file.getKey()), file.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int port = SystemPeers.freePort();
		this.url = URI.create("http://127.0.0.1:" + port);
		List<String> command = new ArrayList<>();
		command.add(binary.toString());
		command.addAll(arguments.apply(new Start(this.dir, port)));
		try {
			this.process = new ProcessBuilder(command).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(this.dir.resolve(name + ".log").toFile())
				.start();
		}
		catch (IOException ex) {
			SystemPeers.deleteQuietly(this.dir);
			throw new UncheckedIOException("Cannot start " + binary, ex);
		}
		this.shutdownHook = new Thread(() -> SystemPeers.stop(this.process, this.dir), name + "-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		awaitReady(readyPath);
	}

	/** Where and on which port the daemon starts. */
	public record Start(Path dir, int port) {

		public String listenAddress() {
			return "127.0.0.1:" + this.port;
		}

	}

	public URI url() {
		return this.url;
	}

	public Path dir() {
		return this.dir;
	}

	/** Its log so far (stdout and stderr), empty when unreadable. */
	public String log() {
		try {
			return Files.readString(this.dir.resolve(this.name + ".log"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	public boolean alive() {
		return this.process.isAlive();
	}

	/** GETs a path and answers the body of a 2xx response; throws otherwise. */
	public String get(String path) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(this.url.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(this.name + " " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void awaitReady(String readyPath) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				String output = log();
				close();
				throw new IllegalStateException(this.name + " ended at start with " + this.process.exitValue() + ": " + output);
			}
			try {
				get(readyPath);
				return;
			}
			catch (RuntimeException notYet) {
				// not listening or not ready yet
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		String output = log();
		close();
		throw new IllegalStateException(this.name + " was not ready within 30 s: " + output);
	}

	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException shuttingDown) {
			// the hook runs anyway
		}
		SystemPeers.stop(this.process, this.dir);
	}

}
