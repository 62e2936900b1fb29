package io.opsguard.web;

import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses request parameters that contain control characters (NUL and the other C0 characters
 * except tab, line feed and carriage return, and DEL): no one types them, {@code String.trim()}
 * removes them behind a blank check (a filter of {@code "\0"} became an empty one), and PostgreSQL
 * cannot store NUL. A 400 naming the parameter, before any controller runs.
 */
class ControlCharacters implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		request.getParameterMap().forEach((name, values) -> {
			if (contains(name)) {
				throw OpsGuardException.onField("parameter", CommonError.CONTROL_CHARACTER, "parameter");
			}
			for (String value : values) {
				if (contains(value)) {
					throw OpsGuardException.onField(name, CommonError.CONTROL_CHARACTER, name);
				}
			}
		});
		return true;
	}

	static boolean contains(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

}
