package io.opsguard.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each bad input the fuzz test ({@link ApiFuzzIT}) found answering 500, pinned: the 4xx problem it
 * answers now, with a stable code and words in the request's language.
 */
class BadInputIT extends ApiTestSupport {

	@Test
	void anEmptySortIsRefusedOnEveryList() {
		ApiClient admin = admin();
		for (String list : new String[] { "/api/v1/users", "/api/v1/roles", "/api/v1/organisations", "/api/v1/audit",
				"/api/v1/cmdb/cis" }) {
			for (String sort : new String[] { "%2C", "%2C%2C", "name%2C" }) {
				Response response = admin.get(list + "?sort=" + sort);
				assertThat(response.status()).as(list + " sort=" + sort + ": " + response).isEqualTo(400);
				assertThat(response.code()).isEqualTo("SYS-0003");
				assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("sort");
			}
		}
	}

	@Test
	void controlCharactersInParametersAreRefusedNamingTheParameter() {
		ApiClient admin = admin().language("en");
		for (String value : new String[] { "%00", "a%00", "%01", "%7F" }) {
			Response response = admin.get("/api/v1/cmdb/cis?name=" + value);
			assertThat(response.status()).as(value + ": " + response).isEqualTo(400);
			assertThat(response.code()).isEqualTo("SYS-0016");
			assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("name");
			assertThat(response.json().path("detail").asText()).contains("control characters");
		}
		assertThat(admin.get("/api/v1/cmdb/cis/export.csv?name=%00").status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/cmdb/cis?name=%09").status()).as("a tab is only blank").isEqualTo(200);
	}

	@Test
	void multipartWithoutABoundaryOnAJsonEndpointIsAnUnsupportedMediaType() {
		ApiClient admin = admin();
		Response post = admin.exchange("POST", "/api/v1/organisations", Map.of("Content-Type", "multipart/form-data"),
				"{}".getBytes(StandardCharsets.UTF_8));
		assertThat(post.status()).as(post.toString()).isEqualTo(415);
		assertThat(post.code()).isEqualTo("SYS-0010");
		Response get = admin.exchange("GET", "/api/v1/users/1", Map.of("Content-Type", "multipart/form-data; boundary="),
				"{}".getBytes(StandardCharsets.UTF_8));
		assertThat(get.status()).as("a GET reads no body: " + get).isEqualTo(200);
	}

	@Test
	void uploadsThatCannotBeReadAre400() {
		ApiClient admin = admin();
		com.fasterxml.jackson.databind.JsonNode leaf = admin.get("/api/v1/cmdb/classes").json().path(0);
		while (leaf.path("children").size() > 0) {
			leaf = leaf.path("children").path(0);
		}
		long classId = leaf.path("id").asLong();
		String path = "/api/v1/cmdb/classes/" + classId + "/import?dryRun=true";
		Response nul = admin.exchange("POST", path, Map.of("Content-Type", "multipart/form-data; boundary=b"),
				BadRequests.part("b", "file", "a\u0000.xlsx", "x".getBytes(StandardCharsets.UTF_8)));
		assertThat(nul.status()).as("NUL in the file name: " + nul).isEqualTo(400);
		Response bomb = admin.exchange("POST", path, Map.of("Content-Type", "multipart/form-data; boundary=b"),
				BadRequests.part("b", "file", "bomb.xlsx", BadRequests.zipBomb()));
		assertThat(bomb.status()).as("a zip bomb: " + bomb).isEqualTo(400);
		assertThat(bomb.code()).isNotBlank();
		Response unterminated = admin.exchange("POST", path, Map.of("Content-Type", "multipart/form-data; boundary=b"),
				"--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8));
		assertThat(unterminated.status()).as(unterminated.toString()).isEqualTo(400);
		assertThat(unterminated.code()).isEqualTo("SYS-0014");
		Response json = admin.post(path, Map.of("file", 1));
		assertThat(json.status()).as("JSON where an upload is expected: " + json).isEqualTo(415);
	}

	@Test
	void datesBeyondYear9999AreRefusedNamingTheParameter() {
		ApiClient admin = admin();
		String far = "%2B999999999-12-31T23%3A59%3A59Z";
		String[] requests = { "/api/v1/calendars/7x24/working-time?at=" + far,
				"/api/v1/calendars/7x24/deadline?start=" + far + "&duration=PT2H",
				"/api/v1/calendars/7x24/elapsed?from=2026-01-01T00%3A00%3A00Z&to=" + far,
				"/api/v1/calendars/7x24/elapsed?from=-999999999-01-01T00%3A00%3A00Z&to=2026-01-01T00%3A00%3A00Z",
				"/api/v1/cmdb/cis/1/as-of?at=" + far, "/api/v1/audit?from=" + far };
		for (String request : requests) {
			Response response = admin.get(request);
			assertThat(response.status()).as(request + ": " + response).isEqualTo(400);
			// calendars name their own, narrower range (1970–2200); everything else the request limit
			assertThat(response.code()).isEqualTo(request.startsWith("/api/v1/calendars") ? "CAL-0022" : "SYS-0015");
			assertThat(response.json().path("errors").get(0).path("field").asText()).isNotBlank();
		}
	}

	@Test
	void whatCannotBeAnsweredInTheAcceptedFormatIs406WithAProblemAnyway() {
		ApiClient admin = admin();
		for (String accept : new String[] { "application/xml", "image/png", "garbage/" }) {
			Response response = admin.exchange("GET", "/api/v1/users/1", Map.of("Accept", accept), null);
			assertThat(response.status()).as(accept + ": " + response).isEqualTo(406);
			assertThat(response.code()).isEqualTo("SYS-0012");
		}
	}

	@Test
	void theErrorAddressIsA404ProblemAndAPageInWordsForBrowsers() {
		Response direct = client().get("/error");
		assertThat(direct.status()).isEqualTo(404);
		assertThat(direct.contentType()).startsWith("application/problem+json");
		assertThat(direct.code()).isEqualTo("SYS-0004");
		assertThat(admin().send("POST", "/error", "{}").status()).isEqualTo(404);

		Response page = client().exchange("GET", "/error", Map.of("Accept", "text/html", "Accept-Language", "zh-CN"), null);
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.text()).contains("未找到", "返回首页").doesNotContain("Exception", "at org.", "Whitelabel");
		Response english = client().exchange("GET", "/error", Map.of("Accept", "text/html", "Accept-Language", "en"), null);
		assertThat(english.text()).contains("Not found", "Back to the start page");
	}

	@Test
	void anOversizedOrUnparsableRequestLineIsA400NotA500() {
		Response longUri = client().get("/api/v1/cmdb/cis?q=" + "a".repeat(20_000));
		assertThat(longUri.status()).as(longUri.toString()).isBetween(400, 499);
	}

}
