package io.opsguard.identity.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.internal.ApiTokens;
import io.opsguard.identity.internal.IdentityProperties;
import io.opsguard.identity.internal.MyAccount;
import io.opsguard.identity.internal.MyAccount.SessionView;
import io.opsguard.identity.internal.OpsGuardAuthentication;
import io.opsguard.identity.internal.PasswordPolicy;
import io.opsguard.identity.internal.Passwords;
import io.opsguard.identity.internal.Principals;
import io.opsguard.identity.internal.SignIn;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.PublicEndpoint;
import io.opsguard.shared.RequestTimes;
import io.opsguard.shared.SelfService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in, the session, password change, sign-out and the user's own API tokens. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth",
		description = "Signing in and out, the session, the own password, and the own API tokens that "
		+ "integrations call with.")
class AuthController {

	private final SignIn signIn;

	private final MyAccount myAccount;

	private final Passwords passwords;

	private final ApiTokens tokens;

	private final SecurityContextRepository contexts;

	private final CsrfTokenRepository csrfTokens;

	private final IdentityProperties properties;

	private final Principals principals;

	AuthController(SignIn signIn, MyAccount myAccount, Passwords passwords, ApiTokens tokens,
			SecurityContextRepository contexts, CsrfTokenRepository csrfTokens, IdentityProperties properties,
			Principals principals) {
		this.signIn = signIn;
		this.myAccount = myAccount;
		this.passwords = passwords;
		this.tokens = tokens;
		this.contexts = contexts;
		this.csrfTokens = csrfTokens;
		this.properties = properties;
		this.principals = principals;
	}

	@PostMapping("/login")
	@PublicEndpoint
	@Operation(summary = "Sign in",
			description = "Checks username and password and starts a browser session: answers the session (user, "
				+ "roles, permissions, data scope) and sets the session cookie and a fresh XSRF-TOKEN "
				+ "cookie. Repeated failures lock the account for a while (see the password policy). Every "
				+ "attempt, successful or not, is audited. Needs no CSRF token.")
	@ErrorResponses({ "IDN-0001", "IDN-0002", "IDN-0003" })
	SessionView login(@Valid @RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
		CurrentUser user = this.signIn.signIn(body.username(), body.password());
		HttpSession existing = request.getSession(false);
		if (existing != null) {
			existing.invalidate();
		}
		request.getSession(true);
		keepSignedIn(user, request, response);
		CsrfToken fresh = this.csrfTokens.generateToken(request);
		this.csrfTokens.saveToken(fresh, request, response);
		return this.myAccount.session(user);
	}

	/** Puts the user into this browser session, remembering which password they signed in with. */
	private void keepSignedIn(CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				new OpsGuardAuthentication(user, null, this.principals.passwordStamp(user.id()).orElse(null)));
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

	@GetMapping("/session")
	@PublicEndpoint
	@Operation(summary = "The signed-in session",
			description = "The signed-in user with their organisation, roles, permissions and data scope, and "
				+ "whether they must change their password; 401 when nobody is signed in. Always sets the "
				+ "XSRF-TOKEN cookie, so a browser calls it first.")
	@ErrorResponses({ "SYS-0005" })
	SessionView session(@org.springframework.lang.Nullable CsrfToken csrf) {
		if (csrf != null) {
			csrf.getToken();
		}
		return this.myAccount.session(CurrentUsers.require());
	}

