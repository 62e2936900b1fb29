package io.opsguard.cmdb.web;

import java.util.List;
import java.util.Locale;

import io.opsguard.cmdb.internal.AttributeType;
import io.opsguard.cmdb.internal.ClassCatalog;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.cmdb.internal.ClassCatalog.EnumOption;
import io.opsguard.cmdb.internal.ClassService;
import io.opsguard.cmdb.internal.ClassService.AttributeInput;
import io.opsguard.cmdb.internal.ClassService.ClassInput;
import io.opsguard.cmdb.internal.ClassService.ClassTreeNode;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** CI classes (配置项类别) and their attributes. */
@RestController
@RequestMapping("/api/v1/cmdb/classes")
@Tag(name = "cmdb-classes",
		description = "CI classes (配置项类别) of the CMDB: a tree of classes, each with its own attributes and "
		+ "those inherited from above. Built-in classes and attributes cannot be deleted.")
class CmdbClassController {

	private final ClassService classes;

	private final ClassCatalog catalog;

	CmdbClassController(ClassService classes, ClassCatalog catalog) {
		this.classes = classes;
		this.catalog = catalog;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('cmdb:class:read')")
	@Operation(summary = "The CI class tree",
			description = "Every class as a tree with names in both languages, whether it is physical, and how many "
				+ "CIs in use of the caller's scope belong to the class itself and to its whole subtree.")
	List<ClassNode> tree() {
		Locale locale = LocaleContextHolder.getLocale();
		return this.classes.tree(CurrentUsers.require()).stream().map(n -> node(n, locale)).toList();
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('cmdb:class:read')")
	@Operation(summary = "Get a CI class",
			description = "One class with its own and inherited attributes (types, rules, options with labels in "
				+ "the request's language) and `version`.")
	ClassDetail get(@PathVariable long id) {
		return detail(this.classes.get(id), LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	@Operation(summary = "Create a CI class",
			description = "Creates a class below an existing parent (or at the top). Codes are upper case "
				+ "(`^[A-Z][A-Z0-9_]{1,49}$`) and unique. Audited.")
	@ErrorResponses({ "CMDB-0002", "CMDB-0007", "CMDB-0008" })
	ResponseEntity<ClassDetail> create(@Valid @RequestBody NewClass body) {
		ClassDef created = this.classes.create(new ClassInput(body.nameZh(), body.nameEn(), Boolean.TRUE.equals(body.physical())),
				body.code(), body.parentId());
		return ResponseEntity.status(HttpStatus.CREATED).body(detail(created, LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	@Operation(summary = "Update a CI class",
			description = "Changes names and whether the class is physical; carries the `version` read: without it "
				+ "400 `CMDB-0012`, with another one 409. Audited with before and after.")
	@ErrorResponses({ "CMDB-0012" })
	ClassDetail update(@PathVariable long id, @Valid @RequestBody ClassUpdate body) {
		ClassDef updated = this.classes.update(id,
				new ClassInput(body.nameZh(), body.nameEn(), Boolean.TRUE.equals(body.physical())), body.version());
		return detail(updated, LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a CI class",
			description = "Deletes a class without subclasses and without CIs. Built-in classes cannot be deleted. "
				+ "Audited.")
	@ErrorResponses({ "CMDB-0003", "CMDB-0004" })
	void delete(@PathVariable long id) {
		this.classes.delete(id);
	}

	@PostMapping("/{id}/attributes")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	@Operation(summary = "Add an attribute to a CI class",
			description = "Adds an attribute (text, number, date, enum with options, boolean, references to a CI, "
				+ "user or organisation…) to a class and its subclasses. The code is unique along the "
				+ "class's line; a required attribute cannot be added while CIs lack a value; rules "
				+ "(pattern, range, options, referenced class) must be valid. Audited.")
	@ErrorResponses({ "CMDB-0005", "CMDB-0006", "CMDB-0007", "CMDB-0008" })
	ResponseEntity<AttributeView> addAttribute(@PathVariable long id, @Valid @RequestBody NewAttribute body) {
		AttributeDef added = this.classes.addAttribute(id, body.input(), body.code());
		return ResponseEntity.status(HttpStatus.CREATED).body(attribute(added, id, LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{id}/attributes/{attributeId}")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	@Operation(summary = "Update an attribute",
			description = "Changes an attribute of this class (its type never changes); carries the `version` read: "
				+ "without it 400 `CMDB-0012`, with another one 409. Making it required or unique, or "
				+ "dropping options, is refused while existing CIs would violate it. Audited.")
	@ErrorResponses({ "CMDB-0006", "CMDB-0007", "CMDB-0008", "CMDB-0012" })
	AttributeView updateAttribute(@PathVariable long id, @PathVariable long attributeId,
			@Valid @RequestBody AttributeUpdate body) {
		AttributeDef updated = this.classes.updateAttribute(id, attributeId,
				new AttributeInput(body.nameZh(), body.nameEn(), AttributeType.TEXT, Boolean.TRUE.equals(body.required()),
						Boolean.TRUE.equals(body.unique()), body.options(), body.pattern(), body.min(), body.max(),
						body.refClassCode(), body.sortOrder()),
				body.version());
		return attribute(updated, id, LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{id}/attributes/{attributeId}")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an attribute",
			description = "Deletes an attribute of this class; built-in attributes cannot be deleted. Audited.")
	@ErrorResponses({ "CMDB-0003" })
	void deleteAttribute(@PathVariable long id, @PathVariable long attributeId) {
		this.classes.deleteAttribute(id, attributeId);
	}

	private ClassNode node(ClassTreeNode n, Locale locale) {
		ClassDef def = n.def();
		return new ClassNode(def.id(), def.code(), def.parentId(), ClassCatalog.name(def, locale), def.nameZh(), def.nameEn(),
				def.builtIn(), n.physical(), n.ciCount(), n.ownCiCount(),
				n.children().stream().map(c -> node(c, locale)).toList());
	}

	private ClassDetail detail(ClassDef def, Locale locale) {
		return new ClassDetail(def.id(), def.code(), def.parentId(), ClassCatalog.name(def, locale), def.nameZh(),
				def.nameEn(), def.builtIn(), def.physical(), this.catalog.physical(def.id()),
				this.catalog.attributes(def.id()).stream().map(a -> attribute(a, def.id(), locale)).toList(), def.version());
	}

	private AttributeView attribute(AttributeDef a, long perspective, Locale locale) {
		String inheritedFrom = a.classId() == perspective ? null
				: this.catalog.find(a.classId()).map(ClassDef::code).orElse(null);
		return new AttributeView(a.id(), a.classId(), a.code(), ClassCatalog.name(a, locale), a.nameZh(), a.nameEn(),
				a.type(), a.required(), a.unique(),
				a.options().stream().map(o -> new OptionView(o.value(), o.labelZh(), o.labelEn(), o.label(locale))).toList(),
				a.pattern(), a.min(), a.max(), a.refClassCode(), a.builtIn(), a.sortOrder(), inheritedFrom, a.version());
	}

	record NewClass(@NotBlank @Pattern(regexp = "^[A-Z][A-Z0-9_]{1,49}$") String code, Long parentId,
			@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn, Boolean physical) {
	}

	/** A change of a class; {@code version} is the version it was based on. */
	record ClassUpdate(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn,
			Boolean physical, @NotNull Integer version) {
	}

	record NewAttribute(@NotBlank @Pattern(regexp = "^[a-z][a-zA-Z0-9]{1,49}$") String code,
			@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn, @NotNull AttributeType type,
			Boolean required, Boolean unique, @Size(max = 200) List<EnumOption> options, @Size(max = 500) String pattern,
			Double min, Double max, String refClassCode, Integer sortOrder) {

		AttributeInput input() {
			return new AttributeInput(this.nameZh, this.nameEn, this.type, Boolean.TRUE.equals(this.required),
					Boolean.TRUE.equals(this.unique), this.options, this.pattern, this.min, this.max, this.refClassCode,
					this.sortOrder);
		}

	}

	/** A change of an attribute; {@code version} is the version it was based on. */
	record AttributeUpdate(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn,
			Boolean required, Boolean unique, @Size(max = 200) List<EnumOption> options, @Size(max = 500) String pattern,
			Double min, Double max, String refClassCode, Integer sortOrder, @NotNull Integer version) {
	}

	/**
	 * A class in the tree; {@code ciCount} counts the CIs in use of the class and all classes below
	 * it, {@code ownCiCount} those of the class itself.
	 */
	record ClassNode(long id, String code, Long parentId, String name, String nameZh, String nameEn, boolean builtIn,
			boolean physical, long ciCount, long ownCiCount, List<ClassNode> children) {
	}

	/** A class with its attributes (own and inherited). */
	record ClassDetail(long id, String code, Long parentId, String name, String nameZh, String nameEn, boolean builtIn,
			boolean ownPhysical, boolean physical, List<AttributeView> attributes, int version) {
	}

	/** An attribute definition as clients see it. */
	record AttributeView(long id, long classId, String code, String name, String nameZh, String nameEn,
			AttributeType type, boolean required, boolean unique, List<OptionView> options, String pattern, Double min,
			Double max, String refClassCode, boolean builtIn, int sortOrder, String inheritedFrom, int version) {
	}

	/** An enum option with its label in the request's language. */
	record OptionView(String value, String labelZh, String labelEn, String label) {
	}

}
