package io.opsguard.servicelevel.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the service-level module ({@code SL-xxxx}). */
enum ServiceLevelError implements ErrorCode {

	MODEL_INCOMPLETE("SL-0001", HttpStatus.BAD_REQUEST),
	NOT_A_BUSINESS_SYSTEM("SL-0002", HttpStatus.BAD_REQUEST),
	FACTOR_REQUIRED("SL-0003", HttpStatus.BAD_REQUEST),
	REASON_REQUIRED("SL-0004", HttpStatus.BAD_REQUEST),
	PARTY_REQUIRED("SL-0005", HttpStatus.BAD_REQUEST),
	PARTY_TWICE("SL-0006", HttpStatus.BAD_REQUEST),
	UNKNOWN_USER("SL-0007", HttpStatus.BAD_REQUEST),
	PROPOSAL_PENDING("SL-0008", HttpStatus.CONFLICT),
	NOT_A_PARTY("SL-0009", HttpStatus.FORBIDDEN),
	ALREADY_DECIDED("SL-0010", HttpStatus.CONFLICT),
	PROPOSAL_CLOSED("SL-0011", HttpStatus.CONFLICT),
	COMMENT_REQUIRED("SL-0012", HttpStatus.BAD_REQUEST),
	BELOW_SUPPORTED("SL-0013", HttpStatus.BAD_REQUEST),
	UNKNOWN_PROPOSAL("SL-0014", HttpStatus.NOT_FOUND),
	UNKNOWN_POLICY("SL-0020", HttpStatus.NOT_FOUND),
	POLICY_CODE_TAKEN("SL-0021", HttpStatus.CONFLICT),
	POLICY_BUILT_IN("SL-0022", HttpStatus.CONFLICT),
	FAULT_LEVEL_MISSING("SL-0023", HttpStatus.BAD_REQUEST),
	BAD_TARGET("SL-0024", HttpStatus.BAD_REQUEST),
	UNKNOWN_CALENDAR("SL-0025", HttpStatus.BAD_REQUEST),
	BAD_THRESHOLD("SL-0026", HttpStatus.BAD_REQUEST),
	BAD_POLICY_CODE("SL-0027", HttpStatus.BAD_REQUEST),
	POLICY_IN_USE("SL-0028", HttpStatus.CONFLICT),
	NAME_REQUIRED("SL-0029", HttpStatus.BAD_REQUEST),
	BAD_SERVICE_GRADE("SL-0030", HttpStatus.BAD_REQUEST),
	TOO_LONG("SL-0031", HttpStatus.BAD_REQUEST),
	BAD_FAULT_LEVEL("SL-0032", HttpStatus.BAD_REQUEST),
	OUT_OF_SCOPE("SL-0033", HttpStatus.BAD_REQUEST),
	STALE_VERSION("SL-0034", HttpStatus.CONFLICT),
	UNKNOWN_POLICY_VERSION("SL-0050", HttpStatus.NOT_FOUND);

	private final String code;

	private final HttpStatus status;

	ServiceLevelError(String code, HttpStatus status) {
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
