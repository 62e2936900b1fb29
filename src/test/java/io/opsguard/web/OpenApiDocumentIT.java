package io.opsguard.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.shared.ErrorCatalogue;
import io.opsguard.shared.ErrorCode;
import io.opsguard.support.ApiTestSupport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is what integrators read: the one the application serves is valid OpenAPI
 * 3.1, and every API operation has a summary and a description, and declares its error answers as
 * {@code application/problem+json} with codes that exist, each under its own status. Fails naming
 * each operation at fault.
 */
class OpenApiDocumentIT extends ApiTestSupport {

	@Test
	void theDocumentIsValidOpenApi31() {
		Response docs = client().get("/api/docs.json");
		assertThat(docs.status()).isEqualTo(200);
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(docs.text(), null, options);
		assertThat(parsed.getOpenAPI()).as("parsed: %s", parsed.getMessages()).isNotNull();
		assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
		assertThat(parsed.getMessages()).as("validation messages").isEmpty();
	}

	@Test
	void everyOperationSaysWhatItDoesAndWhatItAnswersWhenItFails() throws IOException {
		Response docs = client().get("/api/docs.json");
		// kept for reading: target/openapi.json
		Files.write(Path.of("target", "openapi.json"), docs.bytes());
		JsonNode document = docs.json();
		assertThat(ApiFuzzIT.operations(document)).as("the document lists the API").hasSizeGreaterThan(100);
		List<String> faults = OpenApiDocumentCheck.faults(document, statusByCode());
		assertThat(faults).as("operations the OpenAPI document leaves integrators guessing about:%n%s",
				String.join("\n", faults)).isEmpty();
	}

	@Test
	void everyErrorIsAProblemDetailWithAStableCodeFromTheCatalogue() {
		JsonNode schemas = client().get("/api/docs.json").json().path("components").path("schemas");
		JsonNode problem = schemas.path("ProblemDetail").path("properties");
		assertThat(problem.fieldNames()).toIterable()
			.contains("type", "title", "status", "detail", "instance", "code", "errors");
		List<String> catalogue = new java.util.ArrayList<>();
		schemas.path("ErrorCode").path("enum").forEach(code -> catalogue.add(code.asText()));
		assertThat(catalogue).containsExactlyInAnyOrderElementsOf(statusByCode().keySet());
		assertThat(schemas.path("ErrorCode").path("description").asText()).contains("`CMDB-0016`", "编码不可用",
				"Code not available");
	}

	@Test
	void theDocumentIsPublicAndTheSameInEveryLanguage() {
		String chinese = client().get("/api/docs.json").text();
		String english = client().language("en").get("/api/docs.json").text();
		assertThat(english).isEqualTo(chinese);
	}

	/** Every code of every {@link ErrorCode} enum of the product, and its status. */
	static Map<String, Integer> statusByCode() {
		Map<String, Integer> codes = new TreeMap<>();
		for (ErrorCode code : ErrorCatalogue.scan().all()) {
			codes.put(code.code(), code.status().value());
		}
		assertThat(codes).hasSizeGreaterThan(100).containsEntry("SYS-0017", 400);
		return codes;
	}

}
