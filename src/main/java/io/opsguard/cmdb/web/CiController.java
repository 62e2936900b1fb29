package io.opsguard.cmdb.web;

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

import io.opsguard.shared.Downloads;
import io.opsguard.shared.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiViews.CiView;
import io.opsguard.cmdb.internal.CiRecord.Document;
import io.opsguard.cmdb.internal.CiService;
import io.opsguard.cmdb.internal.CiService.AsOf;
import io.opsguard.cmdb.internal.CiService.CiFilter;
import io.opsguard.cmdb.internal.CiService.CiInput;
import io.opsguard.cmdb.internal.CiTransfer;
import io.opsguard.cmdb.internal.ImpactAnalysis;
import io.opsguard.cmdb.internal.ImpactAnalysis.Direction;
import io.opsguard.cmdb.internal.ImpactAnalysis.Impact;
import io.opsguard.cmdb.internal.VerificationReview;
import io.opsguard.cmdb.internal.VerificationReview.ReviewLine;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.RequestTimes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Configuration items (配置项): list, detail, writes, history, impact, review, import and export. */
@RestController
@RequestMapping("/api/v1/cmdb")
@Tag(name = "cmdb")
class CiController {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final CiService cis;

	private final ImpactAnalysis impact;

	private final VerificationReview review;

	private final CiTransfer transfer;

	private final AuditTrail audit;

	CiController(CiService cis, ImpactAnalysis impact, VerificationReview review, CiTransfer transfer, AuditTrail audit,
			Problems problems) {
		this.problems = problems;
		this.cis = cis;
		this.impact = impact;
		this.review = review;
		this.transfer = transfer;
		this.audit = audit;
	}

	private final Problems problems;

