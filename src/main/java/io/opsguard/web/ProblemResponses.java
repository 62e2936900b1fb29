package io.opsguard.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsguard.identity.SecurityFilters;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorCatalogue;
import io.opsguard.shared.ErrorCode;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PublicEndpoint;
import io.opsguard.shared.SelfService;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.MessageSource;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;

/**
 * Completes each API operation of the OpenAPI document with its errors and its access rule, so
 * that integrators read what a call can answer without reading our code:
 * <ul>
 * <li>the problems every operation of its kind can answer: 401 unless it is a
 * {@link PublicEndpoint}; 403 for a missing permission ({@code @PreAuthorize}), a rejected CSRF
 * token (unsafe methods) or a password that must be changed first; 400 for bad parameters,
 * bodies and uploads; 404 for an unknown id in the path; 409 for a write that lost a race; 413
 * and 415 for uploads and bodies; 406 when the client accepts no JSON; 503 when the database is
 * busy;</li>
 * <li>the codes the handler declares with {@link ErrorResponses}, each filed under its own
 * status, and the codes of single fields under 400;</li>
 * <li>every response lists its codes with their titles in Chinese and English, and points at the
 * {@code ProblemDetail} schema ({@code application/problem+json});</li>
 * <li>the permission the operation needs, appended to its description and in
 * {@code x-permissions}; the paging parameters' meaning.</li>
 * </ul>
 * It completes and never invents: an operation without a description keeps none, so that
 * {@code OpenApiDocumentIT} names it.
 */
class ProblemResponses implements OperationCustomizer {

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	static final String PROBLEM_SCHEMA = "ProblemDetail";

	/** On an operation: every code it may answer; on a response: the codes of that status. */
	static final String CODES = "x-error-codes";

	/** Codes of single fields, in the {@code errors} of a 400 answer. */
	static final String FIELD_CODES = "x-field-error-codes";

	static final String PERMISSIONS = "x-permissions";

	/** Identity's {@code PASSWORD_CHANGE_REQUIRED}, named by its code: the web layer does not see identity's internals. */
	private static final String PASSWORD_CHANGE_REQUIRED = "IDN-0004";

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	private static final Pattern PERMISSION = Pattern.compile("'([a-z-]+:[a-z-]+:[a-z-]+)'");

	private static final Set<RequestMethod> UNSAFE = EnumSet.of(RequestMethod.POST, RequestMethod.PUT,
			RequestMethod.PATCH, RequestMethod.DELETE);

	private static final Map<String, String> PAGING = Map.of("page", "Page number, from 0 (default 0).", "size",
			"Items per page, 1–200 (default 20).", "sort",
			"`field` or `field,asc|desc`; the fields allowed are named in the operation's description.");

	private final ErrorCatalogue catalogue;

	private final MessageSource messages;

	private final SecurityFilters identity;

	ProblemResponses(ErrorCatalogue catalogue, MessageSource messages, SecurityFilters identity) {
		this.catalogue = catalogue;
		this.messages = messages;
		this.identity = identity;
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		Endpoint endpoint = Endpoint.of(handler);
		if (endpoint.paths().stream().noneMatch(path -> path.startsWith("/api/"))) {
			return operation;
		}
		describeAccess(operation, endpoint);
		describePaging(operation);
		Set<String> codes = new TreeSet<>(standardCodes(endpoint));
		codes.addAll(declared(handler, ErrorResponses::value));
		Set<String> fieldCodes = new TreeSet<>(declared(handler, ErrorResponses::fields));
		if (!fieldCodes.isEmpty()) {
			codes.add(CommonError.VALIDATION_FAILED.code());
			operation.addExtension(FIELD_CODES, List.copyOf(fieldCodes));
		}
		operation.addExtension(CODES, List.copyOf(codes));
		Map<Integer, List<ErrorCode>> byStatus = new TreeMap<>();
		for (String code : codes) {
			this.catalogue.find(code)
				.ifPresentOrElse(known -> byStatus.computeIfAbsent(known.status().value(), s -> new ArrayList<>()).add(known),
						() -> log.warn("{} declares error code {}, which no ErrorCode enum has", handler, code));
		}
		ApiResponses responses = new ApiResponses();
		if (operation.getResponses() != null) {
			operation.getResponses().forEach((status, response) -> {
				if (!isError(status)) {
					responses.addApiResponse(status, response);
				}
			});
		}
		byStatus.forEach((status, errors) -> responses.addApiResponse(String.valueOf(status),
				response(status, errors, status == HttpStatus.BAD_REQUEST.value() ? fieldCodes : Set.of())));
		operation.setResponses(responses);
		return operation;
	}

