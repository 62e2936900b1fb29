package io.opsguard.monitoring.collect.prometheus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.opsguard.monitoring.collect.CollectedValue;
import io.opsguard.monitoring.collect.CollectionRequest;
import io.opsguard.monitoring.collect.CollectionResult;
import io.opsguard.monitoring.collect.Collector;
import io.opsguard.monitoring.collect.HostNames;
import io.opsguard.monitoring.collect.NetworkFailures;
import io.opsguard.monitoring.collect.Outcome;
import io.opsguard.monitoring.collect.ProbeTargets;
import io.opsguard.monitoring.collect.http.HttpCollector;
import io.opsguard.monitoring.collect.http.LimitedBody;
import io.opsguard.monitoring.collect.http.RecordingTrustManager;
import io.opsguard.monitoring.store.exposition.PrometheusText;
import io.opsguard.monitoring.template.MetricDefinition;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

import org.springframework.stereotype.Component;

/**
 * Scrapes a Prometheus text exposition ({@code /metrics} of node_exporter or any exporter) and maps
 * its families to the template's metrics by data: each metric's
 * {@code source: {metric, labels, instanceLabel, aggregate}} ({@link MetricSource}). Counters are
 * answered raw; the template marks them {@code kind: counter} for the scheduler to turn into rates.
 * <p>
 * The target is the parameter {@code url}, or {@code http(s)://host:port} (https when {@code tls} is
 * true) with the template's {@code collect.path} (default {@code /metrics}). Optional basic auth
 * ({@code username}/{@code password}) or a {@code token} sent as the Authorization header.
 * Outcomes: a 401/403 is AUTH_FAILED, another status or a body that is no exposition BAD_RESPONSE;
 * unreadable lines (named by number) or metrics the exposition lacks make it PARTIAL.
 */
@Component
public class PrometheusCollector implements Collector {

	/** The largest exposition read. */
	static final int BODY_LIMIT = 32 * 1024 * 1024;

	static final String DEFAULT_PATH = "/metrics";

	/** The source key of values about the scrape itself rather than from the exposition. */
	static final String SCRAPE = "scrape";

	static final Set<String> SCRAPE_FIELDS = Set.of("up", "duration", "samples", "unreadable_lines");

	private final Map<Boolean, HttpClient> clients = new ConcurrentHashMap<>();

	@Override
	public String protocol() {
		return "prometheus";
	}

	@Override
	public void validate(MonitorType type, TemplateProblems problems) {
		if (type.parameter("url").isEmpty() && type.parameter("host").isEmpty()) {
			problems.add("parameters.host", "required");
		}
		problems.unknownKeys("collect", type.collect(), Set.of("path"));
		String path = type.collectText("path");
		if (path != null && (!path.startsWith("/") || path.contains(" "))) {
			problems.add("collect.path", "badValue", path);
		}
		List<MetricDefinition> metrics = type.metrics();
		for (int i = 0; i < metrics.size(); i++) {
			MetricDefinition metric = metrics.get(i);
			if (!metric.collected()) {
				continue;
			}
			if (metric.source().containsKey(SCRAPE)) {
				validateScrape(metric, "metrics[" + i + "]", problems);
				continue;
			}
			MetricSource source = MetricSource.read(metric.source(), "metrics[" + i + "].source", problems);
			if (source != null && source.instanceLabel() != null && metric.instance() == null) {
				problems.add("metrics[" + i + "].instance", "required");
			}
			if (source != null && source.instanceLabel() == null && metric.instance() != null) {
				problems.add("metrics[" + i + "].source.instanceLabel", "required");
			}
		}
	}

	private static void validateScrape(MetricDefinition metric, String path, TemplateProblems problems) {
		problems.unknownKeys(path + ".source", metric.source(), Set.of(SCRAPE));
		String field = metric.sourceText(SCRAPE);
		if (!SCRAPE_FIELDS.contains(field)) {
			problems.add(path + ".source." + SCRAPE, "notOneOf", field, String.join(", ", new TreeSet<>(SCRAPE_FIELDS)));
		}
		if (metric.instance() != null) {
			problems.add(path + ".instance", "unknownKey", "instance");
		}
	}

