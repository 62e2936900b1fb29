package io.opsguard.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP receiver standing in for robots and gateways, and a free loopback port (used by the
 * alerting tests too).
 */
public final class NotifyTestSupport {

	private NotifyTestSupport() {
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One request as the receiver saw it. */
	public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	/** An HTTP server on a free loopback port that records every request and answers by path. */
	public static final class Receiver implements AutoCloseable {

		public final List<Received> received = new CopyOnWriteArrayList<>();

		private final HttpServer server;

		public Receiver(Function<Received, Answer> answers) throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
			this.server.createContext("/", exchange -> {
				String body;
				try (InputStream in = exchange.getRequestBody()) {
					body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
				Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
						exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
				this.received.add(request);
				Answer answer = answers.apply(request);
				byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
				exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
				if (bytes.length > 0) {
					exchange.getResponseBody().write(bytes);
				}
				exchange.close();
			});
			this.server.start();
		}

		public String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		public List<Received> at(String path) {
			return this.received.stream().filter(r -> r.path().equals(path)).toList();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

	public record Answer(int status, String body) {
	}

}
