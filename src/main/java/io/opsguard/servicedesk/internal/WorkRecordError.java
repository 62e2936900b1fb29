package io.opsguard.servicedesk.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the daily work records ({@code SD-0100} to {@code SD-0129}). */
public enum WorkRecordError implements ErrorCode {

	UNKNOWN_RECORD("SD-0100", HttpStatus.NOT_FOUND),
	START_REQUIRED("SD-0101", HttpStatus.BAD_REQUEST),
	END_BEFORE_START("SD-0102", HttpStatus.BAD_REQUEST),
	BAD_DURATION("SD-0103", HttpStatus.BAD_REQUEST),
	IN_FUTURE("SD-0104", HttpStatus.BAD_REQUEST),
	TOO_EARLY("SD-0105", HttpStatus.BAD_REQUEST),
	CONTENT_REQUIRED("SD-0106", HttpStatus.BAD_REQUEST),
	TOO_LONG("SD-0107", HttpStatus.BAD_REQUEST),
	UNKNOWN_CATEGORY("SD-0108", HttpStatus.BAD_REQUEST),
	UNKNOWN_SYSTEM("SD-0109", HttpStatus.BAD_REQUEST),
	UNKNOWN_ORGANISATION("SD-0110", HttpStatus.BAD_REQUEST),
	UNKNOWN_PERSON("SD-0111", HttpStatus.BAD_REQUEST),
	UNKNOWN_ENGINEER("SD-0112", HttpStatus.BAD_REQUEST),
	NOT_FOR_COLLEAGUES("SD-0113", HttpStatus.FORBIDDEN),
	NOT_YOUR_RECORD("SD-0114", HttpStatus.FORBIDDEN),
	STALE_VERSION("SD-0115", HttpStatus.CONFLICT),
	VERSION_REQUIRED("SD-0116", HttpStatus.BAD_REQUEST),
	UNKNOWN_TICKET("SD-0117", HttpStatus.BAD_REQUEST),
	OBJECT_REQUIRED("SD-0118", HttpStatus.BAD_REQUEST),
	EXPORT_TOO_LARGE("SD-0119", HttpStatus.BAD_REQUEST),
	CATEGORY_NAME_REQUIRED("SD-0120", HttpStatus.BAD_REQUEST),
	CATEGORY_TAKEN("SD-0121", HttpStatus.CONFLICT),
	BAD_PERIOD("SD-0122", HttpStatus.BAD_REQUEST),
	UNKNOWN_CATEGORY_ID("SD-0123", HttpStatus.NOT_FOUND);

	private final String code;

	private final HttpStatus status;

	WorkRecordError(String code, HttpStatus status) {
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
