package io.opsguard.identity.web;

import java.util.List;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.internal.OrganisationService;
import io.opsguard.identity.internal.OrganisationService.OrganisationDetail;
import io.opsguard.identity.internal.OrganisationService.OrganisationInput;
import io.opsguard.identity.internal.OrganisationTree.TreeNode;
import io.opsguard.identity.internal.OrganisationType;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The organisation tree (机构): read within scope, create, rename, move, disable, delete. */
@RestController
@RequestMapping("/api/v1/organisations")
@Tag(name = "organisations",
		description = "The organisation tree (机构, 分级分域): each user sees their own organisation and its "
		+ "descendants unless their roles grant more.")
class OrganisationController {

	private final OrganisationService organisations;

	OrganisationController(OrganisationService organisations) {
		this.organisations = organisations;
	}

	@GetMapping("/tree")
	@PreAuthorize("hasAuthority('identity:organisation:read')")
	@Operation(summary = "The organisation tree",
			description = "The organisations the caller may see, as a forest (roots are the top organisations of "
				+ "the caller's scope), each with its children, code, type and whether it is enabled.")
	List<TreeNode> tree() {
		return this.organisations.forest(CurrentUsers.require());
	}

	@GetMapping
	@PreAuthorize("hasAuthority('identity:organisation:read')")
	@Operation(summary = "Search organisations",
			description = "Organisations in the caller's scope, paged. Filters: `q` (name or code, contains), "
				+ "`parentId` (direct children), `enabled`, `type`. `sort` by `name`, `code`, `sortOrder` "
				+ "or `createdAt`.")
	PageResult<OrganisationDetail> search(@RequestParam(required = false) String q,
			@RequestParam(required = false) Long parentId, @RequestParam(required = false) Boolean enabled,
			@RequestParam(required = false) OrganisationType type, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		return this.organisations.search(CurrentUsers.require(), q, parentId, enabled, type == null ? null : type.name(),
				page, size, sort);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('identity:organisation:read')")
	@Operation(summary = "Get an organisation",
			description = "One organisation with its parent, path and `version`; 404 outside the caller's scope.")
	OrganisationDetail get(@PathVariable long id) {
		return this.organisations.get(CurrentUsers.require(), id);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('identity:organisation:create')")
	@Operation(summary = "Create an organisation",
			description = "Creates an organisation under an enabled parent in the caller's scope; a top-level one "
				+ "(no `parentId`) needs a role with data scope ALL. Codes are unique. Audited.")
	@ErrorResponses({ "IDN-0008", "IDN-0011", "IDN-0021", "IDN-0023" })
	ResponseEntity<OrganisationDetail> create(@Valid @RequestBody NewOrganisation body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.organisations.create(CurrentUsers.require(), body.input(), body.parentId()));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('identity:organisation:update')")
	@Operation(summary = "Update an organisation",
			description = "Changes name, code, type, contact and sort order; carries the `version` read. Audited "
				+ "with before and after.")
	@ErrorResponses({ "IDN-0008" })
	OrganisationDetail update(@PathVariable long id, @Valid @RequestBody OrganisationUpdate body) {
		return this.organisations.update(CurrentUsers.require(), id, body.input(), body.version());
	}

	@PostMapping("/{id}/move")
	@PreAuthorize("hasAuthority('identity:organisation:update')")
	@Operation(summary = "Move an organisation",
			description = "Moves an organisation with its subtree under another enabled parent in the caller's "
				+ "scope, or to the top level (`parentId` null, needs data scope ALL); not below itself. "
				+ "Audited.")
	@ErrorResponses({ "IDN-0010", "IDN-0011", "IDN-0021", "IDN-0023" })
	OrganisationDetail move(@PathVariable long id, @Valid @RequestBody Move body) {
		return this.organisations.move(CurrentUsers.require(), id, body.parentId());
	}

	@PostMapping("/{id}/disable")
	@PreAuthorize("hasAuthority('identity:organisation:update')")
	@Operation(summary = "Disable an organisation",
			description = "Disables an organisation without enabled children; its users can no longer sign in. Not "
				+ "one's own organisation; a security administrator must remain. Audited.")
	@ErrorResponses({ "IDN-0012", "IDN-0019", "IDN-0029" })
	OrganisationDetail disable(@PathVariable long id) {
		return this.organisations.setEnabled(CurrentUsers.require(), id, false);
	}

	@PostMapping("/{id}/enable")
	@PreAuthorize("hasAuthority('identity:organisation:update')")
	@Operation(summary = "Enable an organisation",
			description = "Enables an organisation again; its parent must be enabled. Audited.")
	@ErrorResponses({ "IDN-0011" })
	OrganisationDetail enable(@PathVariable long id) {
		return this.organisations.setEnabled(CurrentUsers.require(), id, true);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('identity:organisation:delete')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an organisation",
			description = "Deletes an organisation that has no children, users or roles referring to it. Audited.")
	@ErrorResponses({ "IDN-0009" })
	void delete(@PathVariable long id) {
		this.organisations.delete(CurrentUsers.require(), id);
	}

	static final String PHONE = "^[0-9+\\-() ]{0,30}$";

	record NewOrganisation(Long parentId, @NotBlank @Size(max = 100) String name,
			@NotBlank @Size(max = 50) @Pattern(regexp = "^[A-Za-z0-9_.-]+$") String code, @NotNull OrganisationType type,
			@Size(max = 50) String contactPerson, @Size(max = 30) @Pattern(regexp = PHONE) String contactPhone,
			@Min(0) @Max(99999) Integer sortOrder) {

		OrganisationInput input() {
			return new OrganisationInput(this.name, this.code, this.type, this.contactPerson, this.contactPhone,
					this.sortOrder);
		}

	}

	record OrganisationUpdate(@NotBlank @Size(max = 100) String name,
			@NotBlank @Size(max = 50) @Pattern(regexp = "^[A-Za-z0-9_.-]+$") String code, @NotNull OrganisationType type,
			@Size(max = 50) String contactPerson, @Size(max = 30) @Pattern(regexp = PHONE) String contactPhone,
			@Min(0) @Max(99999) Integer sortOrder, @NotNull Integer version) {

		OrganisationInput input() {
			return new OrganisationInput(this.name, this.code, this.type, this.contactPerson, this.contactPhone,
					this.sortOrder);
		}

	}

	/** The new parent; null moves the organisation to the top level (needs data scope ALL). */
	record Move(Long parentId) {
	}

}
