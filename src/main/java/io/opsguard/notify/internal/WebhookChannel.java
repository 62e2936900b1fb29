package io.opsguard.notify.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.notify.Channel;

import org.springframework.stereotype.Component;

/**
 * Webhook robots and endpoints: WeCom (企业微信) Markdown, DingTalk (钉钉) Markdown signed with
 * timestamp and sign, Feishu (飞书) text signed in the body, and generic JSON (signed with an
 * {@code X-OpsGuard-Signature} header when a secret is set). A robot that answers an error code
 * refused the message.
 */
@Component
class WebhookChannel implements NotificationChannel {

	private final EndpointStore endpoints;

	private final HttpDelivery http;

	private final ObjectMapper json;

	private final Clock clock;

	WebhookChannel(EndpointStore endpoints, HttpDelivery http, ObjectMapper json, Clock clock) {
		this.endpoints = endpoints;
		this.http = http;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public Channel channel() {
		return Channel.WEBHOOK;
	}

	@Override
	public void deliver(OutboxMessage message) throws DeliveryFailure {
		Endpoint endpoint = message.endpointId() == null ? null : this.endpoints.find(message.endpointId()).orElse(null);
		if (endpoint == null || !endpoint.enabled() || endpoint.kind().gateway()) {
			throw DeliveryFailure.permanent("notify.failure.endpoint-gone", null);
		}
		deliver(endpoint, message);
	}

	/** Sends the message to this endpoint (also the administrators' test). */
	void deliver(Endpoint endpoint, OutboxMessage message) throws DeliveryFailure {
		String secret = endpoint.secretSet() ? endpoint.secret() : null;
		Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
		headers.put("Content-Type", "application/json; charset=utf-8");
		String url = endpoint.url();
		Map<String, Object> body = new LinkedHashMap<>();
		switch (endpoint.kind()) {
			case WECOM -> {
				body.put("msgtype", "markdown");
				body.put("markdown", Map.of("content", message.body()));
			}
			case DINGTALK -> {
				body.put("msgtype", "markdown");
				body.put("markdown", Map.of("title", message.subject(), "text", message.body()));
				if (secret != null) {
					long timestamp = this.clock.millis();
					url = url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
							+ RobotSigning.dingTalk(secret, timestamp);
				}
			}
			case FEISHU -> {
				if (secret != null) {
					long timestamp = this.clock.millis() / 1000;
					body.put("timestamp", String.valueOf(timestamp));
					body.put("sign", RobotSigning.feishu(secret, timestamp));
				}
				body.put("msg_type", "text");
				body.put("content", Map.of("text", message.body()));
			}
			default -> {
				body.put("type", message.typeCode());
				body.put("severity", message.severity());
				body.put("subject", message.subject());
				body.put("text", message.body());
				body.put("link", message.link());
				body.put("part", message.part());
				body.put("parts", message.parts());
				body.put("sentAt", this.clock.instant().toString());
			}
		}
		String text;
		try {
			text = this.json.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		if (endpoint.kind() == EndpointKind.GENERIC && secret != null) {
			headers.put("X-OpsGuard-Signature", RobotSigning.generic(secret, text));
		}
		String answer = this.http.send("POST", url, headers, text);
		if (endpoint.kind() != EndpointKind.GENERIC) {
			refusedByRobot(answer);
		}
	}

	/** WeCom and DingTalk answer {@code errcode}, Feishu {@code code} (or {@code StatusCode}); 0 is accepted. */
	private void refusedByRobot(String answer) throws DeliveryFailure {
		if (answer == null || answer.isBlank()) {
			return;
		}
		try {
			JsonNode node = this.json.readTree(answer);
			for (String field : new String[] { "errcode", "code", "StatusCode" }) {
				if (node.has(field) && node.path(field).asInt(0) != 0) {
					String message = node.path("errmsg").asText(node.path("msg").asText(node.path("StatusMessage").asText("")));
					throw DeliveryFailure.retryable("notify.failure.rejected",
							node.path(field).asText() + " " + HttpDelivery.excerpt(message));
				}
			}
		}
		catch (JsonProcessingException ex) {
			// not JSON: the HTTP status said it was accepted
		}
	}

}
