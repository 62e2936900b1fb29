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
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
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
@Tag(name = "cmdb-relations",
		description = "Relations between configuration items (配置项关系): the relation types, which classes each "
		+ "may connect, and the relations of a CI.")
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
	@Operation(summary = "CMDB relation types",
			description = "Every relation type with its labels in the request's language (forward and inverse), "
				+ "whether it must stay acyclic, its standby modes, and the pairs of classes it may "
				+ "connect.")
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
	@Operation(summary = "Relations of a configuration item",
			description = "The relations of a CI visible to the caller (`ciId`), in both directions, optionally of "
				+ "one `type`; ends outside the caller's scope are shown without their names.")
	@ErrorResponses({ "SYS-0004" })
	List<RelationView> of(@RequestParam long ciId, @RequestParam(required = false) RelationType type) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.relations.of(CurrentUsers.require(), ciId, type).stream().map(r -> this.views.view(r, locale)).toList();
	}

	@PostMapping("/relations")
	@PreAuthorize("hasAuthority('cmdb:ci:update')")
	@Operation(summary = "Create a relation",
			description = "Relates two CIs of the caller's scope with a type allowed between their classes; not a "
				+ "CI to itself, not twice, not to a retired CI, and not closing a cycle where the type "
				+ "must stay acyclic; `standbyMode` only (and always) for STANDBY_OF. Recorded in the "
				+ "history of both CIs and audited.")
	@ErrorResponses({ "CMDB-0015", "CMDB-0040", "CMDB-0041", "CMDB-0042", "CMDB-0043", "CMDB-0044", "CMDB-0045" })
	ResponseEntity<RelationView> create(@Valid @RequestBody NewRelation body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.view(this.relations.create(CurrentUsers.require(), new RelationInput(body.type(),
					body.sourceId(), body.targetId(), body.standbyMode(), body.notes())), LocaleContextHolder.getLocale()));
	}

	@DeleteMapping("/relations/{id}")
	@PreAuthorize("hasAuthority('cmdb:ci:update')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a relation",
			description = "Removes a relation between two CIs of the caller's scope. Recorded in the history of "
				+ "both CIs and audited.")
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
