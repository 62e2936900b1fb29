package io.opsguard.alerting.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.alerting.internal.AlertingError;
import io.opsguard.alerting.internal.ExternalAlerts;
import io.opsguard.alerting.internal.ExternalAlerts.Source;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts from other systems (R-ALR-01): Alertmanager's webhook, the OpsGuard media type of Zabbix
 * and a generic JSON, usually with a bearer API token of an account holding
 * {@code alerting:alert:ingest}. The mappings name no media type: the permission is checked before
 * the body is read, so that a caller without it gets 403 whatever it sends.
 */
@RestController
@RequestMapping("/api/v1/alerts/receivers")
@Tag(name = "alert receivers", description = "Alerts from other systems — Prometheus' Alertmanager (webhook, version 4), "
		+ "Zabbix (the OpsGuard media type in docs/integrations) and any system speaking the generic JSON — taken into "
		+ "the lifecycle of OpsGuard's alerts: deduplicated by source and key, quieted, routed, resolved when the source "
		+ "resolves. Usually called with a bearer API token holding alerting:alert:ingest. See docs/api/alerting.md.")
class AlertReceiverController {

	/** The largest body a receiver reads. */
	static final long MAX_BODY = 1024 * 1024;

	private static final String COMMON = " The whole payload is checked first: any bad field answers 400 `ALR-0071` naming "
			+ "every bad field in `errors`, and nothing is applied. The answer is `{accepted, resolved, ignored, problems: "
			+ "[{index, key, reason, message}]}`: firing alerts taken in, alerts resolved, resolutions of alerts that were "
			+ "not open (or alerts open in an organisation outside the caller's scope) left alone, and notes such as a "
			+ "host that matched no CI (`HOST_UNMATCHED`: the alert then belongs to no organisation and is seen by users "
			+ "whose scope is everything), a severity not understood (`SEVERITY_UNKNOWN`: taken as major) or labels "
			+ "dropped past 4,000 characters (`LABELS_TRUNCATED`). Bodies up to 1 MiB, at most 500 alerts. Every call is "
			+ "audited once.";

	private final ExternalAlerts alerts;

	private final MessageSource messages;

	AlertReceiverController(ExternalAlerts alerts, MessageSource messages) {
		this.alerts = alerts;
		this.messages = messages;
	}

