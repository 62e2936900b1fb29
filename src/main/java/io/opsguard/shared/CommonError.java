package io.opsguard.shared;

import org.springframework.http.HttpStatus;

/** Errors every module can raise ({@code SYS-xxxx}). */
public enum CommonError implements ErrorCode {

	VALIDATION_FAILED("SYS-0001", HttpStatus.BAD_REQUEST),
	MALFORMED_REQUEST("SYS-0002", HttpStatus.BAD_REQUEST),
	BAD_PARAMETER("SYS-0003", HttpStatus.BAD_REQUEST),
	NOT_FOUND("SYS-0004", HttpStatus.NOT_FOUND),
	UNAUTHENTICATED("SYS-0005", HttpStatus.UNAUTHORIZED),
	FORBIDDEN("SYS-0006", HttpStatus.FORBIDDEN),
	CSRF_REJECTED("SYS-0007", HttpStatus.FORBIDDEN),
	CONCURRENT_MODIFICATION("SYS-0008", HttpStatus.CONFLICT),
	METHOD_NOT_ALLOWED("SYS-0009", HttpStatus.METHOD_NOT_ALLOWED),
	UNSUPPORTED_MEDIA_TYPE("SYS-0010", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
	PAYLOAD_TOO_LARGE("SYS-0011", HttpStatus.PAYLOAD_TOO_LARGE),
	NOT_ACCEPTABLE("SYS-0012", HttpStatus.NOT_ACCEPTABLE),
	/** Lock waits, lock timeouts and deadlocks: the request may be repeated after a moment. */
	BUSY("SYS-0013", HttpStatus.SERVICE_UNAVAILABLE),
	UNREADABLE_UPLOAD("SYS-0014", HttpStatus.BAD_REQUEST),
	TIME_OUT_OF_RANGE("SYS-0015", HttpStatus.BAD_REQUEST),
	CONTROL_CHARACTER("SYS-0016", HttpStatus.BAD_REQUEST),
	UNSTORABLE_VALUE("SYS-0017", HttpStatus.BAD_REQUEST),
	INTERNAL_ERROR("SYS-0099", HttpStatus.INTERNAL_SERVER_ERROR);

	private final String code;

	private final HttpStatus status;

	CommonError(String code, HttpStatus status) {
		this.code = code;
		this.status = status;
	}

	@Override
	public String code() {
		return this.code;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

}
