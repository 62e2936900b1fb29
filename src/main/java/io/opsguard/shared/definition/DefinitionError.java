package io.opsguard.shared.definition;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** The kernel's own errors ({@code DEF-xxxx}), the same for every kind of definition. */
public enum DefinitionError implements ErrorCode {

	/** An update without the version it edits (optimistic locking needs it). */
	VERSION_REQUIRED("DEF-0001", HttpStatus.BAD_REQUEST);

	private final String code;

	private final HttpStatus status;

	DefinitionError(String code, HttpStatus status) {
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
