package io.opsguard.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable error codes an API operation may answer beyond the ones every operation of its kind
 * can (sign-in, permission, validation, paging, a stale write, a busy database), for the OpenAPI
 * document: {@code @ErrorResponses({"CMDB-0021", "CMDB-0008"})}. The web layer adds the standard
 * ones itself and files each code listed here under its HTTP status, with its title from the
 * message files; a code that no {@link ErrorCode} enum declares fails {@code OpenApiDocumentIT}.
 * On a controller class, the codes apply to each of its operations.
 * <p>
 * Codes that only ever appear per field, in the {@code errors} of a 400 answer whose own code is
 * another (e.g. {@code SYS-0001} listing {@code CMDB-0016} for a taken CI code), go to
 * {@link #fields()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface ErrorResponses {

	/** Codes such as {@code "IDN-0007"}, as {@link ErrorCode#code()} spells them. */
	String[] value() default {};

	/** Codes an answer's {@code errors} may carry for single fields (documented under 400). */
	String[] fields() default {};

}
