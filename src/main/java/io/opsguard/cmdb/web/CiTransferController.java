package io.opsguard.cmdb.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiFilter;
import io.opsguard.cmdb.internal.CiImport;
import io.opsguard.cmdb.internal.CiImport.Column;
import io.opsguard.cmdb.internal.CiImport.Outcome;
import io.opsguard.cmdb.internal.CiImport.RowProblem;
import io.opsguard.cmdb.internal.CiRecord;
import io.opsguard.cmdb.internal.CiService;
import io.opsguard.cmdb.internal.ClassCatalog;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.cmdb.internal.CmdbError;
import io.opsguard.cmdb.internal.ImportSource;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.Downloads;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Moving CIs in and out: a class's xlsx template and export in the same format, the import of an
 * xlsx or CSV file of a class (every row written, or none), and a CSV export of any list. Every
 * file is built completely before it is sent ({@link Attachment}).
 */
@RestController
@RequestMapping("/api/v1/cmdb")
@Tag(name = "cmdb-transfer",
		description = "Moving CIs in and out of the CMDB: xlsx templates and exports per class, CSV exports of "
		+ "any list, and imports of xlsx or CSV files (every row written, or none).")
class CiTransferController {

	static final int EXPORT_LIMIT = 100_000;

	/** How long a client turned away because imports are busy is asked to wait. */
	static final String RETRY_AFTER_SECONDS = "30";

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final CiService cis;

	private final CiImport imports;

	private final ClassCatalog catalog;

	private final CiViews views;

	private final CiSpreadsheet spreadsheet;

	private final CiCsv csv;

	private final AuditTrail audit;

	private final Problems problems;

	private final MessageSource messages;

	CiTransferController(CiService cis, CiImport imports, ClassCatalog catalog, CiViews views, CiSpreadsheet spreadsheet,
			CiCsv csv, AuditTrail audit, Problems problems, MessageSource messages) {
		this.cis = cis;
		this.imports = imports;
		this.catalog = catalog;
		this.views = views;
		this.spreadsheet = spreadsheet;
		this.csv = csv;
		this.audit = audit;
		this.problems = problems;
		this.messages = messages;
	}

