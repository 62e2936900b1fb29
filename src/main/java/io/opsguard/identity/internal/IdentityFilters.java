package io.opsguard.identity.internal;

import io.opsguard.identity.SecurityFilters;
import io.opsguard.shared.ProblemWriter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/** Identity's filters for the web layer's security chains. */
@Component
class IdentityFilters implements SecurityFilters {

	private final ApiTokens tokens;

	private final Principals principals;

	private final ProblemWriter problems;

	IdentityFilters(ApiTokens tokens, Principals principals, ProblemWriter problems) {
		this.tokens = tokens;
		this.principals = principals;
		this.problems = problems;
	}

	@Override
	public boolean carriesApiToken(HttpServletRequest request) {
		return ApiTokenFilter.hasBearer(request);
	}

	@Override
	public Filter apiTokenAuthentication() {
		return new ApiTokenFilter(this.tokens, this.problems);
	}

	@Override
	public Filter sessionPrincipalRefresh() {
		return new SessionPrincipalFilter(this.principals);
	}

	@Override
	public Filter passwordChangeGate() {
		return new PasswordChangeGate(this.problems);
	}

	@Override
	public boolean openDuringPasswordChange(String path) {
		return PasswordChangeGate.open(path);
	}

}
