package io.opsguard.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API endpoint that every signed-in user may call for themself (their session, password,
 * own tokens) and that therefore carries no permission check. Every other endpoint under
 * {@code /api/v1} needs {@code @PreAuthorize} or {@link PublicEndpoint}; a test enforces it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface SelfService {

}
