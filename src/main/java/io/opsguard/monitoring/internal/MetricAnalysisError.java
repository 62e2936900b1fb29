package io.opsguard.monitoring.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the derived analysis ({@code MON-0140} to {@code MON-0149}). */
public enum MetricAnalysisError implements ErrorCode {

	BAD_SERIES("MON-0140", HttpStatus.BAD_REQUEST),
	UNKNOWN_RESOURCE("MON-0141", HttpStatus.NOT_FOUND);

	private final String code;

	private final HttpStatus status;

	MetricAnalysisError(String code, HttpStatus status) {
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
