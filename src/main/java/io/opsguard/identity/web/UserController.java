package io.opsguard.identity.web;

import java.util.List;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.internal.UserService;
import io.opsguard.identity.internal.UserService.CreatedUser;
import io.opsguard.identity.internal.UserService.DutyConflict;
import io.opsguard.identity.internal.UserService.NewUser;
import io.opsguard.identity.internal.UserService.UserFilter;
import io.opsguard.identity.internal.UserService.UserStatus;
import io.opsguard.identity.internal.UserService.UserUpdate;
import io.opsguard.identity.internal.UserService.UserView;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * User accounts (用户): list within scope, create, edit, grant roles, disable, reset, unlock. The
 * accounts of security and audit officers are edited, disabled, enabled and reset by holders of
 * {@code identity:user:manage-officers} instead of the ordinary permissions (ADR 0006).
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users",
		description = "User accounts (用户) within the caller's data scope: create, edit, grant roles, disable, "
		+ "reset passwords, unlock. Accounts of security and audit officers are administered with "
		+ "`identity:user:manage-officers` only (separation of duties).")
class UserController {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('identity:user:read')")
	@Operation(summary = "Search users",
			description = "Users in the caller's data scope, paged. Filters: `q` (username, name, phone or e-mail, "
				+ "contains), `organisationId` (with its descendants unless `includeDescendants=false`), "
				+ "`roleId`, `status` (ENABLED, DISABLED, LOCKED). `sort` by `username` (default), "
				+ "`displayName`, `lastLoginAt` or `createdAt`.")
	PageResult<UserView> search(@RequestParam(required = false) String q,
			@RequestParam(required = false) Long organisationId,
			@RequestParam(required = false, defaultValue = "true") boolean includeDescendants,
			@RequestParam(required = false) Long roleId, @RequestParam(required = false) UserStatus status,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		return this.users.search(CurrentUsers.require(),
				new UserFilter(q, organisationId, includeDescendants, roleId, status), page, size, sort);
	}