	@PostMapping("/alertmanager")
	@PreAuthorize("hasAuthority('alerting:alert:ingest')")
	@Operation(summary = "Receive alerts from Alertmanager",
			description = "The payload of Alertmanager's webhook receiver, version 4 (`webhook_configs` with "
					+ "`http_config.authorization.credentials` set to the API token; `send_resolved: true`; "
					+ "`max_alerts: 500`). An alert's key is its `fingerprint` (or its sorted labels), its severity the "
					+ "`severity` label (critical|page → critical, major|error|high → major, warning|minor|average → "
					+ "minor, info|none → info, otherwise major), its title the `summary` annotation (else `title`, else "
					+ "`alertname`), its summary the `description` annotation, its host the `instance` label without port, "
					+ "else `host`, `hostname`, `node`." + COMMON,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = AlertmanagerPayload.class))))
	@ErrorResponses(value = { "ALR-0070", "ALR-0071", "ALR-0072", "ALR-0073", "ALR-0078", "ALR-0079", "ALR-0080",
			"ALR-0085", "ALR-0086" }, fields = { "ALR-0074", "ALR-0076", "ALR-0081", "ALR-0082" })
	ReceiverAnswer alertmanager(HttpServletRequest request) {
		return answer(this.alerts.receive(CurrentUsers.require(), Source.ALERTMANAGER, () -> body(request)));
	}

	@PostMapping("/zabbix")
	@PreAuthorize("hasAuthority('alerting:alert:ingest')")
	@Operation(summary = "Receive alerts from Zabbix",
			description = "The JSON the OpsGuard media type of Zabbix posts (docs/integrations/zabbix-opsguard-mediatype.yaml). "
					+ "An alert's key is the problem's `eventId` (a recovery names the problem's event); `value` 1 or "
					+ "`status` PROBLEM fires, `value` 0 or `status` RESOLVED resolves; severity by `nseverity` 0–5 or "
					+ "`severity` (Disaster → critical, High → major, Average and Warning → minor, Information and Not "
					+ "classified → info); host by `hostIp`, else `host`, else `hostName`; `date` and `time` as Zabbix "
					+ "writes them (`2026.12.07`, `09:30:00`) in `timezone` (default Asia/Shanghai)." + COMMON,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ZabbixPayload.class))))
	@ErrorResponses(value = { "ALR-0070", "ALR-0071", "ALR-0072", "ALR-0073", "ALR-0079", "ALR-0080", "ALR-0085" },
			fields = { "ALR-0074", "ALR-0076", "ALR-0082", "ALR-0083", "ALR-0084" })
	ReceiverAnswer zabbix(HttpServletRequest request) {
		return answer(this.alerts.receive(CurrentUsers.require(), Source.ZABBIX, () -> body(request)));
	}

	@PostMapping("/generic")
	@PreAuthorize("hasAuthority('alerting:alert:ingest')")
	@Operation(summary = "Receive alerts in the generic JSON",
			description = "One alert, or `{\"alerts\": [...]}` with up to 500: `key` (required, up to 200 characters, the "
					+ "sender's identity of the alert), `status` firing|resolved (required), `severity` critical|major|"
					+ "minor|info in any case or 1–4 (required when firing), `title` (required when firing), "
					+ "`description`, `host` (an address, host name or CI code), `labels` (names to texts), `startsAt`, "
					+ "`endsAt` (ISO-8601), `value` (a number)." + COMMON,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = GenericPayload.class))))
	@ErrorResponses(value = { "ALR-0070", "ALR-0071", "ALR-0072", "ALR-0073", "ALR-0078", "ALR-0079", "ALR-0080",
			"ALR-0085", "ALR-0086" }, fields = { "ALR-0074", "ALR-0075", "ALR-0076", "ALR-0077", "ALR-0082", "ALR-0083" })
	ReceiverAnswer generic(HttpServletRequest request) {
		return answer(this.alerts.receive(CurrentUsers.require(), Source.GENERIC, () -> body(request)));
	}

	private ReceiverAnswer answer(ExternalAlerts.Report report) {
		Locale locale = LocaleContextHolder.getLocale();
		List<ReceiverProblem> problems = report.problems()
			.stream()
			.map(note -> new ReceiverProblem(note.index(), note.key(), note.reason(),
					this.messages.getMessage("alerting.receiver.problem." + note.reason(), new Object[] { note.detail() },
							note.reason(), locale)))
			.toList();
		return new ReceiverAnswer(report.accepted(), report.resolved(), report.ignored(), problems);
	}

	/** The body, read up to the limit (a larger one is refused before it is read to the end). */
	private static byte[] body(HttpServletRequest request) {
		if (request.getContentLengthLong() > MAX_BODY) {
			throw new OpsGuardException(AlertingError.RECEIVED_TOO_LARGE, MAX_BODY / (1024 * 1024));
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) MAX_BODY + 1);
			if (body.length > MAX_BODY) {
				throw new OpsGuardException(AlertingError.RECEIVED_TOO_LARGE, MAX_BODY / (1024 * 1024));
			}
			return body;
		}
		catch (IOException ex) {
			throw OpsGuardException.onField("body", AlertingError.RECEIVED_BAD_JSON, "the request body could not be read");
		}
	}

	/**
	 * What a receiver did: firing alerts taken in, alerts resolved, alerts left alone, and notes on
	 * single alerts in the request's language.
	 */
	record ReceiverAnswer(int accepted, int resolved, int ignored, List<ReceiverProblem> problems) {
	}

	/**
	 * A note on one alert of the payload.
	 *
	 * @param index the alert's place in the payload, from 0
	 * @param key the alert's key
	 * @param reason HOST_UNMATCHED, SEVERITY_UNKNOWN, LABELS_TRUNCATED, NOT_OPEN or OUT_OF_SCOPE
	 * @param message what it means, in the request's language
	 */
	record ReceiverProblem(int index, String key, String reason, String message) {
	}

	/** Alertmanager's webhook payload, version 4 (documentation only: the body is read as it comes). */
	record AlertmanagerPayload(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "4") String version,
			String groupKey, Integer truncatedAlerts, String status, String receiver, Map<String, String> groupLabels,
			Map<String, String> commonLabels, Map<String, String> commonAnnotations, String externalURL,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AlertmanagerAlert> alerts) {
	}

	/** One alert of Alertmanager's webhook payload. */
	record AlertmanagerAlert(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "firing") String status,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, String> labels,
			Map<String, String> annotations, String startsAt, String endsAt, String generatorURL, String fingerprint) {
	}

	/** The JSON of the OpsGuard media type of Zabbix (documentation only). */
	record ZabbixPayload(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "12345") String eventId,
			String recoveryEventId, @Schema(example = "1") String value, @Schema(example = "PROBLEM") String status,
			String name, @Schema(example = "High") String severity, @Schema(example = "4") String nseverity, String host,
			String hostName, String hostIp, List<ZabbixTag> tags, @Schema(example = "2026.12.07") String date,
			@Schema(example = "09:30:00") String time, String recoveryDate, String recoveryTime,
			@Schema(example = "Asia/Shanghai") String timezone, String lastValue, String opdata, String description) {
	}

	/** A Zabbix tag ({@code {EVENT.TAGSJSON}}). */
	record ZabbixTag(String tag, String value) {
	}

	/** The generic JSON: one alert, or {@code alerts} (documentation only). */
	record GenericPayload(List<GenericAlert> alerts, String key, String status, String severity, String title,
			String description, String host, Map<String, String> labels, String startsAt, String endsAt, Double value) {
	}

	/** One alert of the generic JSON. */
	record GenericAlert(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String key,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "firing") String status,
			@Schema(example = "critical") String severity, String title, String description, String host,
			Map<String, String> labels, String startsAt, String endsAt, Double value) {
	}

}
