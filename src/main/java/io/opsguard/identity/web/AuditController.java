package io.opsguard.identity.web;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.internal.AuditLog;
import io.opsguard.identity.internal.AuditLog.AuditEntryView;
import io.opsguard.identity.internal.AuditLog.AuditFilter;
import io.opsguard.identity.internal.AuditLog.Verification;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.RequestTimes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log (审计日志), readable and exportable by auditors only. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit",
		description = "The tamper-evident audit log (审计日志): every change, sign-in and denied access, "
		+ "hash-chained; readable and exportable by auditors only, within their data scope.")
class AuditController {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final int EXPORT_LIMIT = 100_000;

	private final AuditLog audit;

	private final AuditSpreadsheet spreadsheet;

	AuditController(AuditLog audit, AuditSpreadsheet spreadsheet) {
		this.audit = audit;
		this.spreadsheet = spreadsheet;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('audit:log:read')")
	@Operation(summary = "Search the audit log",
			description = "Entries in the caller's data scope, newest first, paged, with labels in the request's "
				+ "language. Filters: `from`/`to` (a date, China time, `to` inclusive, or an instant with "
				+ "offset), `username`, `action`, `targetType`, `targetId`, `outcome` (SUCCESS or FAILURE). "
				+ "`sort` by `occurredAt`, `username` or `action`.")
	@ErrorResponses({ "SYS-0015" })
	PageResult<AuditEntryView> search(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String username,
			@RequestParam(required = false) String action, @RequestParam(required = false) String targetType,
			@RequestParam(required = false) String targetId, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		return this.audit.search(filter(from, to, username, action, targetType, targetId, outcome), page, size, sort,
				CurrentUsers.require().scope(), LocaleContextHolder.getLocale());
	}

	@GetMapping("/actions")
	@PreAuthorize("hasAuthority('audit:log:read')")
	@Operation(summary = "Audit actions",
			description = "The actions the audit log records, with labels in the request's language, for filters.")
	List<Map<String, String>> actions() {
		return this.audit.actions(LocaleContextHolder.getLocale());
	}

	@GetMapping("/statistics")
	@PreAuthorize("hasAuthority('audit:log:read')")
	@Operation(summary = "Audit activity statistics",
			description = "Entries per day and outcome over the last `days` (1–90, default 14) and the most "
				+ "frequent actions, in the caller's scope.")
	AuditLog.ActivityStatistics statistics(@RequestParam(required = false, defaultValue = "14") int days) {
		if (days < 1 || days > 90) {
			throw OpsGuardException.onField("days", CommonError.BAD_PARAMETER, "days");
		}
		return this.audit.statistics(days, CurrentUsers.require().scope(), LocaleContextHolder.getLocale());
	}

	@GetMapping("/target-types")
	@PreAuthorize("hasAuthority('audit:log:read')")
	@Operation(summary = "Audit target types",
			description = "The kinds of objects audit entries concern, with labels in the request's language, for "
				+ "filters.")
	List<Map<String, String>> targetTypes() {
		return this.audit.targetTypes(LocaleContextHolder.getLocale());
	}

	@GetMapping("/verify")
	@PreAuthorize("hasAuthority('audit:log:verify')")
	@Operation(summary = "Verify the audit chain",
			description = "Recomputes the hash chain of the whole log and answers whether it is intact, how many "
				+ "entries it holds and, if not, where it is broken. The verification itself is audited.")
	Verification verify() {
		Verification result = this.audit.verify();
		this.audit.recordNow("AUDIT_VERIFIED", "AuditLog", null,
				this.audit.summary("verified", result.intact() ? 1 : 0, result.entries()), result.intact());
		return result;
	}

	@GetMapping("/export")
	@PreAuthorize("hasAuthority('audit:log:export')")
	@Operation(summary = "Export the audit log",
			description = "The entries matching the same filters as the search, as an xlsx workbook (at most "
				+ "100,000 rows) named by date. The export is audited with its filter.")
	@ErrorResponses({ "SYS-0015" })
	void export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String username, @RequestParam(required = false) String action,
			@RequestParam(required = false) String targetType, @RequestParam(required = false) String targetId,
			@RequestParam(required = false) String outcome, HttpServletResponse response) throws IOException {
		AuditFilter filter = filter(from, to, username, action, targetType, targetId, outcome);
		this.audit.recordNow("AUDIT_EXPORTED", "AuditLog", null, this.audit.summary("exported", filter.describe()), true);
		Locale locale = LocaleContextHolder.getLocale();
		String name = this.spreadsheet.fileName(locale) + "-" + LocalDate.now(CHINA).format(DateTimeFormatter.BASIC_ISO_DATE)
				+ ".xlsx";
		response.setContentType(io.opsguard.shared.Downloads.XLSX);
		response.setHeader("Content-Disposition", io.opsguard.shared.Downloads.attachment(name));
		try (OutputStream out = response.getOutputStream()) {
			this.spreadsheet.write(filter, CurrentUsers.require().scope(), locale, EXPORT_LIMIT, out);
		}
	}

	private static AuditFilter filter(String from, String to, String username, String action, String targetType,
			String targetId, String outcome) {
		if (outcome != null && !outcome.isBlank() && !outcome.equals(AuditLog.SUCCESS) && !outcome.equals(AuditLog.FAILURE)) {
			throw OpsGuardException.onField("outcome", CommonError.BAD_PARAMETER, "outcome");
		}
		return new AuditFilter(instant(from, "from", false), instant(to, "to", true), username, action, targetType,
				targetId, outcome);
	}

	/** Accepts an instant with offset, or a date (start of day; for {@code to}, the day is included). */
	static Instant instant(String value, String name, boolean endOfDay) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate date = LocalDate.parse(value);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(CHINA).toInstant();
			}
			return RequestTimes.within(name, OffsetDateTime.parse(value).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw OpsGuardException.onField(name, CommonError.BAD_PARAMETER, name);
		}
	}

}