	@GetMapping("/cis")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Search configuration items (paged)")
	PageResult<CiView> search(@RequestParam(required = false) String q, @RequestParam(required = false) String name,
			@RequestParam(required = false) Long classId,
			@RequestParam(required = false, defaultValue = "true") boolean includeSubclasses,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) CiStatus status,
			@RequestParam(required = false) Importance importance, @RequestParam(required = false) String tag,
			@RequestParam(required = false) Long ownerId, @RequestParam(required = false) Integer unverifiedDays,
			@RequestParam(required = false, defaultValue = "false") boolean includeRetired,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		CiFilter filter = filter(q, name, classId, includeSubclasses, organisationId, status, importance, tag, ownerId,
				unverifiedDays, includeRetired);
		return this.cis.search(CurrentUsers.require(), filter, page, size, sort, LocaleContextHolder.getLocale());
	}

	static CiFilter filter(String q, String name, Long classId, boolean includeSubclasses, Long organisationId,
			CiStatus status, Importance importance, String tag, Long ownerId, Integer unverifiedDays,
			boolean includeRetired) {
		if (unverifiedDays != null && (unverifiedDays < 1 || unverifiedDays > 3650)) {
			throw OpsGuardException.onField("unverifiedDays", CommonError.BAD_PARAMETER, "unverifiedDays");
		}
		return new CiFilter(q, name, classId, includeSubclasses, organisationId, status, importance, tag, ownerId,
				unverifiedDays, includeRetired || status == CiStatus.RETIRED);
	}

	@GetMapping("/cis/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	CiView get(@PathVariable long id) {
		return this.cis.get(CurrentUsers.require(), id, LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis")
	@PreAuthorize("hasAuthority('cmdb:ci:create')")
	ResponseEntity<CiView> create(@Valid @RequestBody NewCi body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.cis.create(CurrentUsers.require(), body.classId(), body.input(null), LocaleContextHolder.getLocale()));
	}

	@PutMapping("/cis/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:update')")
	CiView update(@PathVariable long id, @Valid @RequestBody CiUpdate body) {
		return this.cis.update(CurrentUsers.require(), id, body.input(), LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis/{id}/retire")
	@PreAuthorize("hasAuthority('cmdb:ci:retire')")
	CiView retire(@PathVariable long id) {
		return this.cis.retire(CurrentUsers.require(), id, LocaleContextHolder.getLocale());
	}

	@PostMapping("/cis/verify")
	@PreAuthorize("hasAuthority('cmdb:ci:verify')")
	@Operation(summary = "Mark CIs as verified today (monthly review)")
	Map<String, Integer> verify(@Valid @RequestBody Verify body) {
		return Map.of("verified", this.cis.verify(CurrentUsers.require(), body.ids()));
	}

	@GetMapping("/cis/{id}/history")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	List<CiService.HistoryView> history(@PathVariable long id) {
		return this.cis.history(CurrentUsers.require(), id, LocaleContextHolder.getLocale());
	}

	@GetMapping("/cis/{id}/as-of")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "The CI as it was at a moment (ISO instant, or a date meaning the end of that day)")
	AsOf asOf(@PathVariable long id, @RequestParam String at) {
		return this.cis.asOf(CurrentUsers.require(), id, moment(at), LocaleContextHolder.getLocale());
	}

	@GetMapping("/cis/{id}/impact")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Business systems affected (UP) or components (DOWN), with paths and a graph")
	Impact impact(@PathVariable long id, @RequestParam(required = false, defaultValue = "UP") Direction direction) {
		return this.impact.analyse(CurrentUsers.require(), id, direction, LocaleContextHolder.getLocale());
	}

	@GetMapping("/verification/summary")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	List<ReviewLine> verificationSummary(@RequestParam(required = false, defaultValue = "30") int days) {
		if (days < 1 || days > 3650) {
			throw OpsGuardException.onField("days", CommonError.BAD_PARAMETER, "days");
		}
		return this.review.summary(CurrentUsers.require(), days);
	}

	@GetMapping("/cis/export.csv")
	@PreAuthorize("hasAuthority('cmdb:ci:export')")
	void exportCsv(@RequestParam(required = false) String q, @RequestParam(required = false) String name,
			@RequestParam(required = false) Long classId,
			@RequestParam(required = false, defaultValue = "true") boolean includeSubclasses,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) CiStatus status,
			@RequestParam(required = false) Importance importance, @RequestParam(required = false) String tag,
			@RequestParam(required = false) Long ownerId, @RequestParam(required = false) Integer unverifiedDays,
			@RequestParam(required = false, defaultValue = "false") boolean includeRetired, HttpServletResponse response)
			throws IOException {
		CiFilter filter = filter(q, name, classId, includeSubclasses, organisationId, status, importance, tag, ownerId,
				unverifiedDays, includeRetired);
		Locale locale = LocaleContextHolder.getLocale();
		this.audit.recordNow("CI_EXPORTED", "CI", null, "csv", true);
		download(response, "text/csv;charset=UTF-8", "cmdb-" + LocalDate.now(CHINA).format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv");
		try (OutputStream out = response.getOutputStream()) {
			this.transfer.exportCsv(CurrentUsers.require(), filter, locale, out);
		}
	}

	@GetMapping("/classes/{id}/template.xlsx")
	@PreAuthorize("hasAuthority('cmdb:ci:import')")
	void template(@PathVariable long id, HttpServletResponse response) throws IOException {
		Locale locale = LocaleContextHolder.getLocale();
		String name = this.transfer.fileName(id, "template", locale);
		download(response, XLSX, name);
		try (OutputStream out = response.getOutputStream()) {
			this.transfer.template(id, locale, out);
		}
	}

	@GetMapping("/classes/{id}/export.xlsx")
	@PreAuthorize("hasAuthority('cmdb:ci:export')")
	void exportXlsx(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) CiStatus status,
			@RequestParam(required = false) Importance importance, @RequestParam(required = false) String tag,
			@RequestParam(required = false, defaultValue = "false") boolean includeRetired, HttpServletResponse response)
			throws IOException {
		Locale locale = LocaleContextHolder.getLocale();
		CiFilter filter = filter(q, null, id, false, organisationId, status, importance, tag, null, null, includeRetired);
		String name = this.transfer.fileName(id, "export", locale);
		this.audit.recordNow("CI_EXPORTED", "CI_CLASS", id, "xlsx", true);
		download(response, XLSX, name);
		try (OutputStream out = response.getOutputStream()) {
			this.transfer.exportXlsx(CurrentUsers.require(), id, filter, locale, out);
		}
	}

	@PostMapping("/classes/{id}/import")
	@PreAuthorize("hasAuthority('cmdb:ci:import')")
	@Operation(summary = "Import an xlsx in the template's format: every row is written, or none",
			description = "A refused file answers 400 problem+json CMDB-0030 with the import result's properties"
					+ " (valid=false, written=false, rows, created, updated, errors[{row, column, message}]).")
	ResponseEntity<?> importXlsx(@PathVariable long id, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false, defaultValue = "false") boolean dryRun) throws IOException {
		if (file.isEmpty()) {
			throw OpsGuardException.onField("file", CommonError.BAD_PARAMETER, "file");
		}
		CiTransfer.ImportResult result = this.transfer.importXlsx(CurrentUsers.require(), id, file.getInputStream(), dryRun,
				LocaleContextHolder.getLocale());
		if (result.valid()) {
			return ResponseEntity.ok(result);
		}
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail problem = this.problems.of(CiTransfer.IMPORT_REFUSED, locale, result.errors().size());
		problem.setProperty("valid", false);
		problem.setProperty("written", false);
		problem.setProperty("rows", result.rows());
		problem.setProperty("created", 0);
		problem.setProperty("updated", 0);
		problem.setProperty("errors", result.errors());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static final String XLSX = Downloads.XLSX;

	static void download(HttpServletResponse response, String contentType, String fileName) {
		response.setContentType(contentType);
		response.setHeader("Content-Disposition", Downloads.attachment(fileName));
	}

	static Instant moment(String value) {
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).plusDays(1).atStartOfDay(CHINA).toInstant().minusNanos(1);
			}
			return RequestTimes.within("at", OffsetDateTime.parse(value).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw OpsGuardException.onField("at", CommonError.BAD_PARAMETER, "at");
		}
	}

	record NewCi(@NotNull Long classId, @NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 200) String name,
			@NotNull Long organisationId, Long ownerId, CiStatus status, Importance importance,
			@Size(max = 200) String location, @Size(max = 100) String vendor, @Size(max = 100) String model,
			@Size(max = 100) String serialNumber, @Size(max = 200) String contract, List<Document> documents,
			List<String> tags, @Size(max = 4000) String notes, Map<String, Object> attributes) {

		CiInput input(Integer version) {
			return new CiInput(this.code, this.name, this.organisationId, this.ownerId, this.status, this.importance,
					this.location, this.vendor, this.model, this.serialNumber, this.contract, this.documents, this.tags,
					this.notes, this.attributes, version);
		}

	}

	record CiUpdate(@NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 200) String name,
			@NotNull Long organisationId, Long ownerId, CiStatus status, Importance importance,
			@Size(max = 200) String location, @Size(max = 100) String vendor, @Size(max = 100) String model,
			@Size(max = 100) String serialNumber, @Size(max = 200) String contract, List<Document> documents,
			List<String> tags, @Size(max = 4000) String notes, Map<String, Object> attributes, Integer version) {

		CiInput input() {
			return new CiInput(this.code, this.name, this.organisationId, this.ownerId, this.status, this.importance,
					this.location, this.vendor, this.model, this.serialNumber, this.contract, this.documents, this.tags,
					this.notes, this.attributes, this.version);
		}

	}

	record Verify(@NotNull @Size(min = 1, max = 1000) List<Long> ids) {
	}

}
