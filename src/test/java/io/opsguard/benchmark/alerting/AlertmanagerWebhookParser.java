package io.opsguard.benchmark.alerting;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opsguard.benchmark.alerting.NotifiedAlert.Condition;

/**
 * Alertmanager's webhook body (version 4): {@code {"version":"4","status":…,"alerts":[{"status":
 * "firing"|"resolved","labels":{…},"startsAt":…}, …]}}. Each alert's {@code resource} label is its
 * resource, its {@code alertname} is mapped to a {@link Condition} by the rules' names given.
 */
public final class AlertmanagerWebhookParser implements NotificationParser {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, Condition> conditions;

	/** @param conditions what each alert name is about; other names are {@link Condition#UNKNOWN} */
	public AlertmanagerWebhookParser(Map<String, Condition> conditions) {
		this.conditions = Map.copyOf(conditions);
	}

	@Override
	public List<NotifiedAlert> parse(String body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON", ex);
		}
		if (root == null || !"4".equals(root.path("version").asText()) || !root.path("alerts").isArray()) {
			throw new IllegalArgumentException("not an Alertmanager webhook of version 4");
		}
		List<NotifiedAlert> alerts = new ArrayList<>();
		for (JsonNode alert : root.path("alerts")) {
			JsonNode labels = alert.path("labels");
			String name = text(labels, "alertname");
			alerts.add(new NotifiedAlert(text(labels, "resource"),
					name == null ? Condition.UNKNOWN : this.conditions.getOrDefault(name, Condition.UNKNOWN),
					"firing".equals(alert.path("status").asText()), instant(text(alert, "startsAt")), name,
					text(labels, "severity")));
		}
		return alerts;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asText();
	}

	/** An RFC 3339 time; Go's zero time ({@code 0001-01-01T00:00:00Z}) and garbage are unknown. */
	private static Instant instant(String text) {
		if (text == null || text.startsWith("0001-")) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return java.time.OffsetDateTime.parse(text).toInstant();
		}
	}

}
