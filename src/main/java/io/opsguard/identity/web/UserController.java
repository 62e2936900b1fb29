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
import io.opsguard.shared.PageResult;
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
@Tag(name = "users")
class UserController {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('identity:user:read')")
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
	List<DutyConflict> dutyConflicts() {
		return this.users.dutyConflicts(CurrentUsers.require());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('identity:user:read')")
	UserView get(@PathVariable long id) {
		return this.users.get(CurrentUsers.require(), id);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('identity:user:create')")
	ResponseEntity<CreatedUser> create(@Valid @RequestBody NewUserRequest body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.users.create(CurrentUsers.require(), new NewUser(body.username(), body.displayName(),
					body.organisationId(), body.phone(), body.email(), body.roleIds(), body.password())));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAnyAuthority('identity:user:update', 'identity:user:manage-officers')")
	UserView update(@PathVariable long id, @Valid @RequestBody UserUpdateRequest body) {
		return this.users.update(CurrentUsers.require(), id,
				new UserUpdate(body.displayName(), body.organisationId(), body.phone(), body.email(), body.version()));
	}

	@PutMapping("/{id}/roles")
	@PreAuthorize("hasAuthority('identity:user:grant')")
	UserView setRoles(@PathVariable long id, @Valid @RequestBody RolesRequest body) {
		return this.users.setRoles(CurrentUsers.require(), id, body.roleIds());
	}

	@PostMapping("/{id}/disable")
	@PreAuthorize("hasAnyAuthority('identity:user:disable', 'identity:user:manage-officers')")
	UserView disable(@PathVariable long id) {
		return this.users.setEnabled(CurrentUsers.require(), id, false);
	}

	@PostMapping("/{id}/enable")
	@PreAuthorize("hasAnyAuthority('identity:user:disable', 'identity:user:manage-officers')")
	UserView enable(@PathVariable long id) {
		return this.users.setEnabled(CurrentUsers.require(), id, true);
	}

	@PostMapping("/{id}/reset-password")
	@PreAuthorize("hasAnyAuthority('identity:user:reset-password', 'identity:user:manage-officers')")
	PasswordReset resetPassword(@PathVariable long id, @Valid @RequestBody(required = false) ResetRequest body) {
		return new PasswordReset(this.users.resetPassword(CurrentUsers.require(), id, body == null ? null : body.password()));
	}

	@PostMapping("/{id}/unlock")
	@PreAuthorize("hasAuthority('identity:user:unlock')")
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
