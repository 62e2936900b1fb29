package io.opsguard.identity.web;

import java.util.List;
import java.util.Set;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.internal.PermissionCatalog;
import io.opsguard.identity.internal.PermissionCatalog.PermissionNode;
import io.opsguard.identity.internal.Role.DataScopeType;
import io.opsguard.identity.internal.RoleService;
import io.opsguard.identity.internal.RoleService.RoleInput;
import io.opsguard.identity.internal.RoleService.RoleSummary;
import io.opsguard.identity.internal.RoleService.RoleView;
import io.opsguard.shared.PageResult;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Roles (角色) and the permission tree they are built from. */
@RestController
@Tag(name = "roles")
class RoleController {

	private final RoleService roles;

	private final PermissionCatalog catalog;

	RoleController(RoleService roles, PermissionCatalog catalog) {
		this.roles = roles;
		this.catalog = catalog;
	}

	@GetMapping("/api/v1/roles")
	@PreAuthorize("hasAuthority('identity:role:read')")
	PageResult<RoleSummary> search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		return this.roles.search(CurrentUsers.require(), q, page, size, sort);
	}

	@GetMapping("/api/v1/roles/{id}")
	@PreAuthorize("hasAuthority('identity:role:read')")
	RoleView get(@PathVariable long id) {
		return this.roles.get(CurrentUsers.require(), id);
	}

	@PostMapping("/api/v1/roles")
	@PreAuthorize("hasAuthority('identity:role:create')")
	ResponseEntity<RoleView> create(@Valid @RequestBody NewRole body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.roles.create(CurrentUsers.require(), new RoleInput(body.name(), body.description(),
					body.permissions(), body.dataScope(), body.organisationIds(), null), body.code()));
	}

	@PostMapping("/api/v1/roles/{id}/copy")
	@PreAuthorize("hasAuthority('identity:role:create')")
	ResponseEntity<RoleView> copy(@PathVariable long id, @Valid @RequestBody CopyRole body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.roles.copy(CurrentUsers.require(), id, body.code(), body.name()));
	}

	@PutMapping("/api/v1/roles/{id}")
	@PreAuthorize("hasAuthority('identity:role:update')")
	RoleView update(@PathVariable long id, @Valid @RequestBody RoleUpdate body) {
		return this.roles.update(CurrentUsers.require(), id, new RoleInput(body.name(), body.description(),
				body.permissions(), body.dataScope(), body.organisationIds(), body.version()));
	}

	@DeleteMapping("/api/v1/roles/{id}")
	@PreAuthorize("hasAuthority('identity:role:delete')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.roles.delete(CurrentUsers.require(), id);
	}

	@GetMapping("/api/v1/permissions")
	@PreAuthorize("hasAuthority('identity:role:read')")
	List<PermissionNode> permissions() {
		return this.catalog.tree(LocaleContextHolder.getLocale());
	}

	static final String CODE = "^[A-Za-z][A-Za-z0-9_]{1,49}$";

	record NewRole(@NotBlank @Pattern(regexp = CODE) String code, @NotBlank @Size(max = 50) String name,
			@Size(max = 500) String description, @NotNull Set<String> permissions, @NotNull DataScopeType dataScope,
			Set<Long> organisationIds) {
	}

	record CopyRole(@NotBlank @Pattern(regexp = CODE) String code, @NotBlank @Size(max = 50) String name) {
	}

	record RoleUpdate(@NotBlank @Size(max = 50) String name, @Size(max = 500) String description,
			@NotNull Set<String> permissions, @NotNull DataScopeType dataScope, Set<Long> organisationIds,
			@NotNull Integer version) {
	}

}
