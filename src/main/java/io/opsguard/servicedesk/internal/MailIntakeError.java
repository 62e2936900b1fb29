package io.opsguard.servicedesk.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the e-mail intake's mailboxes and log ({@code SD-0220}..{@code SD-0249}). */
public enum MailIntakeError implements ErrorCode {

	UNKNOWN_MAILBOX("SD-0220", HttpStatus.NOT_FOUND),
	NAME_REQUIRED("SD-0221", HttpStatus.BAD_REQUEST),
	BAD_HOST("SD-0222", HttpStatus.BAD_REQUEST),
	BAD_PORT("SD-0223", HttpStatus.BAD_REQUEST),
	BAD_PROTOCOL("SD-0224", HttpStatus.BAD_REQUEST),
	USERNAME_REQUIRED("SD-0225", HttpStatus.BAD_REQUEST),
	PASSWORD_REQUIRED("SD-0226", HttpStatus.BAD_REQUEST),
	BAD_FOLDER("SD-0227", HttpStatus.BAD_REQUEST),
	BAD_INTERVAL("SD-0228", HttpStatus.BAD_REQUEST),
	TICKET_TYPE_REQUIRED("SD-0229", HttpStatus.BAD_REQUEST),
	BAD_LEVEL("SD-0230", HttpStatus.BAD_REQUEST),
	NAME_TAKEN("SD-0232", HttpStatus.CONFLICT),
	MAILBOX_IN_USE("SD-0233", HttpStatus.CONFLICT),
	STALE_VERSION("SD-0234", HttpStatus.CONFLICT),
	VERSION_REQUIRED("SD-0235", HttpStatus.BAD_REQUEST),
	TOO_LONG("SD-0236", HttpStatus.BAD_REQUEST),
	NOT_QUARANTINED("SD-0237", HttpStatus.NOT_FOUND);

	private final String code;

	private final HttpStatus status;

	MailIntakeError(String code, HttpStatus status) {
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
