package io.opsguard.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What integrators need from each API operation of an OpenAPI document: a summary, a description,
 * its error answers as {@code application/problem+json}, each listing only codes that exist under
 * their own HTTP status, and a described tag. Answers one line per fault, naming the operation.
 */
final class OpenApiDocumentCheck {

	static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

	/** An error code's shape; {@code ISO-8601} is a standard's name. */
	private static final Pattern CODE = Pattern.compile("\\b(?!ISO-)[A-Z]{2,5}-\\d{4}\\b");

	private OpenApiDocumentCheck() {
	}

	/**
	 * @param document the OpenAPI document
	 * @param statusByCode every error code of the product and the HTTP status it answers with
	 */
	static List<String> faults(JsonNode document, Map<String, Integer> statusByCode) {
		List<String> faults = new ArrayList<>();
		Set<String> describedTags = new TreeSet<>();
		for (JsonNode tag : document.path("tags")) {
			if (!tag.path("description").asText("").isBlank()) {
				describedTags.add(tag.path("name").asText());
			}
		}
		for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
			Map.Entry<String, JsonNode> path = paths.next();
			if (!path.getKey().startsWith("/api/")) {
				continue;
			}
			for (String method : METHODS) {
				JsonNode operation = path.getValue().path(method);
				if (!operation.isMissingNode()) {
					check(method.toUpperCase() + " " + path.getKey(), operation, statusByCode, describedTags, faults);
				}
			}
		}
		return faults;
	}

	private static void check(String name, JsonNode operation, Map<String, Integer> statusByCode,
			Set<String> describedTags, List<String> faults) {
		if (operation.path("summary").asText("").isBlank()) {
			faults.add(name + ": no summary");
		}
		if (operation.path("description").asText("").isBlank()) {
			faults.add(name + ": no description");
		}
		if (operation.path("tags").isEmpty()) {
			faults.add(name + ": no tag");
		}
		for (JsonNode tag : operation.path("tags")) {
			if (!describedTags.contains(tag.asText())) {
				faults.add(name + ": tag '" + tag.asText() + "' has no description");
			}
		}
		for (JsonNode code : operation.path("x-error-codes")) {
			known(name, code.asText(), statusByCode, faults);
		}
		for (JsonNode code : operation.path("x-field-error-codes")) {
			known(name, code.asText(), statusByCode, faults);
		}
		mentioned(name, operation.path("description").asText(""), statusByCode, faults);
		boolean clientError = false;
		for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields(); responses.hasNext();) {
			Map.Entry<String, JsonNode> response = responses.next();
			String status = response.getKey();
			if (!status.startsWith("4") && !status.startsWith("5")) {
				continue;
			}
			String where = name + " → " + status;
			JsonNode problem = response.getValue().path("content").path("application/problem+json");
			if (problem.isMissingNode()) {
				faults.add(where + ": not application/problem+json");
				continue;
			}
			if (!problem.path("schema").path("$ref").asText().endsWith("/ProblemDetail")) {
				faults.add(where + ": the schema is not ProblemDetail");
			}
			JsonNode codes = response.getValue().path("x-error-codes");
			if (codes.isEmpty()) {
				faults.add(where + ": lists no error code");
			}
			for (JsonNode code : codes) {
				Integer expected = known(where, code.asText(), statusByCode, faults);
				if (expected != null && !String.valueOf(expected).equals(status)) {
					faults.add(where + ": " + code.asText() + " answers " + expected + ", not " + status);
				}
			}
			mentioned(where, response.getValue().path("description").asText(""), statusByCode, faults);
			clientError |= status.startsWith("4");
		}
		if (!clientError) {
			faults.add(name + ": no 4xx application/problem+json response");
		}
	}

	private static Integer known(String where, String code, Map<String, Integer> statusByCode, List<String> faults) {
		Integer status = statusByCode.get(code);
		if (status == null) {
			faults.add(where + ": error code " + code + " does not exist");
		}
		return status;
	}

	private static void mentioned(String where, String text, Map<String, Integer> statusByCode, List<String> faults) {
		Matcher matcher = CODE.matcher(text);
		while (matcher.find()) {
			if (!statusByCode.containsKey(matcher.group())) {
				faults.add(where + ": mentions error code " + matcher.group() + ", which does not exist");
			}
		}
	}

}
