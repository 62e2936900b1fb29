package io.opsguard.monitoring.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.monitoring.internal.MetricIngestError;
import io.opsguard.monitoring.internal.MetricIngestProperties;
import io.opsguard.monitoring.internal.MetricIngestion;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Metrics from external sources (agents, scripts, other monitoring systems):
 * {@code POST /api/v1/metrics/ingest} with a Prometheus text exposition or a JSON batch, usually
 * with an API token. Answers per line or item.
 */
@RestController
@Tag(name = "metrics", description = "Metric series: ranges for charts, latest values, Top-N, the metric store's status, ingestion from other "
		+ "systems and derived analysis (baselines, disk forecasts). Series carrying a `resource` label are scoped by "
		+ "the organisation of that CI.")
class MetricIngestController {

	private static final String PATH = "/api/v1/metrics/ingest";

	private static final String DESCRIPTION = "Stores samples from an external source (usually with a bearer API token "
			+ "of an account holding monitoring:metric:ingest). Each line (text) or item (JSON) is judged on its own: "
			+ "the answer is 200 `{accepted, rejected: [{line|index, reason, message}]}` when at least one sample was "
			+ "stored, 400 `MON-0120` with the same `rejected` list when none was. A `resource` label must be the id of "
			+ "a CI in the caller's scope. Values must be finite; timestamps (milliseconds) at most 10 minutes ahead; a "
			+ "sample without one is stamped with the time it arrived. See docs/api/metrics-ingest.md.";

	private final MetricIngestion ingestion;

	private final MetricIngestProperties properties;

	private final MessageSource messages;

	MetricIngestController(MetricIngestion ingestion, MetricIngestProperties properties, MessageSource messages) {
		this.ingestion = ingestion;
		this.properties = properties;
		this.messages = messages;
	}

	@PostMapping(path = PATH, consumes = { MediaType.TEXT_PLAIN_VALUE, "application/openmetrics-text" })
	@PreAuthorize("hasAuthority('monitoring:metric:ingest')")
	@Operation(summary = "Ingest metrics (Prometheus text exposition)", description = DESCRIPTION,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string",
							example = "# TYPE cpu_usage gauge\ncpu_usage{resource=\"7\"} 12.5 1767225600000\n"))))
	@ErrorResponses({ "MON-0120", "MON-0121", "MON-0122", "MON-0124", "MON-0125" })
	IngestResponse ingestText(HttpServletRequest request) {
		return answer(this.ingestion.ingestText(CurrentUsers.require(), body(request)));
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('monitoring:metric:ingest')")
	@Operation(summary = "Ingest metrics (JSON batch)", description = DESCRIPTION,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = IngestBatch.class))))
	@ErrorResponses({ "MON-0120", "MON-0121", "MON-0122", "MON-0123", "MON-0124", "MON-0125" })
	IngestResponse ingestJson(HttpServletRequest request) {
		return answer(this.ingestion.ingestJson(CurrentUsers.require(), body(request)));
	}

	private IngestResponse answer(MetricIngestion.Report report) {
		Locale locale = LocaleContextHolder.getLocale();
		List<RejectedSample> rejected = report.rejected()
			.stream()
			.map(refused -> new RejectedSample(refused.line(), refused.index(), refused.reason(),
					this.messages.getMessage("metric.ingest.reason." + refused.reason(), new Object[] { refused.detail() },
							refused.reason(), locale)))
			.toList();
		if (report.accepted() == 0) {
			if (rejected.isEmpty()) {
				throw new OpsGuardException(MetricIngestError.NO_SAMPLES);
			}
			throw new OpsGuardException(MetricIngestError.NOTHING_ACCEPTED, rejected.size()).with("rejected", rejected);
		}
		return new IngestResponse(report.accepted(), rejected);
	}

	/** The body, read up to the limit (a larger one is refused before it is read to the end). */
	private byte[] body(HttpServletRequest request) {
		long limit = this.properties.maxBodySize().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new OpsGuardException(MetricIngestError.BODY_TOO_LARGE, this.properties.maxBodySize().toMegabytes());
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
			if (body.length > limit) {
				throw new OpsGuardException(MetricIngestError.BODY_TOO_LARGE, this.properties.maxBodySize().toMegabytes());
			}
			return body;
		}
		catch (IOException ex) {
			throw new OpsGuardException(MetricIngestError.BAD_JSON, "the request body could not be read");
		}
	}

	/** What was stored and what was refused. */
	record IngestResponse(int accepted, List<RejectedSample> rejected) {
	}

	/**
	 * A refused line ({@code line}, from 1, for text) or item ({@code index}, from 0, for JSON): the
	 * reason's code and a message in the request's language.
	 */
	record RejectedSample(Integer line, Integer index, String reason, String message) {
	}

	/** The JSON batch (documentation only: the body is read item by item). */
	record IngestBatch(List<IngestItem> samples) {
	}

	/**
	 * One sample of a JSON batch.
	 *
	 * @param metric the metric name
	 * @param labels label names and values (a {@code resource} label is a CI id)
	 * @param timestamp milliseconds since the epoch or ISO-8601; now when missing
	 * @param value a finite number
	 */
	record IngestItem(String metric, java.util.Map<String, String> labels, Long timestamp, Double value) {
	}

}
