package io.opsguard.monitoring.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.monitoring.internal.BulkOnboarding;
import io.opsguard.monitoring.internal.BulkOnboarding.BulkRequest;
import io.opsguard.monitoring.internal.BulkOnboarding.BulkResult;
import io.opsguard.monitoring.internal.BulkOnboarding.FileRow;
import io.opsguard.monitoring.internal.MonitoringError;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk onboarding: one monitor type onto many CIs by selection or from a spreadsheet, previewed
 * row by row before anything is added, then added row by row with a result for each.
 */
@RestController
@RequestMapping("/api/v1/monitors/bulk")
@Tag(name = "monitor-bulk", description = "Add a monitor type to many CIs at once: by class, tag, organisation, "
		+ "business system or a list, or from an xlsx/CSV of CIs, addresses and credentials; preview, then apply.")
class BulkOnboardingController {

	private final BulkOnboarding bulk;

	private final BulkFile files;

	private final MonitorTypes types;

	BulkOnboardingController(BulkOnboarding bulk, BulkFile files, MonitorTypes types) {
		this.bulk = bulk;
		this.files = files;
		this.types = types;
	}

	@PostMapping("/preview")
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Preview bulk onboarding by selection",
			description = "`typeId`, `selection` ({classCode, tag, organisationId, businessSystemId, ciIds}: at least "
					+ "one, combined, within the caller's scope, at most " + BulkOnboarding.MAX_ROWS + " CIs), the "
					+ "`parameters` every monitor gets, the address from each CI's `hostAttribute` (default "
					+ "managementIp, then ip) unless the parameters give one, `intervalSeconds`, `enabled`, "
					+ "`skipExisting` (default true). Each row answers READY, EXISTS or INVALID with its problems. "
					+ "Nothing is stored.")
	@ErrorResponses(fields = { "MON-0002", "MON-0030", "MON-0031", "MON-0032" })
	BulkResult preview(@RequestBody BulkRequest request) {
		return this.bulk.bySelection(CurrentUsers.require(), request, false, LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Apply bulk onboarding by selection",
			description = "As the preview, adding each valid row on its own: CREATED (with `monitorId`), SKIPPED "
					+ "(already monitored by this type) or FAILED with its problems. Each monitor added is audited.")
	@ErrorResponses(fields = { "MON-0002", "MON-0030", "MON-0031", "MON-0032" })
	BulkResult apply(@RequestBody BulkRequest request) {
		return this.bulk.bySelection(CurrentUsers.require(), request, true, LocaleContextHolder.getLocale());
	}

	@GetMapping("/file-template")
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Download the spreadsheet template of a monitor type",
			description = "An xlsx with a column for the CI's code, one per parameter (by its label) and the interval.")
	@ErrorResponses(fields = { "MON-0002" })
	ResponseEntity<byte[]> template(@RequestParam(required = false) String typeId) throws IOException {
		MonitorType type = type(typeId);
		Locale locale = LocaleContextHolder.getLocale();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(type.name().in(locale) + ".xlsx", StandardCharsets.UTF_8)
				.build()
				.toString())
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(this.files.template(type, locale));
	}

	@PostMapping("/file/preview")
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Preview bulk onboarding from a spreadsheet",
			description = "An xlsx or CSV (UTF-8 or GB18030) whose first row names the columns: the CI (code, or a "
					+ "name unique in scope), the parameters (by key or label) and optionally the interval. At most "
					+ BulkOnboarding.MAX_ROWS + " rows and 5 MB. Rows answer as in the preview by selection.")
	@ErrorResponses(fields = { "MON-0002", "MON-0031", "MON-0032", "MON-0033", "MON-0034", "MON-0035", "MON-0037" })
	BulkResult previewFile(@RequestParam(required = false) String typeId, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false, defaultValue = "true") boolean skipExisting) throws IOException {
		return file(typeId, file, skipExisting, false);
	}

	@PostMapping("/file")
	@PreAuthorize("hasAuthority('monitoring:monitor:manage')")
	@Operation(summary = "Apply bulk onboarding from a spreadsheet",
			description = "As its preview, adding each valid row on its own; a result per row.")
	@ErrorResponses(fields = { "MON-0002", "MON-0031", "MON-0032", "MON-0033", "MON-0034", "MON-0035", "MON-0037" })
	BulkResult applyFile(@RequestParam(required = false) String typeId, @RequestPart("file") MultipartFile file,
			@RequestParam(required = false, defaultValue = "true") boolean skipExisting) throws IOException {
		return file(typeId, file, skipExisting, true);
	}

	private BulkResult file(String typeId, MultipartFile file, boolean skipExisting, boolean apply) throws IOException {
		MonitorType type = type(typeId);
		if (file == null || file.isEmpty()) {
			throw OpsGuardException.onField("file", CommonError.BAD_PARAMETER, "file");
		}
		if (file.getSize() > BulkFile.MAX_BYTES) {
			throw OpsGuardException.onField("file", MonitoringError.FILE_TOO_LARGE, BulkFile.MAX_BYTES / 1024 / 1024);
		}
		Locale locale = LocaleContextHolder.getLocale();
		List<FileRow> rows = this.files.read(file.getBytes(), type, locale);
		return this.bulk.byFile(CurrentUsers.require(), type.id(), rows, skipExisting, apply, locale);
	}

	private MonitorType type(String typeId) {
		return this.types.find(typeId == null ? null : typeId.trim())
			.orElseThrow(() -> OpsGuardException.onField("typeId", MonitoringError.UNKNOWN_TYPE, String.valueOf(typeId)));
	}

}
