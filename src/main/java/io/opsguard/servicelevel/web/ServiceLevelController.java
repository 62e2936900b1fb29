package io.opsguard.servicelevel.web;

import java.util.List;
import java.util.Locale;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.Downloads;
import io.opsguard.servicelevel.internal.Standards;
import io.opsguard.servicelevel.internal.SystemFacts.Facts;
import io.opsguard.servicelevel.internal.SystemServices;
import io.opsguard.servicelevel.internal.SystemServices.SystemDetail;
import io.opsguard.servicelevel.internal.SystemServices.SystemSummary;
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
@Tag(name = "service levels")
class ServiceLevelController {

	private final SystemServices systems;

	private final Standards standards;

	ServiceLevelController(SystemServices systems, Standards standards) {
		this.systems = systems;
		this.standards = standards;
	}

	@GetMapping("/matrix")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "HS/T 42 Table 1: the five guarantee levels and the service items each requires")
	Matrix matrix() {
		return new Matrix(this.standards.source(), this.standards.levels(), this.standards.items());
	}

	@GetMapping("/service-grades")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "The four service grades of GB/T 34077.3 §5.3.6")
	List<Standards.ServiceGrade> grades() {
		return this.standards.grades();
	}

	@GetMapping("/systems")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	@Operation(summary = "Business systems with level, service grade, SLA policy and gap count",
			description = "level=0 lists the systems without a level; onlyGaps=true those with at least one gap.")
	List<SystemSummary> systems(@RequestParam(required = false) Long organisationId,
			@RequestParam(required = false) Integer level, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean onlyGaps) {
		return this.systems.systems(CurrentUsers.require(), organisationId, level, q, onlyGaps,
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/systems/{id}")
	@PreAuthorize("hasAuthority('servicelevel:level:read')")
	SystemDetail system(@PathVariable long id) {
		return this.systems.system(CurrentUsers.require(), id, LocaleContextHolder.getLocale());
	}

	@PutMapping("/systems/{id}/facts")
	@PreAuthorize("hasAuthority('servicelevel:service:manage')")
	@Operation(summary = "Record what the parties declare (backup policy, monitoring, reports, 7×24 support)")
	SystemDetail facts(@PathVariable long id, @RequestBody Facts facts) {
		return this.systems.saveFacts(CurrentUsers.require(), id, facts, LocaleContextHolder.getLocale());
	}

	@PutMapping("/systems/{id}/service")
	@PreAuthorize("hasAuthority('servicelevel:service:manage')")
	@Operation(summary = "Choose the service grade and SLA policy; null keeps the one derived from the level")
	SystemDetail service(@PathVariable long id, @RequestBody Assignment assignment) {
		return this.systems.assign(CurrentUsers.require(), id, assignment.serviceGrade(), assignment.slaPolicy(),
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/gaps/export.xlsx")
	@PreAuthorize("hasAuthority('servicelevel:gap:export')")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Long organisationId,
			@RequestParam(required = false) Integer level, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean onlyGaps) {
		Locale locale = LocaleContextHolder.getLocale();
		String name = Standards.en(locale) ? "service-gaps.xlsx" : "保障等级差距.xlsx";
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name))
			.contentType(MediaType.parseMediaType(Downloads.XLSX))
			.body(this.systems.exportGaps(CurrentUsers.require(), organisationId, level, q, onlyGaps, locale));
	}

	record Matrix(String source, List<Standards.GuaranteeLevel> levels, List<Standards.ServiceItem> items) {
	}

	record Assignment(Integer serviceGrade, String slaPolicy) {
	}

}
