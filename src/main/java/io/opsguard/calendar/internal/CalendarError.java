package io.opsguard.calendar.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the calendar module ({@code CAL-xxxx}). */
public enum CalendarError implements ErrorCode {

	UNKNOWN_CALENDAR("CAL-0001", HttpStatus.NOT_FOUND),
	CODE_TAKEN("CAL-0002", HttpStatus.CONFLICT),
	BUILT_IN("CAL-0003", HttpStatus.CONFLICT),
	PERIODS_OVERLAP("CAL-0004", HttpStatus.BAD_REQUEST),
	BAD_PERIOD("CAL-0005", HttpStatus.BAD_REQUEST),
	NO_WORKING_TIME("CAL-0006", HttpStatus.BAD_REQUEST),
	UNKNOWN_ZONE("CAL-0007", HttpStatus.BAD_REQUEST),
	BAD_DATE_RANGE("CAL-0008", HttpStatus.BAD_REQUEST),
	HOLIDAY_AND_WORKDAY("CAL-0009", HttpStatus.BAD_REQUEST),
	IN_USE("CAL-0010", HttpStatus.CONFLICT),
	SCHEDULE_INVALID("CAL-0011", HttpStatus.BAD_REQUEST),
	UNSUPPORTED_FILE("CAL-0012", HttpStatus.BAD_REQUEST),
	FILE_TOO_LARGE("CAL-0013", HttpStatus.PAYLOAD_TOO_LARGE),
	UNKNOWN_VERSION("CAL-0014", HttpStatus.NOT_FOUND),
	BAD_DURATION("CAL-0015", HttpStatus.BAD_REQUEST),
	BAD_INSTANT("CAL-0016", HttpStatus.BAD_REQUEST),
	BAD_CODE("CAL-0017", HttpStatus.BAD_REQUEST),
	OUT_OF_SCOPE("CAL-0018", HttpStatus.BAD_REQUEST),
	STALE_VERSION("CAL-0019", HttpStatus.CONFLICT),
	BAD_YEAR("CAL-0020", HttpStatus.BAD_REQUEST),
	NAME_REQUIRED("CAL-0021", HttpStatus.BAD_REQUEST),
	OUT_OF_RANGE("CAL-0022", HttpStatus.BAD_REQUEST),
	END_BEFORE_START("CAL-0023", HttpStatus.BAD_REQUEST);

	private final String code;

	private final HttpStatus status;

	CalendarError(String code, HttpStatus status) {
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
