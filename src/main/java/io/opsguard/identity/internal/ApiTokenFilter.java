package io.opsguard.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.opsguard.shared.CommonError;
import io.opsguard.shared.ProblemWriter;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer ogt_…} requests from integrations. Token requests
 * never create a session and need no CSRF token. An invalid, expired or revoked token answers 401.
 */
class ApiTokenFilter extends OncePerRequestFilter {

	static final String BEARER = "Bearer ";

	private final ApiTokens tokens;

	private final ProblemWriter problems;

	ApiTokenFilter(ApiTokens tokens, ProblemWriter problems) {
		this.tokens = tokens;
		this.problems = problems;
	}

	static boolean hasBearer(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBearer(request)) {
			chain.doFilter(request, response);
			return;
		}
		String secret = request.getHeader("Authorization").substring(BEARER.length()).trim();
		var authentication = this.tokens.authenticate(secret);
		if (authentication.isEmpty()) {
			this.problems.write(request, response, CommonError.UNAUTHENTICATED);
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication.get());
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
