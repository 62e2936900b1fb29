package io.opsguard.servicedesk.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the ticket statistics ({@code SD-0130} to {@code SD-0149}). */
public enum TicketStatisticsError implements ErrorCode {

	BAD_PERIOD("SD-0130", HttpStatus.BAD_REQUEST),
	PERIOD_TOO_LONG("SD-0131", HttpStatus.BAD_REQUEST),
	UNKNOWN_ORGANISATION("SD-0132", HttpStatus.BAD_REQUEST);

	private final String code;

	private final HttpStatus status;

	TicketStatisticsError(String code, HttpStatus status) {
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
