package io.opsguard.servicedesk.web;

import java.time.LocalDate;
import java.util.Locale;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.TicketStatisticsService;
import io.opsguard.servicedesk.internal.TicketStatisticsService.StatisticsFilter;
import io.opsguard.servicedesk.internal.TicketStatisticsService.TicketStatistics;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.Downloads;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ticket statistics (工单统计, R-PRC-01, R-RPT-01, R-SYS-09): counts by type, level, system,
 * category, unit, channel, engineer and group; SLA attainment per metric; mean and 90th-percentile
 * working time to respond and to resolve; the daily trend; satisfaction; and the same as xlsx for
 * the monthly report.
 */
@RestController
@RequestMapping("/api/v1/ticket-statistics")
@Tag(name = "ticket-statistics",
		description = "Statistics of the tickets reported in a period in the caller's scope, and their xlsx export.")
class TicketStatisticsController {

	private final TicketStatisticsService statistics;

	private final TicketStatisticsSpreadsheet spreadsheet;

	private final AuditTrail audit;

	private final MessageSource messages;

	TicketStatisticsController(TicketStatisticsService statistics, TicketStatisticsSpreadsheet spreadsheet,
			AuditTrail audit, MessageSource messages) {
		this.statistics = statistics;
		this.spreadsheet = spreadsheet;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Ticket statistics of a period",
			description = "The tickets reported from `from` to `to` (days in Asia/Shanghai, both included; by default "
					+ "the current month; at most 366 days), optionally of one `type`, unit (`organisationId`, with the "
					+ "units below it), business system or support group. `summary`: opened, resolved, closed, still open, "
					+ "breached, SLA attainment (per cent of decided SLA timers that met their target), mean and 90th "
					+ "percentile of the working seconds to respond and to resolve, ratings and their average. `by…`: "
					+ "counts per value, most first (beyond 49 values the rest are summed in one `others` bucket). `sla`: "
					+ "per timer metric. `trend`: tickets reported and resolved per day.")
	@ErrorResponses({ "SD-0130", "SD-0131", "SD-0132" })
	TicketStatistics statistics(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			@RequestParam(required = false) TicketType type, @RequestParam(required = false) Long organisationId,
			@RequestParam(required = false) Long businessSystemId, @RequestParam(required = false) Long groupId) {
		return this.statistics.statistics(CurrentUsers.require(),
				new StatisticsFilter(from, to, type, organisationId, businessSystemId, groupId));
	}

	@GetMapping("/export.xlsx")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Export ticket statistics as xlsx",
			description = "The same statistics as a workbook in the request's language (overview, counts, SLA "
					+ "attainment, daily trend), for the monthly report. Audited.")
	@ErrorResponses({ "SD-0130", "SD-0131", "SD-0132" })
	ResponseEntity<byte[]> export(@RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to, @RequestParam(required = false) TicketType type,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) Long businessSystemId,
			@RequestParam(required = false) Long groupId) {
		Locale locale = LocaleContextHolder.getLocale();
		TicketStatistics figures = this.statistics.statistics(CurrentUsers.require(),
				new StatisticsFilter(from, to, type, organisationId, businessSystemId, groupId));
		byte[] body = this.spreadsheet.write(figures, locale);
		this.audit.recordNow("TICKET_STATISTICS_EXPORTED", "TICKET_STATISTICS", null,
				figures.from() + ".." + figures.to() + " xlsx", true);
		String name = this.messages.getMessage("ticketStatistics.export.file", null, "ticket-statistics", locale) + "-"
				+ figures.from() + "-" + figures.to() + ".xlsx";
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name))
			.contentType(MediaType.parseMediaType(Downloads.XLSX))
			.body(body);
	}

}
