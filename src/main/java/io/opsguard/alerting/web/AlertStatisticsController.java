package io.opsguard.alerting.web;

import java.time.Instant;

import io.opsguard.alerting.internal.AlertStatistics;
import io.opsguard.alerting.internal.AlertStatistics.Report;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alert statistics (R-ALR-02). */
@RestController
@RequestMapping("/api/v1/alert-statistics")
@Tag(name = "alert-statistics", description = "Alert statistics: alerts begun in a period by severity, state, "
		+ "source and day or hour, mean times to acknowledge and to resolve, the noisiest rules and resources.")
class AlertStatisticsController {

	private final AlertStatistics statistics;

	AlertStatisticsController(AlertStatistics statistics) {
		this.statistics = statistics;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "Alert statistics of a period",
			description = "`from`/`to` (default the last 7 days, at most a year), `bucket` day or hour (hour for up to 7 "
					+ "days; default hour up to 2 days, else day); alerts of resources in the caller's scope.")
	@ErrorResponses(fields = { "ALR-0025" })
	Report report(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) String bucket) {
		return this.statistics.report(CurrentUsers.require(), from, to, bucket);
	}

}
