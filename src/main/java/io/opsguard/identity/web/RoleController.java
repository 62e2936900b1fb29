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
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageResult;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Roles (角色) and the permission tree they are built from. */
@RestController
@Tag(name = "roles",
		description = "Roles (角色): sets of permissions with a data scope (all, own organisation and below, "
		+ "listed organisations), and the permission tree they are built from.")
class RoleController {

	private final RoleService roles;

	private final PermissionCatalog catalog;

	RoleController(RoleService roles, PermissionCatalog catalog) {
		this.roles = roles;
		this.catalog = catalog;
	}

	@GetMapping("/api/v1/roles")
	@PreAuthorize("hasAuthority('identity:role:read')")
	@Operation(summary = "Search roles",
			description = "Roles visible to the caller (built-in ones and those defined in their scope), paged, "
				+ "with the number of users in scope holding each. `q` matches code or name; `sort` by "
				+ "`code`, `name` or `createdAt`.")
	PageResult<RoleSummary> search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		return this.roles.search(CurrentUsers.require(), q, page, size, sort);
	}

	@GetMapping("/api/v1/roles/{id}")
	@PreAuthorize("hasAuthority('identity:role:read')")
	@Operation(summary = "Get a role",
			description = "One role with its permissions, data scope, listed organisations and `version`; 404 when "
				+ "not visible to the caller.")
	RoleView get(@PathVariable long id) {
		return this.roles.get(CurrentUsers.require(), id);
	}

	@PostMapping("/api/v1/roles")
	@PreAuthorize("hasAuthority('identity:role:create')")
	@Operation(summary = "Create a role",
			description = "Creates a role owned by the caller's organisation. Permissions must exist and belong to "
				+ "one separated duty; the data scope may not exceed the caller's. Audited.")
	@ErrorResponses({ "IDN-0015", "IDN-0016", "IDN-0017", "IDN-0018", "IDN-0023" })
	ResponseEntity<RoleView> create(@Valid @RequestBody NewRole body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.roles.create(CurrentUsers.require(), new RoleInput(body.name(), body.description(),
					body.permissions(), body.dataScope(), body.organisationIds(), null), body.code()));
	}

	@PostMapping("/api/v1/roles/{id}/copy")
	@PreAuthorize("hasAuthority('identity:role:create')")
	@Operation(summary = "Copy a role",
			description = "Creates a new role with another code and name and the permissions, data scope and "
				+ "description of a visible role (built-in ones too). Audited.")
	@ErrorResponses({ "IDN-0015", "IDN-0016", "IDN-0017", "IDN-0018", "IDN-0023" })
	ResponseEntity<RoleView> copy(@PathVariable long id, @Valid @RequestBody CopyRole body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.roles.copy(CurrentUsers.require(), id, body.code(), body.name()));
	}

	@PutMapping("/api/v1/roles/{id}")
	@PreAuthorize("hasAuthority('identity:role:update')")
	@Operation(summary = "Update a role",
			description = "Changes name, description, permissions and data scope; carries the `version` read. "
				+ "Built-in roles and roles defined above the caller's organisation cannot be changed; "
				+ "nobody changes the rights of a role they hold; no holder may end up combining separated "
				+ "duties; a security administrator must remain. Holders' sessions pick up the change at "
				+ "once. Audited.")
	@ErrorResponses({ "IDN-0013", "IDN-0015", "IDN-0016", "IDN-0017", "IDN-0023", "IDN-0029", "IDN-0030",
			"IDN-0045", "IDN-0047" })
	RoleView update(@PathVariable long id, @Valid @RequestBody RoleUpdate body) {
		return this.roles.update(CurrentUsers.require(), id, new RoleInput(body.name(), body.description(),
				body.permissions(), body.dataScope(), body.organisationIds(), body.version()));
	}

	@DeleteMapping("/api/v1/roles/{id}")
	@PreAuthorize("hasAuthority('identity:role:delete')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a role",
			description = "Deletes a role nobody holds. Built-in roles and roles defined above the caller's "
				+ "organisation cannot be deleted. Audited.")
	@ErrorResponses({ "IDN-0013", "IDN-0014", "IDN-0030" })
	void delete(@PathVariable long id) {
		this.roles.delete(CurrentUsers.require(), id);
	}

	@GetMapping("/api/v1/permissions")
	@PreAuthorize("hasAuthority('identity:role:read')")
	@Operation(summary = "The permission tree",
			description = "Every permission (`module:resource:action`) as a tree with labels in the request's "
				+ "language and the separated duty each belongs to, to build roles from.")
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
