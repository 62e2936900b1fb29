package io.opsguard.web;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.aopalliance.intercept.MethodInvocation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Evaluates a controller method's {@code @PreAuthorize} before its arguments are read, so that a
 * caller without the permission gets 403 whatever they send, and learns nothing from validation
 * messages. Method security still checks again when the method runs.
 */
class EarlyPermissionCheck implements HandlerInterceptor {

	private final PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(PreAuthorize.class)
				|| method.getBeanType().isAnnotationPresent(PreAuthorize.class))) {
			MethodInvocation invocation = new SimpleMethodInvocation(method.getBean(), method.getMethod(),
					new Object[method.getMethodParameters().length]);
			Supplier<Authentication> authentication = () -> SecurityContextHolder.getContext().getAuthentication();
			AuthorizationDecision decision = this.manager.check(authentication, invocation);
			if (decision != null && !decision.isGranted()) {
				throw new AccessDeniedException("Access denied");
			}
		}
		return true;
	}

}
