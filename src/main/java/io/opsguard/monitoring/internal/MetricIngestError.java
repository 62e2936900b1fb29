package io.opsguard.monitoring.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the metric ingestion API ({@code MON-0120} to {@code MON-0139}). */
public enum MetricIngestError implements ErrorCode {

	/** Every line or item was refused; the problem's {@code rejected} says why, each. */
	NOTHING_ACCEPTED("MON-0120", HttpStatus.BAD_REQUEST),
	NO_SAMPLES("MON-0121", HttpStatus.BAD_REQUEST),
	BODY_TOO_LARGE("MON-0122", HttpStatus.PAYLOAD_TOO_LARGE),
	BAD_JSON("MON-0123", HttpStatus.BAD_REQUEST),
	TOO_MANY_SAMPLES("MON-0124", HttpStatus.BAD_REQUEST),
	STORE_UNAVAILABLE("MON-0125", HttpStatus.SERVICE_UNAVAILABLE);

	private final String code;

	private final HttpStatus status;

	MetricIngestError(String code, HttpStatus status) {
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
