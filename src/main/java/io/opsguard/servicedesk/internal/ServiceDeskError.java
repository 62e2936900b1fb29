package io.opsguard.servicedesk.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the service desk ({@code SD-xxxx}). */
public enum ServiceDeskError implements ErrorCode {

	UNKNOWN_TICKET("SD-0001", HttpStatus.NOT_FOUND),
	ACTION_NOT_ALLOWED("SD-0002", HttpStatus.CONFLICT),
	REPORTED_IN_FUTURE("SD-0003", HttpStatus.BAD_REQUEST),
	UNKNOWN_SYSTEM("SD-0004", HttpStatus.BAD_REQUEST),
	BAD_FAULT_LEVEL("SD-0005", HttpStatus.BAD_REQUEST),
	REQUESTER_REQUIRED("SD-0006", HttpStatus.BAD_REQUEST),
	UNKNOWN_REQUESTER("SD-0007", HttpStatus.BAD_REQUEST),
	TITLE_REQUIRED("SD-0008", HttpStatus.BAD_REQUEST),
	STALE_VERSION("SD-0009", HttpStatus.CONFLICT),
	UNKNOWN_CI("SD-0010", HttpStatus.BAD_REQUEST),
	UNKNOWN_GROUP("SD-0011", HttpStatus.BAD_REQUEST),
	NOT_A_MEMBER("SD-0012", HttpStatus.BAD_REQUEST),
	COMMENT_REQUIRED("SD-0013", HttpStatus.BAD_REQUEST),
	SOLUTION_REQUIRED("SD-0014", HttpStatus.BAD_REQUEST),
	BAD_RATING("SD-0015", HttpStatus.BAD_REQUEST),
	REOPEN_TOO_LATE("SD-0016", HttpStatus.CONFLICT),
	TOO_LONG("SD-0018", HttpStatus.BAD_REQUEST),
	GROUP_NAME_TAKEN("SD-0019", HttpStatus.CONFLICT),
	GROUP_REQUIRED("SD-0020", HttpStatus.BAD_REQUEST),
	VERSION_REQUIRED("SD-0021", HttpStatus.BAD_REQUEST),
	UNKNOWN_ACTION("SD-0022", HttpStatus.NOT_FOUND),
	TYPE_REQUIRED("SD-0023", HttpStatus.BAD_REQUEST),
	REPORTED_TOO_EARLY("SD-0024", HttpStatus.BAD_REQUEST),
	NAME_REQUIRED("SD-0025", HttpStatus.BAD_REQUEST),
	BAD_LINE("SD-0026", HttpStatus.BAD_REQUEST),
	UNKNOWN_ORGANISATION("SD-0027", HttpStatus.BAD_REQUEST),
	UNKNOWN_SUPPORT_GROUP("SD-0028", HttpStatus.NOT_FOUND),
	FORM_TOO_MANY_FIELDS("SD-0029", HttpStatus.BAD_REQUEST),
	FORM_FIELD_BAD_KEY("SD-0030", HttpStatus.BAD_REQUEST),
	FORM_FIELD_DUPLICATE_KEY("SD-0031", HttpStatus.BAD_REQUEST),
	FORM_FIELD_LABEL_REQUIRED("SD-0032", HttpStatus.BAD_REQUEST),
	FORM_FIELD_KIND_REQUIRED("SD-0033", HttpStatus.BAD_REQUEST),
	FORM_FIELD_BAD_OPTIONS("SD-0034", HttpStatus.BAD_REQUEST),
	FORM_VALUE_REQUIRED("SD-0035", HttpStatus.BAD_REQUEST),
	FORM_VALUE_INVALID("SD-0036", HttpStatus.BAD_REQUEST),
	FORM_VALUE_UNKNOWN("SD-0037", HttpStatus.BAD_REQUEST),
	UNKNOWN_CATALOGUE_ITEM("SD-0038", HttpStatus.NOT_FOUND),
	CATALOGUE_CODE_TAKEN("SD-0039", HttpStatus.CONFLICT),
	BAD_CATALOGUE_ITEM("SD-0040", HttpStatus.BAD_REQUEST),
	CATALOGUE_CODE_BAD("SD-0041", HttpStatus.BAD_REQUEST);

	private final String code;

	private final HttpStatus status;

	ServiceDeskError(String code, HttpStatus status) {
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
