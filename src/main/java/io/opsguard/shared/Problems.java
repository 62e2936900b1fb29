package io.opsguard.shared;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds RFC 9457 problems from error codes, in the request's language. Used by the API error
 * advice and by the security layer, so that every error looks the same to a client.
 */
@Component
public class Problems {

	private static final String TYPE_BASE = "https://opsguard.io/problems/";

	private final MessageSource messages;

	public Problems(MessageSource messages) {
		this.messages = messages;
	}

	public ProblemDetail of(ErrorCode code, Locale locale, Object... args) {
		ProblemDetail problem = ProblemDetail.forStatus(code.status());
		problem.setType(URI.create(TYPE_BASE + code.code()));
		problem.setTitle(message(code.titleKey(), args, locale));
		problem.setDetail(message(code.detailKey(), args, locale));
		problem.setProperty("code", code.code());
		return problem;
	}

	public ProblemDetail of(OpsGuardException ex, Locale locale) {
		ProblemDetail problem = of(ex.errorCode(), locale, ex.args());
		if (!ex.fieldProblems().isEmpty()) {
			List<Map<String, String>> errors = new ArrayList<>();
			for (OpsGuardException.FieldProblem fp : ex.fieldProblems()) {
				errors.add(fieldError(fp.field(), fp.errorCode().code(),
						message(fp.errorCode().detailKey(), fp.args(), locale)));
			}
			problem.setProperty("errors", errors);
		}
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	/** A validation problem listing every bad field. */
	public ProblemDetail validation(List<Map<String, String>> fieldErrors, Locale locale) {
		ProblemDetail problem = of(CommonError.VALIDATION_FAILED, locale, fieldErrors.size());
		problem.setProperty("errors", fieldErrors);
		return problem;
	}

	public static Map<String, String> fieldError(String field, String code, String message) {
		return Map.of("field", field, "code", code, "message", message);
	}

	public String message(String key, Object[] args, Locale locale) {
		return this.messages.getMessage(key, args, key, locale);
	}

}
