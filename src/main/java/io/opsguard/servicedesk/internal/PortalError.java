package io.opsguard.servicedesk.internal;

import io.opsguard.shared.ErrorCode;

import org.springframework.http.HttpStatus;

/**
 * Errors of the self-service portal, the help centre and satisfaction ({@code SD-0300} to
 * {@code SD-0349}); the ticket rules' own errors stay in {@link ServiceDeskError}.
 */
public enum PortalError implements ErrorCode {

	UNKNOWN_INVITATION("SD-0300", HttpStatus.NOT_FOUND),
	INVITATION_EXPIRED("SD-0301", HttpStatus.GONE),
	INVITATION_USED("SD-0302", HttpStatus.CONFLICT),
	NOT_RATABLE("SD-0303", HttpStatus.CONFLICT),
	TOO_MANY_REQUESTS("SD-0304", HttpStatus.TOO_MANY_REQUESTS),
	UNKNOWN_FAQ("SD-0305", HttpStatus.NOT_FOUND),
	QUESTION_REQUIRED("SD-0306", HttpStatus.BAD_REQUEST),
	ANSWER_REQUIRED("SD-0307", HttpStatus.BAD_REQUEST),
	REASON_REQUIRED("SD-0308", HttpStatus.BAD_REQUEST),
	ALREADY_COMPLAINED("SD-0309", HttpStatus.CONFLICT),
	NOT_DONE("SD-0310", HttpStatus.CONFLICT),
	BAD_VISIT_METHOD("SD-0311", HttpStatus.BAD_REQUEST),
	PERSON_REQUIRED("SD-0312", HttpStatus.BAD_REQUEST),
	VISITED_IN_FUTURE("SD-0313", HttpStatus.BAD_REQUEST),
	VISITED_TOO_EARLY("SD-0314", HttpStatus.BAD_REQUEST),
	UNKNOWN_SURVEY("SD-0315", HttpStatus.NOT_FOUND),
	SURVEY_NOT_DRAFT("SD-0316", HttpStatus.CONFLICT),
	SURVEY_NOT_SENT("SD-0317", HttpStatus.CONFLICT),
	QUESTIONS_REQUIRED("SD-0318", HttpStatus.BAD_REQUEST),
	BAD_QUESTION("SD-0319", HttpStatus.BAD_REQUEST),
	BAD_SAMPLE("SD-0320", HttpStatus.BAD_REQUEST),
	BAD_PERIOD("SD-0321", HttpStatus.BAD_REQUEST),
	NOBODY_TO_ASK("SD-0322", HttpStatus.CONFLICT),
	UNKNOWN_SURVEY_INVITATION("SD-0323", HttpStatus.NOT_FOUND),
	SURVEY_INVITATION_EXPIRED("SD-0324", HttpStatus.GONE),
	SURVEY_ANSWERED("SD-0325", HttpStatus.CONFLICT),
	ANSWER_MISSING("SD-0326", HttpStatus.BAD_REQUEST),
	BAD_ANSWER("SD-0327", HttpStatus.BAD_REQUEST),
	STALE("SD-0328", HttpStatus.CONFLICT),
	TITLE_REQUIRED("SD-0329", HttpStatus.BAD_REQUEST),
	NOT_REPLIABLE("SD-0330", HttpStatus.CONFLICT),
	// self-registration (R-DSK-12)
	USERNAME_NOT_AVAILABLE("SD-0331", HttpStatus.BAD_REQUEST),
	REGISTRATION_PHONE_INVALID("SD-0332", HttpStatus.BAD_REQUEST),
	REGISTRATION_EMAIL_INVALID("SD-0333", HttpStatus.BAD_REQUEST),
	REGISTRATION_ORGANISATION_INVALID("SD-0334", HttpStatus.BAD_REQUEST),
	REGISTRATION_NAME_INVALID("SD-0335", HttpStatus.BAD_REQUEST),
	REGISTRATION_UNIT_TOO_LONG("SD-0336", HttpStatus.BAD_REQUEST),
	REGISTRATION_USERNAME_INVALID("SD-0337", HttpStatus.BAD_REQUEST),
	REGISTRATION_DECIDED("SD-0338", HttpStatus.CONFLICT),
	REGISTRATION_USERNAME_TAKEN("SD-0339", HttpStatus.CONFLICT),
	REGISTRATION_REASON_REQUIRED("SD-0340", HttpStatus.BAD_REQUEST);

	private final String code;

	private final HttpStatus status;

	PortalError(String code, HttpStatus status) {
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
