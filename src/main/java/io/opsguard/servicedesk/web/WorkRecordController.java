package io.opsguard.servicedesk.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.WorkRecordService;
import io.opsguard.servicedesk.internal.WorkRecordService.CategoryInput;
import io.opsguard.servicedesk.internal.WorkRecordService.Listing;
import io.opsguard.servicedesk.internal.WorkRecordService.WorkRecordFilter;
import io.opsguard.servicedesk.internal.WorkRecordService.WorkRecordInput;
import io.opsguard.servicedesk.internal.WorkRecordStore.WorkRecordRow;
import io.opsguard.servicedesk.web.WorkRecordViews.CategoryView;
import io.opsguard.servicedesk.web.WorkRecordViews.WorkRecordView;
import io.opsguard.shared.Downloads;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Daily O&M work records (运维记录, R-DSK-10): what engineers did, when, for whom and how long, on
 * their own or on a ticket; listed, filtered, totalled and exported for the monthly statistics.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "work-records",
		description = "Daily O&M work records: service time, engineer, the person, unit and business system served, "
				+ "content, handling, category and duration, standalone or on a ticket. Scoped by the unit served.")
class WorkRecordController {

	private static final Map<String, String> SORTABLE = Map.of("startedAt", "w.started_at", "durationMinutes",
			"w.duration_minutes", "engineer", "w.engineer_id", "category", "w.category_id", "updatedAt", "w.updated_at");

	private static final String NEWEST_FIRST = "w.started_at desc, w.id desc";

	private final WorkRecordService records;

	private final WorkRecordViews views;

	private final WorkRecordSpreadsheet spreadsheet;

	private final AuditTrail audit;

	private final MessageSource messages;

	WorkRecordController(WorkRecordService records, WorkRecordViews views, WorkRecordSpreadsheet spreadsheet,
			AuditTrail audit, MessageSource messages) {
		this.records = records;
		this.views = views;
		this.spreadsheet = spreadsheet;
		this.audit = audit;
		this.messages = messages;
	}

	@PostMapping("/work-records")
	@PreAuthorize("hasAuthority('servicedesk:record:write')")
	@Operation(summary = "Record a piece of work",
			description = "`startedAt` and `endedAt` or `durationMinutes` (1–1440; the end wins when both are given), "
					+ "never in the future (2 minutes of clock skew allowed), at most 366 days back. `engineerId` "
					+ "defaults to the caller; naming a colleague in scope needs servicedesk:record:manage. The service "
					+ "object: `personId` (a user) or `personName`/`personPhone`/`personUnit`, and/or `organisationId`, "
					+ "`businessSystemId` (a business system in scope), or a linked `ticketId`. `categoryId` and "
					+ "`content` are required.")
	@ErrorResponses(value = { "SD-0101", "SD-0102", "SD-0103", "SD-0104", "SD-0105", "SD-0106", "SD-0107", "SD-0108",
			"SD-0109", "SD-0110", "SD-0111", "SD-0112", "SD-0113", "SD-0117", "SD-0118" })
	ResponseEntity<WorkRecordView> create(@RequestBody WorkRecordInput input) {
		CurrentUser user = CurrentUsers.require();
		WorkRecordRow created = this.records.create(user, input);
		return ResponseEntity.status(HttpStatus.CREATED).body(this.views.view(user, created, LocaleContextHolder.getLocale()));
	}

