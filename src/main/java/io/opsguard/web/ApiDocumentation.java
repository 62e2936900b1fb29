package io.opsguard.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.identity.SecurityFilters;
import io.opsguard.shared.ErrorCatalogue;
import io.opsguard.shared.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /api/docs.json}: its head, the {@code ProblemDetail} every error
 * answers with, the catalogue of error codes ({@code ErrorCode}), and {@link ProblemResponses},
 * which gives every operation its errors and access rule.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String ERROR_CODE_SCHEMA = "ErrorCode";

	static final String FIELD_PROBLEM_SCHEMA = "FieldProblem";

	private static final String INTRODUCTION = """
			运维保障平台 (OpsGuard) REST API, version 1.

			**Calling it.** Integrations send `Authorization: Bearer <api-token>` (a token a user creates \
			under `POST /api/v1/auth/tokens`; no CSRF token needed). Browsers sign in with \
			`POST /api/v1/auth/login`, keep the session cookie and echo the `XSRF-TOKEN` cookie in the \
			`X-XSRF-TOKEN` header of every unsafe request. Data is scoped to the caller's organisation \
			subtree: what lies outside it answers 404 as if it did not exist.

			**Lists** take `page` (from 0), `size` (1–200, default 20) and, where named, \
			`sort=field,asc|desc`, and answer `{items, total, page, size}`.

			**Errors** are RFC 9457 `application/problem+json` (schema `ProblemDetail`) with the real HTTP \
			status, a stable `code` (schema `ErrorCode` lists them all) and `title`/`detail` in the \
			request's language (`Accept-Language: en` for English, Simplified Chinese otherwise). \
			Every operation lists the codes it may answer under each status. A 503 (`SYS-0013`) carries \
			`Retry-After`: nothing was changed, repeat the request.

			**Changes** are audited (who, when, what, before and after, from where). Updates of a \
			versioned resource carry the `version` that was read; another one answers 409.
			""";

	@Bean
	ErrorCatalogue errorCatalogue() {
		return ErrorCatalogue.scan();
	}

	@Bean
	ProblemResponses problemResponses(ErrorCatalogue catalogue, MessageSource messages, SecurityFilters identity) {
		return new ProblemResponses(catalogue, messages, identity);
	}

	@Bean
	OpenAPI openApi(ErrorCatalogue catalogue, MessageSource messages) {
		return new OpenAPI().info(new Info().title("OpsGuard API").description(INTRODUCTION).version("v1"))
			.components(new Components().addSchemas(ProblemResponses.PROBLEM_SCHEMA, problemDetail())
				.addSchemas(FIELD_PROBLEM_SCHEMA, fieldProblem())
				.addSchemas(ERROR_CODE_SCHEMA, errorCodes(catalogue, messages)));
	}

	private static Schema<Object> problemDetail() {
		Schema<Object> schema = object("An error, RFC 9457 problem details (`application/problem+json`).");
		schema.addProperty("type", string("`https://opsguard.io/problems/<code>`.").format("uri"));
		schema.addProperty("title", string("The error's short title, in the request's language."));
		schema.addProperty("status", new Schema<Integer>().type("integer").types(Set.of("integer")).format("int32")
			.description("The HTTP status, the same as the response's."));
		schema.addProperty("detail", string("What went wrong and what to do, in the request's language."));
		schema.addProperty("instance", string("The path of the request.").format("uri-reference"));
		schema.addProperty("code", ref(ERROR_CODE_SCHEMA));
		schema.addProperty("errors", new Schema<Object>().type("array").types(Set.of("array"))
			.items(ref(FIELD_PROBLEM_SCHEMA))
			.description("Every bad field or file row, when the input is at fault (e.g. `SYS-0001`, `SYS-0003`, "
					+ "`CMDB-0030`, `CAL-0011`)."));
		schema.addProperty("valid", bool("Refused imports (`CMDB-0030`, `CAL-0011`): false."));
		schema.addProperty("written", bool("Refused imports: false, nothing was written."));
		schema.addProperty("rows", integer("Refused CI imports (`CMDB-0030`): the rows the file holds."));
		schema.addProperty("created", integer("Refused CI imports: 0."));
		schema.addProperty("updated", integer("Refused CI imports: 0."));
		schema.addProperty("format", string("Refused holiday-schedule imports (`CAL-0011`): the file format read."));
		schema.addProperty("years", new Schema<Object>().type("array").types(Set.of("array"))
			.items(integer(null))
			.description("Refused holiday-schedule imports: the years the file covers."));
		schema.required(List.of("type", "title", "status", "code"));
		return schema;
	}

	private static Schema<Object> fieldProblem() {
		Schema<Object> schema = object("One bad input field, or one fault of an imported file.");
		schema.addProperty("field", string("The field: a JSON property path (`attributes.ip`) or a parameter; in a "
				+ "CI import, the column's key."));
		schema.addProperty("code", string("An `ErrorCode`, or the name of the bean-validation constraint that "
				+ "failed (`NotBlank`, `Size`, `Pattern`…). Not in import faults."));
		schema.addProperty("message", string("What is wrong, in the request's language."));
		schema.addProperty("row", integer("CI imports: the row of the file (as the spreadsheet numbers it)."));
		schema.addProperty("column", string("CI imports: the column's title in the request's language."));
		schema.addProperty("allowedValues", new Schema<Object>().type("array").types(Set.of("array"))
			.items(string(null))
			.description("CI imports: the values the column takes, when the value is not one of them."));
		schema.addProperty("line", integer("Holiday-schedule imports: the line of the file."));
		schema.required(List.of("message"));
		return schema;
	}

	/** Every code, with its HTTP status and its titles in Chinese and English. */
	private static Schema<String> errorCodes(ErrorCatalogue catalogue, MessageSource messages) {
		StringBuilder table = new StringBuilder("""
				The stable error codes (a problem's `code`). Titles are read from the message files; \
				the `detail` of an answer says more, with the values concerned.

				| code | HTTP | 中文 | English |
				|---|---|---|---|
				""");
		for (ErrorCode code : catalogue.all()) {
			table.append("| `")
				.append(code.code())
				.append("` | ")
				.append(code.status().value())
				.append(" | ")
				.append(title(messages, code, Locale.SIMPLIFIED_CHINESE))
				.append(" | ")
				.append(title(messages, code, Locale.ENGLISH))
				.append(" |\n");
		}
		Schema<String> schema = string(table.toString());
		schema.setEnum(catalogue.all().stream().map(ErrorCode::code).toList());
		schema.addExtension("x-error-catalogue",
				catalogue.all()
					.stream()
					.collect(java.util.stream.Collectors.toMap(ErrorCode::code,
							code -> Map.of("status", code.status().value(), "zh-CN",
									title(messages, code, Locale.SIMPLIFIED_CHINESE), "en",
									title(messages, code, Locale.ENGLISH)),
							(a, b) -> a, java.util.TreeMap::new)));
		return schema;
	}

	private static String title(MessageSource messages, ErrorCode code, Locale locale) {
		return messages.getMessage(code.titleKey(), null, code.code(), locale).replace("|", "\\|");
	}

	private static Schema<Object> object(String description) {
		return new Schema<Object>().type("object").types(Set.of("object")).description(description);
	}

	private static Schema<String> string(String description) {
		return new Schema<String>().type("string").types(Set.of("string")).description(description);
	}

	private static Schema<Object> integer(String description) {
		return new Schema<Object>().type("integer").types(Set.of("integer")).format("int32").description(description);
	}

	private static Schema<Object> bool(String description) {
		return new Schema<Object>().type("boolean").types(Set.of("boolean")).description(description);
	}

	private static Schema<Object> ref(String name) {
		return new Schema<Object>().$ref("#/components/schemas/" + name);
	}

}
