package io.opsguard.notify.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * HTTP for webhooks and gateways, with the configured timeouts; failures in words. URLs are never
 * logged or stored in a failure (robots' URLs carry their keys).
 */
@Component
class HttpDelivery {

	private final HttpClient client;

	private final NotifyProperties properties;

	HttpDelivery(NotifyProperties properties) {
		this.properties = properties;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Sends the request; the answer when it is 2xx, otherwise a failure naming the status. */
	String send(String method, String url, Map<String, String> headers, String body) throws DeliveryFailure {
		HttpRequest built;
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(this.properties.requestTimeout());
			headers.forEach((name, value) -> {
				if (!name.isBlank()) {
					request.header(name, value);
				}
			});
			HttpRequest.BodyPublisher publisher = body == null || "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
			request.method(method, publisher);
			built = request.build();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// an address or header the HTTP client refuses (e.g. a header it reserves for itself)
			throw DeliveryFailure.permanent("notify.failure.bad-request", ex.getClass().getSimpleName());
		}
		HttpResponse<String> response;
		try {
			response = this.client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			throw DeliveryFailure.retryable("notify.failure.connect", URI.create(url).getHost());
		}
		catch (HttpTimeoutException ex) {
			throw DeliveryFailure.retryable("notify.failure.timeout", URI.create(url).getHost());
		}
		catch (IOException ex) {
			throw DeliveryFailure.retryable("notify.failure.io", ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw DeliveryFailure.retryable("notify.failure.io", "interrupted");
		}
		catch (IllegalArgumentException ex) {
			throw DeliveryFailure.permanent("notify.failure.bad-url", null);
		}
		if (response.statusCode() / 100 != 2) {
			throw DeliveryFailure.retryable("notify.failure.http-status",
					response.statusCode() + " " + excerpt(response.body()));
		}
		return response.body() == null ? "" : response.body();
	}

	static String excerpt(String body) {
		if (body == null) {
			return "";
		}
		String line = body.replaceAll("\\s+", " ").strip();
		return line.length() > 200 ? line.substring(0, 200) + "…" : line;
	}

}
