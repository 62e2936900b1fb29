package io.opsguard.monitoring.collect.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.HostNames;
import io.opsguard.monitoring.collect.NetworkFailures;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.ProbeFields;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.springframework.stereotype.Component;

/**
 * HTTP(S) check of a web site or API (java.net.http, HTTP/1.1, no proxy): one GET or HEAD of
 * {@code url}, the status compared with {@code expectedStatus} ({@code 200}, {@code 2xx},
 * {@code 200-399}), the body (its first megabyte) searched for {@code keyword} — which must be
 * there, or with {@code keywordMode: absent} must not — and the days left on the server's TLS
 * certificate, read also when {@code verifyTls} is false (internal sites with self-signed
 * certificates) and when a verified handshake fails (an expired certificate).
 * <p>
 * Fields: {@code response_time} (milliseconds), {@code status}, {@code keyword_match} (1/0, only
 * with a keyword), {@code cert_days_left} (only over https), {@code up}. The outcome says whether the
 * site answered: an unknown host is UNREACHABLE, a closed port REFUSED, no answer in time TIMEOUT and
 * a failed TLS handshake BAD_RESPONSE, each with {@code up} 0. Any HTTP answer is a SUCCESS,
 * and {@code up} says whether it passed: its status is expected and the keyword matched. A 401 or
 * 403 is therefore a SUCCESS with {@code up} 0 and the status in the detail, so a page that started
 * to ask for a login is seen as down while the collection itself is not an authentication failure
 * of OpsGuard's own credentials; the {@code http_status} series shows which it was.
 */
@Component
public class HttpCollector implements Collector {

	static final Set<String> FIELDS = Set.of("response_time", "status", "keyword_match", "cert_days_left", "up");

	/** How much of a body is searched for the keyword. */
	static final int BODY_LIMIT = 1024 * 1024;

	private static final Pattern CHARSET = Pattern.compile("charset=\"?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

	private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

	private final Clock clock;

	/** One client per TLS verification and redirect setting, sharing their connection pools across monitors. */
	private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

	public HttpCollector(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String protocol() {
		return "http";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		ProbeFields.validate(type, FIELDS, List.of("url"), problems);
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		URI uri;
		try {
			uri = target(request.text("url"));
		}
		catch (IllegalArgumentException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		String shown = shown(uri);
		String method = request.text("method") == null ? "GET" : request.text("method").toUpperCase(java.util.Locale.ROOT);
		if (!method.equals("GET") && !method.equals("HEAD")) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "method must be GET or HEAD, not " + method);
		}
		StatusList statuses;
		try {
			statuses = StatusList.parse(request.list("expectedStatus"));
		}
		catch (IllegalArgumentException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		String keyword = blankToNull(request.text("keyword"));
		boolean keywordAbsent = "absent".equalsIgnoreCase(request.text("keywordMode"));
		if (keyword != null && method.equals("HEAD")) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, "A keyword can only be searched with GET");
		}
		boolean verifyTls = request.flag("verifyTls", true);
		boolean followRedirects = request.flag("followRedirects", true);
		HttpRequest httpRequest;
		try {
			httpRequest = request(request, uri, method);
		}
		catch (IllegalArgumentException ex) {
			return CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage());
		}
		HttpClient client = client(verifyTls, followRedirects);
		long started = System.nanoTime();
		CompletableFuture<HttpResponse<LimitedBody.Body>> sent = client.sendAsync(httpRequest,
				info -> new LimitedBody(method.equals("HEAD") ? 0 : BODY_LIMIT));
		HttpResponse<LimitedBody.Body> response;
		try {
			// the request's own timeout covers the exchange; this one also bounds reading the body
			response = sent.get(request.timeout().toMillis() + 250, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			sent.cancel(true);
			return down(request, Outcome.TIMEOUT, "No complete answer from " + shown + " within "
					+ request.timeout().toMillis() + " ms", Map.of());
		}
		catch (InterruptedException ex) {
			sent.cancel(true);
			Thread.currentThread().interrupt();
			return CollectionResult.failure(Outcome.ERROR, "Interrupted while checking " + shown);
		}
		catch (ExecutionException ex) {
			return failed(request, uri, shown, ex.getCause() == null ? ex : ex.getCause());
		}
		double elapsed = (System.nanoTime() - started) / 1_000_000.0;
		Map<String, Double> measured = new HashMap<>();
		Map<String, String> facts = new LinkedHashMap<>();
		measured.put("response_time", elapsed);
		measured.put("status", (double) response.statusCode());
		if (!response.uri().equals(uri)) {
			facts.put("finalUrl", shown(response.uri()));
		}
		response.sslSession().flatMap(HttpCollector::leaf).ifPresent(leaf -> {
			measured.put("cert_days_left", daysLeft(leaf));
			facts.putAll(certificateFacts(leaf));
		});
		StringBuilder problems = new StringBuilder();
		boolean statusOk = statuses.accepts(response.statusCode());
		if (!statusOk) {
			problems.append("Status ").append(response.statusCode()).append(" is not one of ").append(statuses.text());
		}
		boolean keywordOk = true;
		if (keyword != null) {
			String body = new String(response.body().bytes(), charset(response));
			boolean found = body.contains(keyword);
			keywordOk = keywordAbsent != found;
			measured.put("keyword_match", keywordOk ? 1.0 : 0.0);
			if (!keywordOk) {
				problems.append(problems.isEmpty() ? "" : "; ")
					.append(keywordAbsent ? "The page contains \"" + keyword + "\""
							: "\"" + keyword + "\" not found in the first "
									+ (response.body().truncated() ? BODY_LIMIT / 1024 + " KB of the page" : "page"));
			}
		}
		measured.put("up", statusOk && keywordOk ? 1.0 : 0.0);
		return new CollectionResult(Outcome.SUCCESS, problems.isEmpty() ? null : problems + " (" + shown + ")",
				ProbeFields.select(request.type(), measured), facts, Map.of());
	}