	@GetMapping("/duty-conflicts")
	@PreAuthorize("hasAuthority('identity:user:read')")
	@Operation(summary = "Accounts combining separated duties",
			description = "Enabled accounts in the caller's scope whose roles span more than one of the separated "
				+ "duties (system administration, security administration, security audit), with the duties "
				+ "they combine.")
	List<DutyConflict> dutyConflicts() {
		return this.users.dutyConflicts(CurrentUsers.require());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('identity:user:read')")
	@Operation(summary = "Get a user",
			description = "One user account with organisation, roles, duties, lock state and `version`; 404 outside "
				+ "the caller's scope.")
	UserView get(@PathVariable long id) {
		return this.users.get(CurrentUsers.require(), id);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('identity:user:create')")
	@Operation(summary = "Create a user",
			description = "Creates an account in an enabled organisation of the caller's scope. Roles need "
				+ "`identity:user:grant` and may not give more data scope than the caller has, nor combine "
				+ "separated duties. Without `password` one is generated and answered once "
				+ "(`initialPassword`); either way the user must change it at first sign-in. Audited.")
	@ErrorResponses({ "IDN-0007", "IDN-0011", "IDN-0017", "IDN-0022", "IDN-0023", "IDN-0028", "IDN-0046",
			"IDN-0024", "IDN-0025", "IDN-0026", "IDN-0027", "IDN-0041", "IDN-0042", "IDN-0043" })
	ResponseEntity<CreatedUser> create(@Valid @RequestBody NewUserRequest body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.users.create(CurrentUsers.require(), new NewUser(body.username(), body.displayName(),
					body.organisationId(), body.phone(), body.email(), body.roleIds(), body.password())));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAnyAuthority('identity:user:update', 'identity:user:manage-officers')")
	@Operation(summary = "Update a user",
			description = "Changes display name, organisation, phone and e-mail; carries the `version` read "
				+ "(another answers 409). An officer's account needs `identity:user:manage-officers`. "
				+ "Audited with before and after.")
	@ErrorResponses({ "IDN-0011", "IDN-0023", "IDN-0048" })
	UserView update(@PathVariable long id, @Valid @RequestBody UserUpdateRequest body) {
		return this.users.update(CurrentUsers.require(), id,
				new UserUpdate(body.displayName(), body.organisationId(), body.phone(), body.email(), body.version()));
	}

	@PutMapping("/{id}/roles")
	@PreAuthorize("hasAuthority('identity:user:grant')")
	@Operation(summary = "Set a user's roles",
			description = "Replaces the user's roles. Nobody changes their own roles; added roles must be visible "
				+ "to the caller and give no more scope than the caller has; roles may not combine "
				+ "separated duties; the last security administrator keeps that role. Their sessions pick "
				+ "up the change at once. Audited.")
	@ErrorResponses({ "IDN-0017", "IDN-0022", "IDN-0028", "IDN-0029", "IDN-0044", "IDN-0046" })
	UserView setRoles(@PathVariable long id, @Valid @RequestBody RolesRequest body) {
		return this.users.setRoles(CurrentUsers.require(), id, body.roleIds());
	}

	@PostMapping("/{id}/disable")
	@PreAuthorize("hasAnyAuthority('identity:user:disable', 'identity:user:manage-officers')")
	@Operation(summary = "Disable a user",
			description = "Disables the account: it can no longer sign in and its sessions and API tokens stop "
				+ "working. Not oneself, not the last security administrator; an officer needs "
				+ "`identity:user:manage-officers`. Audited.")
	@ErrorResponses({ "IDN-0019", "IDN-0029", "IDN-0048" })
	UserView disable(@PathVariable long id) {
		return this.users.setEnabled(CurrentUsers.require(), id, false);
	}

	@PostMapping("/{id}/enable")
	@PreAuthorize("hasAnyAuthority('identity:user:disable', 'identity:user:manage-officers')")
	@Operation(summary = "Enable a user",
			description = "Enables a disabled account again. An officer's account needs "
				+ "`identity:user:manage-officers`. Audited.")
	@ErrorResponses({ "IDN-0048" })
	UserView enable(@PathVariable long id) {
		return this.users.setEnabled(CurrentUsers.require(), id, true);
	}

	@PostMapping("/{id}/reset-password")
	@PreAuthorize("hasAnyAuthority('identity:user:reset-password', 'identity:user:manage-officers')")
	@Operation(summary = "Reset a user's password",
			description = "Sets a new password, chosen (checked against the password policy) or generated and "
				+ "answered once (`initialPassword`); the user must change it at next sign-in, and the "
				+ "account is unlocked. Not one's own password, not with an API token; an officer needs "
				+ "`identity:user:manage-officers`. Audited.")
	@ErrorResponses({ "IDN-0040", "IDN-0048", "IDN-0049", "IDN-0024", "IDN-0025", "IDN-0026", "IDN-0027",
			"IDN-0041", "IDN-0042", "IDN-0043" })
	PasswordReset resetPassword(@PathVariable long id, @Valid @RequestBody(required = false) ResetRequest body) {
		return new PasswordReset(this.users.resetPassword(CurrentUsers.require(), id, body == null ? null : body.password()));
	}

	@PostMapping("/{id}/unlock")
	@PreAuthorize("hasAuthority('identity:user:unlock')")
	@Operation(summary = "Unlock a user",
			description = "Clears a lock after failed sign-ins and the count of failed attempts. Audited when it "
				+ "changed something.")
	UserView unlock(@PathVariable long id) {
		return this.users.unlock(CurrentUsers.require(), id);
	}

	static final String USERNAME = "^[A-Za-z0-9._-]{3,32}$";

	static final String PHONE = "^[0-9+\\-() ]{0,30}$";

	record NewUserRequest(@NotBlank @Pattern(regexp = USERNAME) String username,
			@NotBlank @Size(max = 50) String displayName, @NotNull Long organisationId,
			@Size(max = 30) @Pattern(regexp = PHONE) String phone, @Size(max = 100) @Email String email,
			List<Long> roleIds, @Size(max = 128) String password) {
	}

	record UserUpdateRequest(@NotBlank @Size(max = 50) String displayName, @NotNull Long organisationId,
			@Size(max = 30) @Pattern(regexp = PHONE) String phone, @Size(max = 100) @Email String email,
			@NotNull Integer version) {
	}

	record RolesRequest(@NotNull List<Long> roleIds) {
	}

	record ResetRequest(@Size(max = 128) String password) {
	}

	record PasswordReset(String initialPassword) {
	}

}
