package io.opsguard.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the user should read about: carries an {@link ErrorCode}, the arguments of its
 * message, and optionally the fields it concerns. Rendered as RFC 9457 problem+json.
 */
public class OpsGuardException extends RuntimeException {

	private final transient ErrorCode errorCode;

	private final transient Object[] args;

	private final transient List<FieldProblem> fieldProblems;

	private final transient Map<String, Object> properties = new LinkedHashMap<>();

	public OpsGuardException(ErrorCode errorCode, Object... args) {
		this(errorCode, List.of(), args);
	}

	private OpsGuardException(ErrorCode errorCode, List<FieldProblem> fieldProblems, Object... args) {
		super(errorCode.code());
		this.errorCode = errorCode;
		this.args = args;
		this.fieldProblems = List.copyOf(fieldProblems);
	}

	/** The error concerns one input field: the problem's {@code errors} lists it. */
	public static OpsGuardException onField(String field, ErrorCode errorCode, Object... args) {
		return new OpsGuardException(errorCode, List.of(new FieldProblem(field, errorCode, args)), args);
	}

	/** Several fields are wrong at once: the problem lists each of them under {@code code}. */
	public static OpsGuardException onFields(ErrorCode code, List<FieldProblem> problems, Object... args) {
		return new OpsGuardException(code, problems, args);
	}

	public static OpsGuardException notFound() {
		return new OpsGuardException(CommonError.NOT_FOUND);
	}

	/**
	 * Adds a property to the problem the client receives, beside {@code code} and {@code errors}
	 * (e.g. the actions a ticket allows instead of the one refused).
	 */
	public OpsGuardException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	/** The problem's additional properties. */
	public Map<String, Object> properties() {
		return Map.copyOf(this.properties);
	}

	public ErrorCode errorCode() {
		return this.errorCode;
	}

	public Object[] args() {
		return this.args.clone();
	}

	public List<FieldProblem> fieldProblems() {
		return this.fieldProblems;
	}

	/** One bad field: its name, the error and the arguments of the error's message. */
	public record FieldProblem(String field, ErrorCode errorCode, Object[] args) {
	}

}
