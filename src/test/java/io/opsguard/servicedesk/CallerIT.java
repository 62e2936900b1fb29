package io.opsguard.servicedesk;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hotline over HTTP: the agent finds a caller by phone number with their recent tickets, and the
 * call-centre hook pops the caller's card on the agent's open window through the event stream.
 */
class CallerIT extends ApiTestSupport {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void aCallerIsFoundByPhoneAndTheirCardPopsUpOnTheAgentsScreen() throws Exception {
		ApiClient admin = admin();
		String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000L);
		Map<String, Object> body = new HashMap<>();
		body.put("type", "CONSULTATION");
		body.put("title", "来电咨询报表导出");
		body.put("contact", Map.of("name", "李干事", "phone", phone, "unit", "办公室"));
		String number = admin.post("/api/v1/tickets", body).json().path("number").asText();

		JsonNode caller = admin.get("/api/v1/callers?phone=" + phone).json();
		assertThat(caller.path("lastContactName").asText()).isEqualTo("李干事");
		assertThat(caller.path("lastContactUnit").asText()).isEqualTo("办公室");
		assertThat(caller.path("recentTickets").get(0).path("number").asText()).isEqualTo(number);
		Response bad = admin.get("/api/v1/callers?phone=abc");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.code()).isEqualTo("SD-0052");

		BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
		HttpResponse<java.util.stream.Stream<String>> stream = openStream(events);
		try {
			Response rang = admin.post("/api/v1/calls/incoming", Map.of("phone", phone, "agent", "admin"));
			assertThat(rang.status()).as(rang.toString()).isEqualTo(202);
			assertThat(rang.json().path("delivered").asInt()).isEqualTo(1);
			JsonNode card = next(events, "caller-card");
			assertThat(card.path("phone").asText()).isEqualTo(phone);
			assertThat(card.path("recentTickets").get(0).path("number").asText()).isEqualTo(number);
		}
		finally {
			stream.body().close();
		}
		Response nobody = admin.post("/api/v1/calls/incoming", Map.of("phone", phone, "agent", "no-such-agent"));
		assertThat(nobody.status()).isEqualTo(400);
		assertThat(nobody.code()).isEqualTo("SD-0053");
	}

	private HttpResponse<java.util.stream.Stream<String>> openStream(BlockingQueue<String[]> events) throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String base = "http://localhost:" + this.port;
		http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/session")).build(), HttpResponse.BodyHandlers.discarding());
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin", "password", ADMIN_PASSWORD))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		HttpResponse<java.util.stream.Stream<String>> answer = http
			.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/notifications/stream")).header("Accept", "text/event-stream").build(),
					HttpResponse.BodyHandlers.ofLines())
			.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		Thread reader = new Thread(() -> {
			String[] name = { "message" };
			StringBuilder data = new StringBuilder();
			try {
				answer.body().forEach(line -> {
					if (line.startsWith("event:")) {
						name[0] = line.substring(6).strip();
					}
					else if (line.startsWith("data:")) {
						data.append(line.substring(5).strip());
					}
					else if (line.isEmpty() && data.length() > 0) {
						events.add(new String[] { name[0], data.toString() });
						data.setLength(0);
						name[0] = "message";
					}
				});
			}
			catch (RuntimeException ex) {
				// closed
			}
		});
		reader.setDaemon(true);
		reader.start();
		// the stream is registered before the hook is called
		next(events, "unread-count");
		return answer;
	}

	private static JsonNode next(BlockingQueue<String[]> events, String name) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			String[] event = events.poll(200, TimeUnit.MILLISECONDS);
			if (event != null && event[0].equals(name)) {
				return JSON.readTree(event[1]);
			}
		}
		throw new AssertionError("no event " + name);
	}

}
