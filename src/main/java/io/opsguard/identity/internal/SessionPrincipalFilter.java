package io.opsguard.identity.internal;

import java.io.IOException;
import java.util.Optional;

import io.opsguard.identity.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refreshes the principal of a browser session on every request, so that a disabled account,
 * changed roles or a moved organisation take effect at once instead of at the next sign-in; and
 * ends the session when its password has been changed or reset since it signed in.
 */
class SessionPrincipalFilter extends OncePerRequestFilter {

	private final Principals principals;

	SessionPrincipalFilter(Principals principals) {
		this.principals = principals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SecurityContext context = SecurityContextHolder.getContext();
		Authentication authentication = context.getAuthentication();
		if (authentication instanceof OpsGuardAuthentication session && !session.viaApiToken()) {
			long userId = session.getPrincipal().id();
			Optional<CurrentUser> fresh = this.principals.resolve(userId);
			boolean passwordChanged = session.passwordStamp() != null
					&& !this.principals.passwordStamp(userId).map(session.passwordStamp()::equals).orElse(false);
			if (fresh.isEmpty() || passwordChanged) {
				SecurityContextHolder.clearContext();
				HttpSession httpSession = request.getSession(false);
				if (httpSession != null) {
					httpSession.invalidate();
				}
			}
			else if (!fresh.get().equals(session.getPrincipal())) {
				OpsGuardAuthentication refreshed = new OpsGuardAuthentication(fresh.get(), null, session.passwordStamp());
				SecurityContext updated = SecurityContextHolder.createEmptyContext();
				updated.setAuthentication(refreshed);
				SecurityContextHolder.setContext(updated);
				HttpSession httpSession = request.getSession(false);
				if (httpSession != null) {
					httpSession.setAttribute(
							org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
							updated);
				}
			}
		}
		chain.doFilter(request, response);
	}

}
