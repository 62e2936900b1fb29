package io.opsguard.servicedesk.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of ticket attachments ({@code SD-0200}..{@code SD-0219}). */
public enum AttachmentError implements ErrorCode {

	UNKNOWN_ATTACHMENT("SD-0200", HttpStatus.NOT_FOUND),
	TOO_LARGE("SD-0201", HttpStatus.PAYLOAD_TOO_LARGE),
	FORBIDDEN_TYPE("SD-0202", HttpStatus.BAD_REQUEST),
	EMPTY_FILE("SD-0203", HttpStatus.BAD_REQUEST),
	FILE_REQUIRED("SD-0204", HttpStatus.BAD_REQUEST),
	UNKNOWN_COMMENT("SD-0205", HttpStatus.BAD_REQUEST),
	NOT_YOURS("SD-0206", HttpStatus.FORBIDDEN),
	NOT_STORED("SD-0207", HttpStatus.SERVICE_UNAVAILABLE);

	private final String code;

	private final HttpStatus status;

	AttachmentError(String code, HttpStatus status) {
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
