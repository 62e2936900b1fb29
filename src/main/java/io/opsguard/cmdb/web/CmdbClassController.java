package io.opsguard.cmdb.web;

import java.util.List;

import io.opsguard.cmdb.internal.AttributeType;
import io.opsguard.cmdb.internal.ClassCatalog.EnumOption;
import io.opsguard.cmdb.internal.ClassService;
import io.opsguard.cmdb.internal.ClassService.AttributeInput;
import io.opsguard.cmdb.internal.ClassService.AttributeView;
import io.opsguard.cmdb.internal.ClassService.ClassDetail;
import io.opsguard.cmdb.internal.ClassService.ClassInput;
import io.opsguard.cmdb.internal.ClassService.ClassNode;
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
@Tag(name = "cmdb")
class CmdbClassController {

	private final ClassService classes;

	CmdbClassController(ClassService classes) {
		this.classes = classes;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('cmdb:class:read')")
	List<ClassNode> tree() {
		return this.classes.tree(io.opsguard.identity.CurrentUsers.require(), LocaleContextHolder.getLocale());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('cmdb:class:read')")
	ClassDetail get(@PathVariable long id) {
		return this.classes.get(id, LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	ResponseEntity<ClassDetail> create(@Valid @RequestBody NewClass body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.classes.create(new ClassInput(body.nameZh(), body.nameEn(), Boolean.TRUE.equals(body.physical())),
					body.code(), body.parentId(), LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	ClassDetail update(@PathVariable long id, @Valid @RequestBody ClassUpdate body) {
		return this.classes.update(id, new ClassInput(body.nameZh(), body.nameEn(), Boolean.TRUE.equals(body.physical())),
				body.version(), LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.classes.delete(id, LocaleContextHolder.getLocale());
	}

	@PostMapping("/{id}/attributes")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	ResponseEntity<AttributeView> addAttribute(@PathVariable long id, @Valid @RequestBody NewAttribute body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.classes.addAttribute(id, body.input(), body.code(), LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{id}/attributes/{attributeId}")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	AttributeView updateAttribute(@PathVariable long id, @PathVariable long attributeId,
			@Valid @RequestBody AttributeUpdate body) {
		return this.classes.updateAttribute(id, attributeId,
				new AttributeInput(body.nameZh(), body.nameEn(), AttributeType.TEXT, Boolean.TRUE.equals(body.required()),
						Boolean.TRUE.equals(body.unique()), body.options(), body.pattern(), body.min(), body.max(),
						body.refClassCode(), body.sortOrder()),
				body.version(), LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{id}/attributes/{attributeId}")
	@PreAuthorize("hasAuthority('cmdb:class:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteAttribute(@PathVariable long id, @PathVariable long attributeId) {
		this.classes.deleteAttribute(id, attributeId, LocaleContextHolder.getLocale());
	}

	record NewClass(@NotBlank @Pattern(regexp = "^[A-Z][A-Z0-9_]{1,49}$") String code, Long parentId,
			@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn, Boolean physical) {
	}

	record ClassUpdate(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn,
			Boolean physical, Integer version) {
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

	record AttributeUpdate(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn,
			Boolean required, Boolean unique, @Size(max = 200) List<EnumOption> options, @Size(max = 500) String pattern,
			Double min, Double max, String refClassCode, Integer sortOrder, Integer version) {
	}

}
