package io.opsguard.identity.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the identity module ({@code IDN-xxxx}). */
public enum IdentityError implements ErrorCode {

	BAD_CREDENTIALS("IDN-0001", HttpStatus.UNAUTHORIZED),
	ACCOUNT_LOCKED("IDN-0002", HttpStatus.LOCKED),
	ACCOUNT_DISABLED("IDN-0003", HttpStatus.UNAUTHORIZED),
	PASSWORD_CHANGE_REQUIRED("IDN-0004", HttpStatus.FORBIDDEN),
	CURRENT_PASSWORD_WRONG("IDN-0005", HttpStatus.BAD_REQUEST),
	USERNAME_TAKEN("IDN-0007", HttpStatus.CONFLICT),
	ORGANISATION_CODE_TAKEN("IDN-0008", HttpStatus.CONFLICT),
	ORGANISATION_IN_USE("IDN-0009", HttpStatus.CONFLICT),
	ORGANISATION_MOVE_CYCLE("IDN-0010", HttpStatus.CONFLICT),
	ORGANISATION_DISABLED("IDN-0011", HttpStatus.BAD_REQUEST),
	ORGANISATION_HAS_ENABLED_CHILDREN("IDN-0012", HttpStatus.CONFLICT),
	ROLE_BUILT_IN("IDN-0013", HttpStatus.CONFLICT),
	ROLE_IN_USE("IDN-0014", HttpStatus.CONFLICT),
	SEPARATION_OF_DUTIES("IDN-0015", HttpStatus.BAD_REQUEST),
	UNKNOWN_PERMISSION("IDN-0016", HttpStatus.BAD_REQUEST),
	SCOPE_NOT_GRANTABLE("IDN-0017", HttpStatus.FORBIDDEN),
	ROLE_CODE_TAKEN("IDN-0018", HttpStatus.CONFLICT),
	CANNOT_DISABLE_SELF("IDN-0019", HttpStatus.CONFLICT),
	TOKEN_EXPIRY_INVALID("IDN-0020", HttpStatus.BAD_REQUEST),
	ROOT_NEEDS_ALL_SCOPE("IDN-0021", HttpStatus.FORBIDDEN),
	UNKNOWN_ROLE("IDN-0022", HttpStatus.BAD_REQUEST),
	UNKNOWN_ORGANISATION("IDN-0023", HttpStatus.BAD_REQUEST),
	PASSWORD_SAME_AS_USERNAME("IDN-0024", HttpStatus.BAD_REQUEST),
	PASSWORD_REUSED("IDN-0025", HttpStatus.BAD_REQUEST),
	PASSWORD_TOO_SHORT("IDN-0026", HttpStatus.BAD_REQUEST),
	PASSWORD_TOO_SIMPLE("IDN-0027", HttpStatus.BAD_REQUEST),
	GRANT_REQUIRED("IDN-0028", HttpStatus.FORBIDDEN),
	LAST_SECURITY_ADMIN("IDN-0029", HttpStatus.CONFLICT),
	ROLE_DEFINED_ABOVE("IDN-0030", HttpStatus.FORBIDDEN);

	private final String code;

	private final HttpStatus status;

	IdentityError(String code, HttpStatus status) {
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