	@GetMapping("/cis/export.csv")
	@PreAuthorize("hasAuthority('cmdb:ci:export')")
	@Operation(summary = "Export CIs as CSV",
			description = "The CIs matching the same filters as the search (at most 100,000), as CSV (UTF-8 with "
				+ "BOM), with the class's attributes as columns when `classId` is given. Audited.")
	void exportCsv(@RequestParam(required = false) String q, @RequestParam(required = false) String name,
			@RequestParam(required = false) Long classId,
			@RequestParam(required = false, defaultValue = "true") boolean includeSubclasses,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) CiStatus status,
			@RequestParam(required = false) Importance importance, @RequestParam(required = false) String tag,
			@RequestParam(required = false) Long ownerId, @RequestParam(required = false) Integer unverifiedDays,
			@RequestParam(required = false, defaultValue = "false") boolean includeRetired, HttpServletResponse response)
			throws IOException {
		CiFilter filter = CiController.filter(q, name, classId, includeSubclasses, organisationId, status, importance, tag,
				ownerId, unverifiedDays, includeRetired);
		Locale locale = LocaleContextHolder.getLocale();
		CurrentUser user = CurrentUsers.require();
		List<CiRecord> records = this.cis.all(user, filter, EXPORT_LIMIT);
		List<Column> columns = classId == null ? List.of()
				: this.catalog.find(classId).map(this.imports::columns).orElse(List.of());
		Attachment.send(response, "text/csv;charset=UTF-8",
				"cmdb-" + LocalDate.now(CHINA).format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv",
				out -> this.csv.export(records, columns, this.views.names(user.scope(), records), locale, out),
				() -> this.audit.recordNow("CI_EXPORTED", "CI", null, "csv", true));
	}

	@GetMapping("/classes/{id}/template.xlsx")
	@PreAuthorize("hasAuthority('cmdb:ci:import')")
	@Operation(summary = "CI import template",
			description = "An xlsx template for importing CIs of a class: one column per field and attribute, with "
				+ "each column's type and the values an enumeration allows.")
	void template(@PathVariable long id, HttpServletResponse response) throws IOException {
		Locale locale = LocaleContextHolder.getLocale();
		ClassDef def = this.catalog.find(id).orElseThrow(OpsGuardException::notFound);
		Attachment.send(response, Downloads.XLSX, fileName(def, "template", locale),
				out -> this.spreadsheet.template(def, this.imports.columns(def), locale, out), () -> {
				});
	}

	@GetMapping("/classes/{id}/export.xlsx")
	@PreAuthorize("hasAuthority('cmdb:ci:export')")
	@Operation(summary = "Export a class's CIs as xlsx",
			description = "The CIs of one class in the caller's scope, in the import template's format, so that "
				+ "they can be edited and imported again; filters as in the search. Audited.")
	void exportXlsx(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) CiStatus status,
			@RequestParam(required = false) Importance importance, @RequestParam(required = false) String tag,
			@RequestParam(required = false, defaultValue = "false") boolean includeRetired, HttpServletResponse response)
			throws IOException {
		Locale locale = LocaleContextHolder.getLocale();
		ClassDef def = this.catalog.find(id).orElseThrow(OpsGuardException::notFound);
		CiFilter filter = CiController.filter(q, null, id, false, organisationId, status, importance, tag, null, null,
				includeRetired);
		CurrentUser user = CurrentUsers.require();
		List<CiRecord> records = this.cis.all(user, filter, EXPORT_LIMIT);
		Attachment.send(response, Downloads.XLSX, fileName(def, "export", locale),
				out -> this.spreadsheet.export(def, this.imports.columns(def), records,
						this.views.names(user.scope(), records), locale, out),
				() -> this.audit.recordNow("CI_EXPORTED", "CI_CLASS", id, "xlsx", true));
	}

	private String fileName(ClassDef def, String kind, Locale locale) {
		return ClassCatalog.name(def, locale) + "-" + this.messages.getMessage("cmdb.export." + kind, null, locale) + "-"
				+ LocalDate.now(CHINA).format(DateTimeFormatter.BASIC_ISO_DATE) + ".xlsx";
	}

	@PostMapping("/classes/{id}/import")
	@PreAuthorize("hasAuthority('cmdb:ci:import')")
	@Operation(summary = "Import CIs",
			description = "Imports an xlsx (the template's format) or a CSV (the template's columns) of CIs of a "
				+ "class: a row with an existing code updates that CI, any other creates one. The kind of "
				+ "file is told by its content, not its name. Every row is checked first; every row is "
				+ "written, or none. `dryRun=true` checks only. A refused file answers 400 `CMDB-0030` with "
				+ "`valid`, `written`, `rows` and `errors` (row, field, column, message, allowedValues) "
				+ "listing every fault of every row. More than " + CiImport.MAX_ROWS + " rows: 400 `CMDB-0032`; a "
				+ "file that unpacks to too much: 400 `CMDB-0033`; too many imports at once: 503 `CMDB-0034` with "
				+ "`Retry-After`. Audited.")
	@ErrorResponses({ "CMDB-0030", "CMDB-0031", "CMDB-0032", "CMDB-0033", "CMDB-0034" })
	ResponseEntity<?> importFile(@PathVariable long id, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false, defaultValue = "false") boolean dryRun) throws IOException {
		if (file.isEmpty()) {
			throw OpsGuardException.onField("file", CommonError.BAD_PARAMETER, "file");
		}
		Locale locale = LocaleContextHolder.getLocale();
		Path upload = Files.createTempFile("opsguard-import-", ".upload");
		try {
			try (InputStream in = file.getInputStream()) {
				Files.copy(in, upload, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			Outcome outcome = this.imports.run(CurrentUsers.require(), id, source(upload), dryRun);
			ImportResult result = result(outcome, id, locale);
			if (outcome.valid()) {
				return ResponseEntity.ok(result);
			}
			ProblemDetail problem = this.problems.of(CmdbError.IMPORT_INVALID, locale, result.errors().size());
			problem.setProperty("valid", false);
			problem.setProperty("written", false);
			problem.setProperty("rows", result.rows());
			problem.setProperty("created", 0);
			problem.setProperty("updated", 0);
			problem.setProperty("errors", result.errors());
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		finally {
			Files.deleteIfExists(upload);
		}
	}

	/** The file as rows: an xlsx when it is a zip archive (as every xlsx is), a CSV text otherwise. */
	private ImportSource source(Path upload) throws IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(upload)) {
			head = in.readNBytes(4);
		}
		boolean zip = head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
		boolean oldExcel = head.length == 4 && (head[0] & 0xff) == 0xd0 && (head[1] & 0xff) == 0xcf;
		if (zip) {
			return (sheet, columns, maxRows, work) -> CiSpreadsheet.read(upload, sheet, maxRows, work);
		}
		if (oldExcel) {
			return (sheet, columns, maxRows, work) -> {
				throw new OpsGuardException(CmdbError.IMPORT_FORMAT, sheet);
			};
		}
		return (sheet, columns, maxRows, work) -> this.csv.read(upload, sheet, columns, maxRows, work);
	}

	private ImportResult result(Outcome outcome, long classId, Locale locale) {
		ClassDef def = this.catalog.find(classId).orElseThrow();
		java.util.Map<String, String> titles = new java.util.HashMap<>();
		this.imports.columns(def).forEach(c -> titles.put(c.key(), this.messages.getMessage(c.title(), locale)));
		List<ImportError> errors = outcome.problems()
			.stream()
			.limit(2_000)
			.map(p -> error(p, titles, locale))
			.toList();
		return new ImportResult(outcome.valid(), outcome.written(), outcome.rows(), outcome.created(), outcome.updated(),
				errors);
	}

	private ImportError error(RowProblem p, java.util.Map<String, String> titles, Locale locale) {
		String column = titles.getOrDefault(p.field(),
				this.messages.getMessage("cmdb.field." + p.field(), null, p.field(), locale));
		String message = this.messages.getMessage(p.problem().errorCode().detailKey(), p.problem().args(), locale);
		return new ImportError(p.row(), p.field(), column, message,
				p.allowed().stream().map(a -> this.messages.getMessage(a, locale)).toList());
	}

	/** Turned away because imports are busy: 503 with a hint when to come back. */
	@ExceptionHandler(OpsGuardException.class)
	ResponseEntity<ProblemDetail> refused(OpsGuardException ex, jakarta.servlet.http.HttpServletRequest request) {
		ProblemDetail problem = this.problems.of(ex, LocaleContextHolder.getLocale());
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (ex.errorCode() == CmdbError.IMPORT_BUSY) {
			answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return answer.body(problem);
	}

	/** The outcome of an import as clients see it. */
	record ImportResult(boolean valid, boolean written, int rows, int created, int updated, List<ImportError> errors) {
	}

	/**
	 * A fault in a row: the row number as the file shows it, the field's key and its column title,
	 * the message, and the values allowed there when it is a choice (in the reader's language).
	 */
	record ImportError(int row, String field, String column, String message, List<String> allowedValues) {
	}

}
