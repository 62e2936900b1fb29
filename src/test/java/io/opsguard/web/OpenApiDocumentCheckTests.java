package io.opsguard.web;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorCatalogue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The check behind {@code OpenApiDocumentIT} names each fault of a document, and only faults. */
class OpenApiDocumentCheckTests {

	private static final Map<String, Integer> CODES = Map.of("SYS-0004", 404, "SYS-0005", 401, "CMDB-0016", 409);

	private static final String TAGS = """
			"tags": [{"name": "cmdb", "description": "Configuration items"}, {"name": "bare"}]""";

	private static final String GOOD_OPERATION = """
			{"summary": "Create a CI", "description": "Creates it.", "tags": ["cmdb"],
			 "x-error-codes": ["CMDB-0016", "SYS-0005"],
			 "responses": {
			   "201": {"description": "Created"},
			   "401": {"description": "Unauthorized. Codes: `SYS-0005`", "x-error-codes": ["SYS-0005"],
			           "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}},
			   "409": {"description": "Conflict", "x-error-codes": ["CMDB-0016"],
			           "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}}}}""";

	private static JsonNode document(String operation) throws Exception {
		return new ObjectMapper().readTree("{" + TAGS + ", \"paths\": {\"/api/v1/cis\": {\"post\": " + operation
				+ "}, \"/actuator/health\": {\"get\": {}}}}");
	}

	@Test
	void aDocumentedOperationHasNoFault() throws Exception {
		assertThat(OpenApiDocumentCheck.faults(document(GOOD_OPERATION), CODES)).isEmpty();
	}

	@Test
	void anOperationWithoutSummaryOrDescriptionIsNamed() throws Exception {
		String bare = GOOD_OPERATION.replace("\"summary\": \"Create a CI\", \"description\": \"Creates it.\",", "");
		assertThat(OpenApiDocumentCheck.faults(document(bare), CODES))
			.containsExactly("POST /api/v1/cis: no summary", "POST /api/v1/cis: no description");
	}

	@Test
	void anOperationWithoutProblemResponsesIsNamed() throws Exception {
		String none = """
				{"summary": "s", "description": "d", "tags": ["cmdb"], "responses": {"200": {"description": "OK"}}}""";
		assertThat(OpenApiDocumentCheck.faults(document(none), CODES))
			.containsExactly("POST /api/v1/cis: no 4xx application/problem+json response");
		String plainJson = GOOD_OPERATION.replace("\"application/problem+json\": {\"schema\": {\"$ref\": "
				+ "\"#/components/schemas/ProblemDetail\"}}}},\n   \"409\"", "\"application/json\": {}}},\n   \"409\"");
		assertThat(OpenApiDocumentCheck.faults(document(plainJson), CODES))
			.containsExactly("POST /api/v1/cis → 401: not application/problem+json");
	}

	@Test
	void codesThatDoNotExistOrSitUnderAnotherStatusAreNamed() throws Exception {
		String unknown = GOOD_OPERATION.replace("\"x-error-codes\": [\"CMDB-0016\"]", "\"x-error-codes\": [\"CMDB-0999\"]");
		assertThat(OpenApiDocumentCheck.faults(document(unknown), CODES))
			.containsExactly("POST /api/v1/cis → 409: error code CMDB-0999 does not exist");
		String misfiled = GOOD_OPERATION.replace("\"x-error-codes\": [\"CMDB-0016\"]", "\"x-error-codes\": [\"SYS-0004\"]");
		assertThat(OpenApiDocumentCheck.faults(document(misfiled), CODES))
			.containsExactly("POST /api/v1/cis → 409: SYS-0004 answers 404, not 409");
		String field = GOOD_OPERATION.replace("\"tags\": [\"cmdb\"],", "\"tags\": [\"cmdb\"], \"x-field-error-codes\": [\"CMDB-0777\"],");
		assertThat(OpenApiDocumentCheck.faults(document(field), CODES))
			.containsExactly("POST /api/v1/cis: error code CMDB-0777 does not exist");
		String mentioned = GOOD_OPERATION.replace("Creates it.", "Creates it; answers IDN-0077 or a date in ISO-8601.");
		assertThat(OpenApiDocumentCheck.faults(document(mentioned), CODES))
			.containsExactly("POST /api/v1/cis: mentions error code IDN-0077, which does not exist");
	}

	@Test
	void anOperationUnderAnUndescribedTagIsNamed() throws Exception {
		assertThat(OpenApiDocumentCheck.faults(document(GOOD_OPERATION.replace("[\"cmdb\"]", "[\"bare\"]")), CODES))
			.containsExactly("POST /api/v1/cis: tag 'bare' has no description");
	}

	@Test
	void theCatalogueHoldsEveryModulesCodesOnce() {
		ErrorCatalogue catalogue = ErrorCatalogue.scan();
		assertThat(catalogue.all()).hasSizeGreaterThan(100).contains(CommonError.UNSTORABLE_VALUE);
		assertThat(catalogue.find("CMDB-0016")).hasValueSatisfying(code -> assertThat(code.status().value()).isEqualTo(409));
		assertThat(catalogue.find("SL-0034")).isPresent();
		assertThat(catalogue.find("CAL-0019")).isPresent();
		assertThat(catalogue.find("DEF-0001")).isPresent();
		assertThat(catalogue.find("IDN-0004")).isPresent();
		assertThat(catalogue.find("CMDB-0001")).isEmpty();
	}

}
