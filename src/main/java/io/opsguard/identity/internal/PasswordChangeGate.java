package io.opsguard.identity.internal;

import java.io.IOException;
import java.util.Set;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While a user must change their password, every API except the few needed to do so answers 403
 * {@code IDN-0004}.
 */
class PasswordChangeGate extends OncePerRequestFilter {

	private static final Set<String> ALLOWED = Set.of("/api/v1/auth/session", "/api/v1/auth/logout",
			"/api/v1/auth/password", "/api/v1/auth/password-policy", "/api/v1/auth/login");

	private final ProblemWriter problems;

	PasswordChangeGate(ProblemWriter problems) {
		this.problems = problems;
	}

	static boolean open(String path) {
		return ALLOWED.contains(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var user = CurrentUsers.current();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (user.isPresent() && user.get().passwordChangeRequired() && path.startsWith("/api/") && !open(path)) {
			this.problems.write(request, response, IdentityError.PASSWORD_CHANGE_REQUIRED);
			return;
		}
		chain.doFilter(request, response);
	}

}
