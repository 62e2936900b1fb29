package io.opsguard.servicelevel.web;

import java.util.List;
import java.util.Locale;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicelevel.internal.Standards;
import io.opsguard.servicelevel.internal.SystemFacts;
import io.opsguard.servicelevel.internal.SystemServices;
import io.opsguard.servicelevel.internal.SystemServices.LevelFigures;
import io.opsguard.servicelevel.internal.SystemServices.SystemFilter;
import io.opsguard.servicelevel.internal.SystemServices.SystemSummary;
import io.opsguard.servicelevel.web.SystemViews.SystemDetailView;
import io.opsguard.servicelevel.web.SystemViews.SystemSummaryView;
import io.opsguard.shared.Downloads;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service picture of business systems: levels, service grades, SLA policies in force,
 * declared facts and compliance gaps; the HS/T 42 service-content matrix and the GB/T 34077.3
 * service grades.
 */
@RestController
@RequestMapping("/api/v1/service-levels")
@Tag(name = "service-levels",
		description = "The service picture of business systems: guarantee level (HS/T 42), service grade (GB/T "
		+ "34077.3), the SLA policy in force, the facts the parties declare, and the compliance "
		+ "gaps between them.")
class ServiceLevelController {

	private final SystemServices systems;

	private final Standards standards;

	private final SystemViews views;

	private final GapWorkbook workbook;

	ServiceLevelController(SystemServices systems, Standards standards, SystemViews views, GapWorkbook workbook) {
		this.systems = systems;
		this.standards = standards;
		this.views = views;
		this.workbook = workbook;
	}

	@GetMapping("/matrix")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "The HS/T 42 service matrix",
			description = "HS/T 42 Table 1: the five guarantee levels and the service items each requires, with the "
				+ "standard's source.")
	Matrix matrix() {
		return new Matrix(this.standards.source(LocaleContextHolder.getLocale()), this.standards.levels(),
				this.standards.items());
	}

	@GetMapping("/service-grades")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "The service grades",
			description = "The four service grades of GB/T 34077.3 §5.3.6.")
	List<Standards.ServiceGrade> grades() {
		return this.standards.grades();
	}

	@GetMapping("/systems")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "Business systems' service picture",
			description = "Business systems in the caller's scope with guarantee level, service grade, SLA policy "
				+ "and number of gaps, paged. Filters: `organisationId`, `level` (0: not graded), `q`, "
				+ "`onlyGaps`. `sort` by `name`, `code`, `organisationName`, `level`, `serviceGrade`, "
				+ "`slaPolicy`, `gapCount` or `levelUpdatedAt`.")
	PageResult<SystemSummaryView> systems(@RequestParam(required = false) Long organisationId,
			@RequestParam(required = false) Integer level, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean onlyGaps, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.systems.systems(CurrentUsers.require(), new SystemFilter(organisationId, level, q, onlyGaps), page, size,
				sort).map(s -> this.views.summary(s, locale));
	}

	@GetMapping("/gaps/figures")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "Gap figures per guarantee level",
			description = "Per guarantee level (0: not graded): systems, systems with gaps and gaps, for the same "
				+ "filters as the list.")
	List<LevelFigures> figures(@RequestParam(required = false) Long organisationId,
			@RequestParam(required = false) Integer level, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean onlyGaps) {
		return this.systems.figures(CurrentUsers.require(), new SystemFilter(organisationId, level, q, onlyGaps));
	}

	@GetMapping("/systems/{id}")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "Service picture of a business system",
			description = "One business system in the caller's scope: level (graded or inherited) and its history, "
				+ "the standard's requirements, declared facts, service grade, the SLA policy in force and "
				+ "each gap.")
	SystemDetailView system(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.detail(this.systems.system(user, id), user, LocaleContextHolder.getLocale());
	}

	@PutMapping("/systems/{id}/facts")
	@PreAuthorize("hasAuthority('servicelevel:service:manage')")
	@Operation(summary = "Declare a system's facts",
			description = "Records what the parties declare for a business system: backup policy, monitoring "
				+ "requirements, system and application monitoring, performance support, statistics "
				+ "reports, 7×24 support of the business party. Gaps are re-evaluated. Audited with before "
				+ "and after.")
	@ErrorResponses({ "SL-0031" })
	SystemDetailView facts(@PathVariable long id, @RequestBody FactsInput facts) {
		CurrentUser user = CurrentUsers.require();
		SystemFacts input = facts == null ? null
				: new SystemFacts(facts.backupPolicy(), facts.monitoringRequirements(), facts.systemMonitoring(),
						facts.applicationMonitoring(), facts.performanceSupport(), facts.statisticsReports(),
						facts.businessParty7x24(), null, null);
		return this.views.detail(this.systems.saveFacts(user, id, input), user, LocaleContextHolder.getLocale());
	}

	@PutMapping("/systems/{id}/service")
	@PreAuthorize("hasAuthority('servicelevel:service:manage')")
	@Operation(summary = "Choose service grade and SLA policy",
			description = "Chooses a business system's service grade (1–4) and SLA policy (a code the caller sees); "
				+ "null keeps the one derived from the guarantee level. Audited.")
	@ErrorResponses({ "SL-0020", "SL-0030" })
	SystemDetailView service(@PathVariable long id, @RequestBody Assignment assignment) {
		CurrentUser user = CurrentUsers.require();
		return this.views.detail(this.systems.assign(user, id, assignment.serviceGrade(), assignment.slaPolicy()), user,
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/gaps/export.xlsx")
	@PreAuthorize("hasAuthority('servicelevel:gap:export')")
	@Operation(summary = "Export the gap overview",
			description = "The gap overview as an xlsx workbook in the request's language, for the same filters as "
				+ "the list. Audited.")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Long organisationId,
			@RequestParam(required = false) Integer level, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean onlyGaps) {
		Locale locale = LocaleContextHolder.getLocale();
		List<SystemSummary> selected = this.systems.all(CurrentUsers.require(),
				new SystemFilter(organisationId, level, q, onlyGaps));
		byte[] body = this.workbook.of(selected, locale);
		this.systems.exported(selected.size());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(this.workbook.fileName(locale)))
			.contentType(MediaType.parseMediaType(Downloads.XLSX))
			.body(body);
	}

	record Matrix(String source, List<Standards.GuaranteeLevel> levels, List<Standards.ServiceItem> items) {
	}

	record Assignment(Integer serviceGrade, String slaPolicy) {
	}

	record FactsInput(String backupPolicy, String monitoringRequirements, boolean systemMonitoring,
			boolean applicationMonitoring, boolean performanceSupport, boolean statisticsReports, boolean businessParty7x24) {
	}

}
