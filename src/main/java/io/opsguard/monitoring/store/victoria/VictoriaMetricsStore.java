package io.opsguard.monitoring.store.victoria;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opsguard.monitoring.store.AppendResult;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Rejection;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.store.StoreStatus;

/**
 * The {@link MetricStore} past one machine: a single-node VictoriaMetrics (ADR 0017). Samples are
 * checked here exactly as the embedded store checks them, then written through VictoriaMetrics'
 * JSON-lines import API ({@code /api/v1/import}); a batch counts as stored once VictoriaMetrics
 * answered 2xx. Raw ranges are read with {@code /api/v1/export} (the samples as stored),
 * steps with {@code /api/v1/query_range} over {@code avg/min/max_over_time}, the newest values with
 * {@code last_over_time}/{@code tlast_over_time} and Top-N with {@code topk}/{@code bottomk}.
 * <p>
 * VictoriaMetrics must run with {@code -dedup.minScrapeInterval=1ms}, so that a sample for a
 * timestamp a series already has replaces it; {@link #status()} reports it unhealthy otherwise.
 * Queries pass {@code nocache=1}: what was acknowledged is answered at once, not after
 * VictoriaMetrics' {@code -search.latencyOffset}. Only java.net.http is used.
 */
public final class VictoriaMetricsStore implements MetricStore {

	/** The store's kind. */
	public static final String KIND = "victoriametrics";

	/** How far ahead of the clock a sample may lie. */
	public static final Duration FUTURE_SKEW = Rejection.FUTURE_SKEW;

	private static final String DEDUP_FLAG = "-dedup.minScrapeInterval=\"1ms\"";

	private static final JsonFactory JSON_FACTORY = new JsonFactory();

	private final URI url;

	private final Duration timeout;

	private final Duration retention;

	private final Clock clock;

	private final HttpClient http;

	private final ObjectMapper json = new ObjectMapper();

