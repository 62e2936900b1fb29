package io.opsguard.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses query parameters that contain control characters (NUL and the other C0 characters except
 * tab, line feed and carriage return, and DEL): no one types them, {@code String.trim()} removes them
 * behind a blank check (a filter of {@code "\0"} became an empty one), and PostgreSQL cannot store
 * NUL. A 400 naming the parameter, before any controller runs. Reads the query string only: the
 * body is left to the controller (reading parameters would consume an upload or a JSON body).
 */
class ControlCharacters implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String query = request.getQueryString();
		if (query == null) {
			return true;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
			if (contains(name)) {
				throw OpsGuardException.onField("parameter", CommonError.CONTROL_CHARACTER, "parameter");
			}
			if (contains(value)) {
				throw OpsGuardException.onField(name, CommonError.CONTROL_CHARACTER, name);
			}
		}
		return true;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// a malformed escape: the container does not take it as a parameter either
			return "";
		}
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