	@Override
	public CollectionResult collect(CollectionRequest request) {
		long started = System.nanoTime();
		Scrape scrape = scrape(request);
		double millis = (System.nanoTime() - started) / 1_000_000.0;
		if (scrape.result() != null) {
			return withScrapeValues(request.type(), scrape.result(), millis, null);
		}
		return map(request.type(), scrape.exposition(), scrape.shown(), millis);
	}

	/** What one scrape gave: an exposition to map, or the result of a failure. */
	private record Scrape(PrometheusText.Parsed exposition, String shown, CollectionResult result) {

		static Scrape failed(CollectionResult result) {
			return new Scrape(null, null, result);
		}

	}

	private Scrape scrape(CollectionRequest request) {
		URI uri;
		try {
			uri = target(request);
		}
		catch (IllegalArgumentException ex) {
			return Scrape.failed(CollectionResult.failure(Outcome.CONFIG_ERROR, ex.getMessage()));
		}
		String shown = HttpCollector.shown(uri);
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(request.timeout())
			.GET()
			.header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
			.header("User-Agent", "OpsGuard-scrape/1");
		String username = blank(request.text("username")) ? null : request.text("username");
		if (username != null) {
			String password = request.text("password") == null ? "" : request.text("password");
			builder.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		else if (!blank(request.text("token"))) {
			String token = request.text("token");
			if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
				return Scrape.failed(CollectionResult.failure(Outcome.CONFIG_ERROR, "The token must be one line"));
			}
			builder.header("Authorization", token);
		}
		HttpClient client = this.clients.computeIfAbsent(request.flag("verifyTls", true), verify -> {
			HttpClient.Builder clientBuilder = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.proxy(HttpClient.Builder.NO_PROXY)
				.followRedirects(HttpClient.Redirect.NORMAL);
			if (!verify) {
				clientBuilder.sslContext(new RecordingTrustManager().context());
			}
			return clientBuilder.build();
		});
		CompletableFuture<HttpResponse<LimitedBody.Body>> sent = client.sendAsync(builder.build(),
				info -> new LimitedBody(BODY_LIMIT));
		HttpResponse<LimitedBody.Body> response;
		try {
			response = sent.get(request.timeout().toMillis() + 250, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			sent.cancel(true);
			return Scrape.failed(CollectionResult.failure(Outcome.TIMEOUT,
					"No complete exposition from " + shown + " within " + request.timeout().toMillis() + " ms"));
		}
		catch (InterruptedException ex) {
			sent.cancel(true);
			Thread.currentThread().interrupt();
			return Scrape.failed(CollectionResult.failure(Outcome.ERROR, "Interrupted while scraping " + shown));
		}
		catch (ExecutionException ex) {
			CollectionResult failure = NetworkFailures.httpResult(ex.getCause() == null ? ex : ex.getCause(), uri, shown,
					request.timeoutMillis());
			return Scrape.failed(failure.outcome() == Outcome.ERROR
					? CollectionResult.failure(Outcome.BAD_RESPONSE, failure.detail()) : failure);
		}
		int status = response.statusCode();
		if (status == 401 || status == 403) {
			return Scrape.failed(
					CollectionResult.failure(Outcome.AUTH_FAILED, shown + " refused the credentials (HTTP " + status + ")"));
		}
		if (status < 200 || status > 299) {
			return Scrape.failed(CollectionResult.failure(Outcome.BAD_RESPONSE, shown + " answered HTTP " + status));
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		if (contentType.startsWith("text/html")) {
			return Scrape.failed(CollectionResult.failure(Outcome.BAD_RESPONSE,
					shown + " answered an HTML page, not a metrics exposition"));
		}
		if (response.body().truncated()) {
			return Scrape.failed(CollectionResult.failure(Outcome.BAD_RESPONSE,
					"The exposition of " + shown + " is larger than " + BODY_LIMIT / (1024 * 1024) + " MB"));
		}
		return new Scrape(PrometheusText.parse(new String(response.body().bytes(), StandardCharsets.UTF_8)), shown,
				null);
	}

	/** Maps a parsed exposition to the type's metrics. */
	static CollectionResult map(MonitorType type, PrometheusText.Parsed exposition, String shown, double millis) {
		if (exposition.samples().isEmpty()) {
			String why = exposition.problems().isEmpty() ? "it holds no sample"
					: exposition.problems().get(0) + (exposition.problems().size() > 1
							? " (and " + (exposition.problems().size() - 1) + " more unreadable lines)" : "");
			return withScrapeValues(type,
					CollectionResult.failure(Outcome.BAD_RESPONSE, shown + " answered no metrics exposition: " + why), millis,
					exposition);
		}
		List<CollectedValue> values = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		int mapped = 0;
		for (MetricDefinition metric : type.collectedMetrics()) {
			if (metric.source().containsKey(SCRAPE)) {
				continue;
			}
			mapped++;
			MetricSource source = MetricSource.read(metric.source(), "", new TemplateProblems());
			if (source == null) {
				missing.add(metric.name());
				continue;
			}
			Map<String, Double> read = source.read(exposition);
			if (read.isEmpty()) {
				missing.add(metric.name() + " (" + source.metric() + ")");
			}
			read.forEach((instance, value) -> values.add(new CollectedValue(metric.name(), instance, value)));
		}
		Map<String, String> facts = Map.of("samples", Integer.toString(exposition.samples().size()));
		List<String> problems = new ArrayList<>();
		if (!missing.isEmpty()) {
			problems.add("Not in the exposition: " + String.join(", ", missing));
		}
		if (!exposition.problems().isEmpty()) {
			problems.add("Unreadable " + exposition.problems()
				.stream()
				.limit(5)
				.map(PrometheusText.Problem::toString)
				.collect(Collectors.joining("; "))
					+ (exposition.problems().size() > 5 ? " (and " + (exposition.problems().size() - 5) + " more)" : ""));
		}
		CollectionResult result;
		if (mapped > 0 && values.isEmpty()) {
			result = new CollectionResult(Outcome.BAD_RESPONSE,
					"None of the template's metrics is in the exposition of " + shown + ". " + String.join(". ", problems),
					List.of(), facts, Map.of());
		}
		else {
			result = new CollectionResult(problems.isEmpty() ? Outcome.SUCCESS : Outcome.PARTIAL,
					problems.isEmpty() ? null : String.join(". ", problems) + " (" + shown + ")", values, facts, Map.of());
		}
		return withScrapeValues(type, result, millis, exposition);
	}

	/**
	 * Adds the values of the scrape itself that the type asks for ({@code source: {scrape: up}}):
	 * {@code up} (1 when an exposition was read), {@code duration} (milliseconds), {@code samples}
	 * and {@code unreadable_lines}.
	 */
	static CollectionResult withScrapeValues(MonitorType type, CollectionResult result, double millis,
			PrometheusText.Parsed exposition) {
		List<CollectedValue> values = new ArrayList<>(result.values());
		for (MetricDefinition metric : type.collectedMetrics()) {
			String field = metric.sourceText(SCRAPE);
			if (field == null) {
				continue;
			}
			Double value = switch (field) {
				case "up" -> result.outcome().collected() ? 1.0 : 0.0;
				case "duration" -> millis;
				case "samples" -> exposition == null ? null : (double) exposition.samples().size();
				case "unreadable_lines" -> exposition == null ? null : (double) exposition.problems().size();
				default -> null;
			};
			if (value != null) {
				values.add(CollectedValue.of(metric.name(), value));
			}
		}
		return new CollectionResult(result.outcome(), result.detail(), values, result.facts(), result.inventories());
	}

	private static URI target(CollectionRequest request) {
		if (!blank(request.text("url"))) {
			return HttpCollector.target(request.text("url"));
		}
		String host = ProbeTargets.host(request);
		int port = ProbeTargets.port(request, 9100);
		String path = request.type().collectText("path");
		path = path == null ? DEFAULT_PATH : path;
		String scheme = request.flag("tls", false) ? "https" : "http";
		return URI.create(scheme + "://" + (HostNames.isIpv6(host) ? "[" + host + "]" : host) + ":" + port + path);
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

}
