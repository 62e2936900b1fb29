package io.opsguard.cmdb.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.cmdb.internal.ClassCatalog;
import io.opsguard.cmdb.internal.RelationService;
import io.opsguard.cmdb.internal.RelationService.RelationInput;
import io.opsguard.cmdb.web.RelationViews.RelationView;
import io.opsguard.identity.CurrentUsers;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Relations between configuration items (配置项关系) and the rules of each relation type. */
@RestController
@RequestMapping("/api/v1/cmdb")
@Tag(name = "cmdb")
class RelationController {

	private final RelationService relations;

	private final ClassCatalog catalog;

	private final RelationViews views;

	RelationController(RelationService relations, ClassCatalog catalog, RelationViews views) {
		this.relations = relations;
		this.catalog = catalog;
		this.views = views;
	}

	@GetMapping("/relation-types")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	List<RelationTypeView> types() {
		Locale locale = LocaleContextHolder.getLocale();
		List<RelationTypeView> types = new ArrayList<>();
		for (RelationType type : RelationType.values()) {
			List<Rule> rules = this.catalog.rules()
				.stream()
				.filter(r -> r.type() == type)
				.map(r -> new Rule(this.catalog.find(r.sourceClassId()).map(ClassCatalog.ClassDef::code).orElse(null),
						this.catalog.find(r.targetClassId()).map(ClassCatalog.ClassDef::code).orElse(null)))
				.toList();
			types.add(new RelationTypeView(type, this.views.typeLabel(type, locale), this.views.inverseLabel(type, locale),
					type.acyclic(),
					type == RelationType.STANDBY_OF ? List.of(StandbyMode.values()) : List.of(), rules));
		}
		return types;
	}

	@GetMapping("/relations")
	@PreAuthorize("hasAuthority('cmdb:ci:read')")
	List<RelationView> of(@RequestParam long ciId, @RequestParam(required = false) RelationType type) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.relations.of(CurrentUsers.require(), ciId, type).stream().map(r -> this.views.view(r, locale)).toList();
	}

	@PostMapping("/relations")
	@PreAuthorize("hasAuthority('cmdb:ci:update')")
	ResponseEntity<RelationView> create(@Valid @RequestBody NewRelation body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.view(this.relations.create(CurrentUsers.require(), new RelationInput(body.type(),
					body.sourceId(), body.targetId(), body.standbyMode(), body.notes())), LocaleContextHolder.getLocale()));
	}

	@DeleteMapping("/relations/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:update')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.relations.delete(CurrentUsers.require(), id);
	}

	record NewRelation(@NotNull RelationType type, @NotNull Long sourceId, @NotNull Long targetId,
			StandbyMode standbyMode, @Size(max = 500) String notes) {
	}

	record RelationTypeView(RelationType code, String label, String inverseLabel, boolean acyclic,
			List<StandbyMode> standbyModes, List<Rule> rules) {
	}

	record Rule(String sourceClassCode, String targetClassCode) {
	}

}
