package io.opsguard.shared;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every stable error code of the product: the constants of each {@link ErrorCode} enum under
 * {@code io.opsguard}, found on the class path, so that no module has to register its codes and
 * no lower module has to know a higher one's. Used to document the API's problems.
 */
public final class ErrorCatalogue {

	private static final String BASE_PACKAGE = "io.opsguard";

	private final Map<String, ErrorCode> byCode;

	private ErrorCatalogue(Map<String, ErrorCode> byCode) {
		this.byCode = Collections.unmodifiableMap(byCode);
	}

	/** The codes of every {@link ErrorCode} enum under {@code io.opsguard}; fails on a code declared twice. */
	public static ErrorCatalogue scan() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent();
			}
		};
		scanner.addIncludeFilter(new AssignableTypeFilter(ErrorCode.class));
		Map<String, ErrorCode> codes = new TreeMap<>();
		ClassLoader loader = ErrorCatalogue.class.getClassLoader();
		for (var candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), loader);
			if (type.isEnum() && ErrorCode.class.isAssignableFrom(type)) {
				for (Object constant : type.getEnumConstants()) {
					ErrorCode code = (ErrorCode) constant;
					ErrorCode twin = codes.put(code.code(), code);
					if (twin != null) {
						throw new IllegalStateException("Error code " + code.code() + " is declared twice: " + twin + ", "
								+ code);
					}
				}
			}
		}
		return new ErrorCatalogue(codes);
	}

	public Optional<ErrorCode> find(String code) {
		return Optional.ofNullable(this.byCode.get(code));
	}

	/** Every code, ordered by its text ({@code CAL-0001} … {@code SYS-0099}). */
	public Collection<ErrorCode> all() {
		return this.byCode.values();
	}

}