	/** The codes every operation of this kind may answer, whatever its handler does. */
	private List<String> standardCodes(Endpoint endpoint) {
		List<String> named = new ArrayList<>();
		List<ErrorCode> codes = new ArrayList<>();
		codes.add(CommonError.BUSY);
		codes.add(CommonError.NOT_ACCEPTABLE);
		if (!endpoint.publicEndpoint()) {
			codes.add(CommonError.UNAUTHENTICATED);
			if (endpoint.paths().stream().anyMatch(path -> !this.identity.openDuringPasswordChange(path))) {
				named.add(PASSWORD_CHANGE_REQUIRED);
			}
			if (endpoint.unsafe()) {
				codes.add(CommonError.CSRF_REJECTED);
				codes.add(CommonError.CONCURRENT_MODIFICATION);
			}
		}
		if (!endpoint.permissions().isEmpty()) {
			codes.add(CommonError.FORBIDDEN);
		}
		if (endpoint.queryParameters()) {
			codes.add(CommonError.BAD_PARAMETER);
			codes.add(CommonError.CONTROL_CHARACTER);
		}
		if (endpoint.pathVariables()) {
			codes.add(CommonError.NOT_FOUND);
		}
		if (endpoint.body()) {
			// unreadable JSON is SYS-0002, a property of the wrong type SYS-0003 naming it
			codes.add(CommonError.MALFORMED_REQUEST);
			codes.add(CommonError.BAD_PARAMETER);
			codes.add(CommonError.UNSUPPORTED_MEDIA_TYPE);
		}
		if (endpoint.validated()) {
			codes.add(CommonError.VALIDATION_FAILED);
		}
		if (endpoint.multipart()) {
			codes.add(CommonError.BAD_PARAMETER);
			codes.add(CommonError.UNREADABLE_UPLOAD);
			codes.add(CommonError.PAYLOAD_TOO_LARGE);
			codes.add(CommonError.UNSUPPORTED_MEDIA_TYPE);
		}
		if (endpoint.unsafe() && (endpoint.body() || endpoint.multipart() || endpoint.queryParameters())) {
			codes.add(CommonError.UNSTORABLE_VALUE);
		}
		codes.forEach(code -> named.add(code.code()));
		return named;
	}

