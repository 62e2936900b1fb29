package io.opsguard.servicedesk.web;

import java.util.List;
import java.util.Map;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.RegistrationStore.RegistrationState;
import io.opsguard.servicedesk.internal.Registrations;
import io.opsguard.servicedesk.internal.Registrations.Application;
import io.opsguard.servicedesk.internal.Registrations.OrganisationOption;
import io.opsguard.servicedesk.internal.Registrations.RegistrationView;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-registration (注册账号, R-DSK-12): the public application for a portal account, and the
 * desk's review of the applications (注册审核). Nobody gets an account without a reviewer's
 * approval.
 */
@RestController
@Tag(name = "registration",
		description = "Applications for a portal account: public (no sign-in, limited per client address; 404 when "
				+ "`opsguard.servicedesk.portal.registration-enabled` is off) and their review by holders of "
				+ "`servicedesk:registration:approve`, within their data scope.")
class RegistrationController {

	private final Registrations registrations;

	private final MessageSource messages;

	RegistrationController(Registrations registrations, MessageSource messages) {
		this.registrations = registrations;
		this.messages = messages;
	}

	@GetMapping("/api/v1/portal/registration")
	@PublicEndpoint
	@Operation(summary = "Whether registration is open",
			description = "`{\"open\": true|false}`: whether accounts may be applied for; the sign-in page asks it to show "
					+ "its 注册账号 link. No sign-in; a constant of the configuration, so not limited per address.")
	Map<String, Boolean> registration() {
		return Map.of("open", this.registrations.open());
	}

	@GetMapping("/api/v1/portal/registration/organisations")
	@PublicEndpoint
	@Operation(summary = "Organisations to apply in",
			description = "The enabled organisations an applicant chooses from: id, name and the names of its path from the "
					+ "top, sorted by path. No sign-in. 404 when registration is switched off; "
					+ "429 beyond the requests allowed per client address and minute (counted with the other public pages).")
	@ErrorResponses({ "SYS-0004", "SD-0304" })
	List<OrganisationOption> organisations(HttpServletRequest request) {
		this.registrations.requireOpen(request.getRemoteAddr(), false);
		return this.registrations.organisations();
	}

	@PostMapping("/api/v1/portal/registrations")
	@PublicEndpoint
	@Operation(summary = "Apply for an account",
			description = "username (3–32 letters, digits, `.`, `_`, `-`), displayName, phone (a mainland mobile or a landline "
					+ "with its area code), email (optional), organisationId (from `/portal/registration/organisations`), "
					+ "unit (department, optional) and password (identity's password policy). Every bad field is named; a "
					+ "username that is taken or asked for by a pending application answers SD-0331 \"not available\" without "
					+ "saying which. Answers 202 with a neutral message: the account exists only once a reviewer approves, "
					+ "and the applicant is told by SMS (and e-mail). No sign-in, no CSRF token (no session is involved); at most "
					+ "`registration-requests-per-minute` (10) applications per client address and minute (429).")
	@ErrorResponses(value = { "SYS-0001", "SYS-0004", "SD-0304" }, fields = { "SD-0331", "SD-0332", "SD-0333", "SD-0334",
			"SD-0335", "SD-0336", "SD-0337", "IDN-0024", "IDN-0026", "IDN-0027", "IDN-0041", "IDN-0042", "IDN-0043" })
	ResponseEntity<Submitted> apply(@RequestBody Application input, HttpServletRequest request) {
		this.registrations.requireOpen(request.getRemoteAddr(), true);
		this.registrations.apply(input, request.getRemoteAddr());
		String message = this.messages.getMessage("portal.registration.submitted", null, LocaleContextHolder.getLocale());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Submitted(message));
	}

	@GetMapping("/api/v1/registrations")
	@PreAuthorize("hasAuthority('servicedesk:registration:approve')")
	@Operation(summary = "Applications for an account",
			description = "One page of the applications for organisations in the caller's data scope, newest first (or "
					+ "`sort=createdAt,asc|desc`, `decidedAt`); `state` PENDING, APPROVED or REJECTED; `q` matches the "
					+ "name, the username or the phone number.")
	PageResult<RegistrationView> list(@RequestParam(required = false) RegistrationState state,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		return this.registrations.search(CurrentUsers.require(), state, q, page, size, sort);
	}

	@PostMapping("/api/v1/registrations/{id}/approve")
	@PreAuthorize("hasAuthority('servicedesk:registration:approve')")
	@Operation(summary = "Approve an application",
			description = "With the application's `version`: creates the requester's account (enabled, no role, the "
					+ "password the applicant chose, no forced change) and tells the applicant by SMS and e-mail. A username "
					+ "taken meanwhile answers 409 SD-0339 (reject the application instead). Audited.")
	@ErrorResponses(value = { "SD-0021", "SD-0328", "SD-0338", "SD-0339", "IDN-0011", "IDN-0023" })
	RegistrationView approve(@PathVariable long id, @RequestBody Decision input) {
		return this.registrations.approve(CurrentUsers.require(), id, input.version());
	}

	@PostMapping("/api/v1/registrations/{id}/reject")
	@PreAuthorize("hasAuthority('servicedesk:registration:approve')")
	@Operation(summary = "Reject an application",
			description = "With the application's `version` and a `reason` (required, up to 500 characters) the applicant "
					+ "is told by SMS and e-mail. Audited.")
	@ErrorResponses(value = { "SD-0021", "SD-0328", "SD-0338", "SD-0340" })
	RegistrationView reject(@PathVariable long id, @RequestBody Decision input) {
		return this.registrations.reject(CurrentUsers.require(), id, input.version(), input.reason());
	}

	/** The neutral answer to an application. */
	record Submitted(String message) {
	}

	/** A reviewer's decision: the version read, and for a rejection the reason. */
	record Decision(Integer version, String reason) {
	}

}
