package io.opsguard.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorCode;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an API call into RFC 9457 problem+json with the real status, a stable
 * code and a message in the request's language. Unexpected failures are logged (one line) and
 * answered 500 without any internal detail.
 */
@RestControllerAdvice
class ApiErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

	private final Problems problems;

	private final MessageSource messages;

	private final AuditTrail audit;

	ApiErrorAdvice(Problems problems, MessageSource messages, AuditTrail audit) {
		this.problems = problems;
		this.messages = messages;
		this.audit = audit;
	}

	@ExceptionHandler(OpsGuardException.class)
	ResponseEntity<ProblemDetail> handle(OpsGuardException ex, HttpServletRequest request) {
		return answer(this.problems.of(ex, locale()), request);
	}

	@ExceptionHandler(BindException.class)
	ResponseEntity<ProblemDetail> handle(BindException ex, HttpServletRequest request) {
		Locale locale = locale();
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getFieldErrors()) {
			errors.add(Problems.fieldError(error.getField(), error.getCode() == null ? "Invalid" : error.getCode(),
					fieldMessage(error, locale)));
		}
		for (ObjectError error : ex.getGlobalErrors()) {
			errors.add(Problems.fieldError(error.getObjectName(), String.valueOf(error.getCode()), fieldMessage(error, locale)));
		}
		return answer(this.problems.validation(errors, locale), request);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> handle(HandlerMethodValidationException ex, HttpServletRequest request) {
		Locale locale = locale();
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach(error -> errors.add(Problems.fieldError(name == null ? "parameter" : name,
						error.getCodes() == null ? "Invalid" : lastCode(error.getCodes()),
						this.messages.getMessage(error, locale))));
		});
		return answer(this.problems.validation(errors, locale), request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> handle(ConstraintViolationException ex, HttpServletRequest request) {
		Locale locale = locale();
		List<Map<String, String>> errors = ex.getConstraintViolations()
			.stream()
			.map(v -> Problems.fieldError(v.getPropertyPath().toString(),
					v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(), v.getMessage()))
			.toList();
		return answer(this.problems.validation(errors, locale), request);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> handle(HttpMessageNotReadableException ex, HttpServletRequest request) {
		String field = null;
		if (ex.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			field = mapping.getPath()
				.stream()
				.map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse(null);
		}
		OpsGuardException problem = field == null ? new OpsGuardException(CommonError.MALFORMED_REQUEST)
				: OpsGuardException.onField(field, CommonError.BAD_PARAMETER, field);
		return answer(this.problems.of(problem, locale()), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> handle(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		if (ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
			return answer(this.problems.of(CommonError.NOT_FOUND, locale()), request);
		}
		return answer(this.problems.of(OpsGuardException.onField(ex.getName(), CommonError.BAD_PARAMETER, ex.getName()),
				locale()), request);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> handle(MissingServletRequestParameterException ex, HttpServletRequest request) {
		return answer(this.problems.of(
				OpsGuardException.onField(ex.getParameterName(), CommonError.BAD_PARAMETER, ex.getParameterName()),
				locale()), request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> handle(OptimisticLockingFailureException ex, HttpServletRequest request) {
		return simple(CommonError.CONCURRENT_MODIFICATION, request);
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ProblemDetail> handle(DuplicateKeyException ex, HttpServletRequest request) {
		return simple(CommonError.CONCURRENT_MODIFICATION, request);
	}

	@ExceptionHandler({ AuthenticationCredentialsNotFoundException.class, InsufficientAuthenticationException.class })
	ResponseEntity<ProblemDetail> unauthenticated(Exception ex, HttpServletRequest request) {
		return simple(CommonError.UNAUTHENTICATED, request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> handle(AccessDeniedException ex, HttpServletRequest request) {
		boolean signedIn = CurrentUsers.current().isPresent();
		if (signedIn) {
			this.audit.recordDenied(request.getMethod(), request.getRequestURI());
		}
		return simple(signedIn ? CommonError.FORBIDDEN : CommonError.UNAUTHENTICATED, request);
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> handle(NoResourceFoundException ex, HttpServletRequest request) {
		return simple(CommonError.NOT_FOUND, request);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> handle(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
		return simple(CommonError.METHOD_NOT_ALLOWED, request);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> handle(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return simple(CommonError.UNSUPPORTED_MEDIA_TYPE, request);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> handle(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		return simple(CommonError.PAYLOAD_TOO_LARGE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), ex);
		return simple(CommonError.INTERNAL_ERROR, request);
	}

	private ResponseEntity<ProblemDetail> simple(ErrorCode code, HttpServletRequest request) {
		return answer(this.problems.of(code, locale()), request);
	}

	private ResponseEntity<ProblemDetail> answer(ProblemDetail problem, HttpServletRequest request) {
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private String fieldMessage(ObjectError error, Locale locale) {
		return this.messages.getMessage(error, locale);
	}

	private static String lastCode(String[] codes) {
		return codes[codes.length - 1];
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
