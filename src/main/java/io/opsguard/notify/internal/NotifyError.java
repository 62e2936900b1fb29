package io.opsguard.notify.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of notifications ({@code NT-xxxx}). */
public enum NotifyError implements ErrorCode {

	UNKNOWN_ENDPOINT("NT-0001", HttpStatus.NOT_FOUND),
	NAME_REQUIRED("NT-0002", HttpStatus.BAD_REQUEST),
	TOO_LONG("NT-0003", HttpStatus.BAD_REQUEST),
	BAD_URL("NT-0004", HttpStatus.BAD_REQUEST),
	KIND_REQUIRED("NT-0005", HttpStatus.BAD_REQUEST),
	BAD_METHOD("NT-0006", HttpStatus.BAD_REQUEST),
	BAD_TEMPLATE("NT-0007", HttpStatus.BAD_REQUEST),
	STALE_VERSION("NT-0008", HttpStatus.CONFLICT),
	VERSION_REQUIRED("NT-0009", HttpStatus.BAD_REQUEST),
	NAME_TAKEN("NT-0010", HttpStatus.CONFLICT),
	UNKNOWN_TYPE("NT-0011", HttpStatus.NOT_FOUND),
	UNKNOWN_LOCALE("NT-0012", HttpStatus.NOT_FOUND),
	UNKNOWN_NOTIFICATION("NT-0013", HttpStatus.NOT_FOUND),
	UNKNOWN_DELIVERY("NT-0014", HttpStatus.NOT_FOUND),
	NOT_RETRYABLE("NT-0015", HttpStatus.CONFLICT),
	MANDATORY_CHANNEL("NT-0016", HttpStatus.BAD_REQUEST),
	UNKNOWN_CHANNEL("NT-0017", HttpStatus.BAD_REQUEST),
	PHONE_REQUIRED("NT-0018", HttpStatus.BAD_REQUEST),
	BAD_HEADER("NT-0019", HttpStatus.BAD_REQUEST),
	TEXT_REQUIRED("NT-0020", HttpStatus.BAD_REQUEST),
	UNKNOWN_PREFERENCE_TYPE("NT-0021", HttpStatus.BAD_REQUEST),
	BAD_LOCALE("NT-0022", HttpStatus.BAD_REQUEST),
	BAD_EMAIL("NT-0023", HttpStatus.BAD_REQUEST),
	URL_REQUIRED("NT-0024", HttpStatus.BAD_REQUEST);

	private final String code;

	private final HttpStatus status;

	NotifyError(String code, HttpStatus status) {
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
