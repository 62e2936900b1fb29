package io.opsguard.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import io.opsguard.web.BadRequests.Operation;
import io.opsguard.web.BadRequests.Parameter;
import io.opsguard.web.BadRequests.Probe;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every operation of the OpenAPI document generated bad input (query parameters, path
 * variables, JSON bodies, uploads, headers) as the signed-in administrator, who holds every
 * permission, so that the requests reach the handlers; fails on any 5xx, naming each operation and
 * the request that broke it. Runs on its own demo database (real ids to aim at; whatever the fuzzing
 * changes stays there), with a fixed seed and a cap per operation.
 */
class ApiFuzzIT extends ApiTestSupport {

	private static final long SEED = 8;

	private static final int PROBES_PER_OPERATION = 40;

	/** Each request of these costs a password hash by design: fewer probes. */
	private static final List<String> SLOW_OPERATIONS = List.of("POST /api/v1/auth/login", "POST /api/v1/auth/password");

	private static final int PROBES_PER_SLOW_OPERATION = 12;

	private static final Path OWN_DATA_DIR = newDataDir();

	/**
	 * 5xx known and owned elsewhere, to be removed when the fix is merged: operation (regex on
	 * "METHOD /path") and probe (regex) → the issue item that fixes it. Keep it short and empty when
	 * you can.
	 */
	private static final Map<String, String> KNOWN_ELSEWHERE = Map.of();

	@DynamicPropertySource
	static void demoData(DynamicPropertyRegistry registry) {
		registry.add("opsguard.demo", () -> "true");
		registry.add("opsguard.data-dir", OWN_DATA_DIR::toString);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("opsguard")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
	}

	@Test
	void noOperationAnswersAServerErrorToBadInput() {
		ApiClient admin = admin();
		JsonNode document = admin.get("/api/docs.json").json();
		List<Operation> operations = operations(document);
		assertThat(operations).as("the OpenAPI document lists the API").hasSizeGreaterThan(50);
		Map<String, String> known = knownValues(admin, operations);

		List<String> failures = new ArrayList<>();
		List<String> allowed = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		int requests = 0;
		int signIns = 0;
		long started = System.nanoTime();
		Map<String, Long> millis = new HashMap<>();
		for (Operation operation : operations) {
			long operationStarted = System.nanoTime();
			BadRequests generator = new BadRequests(SEED * 31 + operation.key().hashCode(),
					key -> known.get(key),
					SLOW_OPERATIONS.contains(operation.key()) ? PROBES_PER_SLOW_OPERATION : PROBES_PER_OPERATION);
			generator.components(document.path("components"));
			for (Probe probe : generator.of(operation)) {
				Response response;
				try {
					response = admin.exchange(probe.method(), probe.pathAndQuery(), probe.headers(), probe.body());
				}
				catch (IllegalArgumentException ex) {
					// the HTTP client refuses to send it (e.g. a header it does not allow): nothing to learn
					continue;
				}
				requests++;
				statuses.merge(response.status(), 1, Integer::sum);
				if (System.getProperty("fuzz.trace") != null) {
					System.out.println("ApiFuzzIT trace: " + response.status() + " " + response.code() + " " + probe);
				}
				if (response.status() >= 500) {
					String line = operation.key() + " → " + response.status() + " " + response.code() + " for " + probe;
					String item = knownElsewhere(operation, probe);
					(item == null ? failures : allowed).add(item == null ? line : line + " (" + item + ")");
				}
				if (response.status() == 401) {
					// e.g. the probe signed out: sign in again so that the next probes reach the handlers
					admin = admin();
					signIns++;
				}
			}
			millis.put(operation.key(), (System.nanoTime() - operationStarted) / 1_000_000);
		}
		long seconds = (System.nanoTime() - started) / 1_000_000_000;
		System.out.printf("ApiFuzzIT: %d operations, %d requests in %d s, statuses %s, %d sign-ins again, %d known elsewhere%n",
				operations.size(), requests, seconds, statuses, signIns, allowed.size());
		millis.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(5)
			.forEach(e -> System.out.println("ApiFuzzIT slowest: " + e.getKey() + " " + e.getValue() + " ms"));
		allowed.forEach(line -> System.out.println("ApiFuzzIT known elsewhere: " + line));
		assertThat(failures).as("server errors for bad input:%n%s", String.join("\n", failures)).isEmpty();
	}

