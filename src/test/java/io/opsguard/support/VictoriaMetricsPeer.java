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

/**
 * Debian's {@code victoria-metrics} ({@code /usr/bin/victoria-metrics}) on a free loopback port with
 * a temporary {@code -storageDataPath}, as the VictoriaMetrics store expects it
 * ({@code -dedup.minScrapeInterval=1ms}). Missing binary: the test is skipped, unless
 * {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true}, then it fails. {@link #close()} stops the process
 * and removes its data, also when the test failed.
 */
public final class VictoriaMetricsPeer implements AutoCloseable {

	public static final Path BINARY = Path.of(System.getProperty("opsguard.victoria-metrics", "/usr/bin/victoria-metrics"));

	private final Process process;

	private final Path dataDir;

	private final URI url;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private VictoriaMetricsPeer(Process process, Path dataDir, URI url) {
		this.process = process;
		this.dataDir = dataDir;
		this.url = url;
	}

	/** Starts VictoriaMetrics and waits until it answers {@code /health}. */
	public static VictoriaMetricsPeer start(String... moreFlags) {
		SystemPeers.program("victoria-metrics", BINARY.toString());
		Path dataDir;
		try {
			dataDir = Files.createTempDirectory("opsguard-vm-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int port = SystemPeers.freePort();
		List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-httpListenAddr=127.0.0.1:" + port,
				"-storageDataPath=" + dataDir, "-retentionPeriod=1y", "-dedup.minScrapeInterval=1ms",
				"-loggerLevel=ERROR", "-search.disableCache"));
		command.addAll(List.of(moreFlags));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + BINARY, ex);
		}
		VictoriaMetricsPeer peer = new VictoriaMetricsPeer(process, dataDir, URI.create("http://127.0.0.1:" + port));
		peer.awaitHealthy();
		return peer;
	}

	public URI url() {
		return this.url;
	}

	public Path dataDir() {
		return this.dataDir;
	}

	/** Makes every acknowledged sample searchable ({@code /internal/force_flush}). */
	public void forceFlush() {
		get("/internal/force_flush");
	}

	/** The bytes VictoriaMetrics' data directory takes on disk. */
	public long diskBytes() {
		return SystemPeers.directoryBytes(this.dataDir);
	}

	public String get(String path) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(this.url.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
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

	private void awaitHealthy() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				close();
				throw new IllegalStateException("victoria-metrics ended at start with " + this.process.exitValue());
			}
			try {
				if ("OK".equals(get("/health").strip())) {
					return;
				}
			}
			catch (RuntimeException notYet) {
				// not listening yet
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		close();
		throw new IllegalStateException("victoria-metrics did not answer /health within 20 s");
	}

	@Override
	public void close() {
		SystemPeers.stop(this.process, this.dataDir, this.dataDir.resolveSibling(this.dataDir.getFileName() + ".log"));
	}

}
