package io.opsguard.shared;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Writes a problem+json answer from inside servlet filters (the security chains), where no
 * controller advice runs, so that those answers look exactly like every other error.
 */
@Component
public class ProblemWriter {

	private final Problems problems;

	private final ObjectMapper json;

	private final LocaleResolver locales;

	ProblemWriter(Problems problems, ObjectMapper json, LocaleResolver locales) {
		this.problems = problems;
		this.json = json;
		this.locales = locales;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, Object... args)
			throws IOException {
		ProblemDetail problem = this.problems.of(code, this.locales.resolveLocale(request), args);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
