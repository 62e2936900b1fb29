package io.opsguard.notify.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.opsguard.notify.Channel;

/**
 * SMS and voice through an HTTP gateway that administrators describe as a template: URL, method,
 * headers and body with {@code {{phone}}}, {@code {{text}}}, {@code {{subject}}} and
 * {@code {{secret}}}. Values are URL-encoded in the URL, JSON-escaped in a JSON body, URL-encoded in
 * a form body and left as they are otherwise. Any 2xx answer counts as accepted.
 */
abstract class GatewayChannel implements NotificationChannel {

	private final EndpointStore endpoints;

	private final HttpDelivery http;

	GatewayChannel(EndpointStore endpoints, HttpDelivery http) {
		this.endpoints = endpoints;
		this.http = http;
	}

	abstract EndpointKind kind();

	@Override
	public void deliver(OutboxMessage message) throws DeliveryFailure {
		Endpoint gateway = this.endpoints.gateway(kind())
			.orElseThrow(() -> DeliveryFailure.retryable("notify.failure.no-gateway", kind().name()));
		deliver(gateway, message.recipient(), message.subject(), message.body());
	}

	/** Sends a text to a phone through this gateway (also the administrators' test). */
	void deliver(Endpoint gateway, String phone, String subject, String text) throws DeliveryFailure {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("phone", phone);
		model.put("text", text);
		model.put("subject", subject);
		model.put("secret", gateway.secretSet() ? gateway.secret() : "");
		String url = TemplateRenderer.render(gateway.url(), model, TemplateRenderer.Escaping.URL);
		Map<String, String> headers = new LinkedHashMap<>();
		gateway.headers().forEach((name, value) -> headers.put(name,
				TemplateRenderer.render(value, model, TemplateRenderer.Escaping.NONE).replaceAll("[\\r\\n]", "")));
		String contentType = headers.entrySet().stream()
			.filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
			.map(h -> h.getValue().toLowerCase(Locale.ROOT))
			.findFirst()
			.orElse("");
		String body = null;
		if (gateway.bodyTemplate() != null && !gateway.bodyTemplate().isBlank()) {
			TemplateRenderer.Escaping escaping = contentType.contains("json") ? TemplateRenderer.Escaping.JSON
					: contentType.contains("x-www-form-urlencoded") ? TemplateRenderer.Escaping.URL
							: TemplateRenderer.Escaping.NONE;
			body = TemplateRenderer.render(gateway.bodyTemplate(), model, escaping);
		}
		this.http.send(gateway.method(), url, headers, body);
	}

	@org.springframework.stereotype.Component
	static class Sms extends GatewayChannel {

		Sms(EndpointStore endpoints, HttpDelivery http) {
			super(endpoints, http);
		}

		@Override
		public Channel channel() {
			return Channel.SMS;
		}

		@Override
		EndpointKind kind() {
			return EndpointKind.SMS;
		}

	}

	@org.springframework.stereotype.Component
	static class Voice extends GatewayChannel {

		Voice(EndpointStore endpoints, HttpDelivery http) {
			super(endpoints, http);
		}

		@Override
		public Channel channel() {
			return Channel.VOICE;
		}

		@Override
		EndpointKind kind() {
			return EndpointKind.VOICE;
		}

	}

}