	/** The URL to check: http or https, with a valid host, without credentials in it. */
	public static URI target(String url) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("No URL to check");
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Not a URL: " + ex.getMessage());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException("Only http and https URLs can be checked, not " + uri.getScheme());
		}
		if (uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException("Put the user name and password into their own fields, not into the URL");
		}
		if (uri.getHost() == null || !HostNames.isValid(uri.getHost())) {
			throw new IllegalArgumentException("The URL has no valid host: " + uri.getRawAuthority());
		}
		if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
			uri = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/"
					+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
		}
		return uri;
	}

	/** The URL as details and facts show it: without the query, which may carry a token. */
	public static String shown(URI uri) {
		return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
	}

	private static HttpRequest request(CollectionRequest request, URI uri, String method) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(request.timeout())
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("User-Agent", "OpsGuard-probe/1")
			.header("Accept", "*/*");
		String username = blankToNull(request.text("username"));
		if (username != null) {
			String password = request.text("password") == null ? "" : request.text("password");
			builder.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		String token = blankToNull(request.text("token"));
		if (token != null) {
			String header = blankToNull(request.text("tokenHeader"));
			header = header == null ? "Authorization" : header;
			if (!HEADER_NAME.matcher(header).matches()) {
				throw new IllegalArgumentException("Not a header name: " + header);
			}
			if (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
				throw new IllegalArgumentException("The token must be one line");
			}
			if (username != null && header.equalsIgnoreCase("Authorization")) {
				throw new IllegalArgumentException("Use either a user name and password or a token in Authorization, not both");
			}
			builder.header(header, token);
		}
		return builder.build();
	}

	private HttpClient client(boolean verifyTls, boolean followRedirects) {
		return this.clients.computeIfAbsent(verifyTls + "/" + followRedirects, key -> {
			HttpClient.Builder builder = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.proxy(HttpClient.Builder.NO_PROXY)
				.followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
			if (!verifyTls) {
				builder.sslContext(new RecordingTrustManager().context());
			}
			return builder.build();
		});
	}

	private CollectionResult failed(CollectionRequest request, URI uri, String shown, Throwable failure) {
		CollectionResult result = NetworkFailures.httpResult(failure, uri, shown, request.timeoutMillis());
		Map<String, Double> extra = new HashMap<>();
		Map<String, String> facts = new LinkedHashMap<>();
		if (hasSsl(failure)) {
			// read the certificate the verified handshake refused, so that an expired one shows its days
			presentedCertificate(uri, request.timeoutMillis()).ifPresent(leaf -> {
				extra.put("cert_days_left", daysLeft(leaf));
				facts.putAll(certificateFacts(leaf));
			});
			return down(request, Outcome.BAD_RESPONSE, result.detail(), extra, facts);
		}
		if (result.outcome() == Outcome.ERROR && failure instanceof IOException
				&& !(failure instanceof java.net.ConnectException)) {
			String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
			return down(request, Outcome.BAD_RESPONSE, shown + " answered something that is not HTTP: " + message, extra,
					facts);
		}
		return down(request, result.outcome(), result.detail(), extra, facts);
	}

	private static boolean hasSsl(Throwable failure) {
		for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof SSLException) {
				return true;
			}
		}
		return false;
	}

	private CollectionResult down(CollectionRequest request, Outcome outcome, String detail, Map<String, Double> extra) {
		return down(request, outcome, detail, extra, Map.of());
	}

	private CollectionResult down(CollectionRequest request, Outcome outcome, String detail, Map<String, Double> extra,
			Map<String, String> facts) {
		Map<String, Double> measured = new HashMap<>(extra);
		measured.put("up", 0.0);
		return new CollectionResult(outcome, detail, ProbeFields.select(request.type(), measured), facts, Map.of());
	}

	/** The leaf certificate a server presents, read with a trust manager that accepts and records any. */
	private static Optional<X509Certificate> presentedCertificate(URI uri, int timeoutMillis) {
		RecordingTrustManager recorder = new RecordingTrustManager();
		int port = uri.getPort() > 0 ? uri.getPort() : 443;
		String host = HostNames.unbracket(uri.getHost());
		try (SSLSocket socket = (SSLSocket) recorder.context().getSocketFactory().createSocket()) {
			socket.connect(new InetSocketAddress(host, port), Math.max(1, timeoutMillis));
			socket.setSoTimeout(Math.max(1, timeoutMillis));
			if (HostNames.isDnsName(host)) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setServerNames(List.of(new SNIHostName(host)));
				socket.setSSLParameters(parameters);
			}
			socket.startHandshake();
		}
		catch (IOException | IllegalArgumentException ex) {
			// what the recorder saw before the failure is all there is
		}
		X509Certificate[] chain = recorder.chain();
		return chain == null || chain.length == 0 ? Optional.empty() : Optional.of(chain[0]);
	}

	private static Optional<X509Certificate> leaf(SSLSession session) {
		try {
			Certificate[] chain = session.getPeerCertificates();
			return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
		}
		catch (SSLPeerUnverifiedException ex) {
			return Optional.empty();
		}
	}

	/** Days until the certificate ends, with their fraction; negative once it has. */
	double daysLeft(X509Certificate certificate) {
		Instant now = this.clock.instant();
		return Duration.between(now, certificate.getNotAfter().toInstant()).toSeconds() / 86400.0;
	}

	private static Map<String, String> certificateFacts(X509Certificate leaf) {
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("tlsSubject", leaf.getSubjectX500Principal().getName());
		facts.put("tlsIssuer", leaf.getIssuerX500Principal().getName());
		facts.put("tlsNotAfter", leaf.getNotAfter().toInstant().toString());
		return facts;
	}

	private static Charset charset(HttpResponse<?> response) {
		Optional<String> type = response.headers().firstValue("Content-Type");
		if (type.isPresent()) {
			Matcher matcher = CHARSET.matcher(type.get());
			if (matcher.find()) {
				try {
					return Charset.forName(matcher.group(1));
				}
				catch (IllegalArgumentException ex) {
					return StandardCharsets.UTF_8;
				}
			}
		}
		return StandardCharsets.UTF_8;
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text;
	}

}
