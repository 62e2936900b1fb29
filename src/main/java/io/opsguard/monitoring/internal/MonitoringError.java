package io.opsguard.monitoring.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of monitors, monitor types and bulk onboarding ({@code MON-0001} to {@code MON-0099}). */
public enum MonitoringError implements ErrorCode {

	UNKNOWN_MONITOR("MON-0001", HttpStatus.NOT_FOUND),
	UNKNOWN_TYPE("MON-0002", HttpStatus.BAD_REQUEST),
	UNKNOWN_CI("MON-0003", HttpStatus.BAD_REQUEST),
	CI_RETIRED("MON-0004", HttpStatus.BAD_REQUEST),
	STALE_VERSION("MON-0005", HttpStatus.CONFLICT),
	VERSION_REQUIRED("MON-0006", HttpStatus.BAD_REQUEST),
	NAME_TOO_LONG("MON-0007", HttpStatus.BAD_REQUEST),
	BAD_INTERVAL("MON-0008", HttpStatus.BAD_REQUEST),
	INVALID_PARAMETERS("MON-0009", HttpStatus.BAD_REQUEST),
	PARAMETER_REQUIRED("MON-0010", HttpStatus.BAD_REQUEST),
	BAD_HOST("MON-0011", HttpStatus.BAD_REQUEST),
	BAD_PORT("MON-0012", HttpStatus.BAD_REQUEST),
	BAD_NUMBER("MON-0013", HttpStatus.BAD_REQUEST),
	NOT_AN_OPTION("MON-0014", HttpStatus.BAD_REQUEST),
	BAD_URL("MON-0015", HttpStatus.BAD_REQUEST),
	PARAMETER_TOO_LONG("MON-0016", HttpStatus.BAD_REQUEST),
	UNKNOWN_PARAMETER("MON-0017", HttpStatus.BAD_REQUEST),
	BAD_BOOLEAN("MON-0018", HttpStatus.BAD_REQUEST),
	BAD_LIST("MON-0019", HttpStatus.BAD_REQUEST),
	INVALID_TEMPLATE("MON-0020", HttpStatus.BAD_REQUEST),
	BUILT_IN_TEMPLATE("MON-0021", HttpStatus.CONFLICT),
	TEMPLATE_IN_USE("MON-0022", HttpStatus.CONFLICT),
	UNKNOWN_TEMPLATE("MON-0023", HttpStatus.NOT_FOUND),
	OLDER_TEMPLATE("MON-0024", HttpStatus.CONFLICT),
	SELECTION_REQUIRED("MON-0030", HttpStatus.BAD_REQUEST),
	NOTHING_SELECTED("MON-0031", HttpStatus.BAD_REQUEST),
	TOO_MANY_SELECTED("MON-0032", HttpStatus.BAD_REQUEST),
	FILE_UNREADABLE("MON-0033", HttpStatus.BAD_REQUEST),
	FILE_TOO_LARGE("MON-0034", HttpStatus.BAD_REQUEST),
	MISSING_COLUMN("MON-0035", HttpStatus.BAD_REQUEST),
	UNKNOWN_HOST_SOURCE("MON-0036", HttpStatus.BAD_REQUEST),
	UNKNOWN_COLUMN("MON-0037", HttpStatus.BAD_REQUEST),
	SECRET_UNREADABLE("MON-0040", HttpStatus.CONFLICT),
	NAME_REQUIRED("MON-0041", HttpStatus.BAD_REQUEST),
	UNKNOWN_RESOURCE("MON-0042", HttpStatus.NOT_FOUND);

	private final String code;

	private final HttpStatus status;

	MonitoringError(String code, HttpStatus status) {
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