	@GetMapping("/work-records")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "List work records",
			description = "One page of the records in the caller's scope, filtered by period (`from`, `to`: days in "
					+ "Asia/Shanghai, both included, on the start time), engineer, unit (with the units below it), "
					+ "business system, category, ticket and text (content, handling, person, unit); sortable by "
					+ "startedAt, durationMinutes, engineer, category and updatedAt; newest first by default. "
					+ "`totalMinutes` sums every record the filters match.")
	@ErrorResponses({ "SD-0122" })
	WorkRecordPage list(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			@RequestParam(required = false) Long engineerId, @RequestParam(required = false) Long organisationId,
			@RequestParam(required = false) Long businessSystemId, @RequestParam(required = false) Long categoryId,
			@RequestParam(required = false) Long ticketId, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		CurrentUser user = CurrentUsers.require();
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, NEWEST_FIRST);
		Listing listing = this.records.list(user,
				new WorkRecordFilter(from, to, engineerId, organisationId, businessSystemId, categoryId, ticketId, q), paging);
		return new WorkRecordPage(this.views.views(user, listing.page().items(), LocaleContextHolder.getLocale()),
				listing.page().total(), listing.page().page(), listing.page().size(), listing.totalMinutes());
	}

	@GetMapping("/work-records/export.xlsx")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Export work records as xlsx",
			description = "The records the same filters match (at most 10,000), in the request's language: times in "
					+ "Asia/Shanghai, durations in hours, a total row. Audited.")
	@ErrorResponses({ "SD-0119", "SD-0122" })
	ResponseEntity<byte[]> export(@RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to, @RequestParam(required = false) Long engineerId,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) Long businessSystemId,
			@RequestParam(required = false) Long categoryId, @RequestParam(required = false) Long ticketId,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort) {
		CurrentUser user = CurrentUsers.require();
		Locale locale = LocaleContextHolder.getLocale();
		String order = PageQuery.of(0, 1, sort, SORTABLE, NEWEST_FIRST).orderBy();
		List<WorkRecordRow> rows = this.records.export(user,
				new WorkRecordFilter(from, to, engineerId, organisationId, businessSystemId, categoryId, ticketId, q), order);
		byte[] body = this.spreadsheet.write(this.views.views(user, rows, locale), locale);
		this.audit.recordNow("WORK_RECORDS_EXPORTED", "WORK_RECORD", null, rows.size() + " xlsx", true);
		String name = this.messages.getMessage("workRecord.export.file", null, "work-records", locale) + "-"
				+ LocalDate.now(WorkRecordSpreadsheet.ZONE).format(DateTimeFormatter.BASIC_ISO_DATE) + ".xlsx";
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name))
			.contentType(MediaType.parseMediaType(Downloads.XLSX))
			.body(body);
	}

	@GetMapping("/work-records/{id}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Read a work record",
			description = "A record in the caller's scope with the names of its engineer, person, unit, business system, "
					+ "category and ticket, its `version`, and `editable` (whether the caller may change or remove it).")
	@ErrorResponses({ "SD-0100" })
	WorkRecordView get(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.view(user, this.records.get(user, id), LocaleContextHolder.getLocale());
	}

	@PutMapping("/work-records/{id}")
	@PreAuthorize("hasAuthority('servicedesk:record:write')")
	@Operation(summary = "Change a work record",
			description = "The whole record as when recording it, with the `version` read (409 on a stale one). Only "
					+ "the engineer's own records, or with servicedesk:record:manage. Audited.")
	@ErrorResponses(value = { "SD-0100", "SD-0101", "SD-0102", "SD-0103", "SD-0104", "SD-0105", "SD-0106", "SD-0107",
			"SD-0108", "SD-0109", "SD-0110", "SD-0111", "SD-0112", "SD-0113", "SD-0114", "SD-0115", "SD-0116", "SD-0117",
			"SD-0118" })
	WorkRecordView update(@PathVariable long id, @RequestBody WorkRecordInput input) {
		CurrentUser user = CurrentUsers.require();
		return this.views.view(user, this.records.update(user, id, input), LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/work-records/{id}")
	@PreAuthorize("hasAuthority('servicedesk:record:write')")
	@Operation(summary = "Remove a work record",
			description = "Only the engineer's own records, or with servicedesk:record:manage; `version`, when given, "
					+ "must be the one read. Audited with what was removed.")
	@ErrorResponses({ "SD-0100", "SD-0114", "SD-0115" })
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
		this.records.delete(CurrentUsers.require(), id, version);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/tickets/{id}/work-records")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A ticket's work records",
			description = "The work recorded on a ticket, oldest first, and the minutes spent on it in all.")
	@ErrorResponses({ "SD-0001" })
	TicketWork ofTicket(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		List<WorkRecordRow> rows = this.records.ofTicket(user, id);
		return new TicketWork(this.views.views(user, rows, LocaleContextHolder.getLocale()),
				rows.stream().mapToLong(WorkRecordRow::durationMinutes).sum());
	}

	@GetMapping("/work-record-categories")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Categories of work",
			description = "The categories (故障处理, 咨询解答, 日常巡检 … and those administrators added), disabled ones "
					+ "included (`enabled`), in their order.")
	List<CategoryView> categories() {
		Locale locale = LocaleContextHolder.getLocale();
		return this.records.categories().stream().map(c -> this.views.category(c, locale)).toList();
	}

	@PostMapping("/work-record-categories")
	@PreAuthorize("hasAuthority('servicedesk:record:manage')")
	@Operation(summary = "Add a category of work",
			description = "`nameZh` (required), `nameEn` (defaults to the Chinese name), `sortOrder`. Audited.")
	@ErrorResponses({ "SD-0107", "SD-0120", "SD-0121" })
	ResponseEntity<CategoryView> createCategory(@RequestBody CategoryInput input) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.category(this.records.createCategory(input), LocaleContextHolder.getLocale()));
	}

	@PutMapping("/work-record-categories/{id}")
	@PreAuthorize("hasAuthority('servicedesk:record:manage')")
	@Operation(summary = "Change a category of work",
			description = "Names, order and `enabled` (a disabled category is no longer offered; records keep it), "
					+ "with the `version` read. Audited.")
	@ErrorResponses({ "SD-0107", "SD-0115", "SD-0116", "SD-0120", "SD-0121", "SD-0123" })
	CategoryView updateCategory(@PathVariable long id, @RequestBody CategoryInput input) {
		return this.views.category(this.records.updateCategory(id, input), LocaleContextHolder.getLocale());
	}

	/** A page of records and the minutes of all the filters matched. */
	record WorkRecordPage(List<WorkRecordView> items, long total, int page, int size, long totalMinutes) {
	}

	/** A ticket's records and the minutes spent on it. */
	record TicketWork(List<WorkRecordView> items, long totalMinutes) {
	}

}
