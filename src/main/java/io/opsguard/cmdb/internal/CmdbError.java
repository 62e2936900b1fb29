package io.opsguard.cmdb.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/** Errors of the CMDB ({@code CMDB-xxxx}). */
public enum CmdbError implements ErrorCode {

	CLASS_CODE_TAKEN("CMDB-0002", HttpStatus.CONFLICT),
	BUILT_IN("CMDB-0003", HttpStatus.CONFLICT),
	CLASS_IN_USE("CMDB-0004", HttpStatus.CONFLICT),
	ATTRIBUTE_CODE_TAKEN("CMDB-0005", HttpStatus.CONFLICT),
	EXISTING_VALUES_VIOLATE("CMDB-0006", HttpStatus.CONFLICT),
	INVALID_DEFINITION("CMDB-0007", HttpStatus.BAD_REQUEST),
	UNKNOWN_CLASS("CMDB-0008", HttpStatus.BAD_REQUEST),
	UNKNOWN_ATTRIBUTE("CMDB-0010", HttpStatus.BAD_REQUEST),
	WRONG_TYPE("CMDB-0011", HttpStatus.BAD_REQUEST),
	REQUIRED("CMDB-0012", HttpStatus.BAD_REQUEST),
	NOT_UNIQUE("CMDB-0013", HttpStatus.CONFLICT),
	OUT_OF_RULE("CMDB-0014", HttpStatus.BAD_REQUEST),
	UNKNOWN_REFERENCE("CMDB-0015", HttpStatus.BAD_REQUEST),
	CI_CODE_TAKEN("CMDB-0016", HttpStatus.CONFLICT),
	TOO_LONG("CMDB-0017", HttpStatus.BAD_REQUEST),
	NOT_AN_OPTION("CMDB-0018", HttpStatus.BAD_REQUEST),
	NOT_UNIQUE_IN_FILE("CMDB-0019", HttpStatus.BAD_REQUEST),
	NOT_YET_EXISTING("CMDB-0020", HttpStatus.NOT_FOUND),
	CI_RETIRED("CMDB-0021", HttpStatus.CONFLICT),
	USE_RETIRE("CMDB-0022", HttpStatus.BAD_REQUEST),
	CODE_TWICE_IN_FILE("CMDB-0023", HttpStatus.BAD_REQUEST),
	CODE_OF_OTHER_CLASS("CMDB-0024", HttpStatus.BAD_REQUEST),
	IMPORT_INVALID("CMDB-0030", HttpStatus.BAD_REQUEST),
	IMPORT_FORMAT("CMDB-0031", HttpStatus.BAD_REQUEST),
	IMPORT_TOO_MANY_ROWS("CMDB-0032", HttpStatus.BAD_REQUEST),
	IMPORT_TOO_EXPANDED("CMDB-0033", HttpStatus.BAD_REQUEST),
	IMPORT_BUSY("CMDB-0034", HttpStatus.SERVICE_UNAVAILABLE),
	RELATION_NOT_ALLOWED("CMDB-0040", HttpStatus.BAD_REQUEST),
	RELATION_CYCLE("CMDB-0041", HttpStatus.CONFLICT),
	RELATION_EXISTS("CMDB-0042", HttpStatus.CONFLICT),
	RELATION_TO_ITSELF("CMDB-0043", HttpStatus.BAD_REQUEST),
	STANDBY_MODE("CMDB-0044", HttpStatus.BAD_REQUEST),
	RELATION_RETIRED("CMDB-0045", HttpStatus.CONFLICT),
	TOO_MANY("CMDB-0046", HttpStatus.BAD_REQUEST);

	private final String code;

	private final HttpStatus status;

	CmdbError(String code, HttpStatus status) {
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
