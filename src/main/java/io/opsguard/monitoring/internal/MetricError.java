package io.opsguard.monitoring.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/**
 * Errors of the metric store's API ({@code MON-0100} to {@code MON-0149}; this enum uses 0100–0119,
 * the ingestion API continues from 0120).
 */
public enum MetricError implements ErrorCode {

	SELECTOR_REQUIRED("MON-0100", HttpStatus.BAD_REQUEST),
	BAD_SERIES("MON-0101", HttpStatus.BAD_REQUEST),
	BAD_METRIC_NAME("MON-0102", HttpStatus.BAD_REQUEST),
	BAD_LABEL("MON-0103", HttpStatus.BAD_REQUEST),
	BAD_TIME("MON-0104", HttpStatus.BAD_REQUEST),
	BAD_RANGE("MON-0105", HttpStatus.BAD_REQUEST),
	BAD_STEP("MON-0106", HttpStatus.BAD_REQUEST),
	TOO_MANY_POINTS("MON-0107", HttpStatus.BAD_REQUEST),
	TOO_MANY_SERIES("MON-0108", HttpStatus.BAD_REQUEST),
	BAD_LIMIT("MON-0109", HttpStatus.BAD_REQUEST),
	BAD_ORDER("MON-0110", HttpStatus.BAD_REQUEST),
	BAD_LOOKBACK("MON-0111", HttpStatus.BAD_REQUEST),
	STORE_UNAVAILABLE("MON-0112", HttpStatus.SERVICE_UNAVAILABLE);

	private final String code;

	private final HttpStatus status;

	MetricError(String code, HttpStatus status) {
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
