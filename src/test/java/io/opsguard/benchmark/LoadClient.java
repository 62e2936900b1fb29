package io.opsguard.benchmark;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One simulated browser: its own cookies, the XSRF header, timing of each request. */
final class LoadClient {

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	LoadClient(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/** Sends the request and records its latency; answers the status (or -1 on failure). */
	int timed(Latencies into, String method, String path, String json) {
		long start = System.nanoTime();
		int status;
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(Duration.ofSeconds(60))
				.header("Accept-Language", "zh-CN");
			if (json != null) {
				request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			if (!method.equals("GET")) {
				this.cookies.getCookieStore()
					.getCookies()
					.stream()
					.filter(c -> c.getName().equals("XSRF-TOKEN"))
					.map(HttpCookie::getValue)
					.findFirst()
					.ifPresent(token -> request.header("X-XSRF-TOKEN", token));
			}
			status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			status = -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			status = -1;
		}
		long elapsed = System.nanoTime() - start;
		if (status >= 200 && status < 300) {
			into.add(elapsed);
		}
		else {
			into.error();
		}
		return status;
	}

}
