package io.opsguard.web;

import java.net.URI;
import java.sql.SQLException;
import java.time.DateTimeException;
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
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
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
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an API call into RFC 9457 problem+json with the real status, a stable
 * code and a message in the request's language: bad input of every kind the framework detects
 * (parameters, bodies, media types, uploads, methods) is a 4xx; lock waits, lock timeouts and
 * deadlocks are 503 with {@code Retry-After}; a stale version is 409. Only what is really unexpected
 * is logged (one line) and answered 500 without any internal detail.
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
		return badParameter(ex.getName(), request);
	}

	@ExceptionHandler(TypeMismatchException.class)
	ResponseEntity<ProblemDetail> handle(TypeMismatchException ex, HttpServletRequest request) {
		return badParameter(ex.getPropertyName() == null ? "parameter" : ex.getPropertyName(), request);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> handle(MissingServletRequestParameterException ex, HttpServletRequest request) {
		return badParameter(ex.getParameterName(), request);
	}

	@ExceptionHandler(MissingServletRequestPartException.class)
	ResponseEntity<ProblemDetail> handle(MissingServletRequestPartException ex, HttpServletRequest request) {
		return badParameter(ex.getRequestPartName(), request);
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<ProblemDetail> handle(MissingRequestHeaderException ex, HttpServletRequest request) {
		return badParameter(ex.getHeaderName(), request);
	}

	@ExceptionHandler(ServletRequestBindingException.class)
	ResponseEntity<ProblemDetail> handle(ServletRequestBindingException ex, HttpServletRequest request) {
		return simple(CommonError.MALFORMED_REQUEST, request);
	}

	/** A date or time the request carried is beyond what {@code java.time} or the database can hold. */
	@ExceptionHandler(DateTimeException.class)
	ResponseEntity<ProblemDetail> handle(DateTimeException ex, HttpServletRequest request) {
		return simple(CommonError.TIME_OUT_OF_RANGE, request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> handle(OptimisticLockingFailureException ex, HttpServletRequest request) {
		return simple(CommonError.CONCURRENT_MODIFICATION, request);
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ProblemDetail> handle(DuplicateKeyException ex, HttpServletRequest request) {
		return simple(CommonError.CONCURRENT_MODIFICATION, request);
	}

	/**
	 * Lock waits that timed out, deadlocks, cancelled statements ({@code PessimisticLockingFailureException},
	 * {@code CannotAcquireLockException}, {@code QueryTimeoutException}…): nothing was changed, and the
	 * same request will most likely succeed a moment later.
	 */
	@ExceptionHandler({ TransientDataAccessException.class, AsyncRequestTimeoutException.class })
	ResponseEntity<ProblemDetail> busy(Exception ex, HttpServletRequest request) {
		log.warn("Busy: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(), ex.getMessage());
		return busy(request);
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
		ResponseEntity<ProblemDetail> answer = simple(CommonError.METHOD_NOT_ALLOWED, request);
		return ex.getSupportedHttpMethods() == null ? answer
				: ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
					.allow(ex.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new))
					.body(answer.getBody());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> handle(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return simple(CommonError.UNSUPPORTED_MEDIA_TYPE, request);
	}

	/** The problem itself is still sent as problem+json: a client asking for XML reads why it got none. */
	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ProblemDetail> handle(HttpMediaTypeNotAcceptableException ex, HttpServletRequest request) {
		return simple(CommonError.NOT_ACCEPTABLE, request);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> handle(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		return simple(CommonError.PAYLOAD_TOO_LARGE, request);
	}

	/** An upload that is not multipart at all (415), or multipart that cannot be parsed (400). */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> handle(MultipartException ex, HttpServletRequest request) {
		String contentType = request.getContentType();
		boolean multipart = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
		return simple(multipart ? CommonError.UNREADABLE_UPLOAD : CommonError.UNSUPPORTED_MEDIA_TYPE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		ErrorCode known = knownCause(ex);
		if (known == CommonError.BUSY) {
			log.warn("Busy: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(), ex.getMessage());
			return busy(request);
		}
		if (known != null) {
			return simple(known, request);
		}
		if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
			return simple(forStatus(response.getStatusCode()), request);
		}
		log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), ex);
		return simple(CommonError.INTERNAL_ERROR, request);
	}

	/**
	 * What a wrapped failure means (Spring Data JDBC wraps the database's in its own exception): a
	 * stale version or duplicate is 409, a lock wait, lock timeout, deadlock or cancelled statement
	 * ({@code 40001} serialization failure or deadlock, PostgreSQL {@code 40P01} deadlock,
	 * {@code 55P03} lock not available, {@code 57014} statement cancelled; H2 {@code HYT00} and
	 * error 50200 lock timeout) is 503, a date beyond range or a value the database cannot store
	 * (SQLState class {@code 22}) is 400.
	 */
	static ErrorCode knownCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof OptimisticLockingFailureException || cause instanceof DuplicateKeyException) {
				return CommonError.CONCURRENT_MODIFICATION;
			}
			if (cause instanceof TransientDataAccessException) {
				return CommonError.BUSY;
			}
			if (cause instanceof SQLException sql && (sql.getSQLState() != null && BUSY_SQL_STATES.contains(sql.getSQLState())
					|| sql.getErrorCode() == H2_LOCK_TIMEOUT)) {
				return CommonError.BUSY;
			}
			if (cause instanceof DateTimeException) {
				return CommonError.TIME_OUT_OF_RANGE;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
				// SQL's "data exception" class: a NUL character PostgreSQL cannot store in text (22021), a
				// value too long (22001) or out of range (22003, 22008) that validation did not catch
				return CommonError.UNSTORABLE_VALUE;
			}
			if (cause instanceof InvalidFileNameException) {
				// the container refuses an upload's file name with NUL when the controller asks for it
				return CommonError.UNREADABLE_UPLOAD;
			}
		}
		return null;
	}

	private static final java.util.Set<String> BUSY_SQL_STATES = java.util.Set.of("40001", "40P01", "55P03", "57014",
			"HYT00");

	private static final int H2_LOCK_TIMEOUT = 50200;

	/** Seconds a client should wait before repeating a request answered 503. */
	static final int RETRY_AFTER_SECONDS = 3;

	private static ErrorCode forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> CommonError.NOT_FOUND;
			case 405 -> CommonError.METHOD_NOT_ALLOWED;
			case 406 -> CommonError.NOT_ACCEPTABLE;
			case 413 -> CommonError.PAYLOAD_TOO_LARGE;
			case 415 -> CommonError.UNSUPPORTED_MEDIA_TYPE;
			default -> CommonError.MALFORMED_REQUEST;
		};
	}

	private ResponseEntity<ProblemDetail> busy(HttpServletRequest request) {
		ResponseEntity<ProblemDetail> answer = simple(CommonError.BUSY, request);
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
			.body(answer.getBody());
	}

	private ResponseEntity<ProblemDetail> badParameter(String name, HttpServletRequest request) {
		return answer(this.problems.of(OpsGuardException.onField(name, CommonError.BAD_PARAMETER, name), locale()),
				request);
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
