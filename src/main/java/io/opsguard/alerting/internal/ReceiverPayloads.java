package io.opsguard.alerting.internal;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.shared.ErrorCode;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

/**
 * Reads the payloads of the three receivers into {@link ExternalAlert}s: Alertmanager's webhook
 * (version 4), the JSON the OpsGuard media type of Zabbix posts, and the generic JSON. The whole
 * payload is checked before anything is applied: any bad field refuses it with a 400 naming every
 * bad field ({@code ALR-0071} and its {@code errors}), so that nothing of a broken payload changes
 * anything.
 */
final class ReceiverPayloads {

	/** The most alerts one request may carry. */
	static final int MAX_ALERTS = 500;

	/** The longest key of the generic API. */
	static final int MAX_KEY = 200;

	/** The most field problems one answer lists. */
	private static final int MAX_PROBLEMS = 50;

	private static final Pattern UNRESOLVED_MACRO = Pattern.compile("\\{[A-Z][A-Z0-9_.]*(:[^}]*)?}|\\*UNKNOWN\\*");

	private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?)");

	private static final DateTimeFormatter ZABBIX_DATE = DateTimeFormatter.ofPattern("uuuu.MM.dd");

	private static final ZoneId DEFAULT_ZABBIX_ZONE = ZoneId.of("Asia/Shanghai");

	private final ObjectReader reader;

	ReceiverPayloads(ObjectMapper json) {
		this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/** Alertmanager's webhook payload, version 4. */
	List<ExternalAlert> alertmanager(byte[] body) {
		JsonNode root = object(body);
		Problems problems = new Problems();
		JsonNode version = root.path("version");
		if (version.isMissingNode() || version.isNull()) {
			problems.add("version", AlertingError.RECEIVED_FIELD_REQUIRED, "version");
		}
		else if (!"4".equals(version.asText())) {
			problems.add("version", AlertingError.RECEIVED_BAD_VERSION, brief(version.asText()));
		}
		JsonNode alerts = alertsOf(root.path("alerts"), "alerts");
		List<ExternalAlert> read = new ArrayList<>();
		for (int i = 0; i < alerts.size(); i++) {
			String at = "alerts[" + i + "].";
			JsonNode alert = alerts.get(i);
			if (!alert.isObject()) {
				problems.add("alerts[" + i + "]", AlertingError.RECEIVED_NOT_OBJECT, "alerts[" + i + "]");
				continue;
			}
			Boolean resolved = status(alert.path("status"), at + "status", problems, "firing", "resolved");
			Map<String, String> labels = labels(alert.path("labels"), at + "labels", true, problems);
			Map<String, String> annotations = labels(alert.path("annotations"), at + "annotations", false, problems);
			Instant startsAt = isoTime(alert.path("startsAt"), at + "startsAt", problems);
			Instant endsAt = isoTime(alert.path("endsAt"), at + "endsAt", problems);
			String fingerprint = text(alert.path("fingerprint"), at + "fingerprint", problems);
			if (resolved == null || labels == null || annotations == null) {
				continue;
			}
			String key = fingerprint != null ? fingerprint : sortedLabels(labels);
			String severityText = labels.get("severity");
			AlertSeverity severity = ExternalSeverities.alertmanager(severityText);
			String title = first(annotations.get("summary"), annotations.get("title"), labels.get("alertname"));
			String summary = first(annotations.get("description"), annotations.get("message"));
			List<String> hosts = new ArrayList<>();
			addHost(hosts, withoutPort(labels.get("instance")));
			addHost(hosts, labels.get("host"));
			addHost(hosts, labels.get("hostname"));
			addHost(hosts, labels.get("node"));
			read.add(new ExternalAlert(i, cut(key, 300), resolved, severity == null ? AlertSeverity.MAJOR : severity,
					severityText, severity != null, title == null ? sortedLabels(labels) : title, summary, labels, hosts,
					startsAt, endsAt, number(annotations.get("value"))));
		}
		problems.throwIfAny();
		return read;
	}

	/**
	 * The JSON the OpsGuard media type of Zabbix posts (docs/integrations/zabbix-opsguard-mediatype.yaml):
	 * {@code eventId} (the problem's, also in the recovery), {@code value} 1/0 or {@code status}
	 * PROBLEM/RESOLVED, {@code name}, {@code severity} and {@code nseverity}, {@code host},
	 * {@code hostName}, {@code hostIp}, {@code tags} ({@code {EVENT.TAGSJSON}}), {@code date} and
	 * {@code time} ({@code {EVENT.DATE}} {@code {EVENT.TIME}}), {@code recoveryDate},
	 * {@code recoveryTime}, {@code timezone}, {@code lastValue}, {@code opdata},
	 * {@code description}.
	 */
	List<ExternalAlert> zabbix(byte[] body) {
		JsonNode root = object(body);
		Problems problems = new Problems();
		String eventId = text(root.path("eventId"), "eventId", problems);
		if (eventId == null && !problems.has("eventId")) {
			problems.add("eventId", AlertingError.RECEIVED_FIELD_REQUIRED, "eventId");
		}
		else if (eventId != null && eventId.length() > 64) {
			problems.add("eventId", AlertingError.RECEIVED_TEXT_TOO_LONG, 64);
		}
		String value = text(root.path("value"), "value", problems);
		String status = text(root.path("status"), "status", problems);
		Boolean resolved = null;
		if ("0".equals(value) || "1".equals(value)) {
			resolved = "0".equals(value);
		}
		else if (status != null) {
			String normal = status.toUpperCase(Locale.ROOT);
			if (normal.equals("PROBLEM")) {
				resolved = false;
			}
			else if (normal.equals("RESOLVED") || normal.equals("OK")) {
				resolved = true;
			}
			else {
				problems.add("status", AlertingError.RECEIVED_BAD_STATUS, brief(status), "PROBLEM, RESOLVED");
			}
		}
		else if (value != null) {
			problems.add("value", AlertingError.RECEIVED_BAD_STATUS, brief(value), "1, 0");
		}
		else if (!problems.has("status") && !problems.has("value")) {
			problems.add("status", AlertingError.RECEIVED_FIELD_REQUIRED, "status");
		}
		String name = text(root.path("name"), "name", problems);
		String severityName = text(root.path("severity"), "severity", problems);
		String severityNumber = text(root.path("nseverity"), "nseverity", problems);
		if (Boolean.FALSE.equals(resolved)) {
			if (name == null && !problems.has("name")) {
				problems.add("name", AlertingError.RECEIVED_FIELD_REQUIRED, "name");
			}
			if (severityName == null && severityNumber == null && !problems.has("severity")
					&& !problems.has("nseverity")) {
				problems.add("severity", AlertingError.RECEIVED_FIELD_REQUIRED, "severity");
			}
		}
		ZoneId zone = DEFAULT_ZABBIX_ZONE;
		String timezone = text(root.path("timezone"), "timezone", problems);
		if (timezone != null) {
			try {
				zone = ZoneId.of(timezone);
			}
			catch (DateTimeException ex) {
				problems.add("timezone", AlertingError.RECEIVED_BAD_TIMEZONE, brief(timezone));
			}
		}
		Instant startsAt = zabbixTime(root, "date", "time", zone, problems);
		Instant endsAt = zabbixTime(root, "recoveryDate", "recoveryTime", zone, problems);
		Map<String, String> tags = tags(root.path("tags"), problems);
		String host = text(root.path("host"), "host", problems);
		String hostName = text(root.path("hostName"), "hostName", problems);
		String hostIp = text(root.path("hostIp"), "hostIp", problems);
		String lastValue = text(root.path("lastValue"), "lastValue", problems);
		String opdata = text(root.path("opdata"), "opdata", problems);
		String description = text(root.path("description"), "description", problems);
		problems.throwIfAny();
		Map<String, String> labels = new TreeMap<>(tags);
		if (host != null) {
			labels.putIfAbsent("host", host);
		}
		if (hostIp != null) {
			labels.putIfAbsent("ip", hostIp);
		}
		if (lastValue != null) {
			labels.putIfAbsent("lastValue", lastValue);
		}
		List<String> hosts = new ArrayList<>();
		addHost(hosts, hostIp);
		addHost(hosts, host);
		addHost(hosts, hostName);
		AlertSeverity severity = ExternalSeverities.zabbix(severityNumber, severityName);
		return List.of(new ExternalAlert(0, eventId, resolved, severity == null ? AlertSeverity.MAJOR : severity,
				severityName != null ? severityName : severityNumber, severity != null || resolved,
				name == null ? "Zabbix " + eventId : name, first(description, opdata), labels, hosts, startsAt, endsAt,
				number(lastValue)));
	}

	/** The generic JSON: one alert, or {@code {"alerts": [...]}}. */
	List<ExternalAlert> generic(byte[] body) {
		JsonNode root = object(body);
		Problems problems = new Problems();
		List<ExternalAlert> read = new ArrayList<>();
		if (root.has("alerts")) {
			JsonNode alerts = alertsOf(root.path("alerts"), "alerts");
			for (int i = 0; i < alerts.size(); i++) {
				JsonNode alert = alerts.get(i);
				if (!alert.isObject()) {
					problems.add("alerts[" + i + "]", AlertingError.RECEIVED_NOT_OBJECT, "alerts[" + i + "]");
					continue;
				}
				ExternalAlert one = genericAlert(alert, i, "alerts[" + i + "].", problems);
				if (one != null) {
					read.add(one);
				}
			}
		}
		else {
			ExternalAlert one = genericAlert(root, 0, "", problems);
			if (one != null) {
				read.add(one);
			}
		}
		problems.throwIfAny();
		return read;
	}

	private ExternalAlert genericAlert(JsonNode alert, int index, String at, Problems problems) {
		String key = text(alert.path("key"), at + "key", problems);
		if (key == null && !problems.has(at + "key")) {
			problems.add(at + "key", AlertingError.RECEIVED_FIELD_REQUIRED, at + "key");
		}
		else if (key != null && key.length() > MAX_KEY) {
			problems.add(at + "key", AlertingError.RECEIVED_TEXT_TOO_LONG, MAX_KEY);
		}
		Boolean resolved = status(alert.path("status"), at + "status", problems, "firing", "resolved");
		String severityText = text(alert.path("severity"), at + "severity", problems);
		AlertSeverity severity = ExternalSeverities.generic(severityText);
		String title = text(alert.path("title"), at + "title", problems);
		if (Boolean.FALSE.equals(resolved)) {
			if (severityText == null && !problems.has(at + "severity")) {
				problems.add(at + "severity", AlertingError.RECEIVED_FIELD_REQUIRED, at + "severity");
			}
			if (title == null && !problems.has(at + "title")) {
				problems.add(at + "title", AlertingError.RECEIVED_FIELD_REQUIRED, at + "title");
			}
		}
		if (severityText != null && severity == null) {
			problems.add(at + "severity", AlertingError.RECEIVED_BAD_SEVERITY, brief(severityText));
		}
		String description = text(alert.path("description"), at + "description", problems);
		String host = text(alert.path("host"), at + "host", problems);
		Map<String, String> labels = labels(alert.path("labels"), at + "labels", false, problems);
		Instant startsAt = isoTime(alert.path("startsAt"), at + "startsAt", problems);
		Instant endsAt = isoTime(alert.path("endsAt"), at + "endsAt", problems);
		Double value = null;
		JsonNode valueNode = alert.path("value");
		if (valueNode.isNumber()) {
			value = valueNode.asDouble();
		}
		else if (valueNode.isTextual() && !valueNode.asText().isBlank()) {
			value = exactNumber(valueNode.asText());
			if (value == null) {
				problems.add(at + "value", AlertingError.RECEIVED_BAD_VALUE, brief(valueNode.asText()));
			}
		}
		else if (!valueNode.isMissingNode() && !valueNode.isNull() && !valueNode.isTextual()) {
			problems.add(at + "value", AlertingError.RECEIVED_BAD_VALUE, brief(valueNode.toString()));
		}
		if (value != null && (value.isNaN() || value.isInfinite())) {
			problems.add(at + "value", AlertingError.RECEIVED_BAD_VALUE, brief(String.valueOf(value)));
		}
		if (key == null || resolved == null || labels == null || key.length() > MAX_KEY
				|| (!resolved && (severity == null || title == null))) {
			return null;
		}
		List<String> hosts = new ArrayList<>();
		addHost(hosts, host);
		return new ExternalAlert(index, key, resolved, severity == null ? AlertSeverity.MAJOR : severity, severityText,
				severity != null || resolved, title == null ? key : title, description, labels, hosts, startsAt, endsAt,
				value);
	}

	private JsonNode object(byte[] body) {
		if (body == null || body.length == 0) {
			throw OpsGuardException.onField("body", AlertingError.RECEIVED_NO_ALERTS);
		}
		JsonNode root;
		try {
			root = this.reader.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw OpsGuardException.onField("body", AlertingError.RECEIVED_BAD_JSON,
					brief(ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage()));
		}
		catch (IOException ex) {
			throw OpsGuardException.onField("body", AlertingError.RECEIVED_BAD_JSON, brief(String.valueOf(ex.getMessage())));
		}
		if (root == null || root.isMissingNode()) {
			throw OpsGuardException.onField("body", AlertingError.RECEIVED_NO_ALERTS);
		}
		if (!root.isObject()) {
			throw OpsGuardException.onField("body", AlertingError.RECEIVED_NOT_OBJECT, "body");
		}
		return root;
	}

	private static JsonNode alertsOf(JsonNode alerts, String field) {
		if (alerts.isMissingNode() || alerts.isNull()) {
			throw OpsGuardException.onField(field, AlertingError.RECEIVED_FIELD_REQUIRED, field);
		}
		if (!alerts.isArray()) {
			throw OpsGuardException.onField(field, AlertingError.RECEIVED_NOT_ARRAY, field);
		}
		if (alerts.isEmpty()) {
			throw OpsGuardException.onField(field, AlertingError.RECEIVED_NO_ALERTS);
		}
		if (alerts.size() > MAX_ALERTS) {
			throw OpsGuardException.onField(field, AlertingError.RECEIVED_TOO_MANY, MAX_ALERTS);
		}
		return alerts;
	}

	private static Boolean status(JsonNode node, String field, Problems problems, String firing, String resolved) {
		String text = text(node, field, problems);
		if (text == null) {
			if (!problems.has(field)) {
				problems.add(field, AlertingError.RECEIVED_FIELD_REQUIRED, field);
			}
			return null;
		}
		if (text.equalsIgnoreCase(firing)) {
			return false;
		}
		if (text.equalsIgnoreCase(resolved)) {
			return true;
		}
		problems.add(field, AlertingError.RECEIVED_BAD_STATUS, brief(text), firing + ", " + resolved);
		return null;
	}

	/**
	 * A text field: text, or a number or boolean written as text; null when missing, null, blank or
	 * an unresolved Zabbix macro. An object or array is a problem.
	 */
	private static String text(JsonNode node, String field, Problems problems) {
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!node.isValueNode()) {
			problems.add(field, AlertingError.RECEIVED_NOT_TEXT, field);
			return null;
		}
		String text = node.asText().trim();
		if (text.isEmpty() || UNRESOLVED_MACRO.matcher(text).matches()) {
			return null;
		}
		return text;
	}

	/** An object of names to texts (numbers and booleans as text); null after a problem. */
	private static Map<String, String> labels(JsonNode node, String field, boolean required, Problems problems) {
		if (node.isMissingNode() || node.isNull()) {
			if (required) {
				problems.add(field, AlertingError.RECEIVED_FIELD_REQUIRED, field);
				return null;
			}
			return Map.of();
		}
		if (!node.isObject()) {
			problems.add(field, AlertingError.RECEIVED_BAD_LABELS, field);
			return null;
		}
		Map<String, String> labels = new TreeMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> entry = fields.next();
			JsonNode value = entry.getValue();
			if (value.isNull()) {
				continue;
			}
			if (!value.isValueNode()) {
				problems.add(field, AlertingError.RECEIVED_BAD_LABELS, field);
				return null;
			}
			if (!entry.getKey().isBlank()) {
				labels.put(cut(entry.getKey().trim(), 200), cut(value.asText(), 1000));
			}
		}
		return labels;
	}

	/** Zabbix' {@code {EVENT.TAGSJSON}}: [{tag, value}], or an object of tags. */
	private static Map<String, String> tags(JsonNode node, Problems problems) {
		if (node.isMissingNode() || node.isNull()) {
			return Map.of();
		}
		if (node.isTextual()) {
			// the script may pass {EVENT.TAGSJSON} as it came
			String text = node.asText().trim();
			if (text.isEmpty() || UNRESOLVED_MACRO.matcher(text).matches()) {
				return Map.of();
			}
			problems.add("tags", AlertingError.RECEIVED_BAD_LABELS, "tags");
			return Map.of();
		}
		if (node.isObject()) {
			Map<String, String> labels = labels(node, "tags", false, problems);
			return labels == null ? Map.of() : labels;
		}
		if (!node.isArray()) {
			problems.add("tags", AlertingError.RECEIVED_BAD_LABELS, "tags");
			return Map.of();
		}
		Map<String, String> tags = new LinkedHashMap<>();
		for (JsonNode tag : node) {
			JsonNode name = tag.path("tag");
			JsonNode value = tag.path("value");
			if (!tag.isObject() || !name.isValueNode() || name.asText().isBlank()
					|| !(value.isMissingNode() || value.isNull() || value.isValueNode())) {
				problems.add("tags", AlertingError.RECEIVED_BAD_LABELS, "tags");
				return Map.of();
			}
			String text = value.isValueNode() ? value.asText() : "";
			tags.merge(cut(name.asText().trim(), 200), cut(text, 1000), (a, b) -> a.equals(b) ? a : a + "," + b);
		}
		return tags;
	}

	private static Instant isoTime(JsonNode node, String field, Problems problems) {
		String text = text(node, field, problems);
		if (text == null) {
			return null;
		}
		Instant at;
		try {
			at = OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			problems.add(field, AlertingError.RECEIVED_BAD_TIME, brief(text));
			return null;
		}
		// Alertmanager's zero time (0001-01-01T00:00:00Z): no time
		return at.isBefore(Instant.EPOCH) ? null : at;
	}

	private static Instant zabbixTime(JsonNode root, String dateField, String timeField, ZoneId zone, Problems problems) {
		String date = text(root.path(dateField), dateField, problems);
		String time = text(root.path(timeField), timeField, problems);
		if (date == null || time == null) {
			return null;
		}
		try {
			return LocalDate.parse(date, ZABBIX_DATE).atTime(LocalTime.parse(time)).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			problems.add(dateField, AlertingError.RECEIVED_BAD_TIME, brief(date + " " + time));
			return null;
		}
	}

	/** The number a value begins with ({@code "95.3 %"} → 95.3), or null. */
	static Double number(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = LEADING_NUMBER.matcher(text);
		if (!matcher.find()) {
			return null;
		}
		try {
			double value = Double.parseDouble(matcher.group(1));
			return Double.isFinite(value) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Double exactNumber(String text) {
		try {
			return Double.parseDouble(text.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** {@code 10.0.0.5:9100} → {@code 10.0.0.5}; {@code [::1]:9100} → {@code ::1}; others as they are. */
	static String withoutPort(String instance) {
		if (instance == null) {
			return null;
		}
		String text = instance.trim();
		int scheme = text.indexOf("://");
		if (scheme >= 0) {
			text = text.substring(scheme + 3);
			int slash = text.indexOf('/');
			text = slash >= 0 ? text.substring(0, slash) : text;
		}
		if (text.startsWith("[")) {
			int end = text.indexOf(']');
			return end > 0 ? text.substring(1, end) : text;
		}
		int colon = text.indexOf(':');
		if (colon >= 0 && colon == text.lastIndexOf(':')) {
			return text.substring(0, colon);
		}
		return text;
	}

	private static void addHost(List<String> hosts, String host) {
		if (host != null && !host.isBlank() && host.length() <= 256 && !hosts.contains(host.trim())) {
			hosts.add(host.trim());
		}
	}

	/** Labels as one text, sorted by name: {@code alertname="x",instance="y"}. */
	private static String sortedLabels(Map<String, String> labels) {
		StringBuilder text = new StringBuilder("{");
		new TreeMap<>(labels).forEach((name, value) -> {
			if (text.length() > 1) {
				text.append(',');
			}
			text.append(name).append("=\"").append(value).append('"');
		});
		return text.append('}').toString();
	}

	private static String first(String... texts) {
		for (String text : texts) {
			if (text != null && !text.isBlank()) {
				return text.trim();
			}
		}
		return null;
	}

	private static String brief(String text) {
		String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
		return line.length() > 80 ? line.substring(0, 80) + "…" : line;
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}

	/** The field problems of one payload, at most {@value #MAX_PROBLEMS}. */
	private static final class Problems {

		private final List<FieldProblem> list = new ArrayList<>();

		private final java.util.Set<String> fields = new java.util.HashSet<>();

		void add(String field, ErrorCode code, Object... args) {
			this.fields.add(field);
			if (this.list.size() < MAX_PROBLEMS) {
				this.list.add(new FieldProblem(field, code, args));
			}
		}

		boolean has(String field) {
			return this.fields.contains(field);
		}

		void throwIfAny() {
			if (!this.list.isEmpty()) {
				throw OpsGuardException.onFields(AlertingError.RECEIVED_INVALID, this.list, this.fields.size());
			}
		}

	}

}