	public VictoriaMetricsStore(VictoriaMetricsProperties properties, Clock clock) {
		String base = properties.url().toString();
		this.url = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
		this.timeout = properties.timeout();
		this.retention = properties.retention();
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.timeout)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public boolean shared() {
		return true;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public AppendResult append(List<Sample> samples) {
		long now = this.clock.millis();
		List<Rejection> rejected = new ArrayList<>();
		Map<SeriesKey, List<Sample>> accepted = new LinkedHashMap<>();
		int count = 0;
		for (int i = 0; i < samples.size(); i++) {
			Sample sample = samples.get(i);
			Rejection.Reason refusal = refusal(sample, now);
			if (refusal != null) {
				rejected.add(new Rejection(i, refusal));
			}
			else {
				accepted.computeIfAbsent(sample.series(), series -> new ArrayList<>()).add(sample);
				count++;
			}
		}
		if (count > 0) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/import", Map.of()))
				.timeout(this.timeout)
				.header("Content-Type", "application/stream+json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(importLines(accepted)))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new VictoriaMetricsException(
						"VictoriaMetrics refused the import: HTTP " + response.statusCode() + " " + brief(response.body()));
			}
		}
		return new AppendResult(count, rejected);
	}

	/** Why a sample is refused, or null: the same reasons, in the same order, as the embedded store. */
	Rejection.Reason refusal(Sample sample, long now) {
		Rejection.Reason reason = Rejection.check(sample, now, this.retention);
		return reason != null ? reason : sample.series().problem();
	}

	@Override
	public List<SeriesKey> find(SeriesSelector selector, int limit) {
		if (limit <= 0 || !queryable(selector)) {
			return List.of();
		}
		long now = this.clock.millis();
		JsonNode data = getJson("/api/v1/series", Map.of("match[]", selector(selector), "start",
				seconds(now - this.retention.toMillis() - Duration.ofDays(1).toMillis()), "end",
				seconds(now + Duration.ofDays(1).toMillis())));
		TreeSet<String> seen = new TreeSet<>();
		List<SeriesKey> found = new ArrayList<>();
		for (JsonNode series : data) {
			SeriesKey key = key(selector.metric(), series);
			if (selector.matches(key) && seen.add(key.toString())) {
				found.add(key);
			}
		}
		found.sort(Comparator.comparing(SeriesKey::toString));
		return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
	}

	@Override
	public List<SeriesPoints> range(SeriesSelector selector, Instant from, Instant to, Duration step) {
		if (!queryable(selector) || to.isBefore(from)) {
			return List.of();
		}
		if (step == null || step.isZero() || step.isNegative()) {
			return raw(selector, from.toEpochMilli(), to.toEpochMilli());
		}
		return steps(selector, from.toEpochMilli(), to.toEpochMilli(), Math.max(1, step.toMillis()));
	}

	private List<SeriesPoints> raw(SeriesSelector selector, long from, long to) {
		HttpResponse<InputStream> response = send(HttpRequest.newBuilder(uri("/api/v1/export",
				Map.of("match[]", selector(selector), "start", seconds(from), "end", seconds(to))))
			.timeout(this.timeout)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		List<SeriesPoints> points = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			if (response.statusCode() / 100 != 2) {
				throw new VictoriaMetricsException("VictoriaMetrics refused the export: HTTP " + response.statusCode());
			}
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode exported = this.json.readTree(line);
				SeriesKey key = key(selector.metric(), exported.path("metric"));
				if (!selector.matches(key)) {
					continue;
				}
				JsonNode timestamps = exported.path("timestamps");
				JsonNode values = exported.path("values");
				TreeMap<Long, Double> byTime = new TreeMap<>();
				for (int i = 0; i < timestamps.size(); i++) {
					long timestamp = timestamps.get(i).asLong();
					if (timestamp >= from && timestamp <= to) {
						byTime.put(timestamp, values.get(i).asDouble());
					}
				}
				points.add(new SeriesPoints(key, SeriesPoints.Resolution.RAW,
						byTime.keySet().stream().mapToLong(Long::longValue).toArray(),
						byTime.values().stream().mapToDouble(Double::doubleValue).toArray(), null, null));
			}
		}
		catch (IOException ex) {
			throw new VictoriaMetricsException("Cannot read VictoriaMetrics' export: " + ex.getMessage(), ex);
		}
		points.sort(Comparator.comparing(each -> each.series().toString()));
		return points;
	}

	private List<SeriesPoints> steps(SeriesSelector selector, long from, long to, long step) {
		long start = Math.floorDiv(from + step - 1, step) * step;
		long end = Math.floorDiv(to + step - 1, step) * step;
		if (start > end) {
			return List.of();
		}
		String window = "[" + step + "ms]";
		String series = selector(selector);
		Map<String, String> range = Map.of("start", seconds(start), "end", seconds(end), "step", step + "ms");
		Map<SeriesKey, TreeMap<Long, Double>> averages = rangeQuery("avg_over_time(" + series + window + ")", selector,
				range);
		Map<SeriesKey, TreeMap<Long, Double>> minima = rangeQuery("min_over_time(" + series + window + ")", selector,
				range);
		Map<SeriesKey, TreeMap<Long, Double>> maxima = rangeQuery("max_over_time(" + series + window + ")", selector,
				range);
		List<SeriesPoints> points = new ArrayList<>();
		averages.forEach((key, average) -> {
			int size = average.size();
			long[] timestamps = new long[size];
			double[] values = new double[size];
			double[] min = new double[size];
			double[] max = new double[size];
			int i = 0;
			for (Map.Entry<Long, Double> point : average.entrySet()) {
				timestamps[i] = point.getKey();
				values[i] = point.getValue();
				min[i] = minima.getOrDefault(key, new TreeMap<>()).getOrDefault(point.getKey(), point.getValue());
				max[i] = maxima.getOrDefault(key, new TreeMap<>()).getOrDefault(point.getKey(), point.getValue());
				i++;
			}
			points.add(new SeriesPoints(key, SeriesPoints.Resolution.STEP, timestamps, values, min, max));
		});
		points.sort(Comparator.comparing(each -> each.series().toString()));
		return points;
	}

	private Map<SeriesKey, TreeMap<Long, Double>> rangeQuery(String query, SeriesSelector selector,
			Map<String, String> range) {
		Map<String, String> parameters = new HashMap<>(range);
		parameters.put("query", query);
		parameters.put("nocache", "1");
		JsonNode data = getJson("/api/v1/query_range", parameters);
		Map<SeriesKey, TreeMap<Long, Double>> bySeries = new HashMap<>();
		for (JsonNode series : data.path("result")) {
			SeriesKey key = key(selector.metric(), series.path("metric"));
			if (!selector.matches(key)) {
				continue;
			}
			TreeMap<Long, Double> points = bySeries.computeIfAbsent(key, any -> new TreeMap<>());
			for (JsonNode point : series.path("values")) {
				double value = Double.parseDouble(point.get(1).asText());
				if (Double.isFinite(value)) {
					points.put(millis(point.get(0)), value);
				}
			}
		}
		return bySeries;
	}

	@Override
	public List<LatestValue> latest(SeriesSelector selector, Duration lookback) {
		if (!queryable(selector) || lookback.isNegative() || lookback.isZero()) {
			return List.of();
		}
		List<LatestValue> latest = newest(selector, lookback, null, 0, false);
		latest.sort(Comparator.comparing(value -> value.series().toString()));
		return latest;
	}

	@Override
	public List<LatestValue> top(SeriesSelector selector, int n, boolean highest, Duration lookback) {
		if (n <= 0 || !queryable(selector) || lookback.isNegative() || lookback.isZero()) {
			return List.of();
		}
		List<LatestValue> top = newest(selector, lookback, highest ? "topk" : "bottomk", n, highest);
		Comparator<LatestValue> byValue = Comparator.comparingDouble(LatestValue::value);
		top.sort((highest ? byValue.reversed() : byValue).thenComparing(value -> value.series().toString()));
		return top.size() > n ? new ArrayList<>(top.subList(0, n)) : top;
	}

	/**
	 * The newest sample per series within the lookback before now, or within the lookback and the
	 * allowed skew ahead of now (samples may lie up to {@link #FUTURE_SKEW} ahead); the values of
	 * {@code last_over_time}, the timestamps of {@code tlast_over_time}, the latter limited to the
	 * series of the former when a Top-N function is given.
	 */
	private List<LatestValue> newest(SeriesSelector selector, Duration lookback, String topFunction, int n,
			boolean highest) {
		long at = this.clock.millis() + FUTURE_SKEW.toMillis();
		String series = selector(selector) + "[" + (lookback.toMillis() + FUTURE_SKEW.toMillis()) + "ms]";
		String values = "last_over_time(" + series + ")";
		String times = "tlast_over_time(" + series + ")";
		if (topFunction != null) {
			values = topFunction + "(" + n + ", " + values + ")";
			times = times + " and " + values;
		}
		Map<SeriesKey, Double> valueBySeries = instantQuery(values, selector, at);
		Map<SeriesKey, Double> timeBySeries = instantQuery(times, selector, at);
		List<LatestValue> newest = new ArrayList<>();
		valueBySeries.forEach((key, value) -> {
			Double time = timeBySeries.get(key);
			if (time != null) {
				newest.add(new LatestValue(key, Math.round(time * 1000), value));
			}
		});
		return newest;
	}

	private Map<SeriesKey, Double> instantQuery(String query, SeriesSelector selector, long at) {
		JsonNode data = getJson("/api/v1/query", Map.of("query", query, "time", seconds(at), "nocache", "1"));
		Map<SeriesKey, Double> bySeries = new HashMap<>();
		for (JsonNode series : data.path("result")) {
			SeriesKey key = key(selector.metric(), series.path("metric"));
			double value = Double.parseDouble(series.path("value").get(1).asText());
			if (selector.matches(key) && Double.isFinite(value)) {
				bySeries.put(key, value);
			}
		}
		return bySeries;
	}

	@Override
	public StoreStatus status() {
		try {
			Map<String, Double> metrics = ownMetrics();
			long samples = Math.round(sum(metrics, "vm_rows{type=\"storage/") + sum(metrics, "vm_pending_rows{type=\"storage\"}"));
			long diskBytes = Math.round(sum(metrics, "vm_data_size_bytes{"));
			JsonNode count = getJson("/api/v1/series/count", Map.of());
			long series = count.isArray() && count.size() > 0 ? count.get(0).asLong() : 0;
			String flags = getText("/flags");
			String problem = flags.contains(DEDUP_FLAG) ? null
					: "VictoriaMetrics runs without -dedup.minScrapeInterval=1ms: a sample for a timestamp a series "
							+ "already has is kept beside the old one instead of replacing it";
			double bytesPerSample = samples > 0 && diskBytes > 0 ? (double) diskBytes / samples : -1;
			return new StoreStatus(KIND, problem == null, problem, series, samples, diskBytes > 0 ? diskBytes : -1,
					bytesPerSample, null, null, List.of());
		}
		catch (RuntimeException ex) {
			return new StoreStatus(KIND, false, ex.getMessage(), 0, 0, -1, -1, null, null, List.of());
		}
	}

	/** VictoriaMetrics' own metrics ({@code /metrics}): name with labels → value. */
	private Map<String, Double> ownMetrics() {
		Map<String, Double> metrics = new HashMap<>();
		for (String line : getText("/metrics").split("\n")) {
			int space = line.lastIndexOf(' ');
			if (line.startsWith("vm_") && space > 0) {
				try {
					metrics.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
				}
				catch (NumberFormatException ignored) {
					// not a sample line
				}
			}
		}
		return metrics;
	}

	private static double sum(Map<String, Double> metrics, String prefix) {
		return metrics.entrySet()
			.stream()
			.filter(metric -> metric.getKey().startsWith(prefix))
			.mapToDouble(Map.Entry::getValue)
			.sum();
	}

	/** Asks VictoriaMetrics to make what it acknowledged searchable at once (tests, benchmarks). */
	public void forceFlush() {
		getText("/internal/force_flush");
	}

	private byte[] importLines(Map<SeriesKey, List<Sample>> bySeries) {
		ByteArrayOutputStream body = new ByteArrayOutputStream(bySeries.size() * 128);
		try {
			for (Map.Entry<SeriesKey, List<Sample>> series : bySeries.entrySet()) {
				try (JsonGenerator line = JSON_FACTORY.createGenerator(body)) {
					line.writeStartObject();
					line.writeObjectFieldStart("metric");
					line.writeStringField("__name__", series.getKey().metric());
					for (Map.Entry<String, String> label : series.getKey().labels().entrySet()) {
						line.writeStringField(label.getKey(), label.getValue());
					}
					line.writeEndObject();
					line.writeArrayFieldStart("values");
					for (Sample sample : series.getValue()) {
						line.writeNumber(sample.value());
					}
					line.writeEndArray();
					line.writeArrayFieldStart("timestamps");
					for (Sample sample : series.getValue()) {
						line.writeNumber(sample.timestamp());
					}
					line.writeEndArray();
					line.writeEndObject();
				}
				body.write('\n');
			}
		}
		catch (IOException ex) {
			throw new VictoriaMetricsException("Cannot write the import: " + ex.getMessage(), ex);
		}
		return body.toByteArray();
	}

	/**
	 * Whether a selector can match anything: a metric name and label names as series have them
	 * (anything else would be no valid MetricsQL, and no stored series has it).
	 */
	private static boolean queryable(SeriesSelector selector) {
		Map<String, String> names = new TreeMap<>();
		selector.labels().keySet().forEach(name -> names.put(name, "x"));
		Rejection.Reason problem = selector.metric() == null ? Rejection.Reason.BAD_METRIC_NAME
				: SeriesKey.of(selector.metric(), names).problem();
		return problem == null || problem == Rejection.Reason.TOO_MANY_LABELS;
	}

	/** The selector in MetricsQL: {@code cpu_usage{resource=~"7|8"}}, values matched literally. */
	static String selector(SeriesSelector selector) {
		StringBuilder text = new StringBuilder(selector.metric());
		if (selector.labels().isEmpty()) {
			return text.toString();
		}
		text.append('{');
		new TreeMap<>(selector.labels()).forEach((name, values) -> {
			text.append(name);
			if (values.size() == 1) {
				text.append("=\"").append(quoted(values.iterator().next())).append("\",");
			}
			else {
				StringBuilder alternatives = new StringBuilder();
				for (String value : new TreeSet<>(values)) {
					alternatives.append(alternatives.isEmpty() ? "" : "|").append(regexLiteral(value));
				}
				text.append("=~\"").append(quoted(alternatives.toString())).append("\",");
			}
		});
		text.setCharAt(text.length() - 1, '}');
		return text.toString();
	}

	private static String quoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
	}

	private static String regexLiteral(String value) {
		StringBuilder literal = new StringBuilder();
		for (char c : value.toCharArray()) {
			if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
				literal.append('\\');
			}
			literal.append(c);
		}
		return literal.toString();
	}

	private static SeriesKey key(String metric, JsonNode labels) {
		TreeMap<String, String> names = new TreeMap<>();
		labels.fields().forEachRemaining(label -> {
			if (!label.getKey().equals("__name__")) {
				names.put(label.getKey(), label.getValue().asText());
			}
		});
		return new SeriesKey(labels.hasNonNull("__name__") ? labels.get("__name__").asText() : metric, names);
	}

	private static String seconds(long millis) {
		return Math.floorDiv(millis, 1000) + "." + String.format("%03d", Math.floorMod(millis, 1000));
	}

	private static long millis(JsonNode seconds) {
		return Math.round(seconds.asDouble() * 1000);
	}

	private JsonNode getJson(String path, Map<String, String> parameters) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path, parameters)).timeout(this.timeout).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		try {
			JsonNode answer = this.json.readTree(response.body());
			if (response.statusCode() / 100 != 2 || !"success".equals(answer.path("status").asText())) {
				throw new VictoriaMetricsException("VictoriaMetrics answered HTTP " + response.statusCode() + " to " + path
						+ ": " + brief(answer.path("error").asText(response.body())));
			}
			return answer.path("data");
		}
		catch (IOException ex) {
			throw new VictoriaMetricsException(
					"VictoriaMetrics answered HTTP " + response.statusCode() + " to " + path + ": " + brief(response.body()), ex);
		}
	}

	private String getText(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path, Map.of())).timeout(this.timeout).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new VictoriaMetricsException("VictoriaMetrics answered HTTP " + response.statusCode() + " to " + path);
		}
		return response.body();
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
		try {
			return this.http.send(request, body);
		}
		catch (IOException ex) {
			throw new VictoriaMetricsException("VictoriaMetrics at " + this.url + " cannot be reached: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new VictoriaMetricsException("Interrupted while waiting for VictoriaMetrics at " + this.url,
					new IOException(ex));
		}
	}

	private URI uri(String path, Map<String, String> parameters) {
		StringBuilder uri = new StringBuilder(this.url.toString()).append(path);
		char separator = '?';
		for (Map.Entry<String, String> parameter : new TreeMap<>(parameters).entrySet()) {
			uri.append(separator)
				.append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
			separator = '&';
		}
		return URI.create(uri.toString());
	}

	private static String brief(String text) {
		String line = text == null ? "" : text.strip().replace('\n', ' ');
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}

}
