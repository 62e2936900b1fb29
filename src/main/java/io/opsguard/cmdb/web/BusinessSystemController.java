package io.opsguard.cmdb.web;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.internal.BusinessSystemCatalogue;
import io.opsguard.cmdb.internal.BusinessSystemCatalogue.BusinessSystem;
import io.opsguard.cmdb.internal.BusinessSystemCatalogue.BusinessSystemDetail;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.PageResult;
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
@Tag(name = "cmdb")
class BusinessSystemController {

	private final BusinessSystemCatalogue catalogue;

	private final RelationViews relations;

	BusinessSystemController(BusinessSystemCatalogue catalogue, RelationViews relations) {
		this.catalogue = catalogue;
		this.relations = relations;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	PageResult<BusinessSystem> search(@RequestParam(required = false) String q,
			@RequestParam(required = false) Long organisationId, @RequestParam(required = false) String category,
			@RequestParam(required = false) Boolean applicationSupport, @RequestParam(required = false) CiStatus status,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.catalogue.search(CurrentUsers.require(), TextParameters.text("q", q), organisationId, category, applicationSupport, status, page,
				size, LocaleContextHolder.getLocale());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	DetailView get(@PathVariable long id) {
		java.util.Locale locale = LocaleContextHolder.getLocale();
		BusinessSystemDetail detail = this.catalogue.get(CurrentUsers.require(), id, locale);
		return new DetailView(detail.system(), detail.components(),
				detail.dependencies().stream().map(r -> this.relations.view(r, locale)).toList());
	}

	/** A business system with its components and its dependencies on other business systems. */
	record DetailView(BusinessSystem system, java.util.List<BusinessSystemCatalogue.Component> components,
			java.util.List<RelationViews.RelationView> dependencies) {
	}

}
