package io.opsguard.servicedesk;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import io.opsguard.support.EventStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hotline over HTTP: the agent finds a caller by phone number with their recent tickets, and the
 * call-centre hook pops the caller's card on the agent's open window through the event stream.
 */
class CallerIT extends ApiTestSupport {

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

		try (EventStream stream = EventStream.open(this.port, "admin", ADMIN_PASSWORD)) {
			// the stream is registered before the hook is called
			stream.next("unread-count");
			Response rang = admin.post("/api/v1/calls/incoming", Map.of("phone", phone, "agent", "admin"));
			assertThat(rang.status()).as(rang.toString()).isEqualTo(202);
			assertThat(rang.json().path("delivered").asInt()).isEqualTo(1);
			JsonNode card = stream.next("caller-card");
			assertThat(card.path("phone").asText()).isEqualTo(phone);
			assertThat(card.path("recentTickets").get(0).path("number").asText()).isEqualTo(number);
		}
		Response nobody = admin.post("/api/v1/calls/incoming", Map.of("phone", phone, "agent", "no-such-agent"));
		assertThat(nobody.status()).isEqualTo(400);
		assertThat(nobody.code()).isEqualTo("SD-0053");
	}

}
