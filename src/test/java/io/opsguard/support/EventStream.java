package io.opsguard.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live event stream ({@code /api/v1/notifications/stream}) opened as a browser's EventSource
 * does: a signed-in session cookie and {@code Accept: text/event-stream}; events are read on a
 * thread of their own and taken by name.
 */
public final class EventStream implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpResponse<java.util.stream.Stream<String>> response;

	private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();

	private EventStream(HttpResponse<java.util.stream.Stream<String>> response) {
		this.response = response;
	}

	/** Signs in as the user and opens the stream. */
	public static EventStream open(int port, String username, String password) throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String base = "http://localhost:" + port;
		http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/session")).build(), HttpResponse.BodyHandlers.discarding());
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		HttpResponse<java.util.stream.Stream<String>> answer = http
			.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/notifications/stream"))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofLines())
			.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		EventStream stream = new EventStream(answer);
		Thread reader = new Thread(stream::read, "event-stream-" + username);
		reader.setDaemon(true);
		reader.start();
		return stream;
	}

	private void read() {
		String[] name = { "message" };
		StringBuilder data = new StringBuilder();
		try {
			this.response.body().forEach(line -> {
				if (line.startsWith("event:")) {
					name[0] = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
				else if (line.isEmpty() && data.length() > 0) {
					this.events.add(new String[] { name[0], data.toString() });
					data.setLength(0);
					name[0] = "message";
				}
			});
		}
		catch (RuntimeException ex) {
			// the stream was closed
		}
	}

	/** The next event of this name (others are passed over), within 15 seconds. */
	public JsonNode next(String name) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			String[] event = this.events.poll(200, TimeUnit.MILLISECONDS);
			if (event != null && event[0].equals(name)) {
				return JSON.readTree(event[1]);
			}
		}
		throw new AssertionError("no event " + name);
	}

	/** The next event of any name, {name, data}, or null when none comes within the wait. */
	public String[] poll(Duration wait) throws InterruptedException {
		return this.events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.response.body().close();
	}

}