	private static String knownElsewhere(Operation operation, Probe probe) {
		for (Map.Entry<String, String> entry : KNOWN_ELSEWHERE.entrySet()) {
			String[] parts = entry.getKey().split(" :: ", 2);
			if (Pattern.matches(parts[0], operation.key()) && Pattern.compile(parts[1]).matcher(probe.toString()).find()) {
				return entry.getValue();
			}
		}
		return null;
	}

	static List<Operation> operations(JsonNode document) {
		List<Operation> operations = new ArrayList<>();
		for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
			Map.Entry<String, JsonNode> path = paths.next();
			for (String method : List.of("get", "post", "put", "patch", "delete")) {
				JsonNode operation = path.getValue().path(method);
				if (operation.isMissingNode()) {
					continue;
				}
				List<Parameter> parameters = new ArrayList<>();
				for (JsonNode parameter : operation.path("parameters")) {
					parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
							parameter.path("required").asBoolean(), parameter.path("schema")));
				}
				JsonNode content = operation.path("requestBody").path("content");
				JsonNode json = content.has("application/json") ? content.path("application/json").path("schema") : null;
				JsonNode multipart = content.has("multipart/form-data") ? content.path("multipart/form-data").path("schema")
						: null;
				operations.add(new Operation(method.toUpperCase(), path.getKey(), parameters, json, multipart));
			}
		}
		return operations;
	}

	/**
	 * Real values for path and query parameters, keyed {@code path#name}: the first item of the list
	 * a path belongs to ({@code /api/v1/cmdb/cis/{id}/as-of#id} → the id of the first CI), and for a
	 * parameter {@code xxxId} the first item of the list whose name starts with {@code xxx}.
	 */
	private static Map<String, String> knownValues(ApiClient admin, List<Operation> operations) {
		Map<String, JsonNode> firstItems = new HashMap<>();
		for (Operation operation : operations) {
			boolean plainList = operation.method().equals("GET") && !operation.path().contains("{")
					&& operation.parameters().stream().noneMatch(Parameter::required);
			if (plainList) {
				JsonNode answer = admin.get(operation.path()).json();
				JsonNode items = answer.has("items") ? answer.get("items") : answer;
				if (items.isArray() && !items.isEmpty() && items.get(0).isObject()) {
					firstItems.put(operation.path(), items.get(0));
				}
			}
		}
		Map<String, String> known = new HashMap<>();
		for (Operation operation : operations) {
			for (Parameter parameter : operation.parameters()) {
				String value = null;
				String name = parameter.name();
				if (parameter.in().equals("path")) {
					String collection = operation.path().substring(0, operation.path().indexOf("/{" + name + "}"));
					JsonNode item = firstItems.get(collection);
					if (item != null) {
						value = item.has(name) ? item.get(name).asText() : null;
					}
				}
				else if (name.endsWith("Id") && name.length() > 2) {
					String prefix = name.substring(0, name.length() - 2).toLowerCase();
					value = firstItems.entrySet()
						.stream()
						.filter(e -> e.getKey().substring(e.getKey().lastIndexOf('/') + 1).toLowerCase().startsWith(prefix))
						.map(e -> e.getValue().path("id").asText(null))
						.filter(v -> v != null)
						.findFirst()
						.orElse(null);
				}
				if (value != null) {
					known.put(operation.path() + "#" + name, value);
				}
			}
		}
		return known;
	}

}
