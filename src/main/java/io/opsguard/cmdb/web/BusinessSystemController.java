package io.opsguard.cmdb.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.BusinessSystemCatalogue;
import io.opsguard.cmdb.internal.BusinessSystemCatalogue.BusinessSystem;
import io.opsguard.cmdb.internal.BusinessSystemCatalogue.BusinessSystemDetail;
import io.opsguard.cmdb.internal.BusinessSystemCatalogue.Component;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue of business systems (业务系统). */
@RestController
@RequestMapping("/api/v1/cmdb/business-systems")
@Tag(name = "cmdb-business-systems",
		description = "The catalogue of business systems (业务系统): CIs of the business-system class with their "
		+ "parties, guarantee level, components and dependencies.")
class BusinessSystemController {

	private final BusinessSystemCatalogue catalogue;

	private final RelationViews relations;

	private final ImpactViews impacts;

	BusinessSystemController(BusinessSystemCatalogue catalogue, RelationViews relations, ImpactViews impacts) {
		this.catalogue = catalogue;
		this.relations = relations;
		this.impacts = impacts;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Search business systems",
			description = "Business systems in the caller's scope ordered by name, paged, with their guarantee "
				+ "level (null until graded), components and dependencies counted. Filters: `q` (as in the "
				+ "CI search), `organisationId`, `category`, `applicationSupport`, `status`.")
	PageResult<SystemView> search(@RequestParam(required = false) String q,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) String category,
			@RequestParam(required = false) Boolean applicationSupport, @RequestParam(required = false) CiStatus status,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		Locale locale = LocaleContextHolder.getLocale();
		PageResult<BusinessSystem> found = this.catalogue.search(CurrentUsers.require(), q,
				organisationId, category, applicationSupport, status, page, size);
		return new PageResult<>(found.items().stream().map(s -> view(s, locale)).toList(), found.total(), found.page(),
				found.size());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	@Operation(summary = "Get a business system",
			description = "One business system with the CIs it is built from and its dependencies on other business "
				+ "systems.")
	DetailView get(@PathVariable long id) {
		Locale locale = LocaleContextHolder.getLocale();
		BusinessSystemDetail detail = this.catalogue.get(CurrentUsers.require(), id);
		return new DetailView(view(detail.system(), locale),
				detail.components().stream().map(c -> component(c, locale)).toList(),
				detail.dependencies().stream().map(r -> this.relations.view(r, locale)).toList());
	}

	private static SystemView view(BusinessSystem s, Locale locale) {
		String categoryLabel = s.categoryOption() == null ? s.category()
				: s.categoryOption().label(locale) == null ? s.categoryOption().labelZh() : s.categoryOption().label(locale);
		return new SystemView(s.id(), s.code(), s.name(), s.organisationId(), s.organisationName(), s.status(),
				s.importance(), s.category(), categoryLabel, s.businessParty(), s.technicalUndertaker(),
				s.technicalAuthority(), s.omParty(), s.goLiveDate(), s.applicationSupport(), s.guaranteeLevel(),
				s.componentCount(), s.dependsOn(), s.dependedOnBy());
	}

	private ComponentView component(Component c, Locale locale) {
		return new ComponentView(c.id(), c.code(), c.name(), c.classCode(), this.impacts.className(c.classCode(), locale),
				c.retired());
	}

	/** A business system in the catalogue; {@code guaranteeLevel} is null until the system is graded. */
	record SystemView(long id, String code, String name, long organisationId, String organisationName, CiStatus status,
			Importance importance, String category, String categoryLabel, String businessParty,
			String technicalUndertaker, String technicalAuthority, String omParty, LocalDate goLiveDate,
			boolean applicationSupport, Integer guaranteeLevel, int componentCount, long dependsOn, long dependedOnBy) {
	}

	/** Something a business system is built from. */
	record ComponentView(long id, String code, String name, String classCode, String className, boolean retired) {
	}

	/** A business system with its components and its dependencies on other business systems. */
	record DetailView(SystemView system, List<ComponentView> components, List<RelationViews.RelationView> dependencies) {
	}

}
