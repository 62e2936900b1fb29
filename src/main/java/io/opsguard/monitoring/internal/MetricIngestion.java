package io.opsguard.monitoring.internal;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.monitoring.store.AppendResult;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Rejection;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.exposition.PrometheusText;
import io.opsguard.shared.OpsGuardException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Samples from external sources (R-LOG-01 collection, {@code POST /api/v1/metrics/ingest}): a
 * Prometheus text exposition or a JSON batch, read line by line or item by item. Each line or item
 * is refused on its own, with the reason, and the rest is stored: unreadable syntax, a
 * {@code resource} label that names no CI in the caller's scope (a token of one organisation cannot
 * write another's resources), and whatever the store refuses (NaN and infinities, timestamps more
 * than 10 minutes ahead or older than the retention, names and labels). A line without a timestamp
 * is stamped with the time it arrived.
 */
@Component
public class MetricIngestion {

	private static final Logger log = LoggerFactory.getLogger(MetricIngestion.class);

	private final MetricStore store;

	private final ConfigurationItems cis;

	private final MetricIngestProperties properties;

	private final Clock clock;

	private final ObjectMapper json;

	MetricIngestion(MetricStore store, ConfigurationItems cis, MetricIngestProperties properties, Clock clock,
			ObjectMapper json) {
		this.store = store;
		this.cis = cis;
		this.properties = properties;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * What became of a request: how many samples were stored, and each refused line or item (none
	 * stored and none refused: the request held no sample).
	 */
	public record Report(int accepted, List<Refused> rejected) {
	}

	/**
	 * A refused line (text, {@code line} from 1) or item (JSON, {@code index} from 0).
	 *
	 * @param reason {@code SYNTAX}, {@code BAD_LABEL_SYNTAX}, {@code DUPLICATE_LABEL}, {@code BAD_VALUE},
	 *        {@code BAD_TIMESTAMP}, {@code MISSING_FIELD}, {@code UNKNOWN_RESOURCE} or a store's
	 *        {@link Rejection.Reason}
	 * @param detail the part at fault (the line's start, the field), for the message
	 */
	public record Refused(Integer line, Integer index, String reason, String detail) {
	}

	/** Reads and stores a Prometheus text exposition. */
	public Report ingestText(CurrentUser caller, byte[] body) {
		PrometheusText.Parsed parsed = PrometheusText.parse(new String(body, StandardCharsets.UTF_8));
		// # TYPE and # HELP lines carry no sample and the store keeps no metadata: their problems are not the caller's
		List<PrometheusText.Problem> problems = parsed.problems()
			.stream()
			.filter(problem -> problem.kind() != PrometheusText.Kind.BAD_METADATA)
			.toList();
		checkCount(parsed.samples().size() + problems.size());
		List<Refused> refused = new ArrayList<>();
		problems.forEach(problem -> refused.add(new Refused(problem.number(), null, problem.kind().name(),
				brief(problem.text()))));
		long now = this.clock.millis();
		List<Pending> pending = new ArrayList<>();
		for (PrometheusText.Line line : parsed.samples()) {
			pending.add(new Pending(line.number(), null, new Sample(new SeriesKey(line.metric(), line.labels()),
					line.timestamp() == null ? now : line.timestamp(), line.value()), line.metric()));
		}
		return store(caller, pending, refused);
	}

	/** Reads and stores a JSON batch {@code {samples: [{metric, labels, timestamp, value}]}}. */
	public Report ingestJson(CurrentUser caller, byte[] body) {
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw OpsGuardException.onField("samples", MetricIngestError.BAD_JSON,
					ex.getOriginalMessage() == null ? "" : brief(ex.getOriginalMessage()));
		}
		catch (java.io.IOException ex) {
			throw new OpsGuardException(MetricIngestError.BAD_JSON, brief(String.valueOf(ex.getMessage())));
		}
		JsonNode items = root == null ? null : root.path("samples");
		if (items == null || !items.isArray()) {
			throw OpsGuardException.onField("samples", MetricIngestError.BAD_JSON, "samples");
		}
		checkCount(items.size());
		long now = this.clock.millis();
		List<Refused> refused = new ArrayList<>();
		List<Pending> pending = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			String problemField = null;
			String reason = "MISSING_FIELD";
			JsonNode metric = item.path("metric");
			JsonNode value = item.path("value");
			JsonNode labels = item.path("labels");
			JsonNode timestamp = item.path("timestamp");
			if (!metric.isTextual()) {
				problemField = "metric";
			}
			else if (!value.isNumber() && !value.isTextual()) {
				problemField = "value";
			}
			else if (!labels.isMissingNode() && !labels.isNull() && !labels.isObject()) {
				problemField = "labels";
				reason = "BAD_LABEL_SYNTAX";
			}
			if (problemField != null) {
				refused.add(new Refused(null, i, reason, problemField));
				continue;
			}
			double number;
			try {
				number = value.isNumber() ? value.asDouble() : PrometheusText.parseValue(value.asText().strip());
			}
			catch (NumberFormatException ex) {
				refused.add(new Refused(null, i, "BAD_VALUE", brief(value.asText())));
				continue;
			}
			Long time = timestamp(timestamp, now);
			if (time == null) {
				refused.add(new Refused(null, i, "BAD_TIMESTAMP", brief(timestamp.asText())));
				continue;
			}
			TreeMap<String, String> names = new TreeMap<>();
			boolean badLabel = false;
			for (Map.Entry<String, JsonNode> label : labels.isObject() ? iterable(labels) : List.<Map.Entry<String, JsonNode>>of()) {
				if (!label.getValue().isValueNode() || label.getValue().isNull()) {
					badLabel = true;
					break;
				}
				names.put(label.getKey(), label.getValue().asText());
			}
			if (badLabel) {
				refused.add(new Refused(null, i, "BAD_LABEL_SYNTAX", "labels"));
				continue;
			}
			pending.add(new Pending(null, i, new Sample(new SeriesKey(metric.asText(), names), time, number),
					metric.asText()));
		}
		return store(caller, pending, refused);
	}

	private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
		List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
		object.fields().forEachRemaining(fields::add);
		return fields;
	}

	/** Milliseconds, ISO-8601 text, or now when missing; null when unreadable. */
	private static Long timestamp(JsonNode timestamp, long now) {
		if (timestamp.isMissingNode() || timestamp.isNull()) {
			return now;
		}
		if (timestamp.isIntegralNumber() && timestamp.canConvertToLong()) {
			return timestamp.asLong();
		}
		if (timestamp.isTextual()) {
			try {
				return Instant.parse(timestamp.asText().strip()).toEpochMilli();
			}
			catch (DateTimeParseException | ArithmeticException ex) {
				return null;
			}
		}
		return null;
	}

	private record Pending(Integer line, Integer index, Sample sample, String metric) {
	}

	private Report store(CurrentUser caller, List<Pending> pending, List<Refused> refused) {
		Map<String, Boolean> visible = new HashMap<>();
		List<Pending> allowed = new ArrayList<>();
		for (Pending each : pending) {
			String resource = each.sample().series().label(SeriesKey.RESOURCE);
			if (resource != null && !visible.computeIfAbsent(resource, id -> inScope(caller, id))) {
				refused.add(new Refused(each.line(), each.index(), "UNKNOWN_RESOURCE", brief(resource)));
			}
			else {
				allowed.add(each);
			}
		}
		AppendResult result;
		try {
			result = allowed.isEmpty() ? AppendResult.allAccepted(0)
					: this.store.append(allowed.stream().map(Pending::sample).toList());
		}
		catch (UncheckedIOException ex) {
			log.warn("The metric store refused an ingestion of {} samples: {}", allowed.size(), ex.getMessage());
			throw new OpsGuardException(MetricIngestError.STORE_UNAVAILABLE);
		}
		for (Rejection rejection : result.rejected()) {
			Pending each = allowed.get(rejection.index());
			refused.add(new Refused(each.line(), each.index(), rejection.reason().name(), brief(each.metric())));
		}
		refused.sort(Comparator.comparing((Refused r) -> r.line() == null ? -1 : r.line())
			.thenComparing(r -> r.index() == null ? -1 : r.index()));
		return new Report(result.accepted(), refused);
	}

	private boolean inScope(CurrentUser caller, String resource) {
		if (!resource.matches("\\d{1,18}")) {
			return false;
		}
		return this.cis.find(Long.parseLong(resource))
			.map(ci -> caller.scope().includes(ci.organisationId()))
			.orElse(false);
	}

	private void checkCount(int count) {
		if (count > this.properties.maxSamples()) {
			throw new OpsGuardException(MetricIngestError.TOO_MANY_SAMPLES, this.properties.maxSamples());
		}
	}

	private static String brief(String text) {
		return text.length() > 80 ? text.substring(0, 80) + "…" : text;
	}

}
