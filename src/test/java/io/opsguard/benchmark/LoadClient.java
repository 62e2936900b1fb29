package io.opsguard.benchmark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One simulated browser: its own cookies and keep-alive connection, the XSRF header, timing of
 * each request. Apache HttpClient's blocking client costs little CPU, which matters when the load
 * generator shares two cores with the server.
 */
final class LoadClient {

	private final String baseUrl;

	private final BasicCookieStore cookies = new BasicCookieStore();

	private final CloseableHttpClient http;

	private final int user;

	LoadClient(String baseUrl, int user) {
		this.baseUrl = baseUrl;
		this.user = user;
		this.http = HttpClients.custom()
			.setDefaultCookieStore(this.cookies)
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(1).build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(60, TimeUnit.SECONDS)).build())
			.disableAutomaticRetries()
			.build();
	}

	/** The number of the benchmark user this client signs in as. */
	int user() {
		return this.user;
	}

	/** GETs a JSON document, or null when the answer is not 200. */
	com.fasterxml.jackson.databind.JsonNode json(String path) {
		HttpUriRequestBase request = new HttpUriRequestBase("GET", java.net.URI.create(this.baseUrl + path));
		request.setHeader("Accept-Language", "zh-CN");
		try {
			return this.http.execute(request, response -> response.getCode() == 200
					? JSON.readTree(EntityUtils.toByteArray(response.getEntity())) : null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

	/** Sends the request and records its latency; answers the status (or -1 on failure). */
	int timed(Latencies into, String method, String path, String json) {
		HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(this.baseUrl + path));
		request.setHeader("Accept-Language", "zh-CN");
		if (json != null) {
			request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
		}
		if (!method.equals("GET")) {
			this.cookies.getCookies()
				.stream()
				.filter(c -> c.getName().equals("XSRF-TOKEN"))
				.findFirst()
				.ifPresent(c -> request.setHeader("X-XSRF-TOKEN", c.getValue()));
		}
		long start = System.nanoTime();
		int status;
		try {
			status = this.http.execute(request, response -> {
				EntityUtils.consume(response.getEntity());
				return response.getCode();
			});
		}
		catch (IOException ex) {
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
