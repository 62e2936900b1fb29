package io.opsguard.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Debian {@code prometheus-node-exporter}, started on a free loopback port and stopped on
 * {@link #close()}; skipped when it is not installed unless {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true}.
 */
public final class NodeExporterPeer implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private NodeExporterPeer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts one and waits until it serves /metrics (at most 15 s). */
	public static NodeExporterPeer start() throws IOException, InterruptedException {
		Path program = SystemPeers.program("prometheus-node-exporter", "/usr/bin/prometheus-node-exporter",
				"/usr/local/bin/node_exporter");
		int port = SystemPeers.freePort();
		Path log = Files.createTempFile("node-exporter", ".log");
		Process process = new ProcessBuilder(List.of(program.toString(), "--web.listen-address=127.0.0.1:" + port))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		NodeExporterPeer peer = new NodeExporterPeer(process, port, log);
		HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				String output = Files.readString(log);
				peer.close();
				throw new IllegalStateException("prometheus-node-exporter ended at once: " + output);
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create(peer.url())).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return peer;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		peer.close();
		throw new IllegalStateException("prometheus-node-exporter did not serve /metrics within 15 s");
	}

	public int port() {
		return this.port;
	}

	/** Its metrics' URL. */
	public String url() {
		return "http://127.0.0.1:" + this.port + "/metrics";
	}

	@Override
	public void close() {
		SystemPeers.stop(this.process, this.log);
	}

}
