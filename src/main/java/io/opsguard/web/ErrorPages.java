package io.opsguard.web;

import java.net.URI;
import java.util.Locale;

import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorCode;
import io.opsguard.shared.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /error}, where the servlet container sends what failed outside the controllers (a request
 * it could not parse, a failure in a filter): the real status with the same problem+json as every
 * other error, or for a browser outside {@code /api} a small page in words. Never a stack trace;
 * called directly, it is a 404 like any unknown address.
 */
@Controller
@Hidden
class ErrorPages implements ErrorController {

	private final Problems problems;

	ErrorPages(Problems problems) {
		this.problems = problems;
	}

	@RequestMapping("/error")
	ResponseEntity<?> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = uri == null ? request.getRequestURI() : uri.toString();
		ErrorCode code = status instanceof Integer value ? forStatus(value) : CommonError.NOT_FOUND;
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail problem = this.problems.of(code, locale);
		try {
			problem.setInstance(URI.create(path));
		}
		catch (IllegalArgumentException ex) {
			// a path the container could not make sense of: the problem goes without it
		}
		if (wantsPage(request, path)) {
			return ResponseEntity.status(code.status())
				.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
				.body(page(problem, locale));
		}
		return ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private String page(ProblemDetail problem, Locale locale) {
		String title = HtmlUtils.htmlEscape(String.valueOf(problem.getTitle()));
		String detail = HtmlUtils.htmlEscape(String.valueOf(problem.getDetail()));
		String home = HtmlUtils.htmlEscape(this.problems.message("error.page.home", new Object[0], locale));
		String product = HtmlUtils.htmlEscape(this.problems.message("error.page.product", new Object[0], locale));
		return "<!DOCTYPE html><html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + " - " + product
				+ "</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#303133\">"
				+ "<h1 style=\"font-size:1.5em\">" + title + "</h1><p>" + detail + "</p><p><a href=\"/\">" + home
				+ "</a></p></body></html>";
	}

	private static boolean wantsPage(HttpServletRequest request, String path) {
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("text/html") && !path.startsWith("/api/") && !path.equals("/api");
	}

	private static ErrorCode forStatus(int status) {
		return switch (status) {
			case 400 -> CommonError.MALFORMED_REQUEST;
			case 401 -> CommonError.UNAUTHENTICATED;
			case 403 -> CommonError.FORBIDDEN;
			case 404 -> CommonError.NOT_FOUND;
			case 405 -> CommonError.METHOD_NOT_ALLOWED;
			case 406 -> CommonError.NOT_ACCEPTABLE;
			case 409 -> CommonError.CONCURRENT_MODIFICATION;
			case 413 -> CommonError.PAYLOAD_TOO_LARGE;
			case 415 -> CommonError.UNSUPPORTED_MEDIA_TYPE;
			case 503 -> CommonError.BUSY;
			default -> status >= 400 && status < 500 ? CommonError.MALFORMED_REQUEST : CommonError.INTERNAL_ERROR;
		};
	}

}
