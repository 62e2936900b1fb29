package io.opsguard.alerting.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of alerting ({@code ALR-0001} to {@code ALR-0099}). */
public enum AlertingError implements ErrorCode {

	UNKNOWN_RULE("ALR-0001", HttpStatus.NOT_FOUND),
	STALE_VERSION("ALR-0002", HttpStatus.CONFLICT),
	VERSION_REQUIRED("ALR-0003", HttpStatus.BAD_REQUEST),
	NAME_REQUIRED("ALR-0004", HttpStatus.BAD_REQUEST),
	TEXT_TOO_LONG("ALR-0005", HttpStatus.BAD_REQUEST),
	KIND_REQUIRED("ALR-0006", HttpStatus.BAD_REQUEST),
	SEVERITY_REQUIRED("ALR-0007", HttpStatus.BAD_REQUEST),
	BAD_SCOPE("ALR-0008", HttpStatus.BAD_REQUEST),
	METRIC_REQUIRED("ALR-0009", HttpStatus.BAD_REQUEST),
	UNKNOWN_METRIC("ALR-0010", HttpStatus.BAD_REQUEST),
	BAD_OPERATOR("ALR-0011", HttpStatus.BAD_REQUEST),
	THRESHOLD_REQUIRED("ALR-0012", HttpStatus.BAD_REQUEST),
	BAD_DURATION("ALR-0013", HttpStatus.BAD_REQUEST),
	RECOVERY_OVERLAPS("ALR-0014", HttpStatus.BAD_REQUEST),
	CHECK_REQUIRED("ALR-0015", HttpStatus.BAD_REQUEST),
	BAD_CHECK_VALUE("ALR-0016", HttpStatus.BAD_REQUEST),
	INVALID_EXPRESSION("ALR-0017", HttpStatus.BAD_REQUEST),
	TEMPLATE_RULE("ALR-0018", HttpStatus.CONFLICT),
	BAD_OVERRIDE("ALR-0019", HttpStatus.BAD_REQUEST),
	INVALID_RULE("ALR-0020", HttpStatus.BAD_REQUEST),
	UNKNOWN_ALERT("ALR-0021", HttpStatus.NOT_FOUND),
	ALERT_RESOLVED("ALR-0022", HttpStatus.CONFLICT),
	REASON_REQUIRED("ALR-0023", HttpStatus.BAD_REQUEST),
	TOO_MANY_ALERTS("ALR-0024", HttpStatus.BAD_REQUEST),
	BAD_PERIOD("ALR-0025", HttpStatus.BAD_REQUEST),
	BAD_PREVIEW_RANGE("ALR-0026", HttpStatus.BAD_REQUEST),
	UNKNOWN_SILENCE("ALR-0030", HttpStatus.NOT_FOUND),
	INVALID_SILENCE("ALR-0031", HttpStatus.BAD_REQUEST),
	MATCHER_REQUIRED("ALR-0032", HttpStatus.BAD_REQUEST),
	EXPIRY_REQUIRED("ALR-0033", HttpStatus.BAD_REQUEST),
	BAD_EXPIRY("ALR-0034", HttpStatus.BAD_REQUEST),
	UNKNOWN_MAINTENANCE("ALR-0040", HttpStatus.NOT_FOUND),
	INVALID_MAINTENANCE("ALR-0041", HttpStatus.BAD_REQUEST),
	BAD_WINDOW("ALR-0042", HttpStatus.BAD_REQUEST),
	BAD_RECURRENCE("ALR-0043", HttpStatus.BAD_REQUEST);

	private final String code;

	private final HttpStatus status;

	AlertingError(String code, HttpStatus status) {
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