	@PostMapping("/logout")
	@SelfService
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Sign out",
			description = "Ends the browser session and clears the XSRF-TOKEN cookie; audited. API tokens stay "
				+ "valid.")
	void logout(HttpServletRequest request, HttpServletResponse response) {
		CurrentUsers.current().ifPresent(this.myAccount::signedOut);
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		this.csrfTokens.saveToken(null, request, response);
	}

	@PostMapping("/password")
	@SelfService
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Change the own password",
			description = "Changes the signed-in user's password after checking the current one; the new one must "
				+ "satisfy the password policy (length, character classes, not the username, not common, "
				+ "not recently used). This session continues under a new id; the user's other browser "
				+ "sessions end; API tokens keep working. Not allowed with an API token. Audited, a wrong "
				+ "current password too.")
	@ErrorResponses({ "IDN-0005", "IDN-0040", "IDN-0024", "IDN-0025", "IDN-0026", "IDN-0027", "IDN-0041",
			"IDN-0042", "IDN-0043" })
	void changePassword(@Valid @RequestBody PasswordChange body, HttpServletRequest request,
			HttpServletResponse response) {
		CurrentUser user = CurrentUsers.require();
		this.myAccount.changePassword(user, body.currentPassword(), body.newPassword());
		if (request.getSession(false) != null) {
			// this session stays signed in, under a new id, with the new password
			request.changeSessionId();
			keepSignedIn(this.principals.resolve(user.id()).orElse(user), request, response);
		}
	}

	@GetMapping("/password-policy")
	@PublicEndpoint
	@Operation(summary = "The password policy",
			description = "The rules a new password must meet (minimum length, maximum bytes, character classes, "
				+ "history, expiry) and the lockout after failed sign-ins, for hints before the user types.")
	PasswordPolicyView passwordPolicy() {
		var policy = this.passwords.policy();
		var lockout = this.properties.lockout();
		return new PasswordPolicyView(policy.minLength(), PasswordPolicy.MAX_BYTES, policy.minCharacterClasses(),
				policy.historySize(), policy.expiryDays(), lockout.maxFailedAttempts(), lockout.lockDuration().toMinutes());
	}

	@GetMapping("/tokens")
	@SelfService
	@Operation(summary = "List the own API tokens",
			description = "The signed-in user's API tokens, newest first, paged (`page`, `size`), with their status "
				+ "(active, expired, revoked) and last use. The secrets are never shown again.")
	PageResult<ApiTokens.TokenView> tokens(@RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.tokens.list(CurrentUsers.require(), page, size);
	}

	@PostMapping("/tokens")
	@SelfService
	@Operation(summary = "Create an API token",
			description = "Creates an API token for the signed-in user, acting with their permissions and data "
				+ "scope. `expiresAt` is a date (valid to the end of that day, China time) or an instant "
				+ "with offset, within the longest lifetime (`GET /api/v1/auth/tokens/limits`). The secret "
				+ "(`ogt_…`) is in this answer only. Not allowed with an API token. Audited.")
	@ErrorResponses({ "IDN-0020", "IDN-0040", "SYS-0015" })
	ResponseEntity<CreatedTokenView> createToken(@Valid @RequestBody NewToken body) {
		ApiTokens.CreatedToken created = this.tokens.create(CurrentUsers.require(), body.name(), parseExpiry(body.expiresAt()));
		ApiTokens.TokenView v = created.view();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new CreatedTokenView(v.id(), v.name(), v.prefix(), v.createdAt(), v.expiresAt(), v.lastUsedAt(),
					v.revokedAt(), v.status(), created.token()));
	}

	@GetMapping("/tokens/limits")
	@SelfService
	@Operation(summary = "API token limits",
			description = "The longest lifetime, in days, a new API token may have.")
	TokenLimits tokenLimits() {
		return new TokenLimits(this.properties.apiToken().maxLifetime().toDays());
	}

	@DeleteMapping("/tokens/{id}")
	@SelfService
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke an own API token",
			description = "Revokes one of the signed-in user's API tokens at once; revoking one already revoked "
				+ "changes nothing. A request made with an API token may revoke that token only. Audited.")
	@ErrorResponses({ "IDN-0040" })
	void revokeToken(@PathVariable long id) {
		this.tokens.revoke(CurrentUsers.require(), id);
	}

	/** A date means the end of that day (23:59:59) in China; an instant is taken as is. */
	private static Instant parseExpiry(String value) {
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().minusSeconds(1);
			}
			return RequestTimes.within("expiresAt", java.time.OffsetDateTime.parse(value).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw OpsGuardException.onField("expiresAt", CommonError.BAD_PARAMETER, "expiresAt");
		}
	}

	record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
	}

	record PasswordChange(@NotBlank @Size(max = 128) String currentPassword,
			@NotBlank @Size(max = 128) String newPassword) {
	}

	record NewToken(@NotBlank @Size(max = 50) String name, @NotBlank String expiresAt) {
	}

	record CreatedTokenView(long id, String name, String prefix, Instant createdAt, Instant expiresAt,
			Instant lastUsedAt, Instant revokedAt, String status, String token) {
	}

	record TokenLimits(long maxLifetimeDays) {
	}

	record PasswordPolicyView(int minLength, int maxBytes, int minCharacterClasses, int historySize, int expiryDays,
			int maxFailedAttempts, long lockMinutes) {
	}

}