	private static List<String> declared(HandlerMethod handler, Function<ErrorResponses, String[]> attribute) {
		List<String> codes = new ArrayList<>();
		ErrorResponses onClass = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ErrorResponses.class);
		ErrorResponses onMethod = handler.getMethodAnnotation(ErrorResponses.class);
		for (ErrorResponses declared : new ErrorResponses[] { onClass, onMethod }) {
			if (declared != null) {
				Arrays.stream(attribute.apply(declared)).map(String::strip).forEach(codes::add);
			}
		}
		return codes;
	}

	private ApiResponse response(int status, List<ErrorCode> errors, Set<String> fieldCodes) {
		StringBuilder text = new StringBuilder(HttpStatus.valueOf(status).getReasonPhrase()).append(" (problem+json). Codes:\n");
		for (ErrorCode error : errors) {
			text.append("\n- `")
				.append(error.code())
				.append("` ")
				.append(title(error, Locale.SIMPLIFIED_CHINESE))
				.append(" / ")
				.append(title(error, Locale.ENGLISH));
		}
		if (!fieldCodes.isEmpty()) {
			text.append("\n\nCodes of single fields, in `errors[].code`:\n");
			for (String code : fieldCodes) {
				text.append("\n- `").append(code).append('`');
				this.catalogue.find(code)
					.ifPresent(error -> text.append(' ')
						.append(title(error, Locale.SIMPLIFIED_CHINESE))
						.append(" / ")
						.append(title(error, Locale.ENGLISH)));
			}
		}
		Schema<Object> problem = new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA);
		ApiResponse response = new ApiResponse().description(text.toString())
			.content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problem)));
		response.addExtension(CODES, errors.stream().map(ErrorCode::code).toList());
		if (!fieldCodes.isEmpty()) {
			response.addExtension(FIELD_CODES, List.copyOf(fieldCodes));
		}
		return response;
	}

	String title(ErrorCode error, Locale locale) {
		return this.messages.getMessage(error.titleKey(), null, error.code(), locale);
	}

	private static void describeAccess(Operation operation, Endpoint endpoint) {
		String access;
		if (endpoint.publicEndpoint()) {
			access = "**Access:** public, no sign-in needed.";
		}
		else if (!endpoint.permissions().isEmpty()) {
			operation.addExtension(PERMISSIONS, endpoint.permissions());
			access = (endpoint.permissions().size() == 1 ? "**Permission:** " : "**Permission:** one of ")
					+ String.join(", ", endpoint.permissions().stream().map(p -> "`" + p + "`").toList()) + ".";
		}
		else if (endpoint.selfService()) {
			access = "**Access:** any signed-in user, for themself; no permission needed.";
		}
		else {
			access = "**Access:** any signed-in user.";
		}
		String description = operation.getDescription();
		if (description != null && !description.isBlank() && !description.contains(access)) {
			operation.setDescription(description.strip() + "\n\n" + access);
		}
	}

	private static void describePaging(Operation operation) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			String meaning = PAGING.get(parameter.getName());
			if (meaning != null && "query".equals(parameter.getIn())
					&& (parameter.getDescription() == null || parameter.getDescription().isBlank())) {
				parameter.setDescription(meaning);
			}
		}
	}

	private static boolean isError(String status) {
		return status.startsWith("4") || status.startsWith("5") || "default".equals(status);
	}

	/** What the documentation needs to know of a handler method and its mapping. */
	record Endpoint(List<String> paths, boolean unsafe, boolean publicEndpoint, boolean selfService,
			List<String> permissions, boolean pathVariables, boolean queryParameters, boolean body, boolean validated,
			boolean multipart) {

		static Endpoint of(HandlerMethod handler) {
			Method method = handler.getMethod();
			Class<?> type = handler.getBeanType();
			RequestMapping onType = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
			RequestMapping onMethod = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
			List<String> prefixes = onType == null || onType.path().length == 0 ? List.of("") : List.of(onType.path());
			List<String> suffixes = onMethod == null || onMethod.path().length == 0 ? List.of("") : List.of(onMethod.path());
			List<String> paths = new ArrayList<>();
			prefixes.forEach(prefix -> suffixes.forEach(suffix -> paths.add(prefix + suffix)));
			Set<RequestMethod> verbs = onMethod == null ? Set.of() : Set.of(onMethod.method());
			boolean unsafe = verbs.stream().anyMatch(UNSAFE::contains);
			PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
			if (rule == null) {
				rule = AnnotatedElementUtils.findMergedAnnotation(type, PreAuthorize.class);
			}
			List<String> permissions = new ArrayList<>();
			if (rule != null) {
				Matcher matcher = PERMISSION.matcher(rule.value());
				while (matcher.find()) {
					permissions.add(matcher.group(1));
				}
			}
			boolean pathVariables = false;
			boolean query = false;
			boolean body = false;
			boolean validated = false;
			boolean multipart = false;
			for (MethodParameter parameter : handler.getMethodParameters()) {
				Class<?> parameterType = parameter.getParameterType();
				if (MultipartFile.class.isAssignableFrom(parameterType) || parameter.hasParameterAnnotation(RequestPart.class)) {
					multipart = true;
				}
				else if (parameter.hasParameterAnnotation(PathVariable.class)) {
					pathVariables = true;
				}
				else if (parameter.hasParameterAnnotation(RequestParam.class)) {
					query = true;
				}
				else if (parameter.hasParameterAnnotation(RequestBody.class)) {
					body = true;
					validated = parameter.hasParameterAnnotation(Valid.class)
							|| parameter.hasParameterAnnotation(Validated.class);
				}
			}
			return new Endpoint(paths, unsafe, has(handler, PublicEndpoint.class), has(handler, SelfService.class),
					permissions.stream().distinct().toList(), pathVariables, query, body, validated, multipart);
		}

		private static boolean has(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> annotation) {
			return handler.hasMethodAnnotation(annotation) || handler.getBeanType().isAnnotationPresent(annotation);
		}

	}

}
