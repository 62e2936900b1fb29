package io.opsguard.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A real HTTP client for API tests: keeps its own cookies (so each client is one browser session),
 * sends the XSRF header the way the web UI does, or a bearer token like an integration.
 */
public final class ApiClient {

	private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	private String bearer;

	private String language = "zh-CN";

	private boolean sendXsrf = true;

	public ApiClient(int port) {
		this.baseUrl = "http://localhost:" + port;
		this.http = HttpClient.newBuilder().cookieHandler(this.cookies).connectTimeout(Duration.ofSeconds(5)).build();
	}

	public ApiClient language(String language) {
		this.language = language;
		return this;
	}

	public ApiClient bearer(String token) {
		this.bearer = token;
		return this;
	}

	public ApiClient withoutXsrf() {
		this.sendXsrf = false;
		return this;
	}

	/** Signs in and answers the response; the session cookie is kept for later calls. */
	public Response login(String username, String password) {
		get("/api/v1/auth/session");
		return post("/api/v1/auth/login", Map.of("username", username, "password", password));
	}

	/** Signs in and fails the test if that does not work. */
	public ApiClient signedIn(String username, String password) {
		Response response = login(username, password);
		if (response.status() != 200) {
			throw new AssertionError("sign-in of " + username + " failed: " + response);
		}
		return this;
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response post(String path, Object body) {
		return send("POST", path, body);
	}

	public Response put(String path, Object body) {
		return send("PUT", path, body);
	}

	public Response delete(String path) {
		return send("DELETE", path, null);
	}

	public Response send(String method, String path, Object body) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(Duration.ofSeconds(30))
				.header("Accept-Language", this.language);
			if (body != null) {
				request.header("Content-Type", "application/json");
				request.method(method, HttpRequest.BodyPublishers.ofString(
						body instanceof String s ? s : JSON.writeValueAsString(body)));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			if (this.bearer != null) {
				request.header("Authorization", "Bearer " + this.bearer);
			}
			else if (this.sendXsrf && !method.equals("GET")) {
				String token = xsrfToken();
				if (token != null) {
					request.header("X-XSRF-TOKEN", token);
				}
			}
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a request exactly as given: {@code pathAndQuery} already encoded, the headers as they are
	 * (an {@code Accept-Language} given here replaces the client's), the body as bytes (none when
	 * {@code null}); the session cookie and XSRF header are added as for every call.
	 */
	public Response exchange(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (!headers.containsKey("Accept-Language")) {
			request.header("Accept-Language", this.language);
		}
		headers.forEach(request::header);
		if (this.bearer != null) {
			request.header("Authorization", "Bearer " + this.bearer);
		}
		else if (this.sendXsrf && !method.equals("GET")) {
			String token = xsrfToken();
			if (token != null) {
				request.header("X-XSRF-TOKEN", token);
			}
		}
		try {
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + pathAndQuery + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends {@code content} as the multipart part {@code file}, as a browser's upload does. */
	public Response upload(String path, String fileName, String contentType, byte[] content) {
		String boundary = "----opsguard" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
		body.writeBytes(head);
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(Duration.ofSeconds(30))
				.header("Accept-Language", this.language)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
			if (this.bearer != null) {
				request.header("Authorization", "Bearer " + this.bearer);
			}
			else {
				String token = xsrfToken();
				if (token != null) {
					request.header("X-XSRF-TOKEN", token);
				}
			}
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String xsrfToken() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/** The cookies as a {@code Cookie} header, for requests made with another client (e.g. multipart uploads). */
	public String cookieHeader() {
		return String.join("; ", this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.map(c -> c.getName() + "=" + c.getValue())
			.toList());
	}

	public boolean hasSessionCookie() {
		return this.cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals("OPSGUARD_SESSION"));
	}

	/** An HTTP answer with its body parsed as JSON when it is JSON. */
	public record Response(int status, byte[] bytes, String contentType, Map<String, java.util.List<String>> headers) {

		public JsonNode json() {
			if (this.bytes.length == 0 || !(this.contentType.contains("json"))) {
				return MissingNode.getInstance();
			}
			try {
				return JSON.readTree(this.bytes);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public String text() {
			return new String(this.bytes, java.nio.charset.StandardCharsets.UTF_8);
		}

		public long id() {
			return json().path("id").asLong();
		}

		public String code() {
			return json().path("code").asText(null);
		}

		@Override
		public String toString() {
			return this.status + " " + (this.contentType.contains("json") ? text() : this.contentType);
		}

	}

}
