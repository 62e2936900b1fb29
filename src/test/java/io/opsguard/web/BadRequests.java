package io.opsguard.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates bad requests for one operation of the OpenAPI document: bad query parameters, path
 * variables, JSON bodies, multipart uploads and headers, around a plausible baseline request (required
 * parameters and body properties filled with values of the right type, real ids where known) so that
 * each bad value is the only thing wrong and reaches as deep as it can. Deterministic for a seed.
 */
final class BadRequests {

	/** An operation of the OpenAPI document. */
	record Operation(String method, String path, List<Parameter> parameters, JsonNode jsonBody, JsonNode multipartBody) {

		String key() {
			return this.method + " " + this.path;
		}

	}

	record Parameter(String name, String in, boolean required, JsonNode schema) {
	}

	/** One request: what it probes, and the request as sent. */
	record Probe(String probe, String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

		@Override
		public String toString() {
			String text = this.method + " " + abbreviate(this.pathAndQuery, 160);
			if (!this.headers.isEmpty()) {
				text += " " + this.headers;
			}
			if (this.body != null) {
				text += " body=" + abbreviate(new String(this.body, StandardCharsets.UTF_8), 160);
			}
			return "[" + this.probe + "] " + text;
		}

	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String JSON_TYPE = "application/json";

	static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";

	static final String FAR_PAST = "-999999999-01-01";

	/** Bad query values, URL-encoded; the first ones of each list are tried on every parameter. */
	private static final List<String> QUERY_VALUES_FIRST = List.of(encode(","), "%00", encode(FAR_FUTURE),
			encode(FAR_PAST), "abc", "-1", "99999999999999999999");

	private static final List<String> QUERY_VALUES_MORE = List.of("", "%01", "%7F", encode(" "), encode(",,"), "a%00b", "0",
			"-9223372036854775809", "9223372036854775807", "1e309", "NaN", "1.5", "true", "null", encode("[]"),
			encode("{}"), encode("-999999999-01-01T00:00:00Z"), encode("2026-02-30"), encode("2026-13-01T25:61:00Z"),
			encode("9999-12-31T23:59:59Z"), encode("0000-01-01"), encode("P999999999D"), encode("PT-1H"),
			encode("P1Y"), encode("PT0.5S"), "a".repeat(5000), encode("😀中文\u202e\u200b"), encode("' OR '1'='1' --"),
			encode("<script>alert(1)</script>"), encode("%"), encode("../../etc/passwd"), encode("\\"), encode("*"),
			encode("_%"), encode("\ufeff"), encode("id,desc,x"), encode(",asc"), encode("name,up"), encode("id,"));

	/** Left out of the baseline: their defaults are right, and a plausible value ("fuzz") is not. */
	private static final List<String> PAGING = List.of("page", "size", "sort");

	private static final List<String> PATH_VALUES = List.of("abc", "-1", "0", "99999999999999999999",
			"9223372036854775807", "%00", "1.5", "%20", encode("😀"), "a".repeat(300), encode("' OR 1=1"), "null");

	private final Random random;

	private final Function<String, String> knownValues;

	private final int cap;

	/**
	 * @param knownValues real values of a path or query parameter by name and path (e.g. the id of
	 * an existing CI), or {@code null}
	 */
	BadRequests(long seed, Function<String, String> knownValues, int cap) {
		this.random = new Random(seed);
		this.knownValues = knownValues;
		this.cap = cap;
	}

	/** The probes of one operation: at most {@code cap}, the important ones first. */
	List<Probe> of(Operation operation) {
		List<List<Probe>> groups = new ArrayList<>();
		List<Probe> more = new ArrayList<>();
		boolean upload = operation.multipartBody() != null || isUpload(operation.jsonBody());
		// changes are only ever sent to resources that do not exist (the fuzz test must not disable the
		// administrator it runs as), except uploads: no bad file imports anything
		boolean realTargets = operation.method().equals("GET") || upload;
		Map<String, String> pathValues = new LinkedHashMap<>();
		Map<String, String> query = new LinkedHashMap<>();
		for (Parameter parameter : operation.parameters()) {
			if (parameter.in().equals("path")) {
				String real = realTargets ? this.knownValues.apply(operation.path() + "#" + parameter.name()) : null;
				pathValues.put(parameter.name(), real != null ? real : plausibleMissing(parameter.schema()));
			}
			else if (parameter.in().equals("query") && (parameter.required() || !PAGING.contains(parameter.name()))) {
				query.put(parameter.name(), encode(plausible(parameter.name(), parameter.schema(), operation.path())));
			}
		}
		JsonNode baselineBody = operation.jsonBody() == null || upload ? null : plausibleJson(operation.jsonBody(), 0);
		Request baseline = new Request(operation, pathValues, query, Map.of(),
				baselineBody == null ? null : json(baselineBody));
		if (baselineBody != null) {
			baseline = baseline.header("Content-Type", JSON_TYPE);
		}
		String boundary = "fuzz" + this.random.nextInt(1_000_000);
		if (upload) {
			baseline = baseline.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.body(part(boundary, "file", "a.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8)));
		}
		groups.add(List.of(baseline.probe("baseline")));

		for (Parameter parameter : operation.parameters()) {
			List<Probe> first = new ArrayList<>();
			if (parameter.in().equals("path")) {
				for (String value : PATH_VALUES) {
					(value.equals("abc") || value.equals("-1") || value.equals("%00") ? first : more)
						.add(baseline.path(parameter.name(), value).probe("path " + parameter.name()));
				}
			}
			else if (parameter.in().equals("query")) {
				for (String value : QUERY_VALUES_FIRST) {
					first.add(baseline.query(parameter.name(), value).probe("query " + parameter.name()));
				}
				for (String value : QUERY_VALUES_MORE) {
					more.add(baseline.query(parameter.name(), value).probe("query " + parameter.name()));
				}
				more.add(baseline.repeated(parameter.name(), "1", encode(FAR_FUTURE)).probe("repeated " + parameter.name()));
			}
			groups.add(first);
		}

		List<Probe> headers = new ArrayList<>();
		byte[] someBody = baseline.body != null ? baseline.body : "{}".getBytes(StandardCharsets.UTF_8);
		headers.add(baseline.header("Content-Type", "multipart/form-data").body(someBody).probe("multipart without boundary"));
		headers.add(baseline.header("Accept", "application/xml").probe("accept"));
		headers.add(baseline.header("Content-Type", "garbage").body(someBody).probe("content type"));
		more.add(baseline.header("Content-Type", "multipart/form-data; boundary=").body(someBody).probe("empty boundary"));
		more.add(baseline.header("Content-Type", "text/plain").body(someBody).probe("content type"));
		more.add(baseline.header("Content-Type", "application/x-www-form-urlencoded")
			.body("a=%00&b&=c&page=-1".getBytes(StandardCharsets.UTF_8))
			.probe("form body"));
		more.add(baseline.header("Content-Type", "application/json; charset=nope").body(someBody).probe("charset"));
		more.add(baseline.header("Content-Type", "").body(someBody).probe("empty content type"));
		more.add(baseline.header("Accept", "garbage/").probe("accept"));
		more.add(baseline.header("Accept", "image/png").probe("accept"));
		more.add(baseline.header("Accept", "text/html").probe("accept"));
		more.add(baseline.header("Accept-Language", "xx-ZZ;q=abc,,;;").probe("accept-language"));
		more.add(baseline.header("Accept-Language", "*").probe("accept-language"));
		more.add(baseline.header("Accept-Language", "en-US-" + "x".repeat(2000)).probe("accept-language"));
		groups.add(headers);

		if (operation.jsonBody() != null) {
			groups.add(jsonBodyProbes(baseline, baselineBody, operation.jsonBody(), more));
		}
		if (upload) {
			groups.add(multipartProbes(baseline.header("Content-Type", null).body(null), boundary, more));
		}
		Collections.shuffle(more, this.random);
		groups.add(more);
		return interleave(groups);
	}

	private List<Probe> interleave(List<List<Probe>> groups) {
		List<Probe> probes = new ArrayList<>();
		// every group's first probes before the rest, then the rest in order
		List<Iterator<Probe>> iterators = groups.stream().map(List::iterator).toList();
		for (int round = 0; round < 3; round++) {
			for (Iterator<Probe> it : iterators.subList(0, iterators.size() - 1)) {
				if (it.hasNext()) {
					probes.add(it.next());
				}
			}
		}
		for (Iterator<Probe> it : iterators) {
			it.forEachRemaining(probes::add);
		}
		return probes.subList(0, Math.min(this.cap, probes.size()));
	}

	private List<Probe> jsonBodyProbes(Request baseline, JsonNode baselineBody, JsonNode schema, List<Probe> more) {
		Request json = baseline.header("Content-Type", JSON_TYPE);
		List<Probe> first = new ArrayList<>();
		first.add(json.body("{\"a\":".getBytes(StandardCharsets.UTF_8)).probe("malformed json"));
		first.add(json.body(new byte[0]).probe("empty body"));
		first.add(json.body("[{}]".getBytes(StandardCharsets.UTF_8)).probe("array for object"));
		first.add(json.body("{}".getBytes(StandardCharsets.UTF_8)).probe("empty object"));
		more.add(json.body("null".getBytes(StandardCharsets.UTF_8)).probe("null body"));
		more.add(json.body("\"text\"".getBytes(StandardCharsets.UTF_8)).probe("string body"));
		more.add(json.body("-1e999".getBytes(StandardCharsets.UTF_8)).probe("number body"));
		more.add(json.body(("{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes(StandardCharsets.UTF_8))
			.probe("deep nesting"));
		more.add(json.body(("{\"a\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8)).probe("huge string"));
		more.add(json.body("{\"a\":\"\\u0000\",\"a\":1}".getBytes(StandardCharsets.UTF_8)).probe("duplicate key"));
		more.add(json.body(new byte[] { (byte) 0xff, (byte) 0xfe, '{', '}' }).probe("not utf-8"));
		if (baselineBody instanceof ObjectNode object) {
			ObjectNode extra = object.deepCopy();
			extra.put("unknownField", "<b>x</b>");
			extra.putObject("__proto__").put("admin", true);
			more.add(json.body(json(extra)).probe("extra fields"));
			ObjectNode nulls = object.deepCopy();
			nulls.fieldNames().forEachRemaining(name -> nulls.set(name, NODES.nullNode()));
			more.add(json.body(json(nulls)).probe("all null"));
			JsonNode properties = resolve(schema).path("properties");
			properties.fieldNames().forEachRemaining(name -> {
				List<JsonNode> values = badValues(resolve(properties.get(name)));
				for (int i = 0; i < values.size(); i++) {
					ObjectNode changed = object.deepCopy();
					changed.set(name, values.get(i));
					(i < 2 ? first : more).add(json.body(json(changed)).probe("property " + name));
				}
			});
		}
		return first;
	}

	private List<JsonNode> badValues(JsonNode schema) {
		String type = schema.path("type").asText("");
		List<JsonNode> values = new ArrayList<>();
		// a wrong type first, then null, then values of the right type at their extremes
		switch (type) {
			case "string" -> values.add(NODES.objectNode().put("x", 1));
			case "integer", "number" -> values.add(NODES.textNode("abc"));
			case "boolean" -> values.add(NODES.textNode("maybe"));
			case "array" -> values.add(NODES.textNode("not an array"));
			default -> values.add(NODES.arrayNode().add(1));
		}
		values.add(NODES.nullNode());
		values.add(NODES.textNode(FAR_FUTURE));
		values.add(NODES.textNode(FAR_PAST));
		values.add(NODES.textNode(""));
		values.add(NODES.textNode("x".repeat(100_000)));
		values.add(NODES.textNode("\u0000<script>alert(1)</script>' OR '1'='1😀\u202e"));
		values.add(NODES.numberNode(-1));
		values.add(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
		values.add(NODES.numberNode(1e308));
		values.add(NODES.numberNode(Long.MAX_VALUE));
		values.add(NODES.numberNode(Long.MIN_VALUE));
		values.add(NODES.booleanNode(true));
		values.add(NODES.arrayNode().add(NODES.nullNode()).add(NODES.objectNode()));
		values.add(NODES.objectNode());
		values.add(NODES.textNode("P999999999D"));
		values.add(NODES.textNode("PT-1H"));
		values.add(NODES.textNode("2026-02-30T25:00"));
		if (type.equals("array")) {
			ArrayNode many = NODES.arrayNode();
			for (int i = 0; i < 10_000; i++) {
				many.add(i);
			}
			values.add(many);
		}
		return values;
	}

	/** springdoc documents a {@code MultipartFile} parameter as a body with a binary property. */
	private boolean isUpload(JsonNode schema) {
		if (schema == null) {
			return false;
		}
		for (JsonNode property : resolve(schema).path("properties")) {
			if ("binary".equals(resolve(property).path("format").asText())) {
				return true;
			}
		}
		return false;
	}

	private List<Probe> multipartProbes(Request upload, String boundary, List<Probe> more) {
		Request multipart = upload.header("Content-Type", "multipart/form-data; boundary=" + boundary);
		List<Probe> first = new ArrayList<>();
		byte[] xlsx = "PK not really a zip".getBytes(StandardCharsets.UTF_8);
		first.add(multipart.body(part(boundary, "file", "a\u0000.xlsx", xlsx)).probe("NUL in file name"));
		first.add(multipart.body(part(boundary, "file", "bomb.xlsx", zipBomb())).probe("zip bomb"));
		first.add(multipart.body(part(boundary, "file", "empty.xlsx", new byte[0])).probe("empty file"));
		more.add(multipart.body(part(boundary, "file", "a.xlsx", xlsx)).probe("not a zip"));
		more.add(multipart.body(part(boundary, "file", "a.csv", "\u0000,\"\n\"\"x".getBytes(StandardCharsets.UTF_8)))
			.probe("garbage csv"));
		more.add(multipart.body(part(boundary, "file", "../../../etc/passwd", xlsx)).probe("path in file name"));
		more.add(multipart.body(part(boundary, "file", "x".repeat(5000) + ".xlsx", xlsx)).probe("long file name"));
		more.add(multipart.body(part(boundary, "file", "数据😀\u202e.xlsx", xlsx)).probe("unicode file name"));
		more.add(multipart.body(part(boundary, "other", "a.xlsx", xlsx)).probe("no file part"));
		more.add(multipart.body(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end")
			.getBytes(StandardCharsets.UTF_8)).probe("unterminated multipart"));
		more.add(upload.header("Content-Type", "multipart/form-data").body(part(boundary, "file", "a.xlsx", xlsx))
			.probe("multipart without boundary"));
		more.add(upload.header("Content-Type", JSON_TYPE).body("{\"file\":1}".getBytes(StandardCharsets.UTF_8))
			.probe("json for multipart"));
		return first;
	}

	static byte[] part(String boundary, String name, String fileName, byte[] content) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	/** An xlsx-named zip whose first sheet inflates to 8 MB from a few kilobytes. */
	static byte[] zipBomb() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			byte[] zeros = new byte[1 << 20];
			for (int i = 0; i < 8; i++) {
				zip.write(zeros);
			}
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A value of the right type for a parameter that must be valid for the others to be reached. */
	private String plausible(String name, JsonNode schema, String path) {
		String known = this.knownValues.apply(path + "#" + name);
		if (known != null) {
			return known;
		}
		JsonNode resolved = resolve(schema);
		if (resolved.has("enum")) {
			return resolved.get("enum").get(0).asText();
		}
		if (resolved.has("default")) {
			return resolved.get("default").asText();
		}
		if (resolved.has("example")) {
			return resolved.get("example").asText();
		}
		String lower = name.toLowerCase();
		String format = resolved.path("format").asText("");
		if (format.equals("date-time") || List.of("at", "start", "end", "from", "to", "since", "until", "asof").contains(lower)) {
			return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		}
		if (format.equals("date") || lower.endsWith("date")) {
			return LocalDate.now().toString();
		}
		if (lower.contains("duration") || lower.contains("amount")) {
			return "PT2H";
		}
		if (lower.equals("year")) {
			return String.valueOf(LocalDate.now().getYear());
		}
		return switch (resolved.path("type").asText("string")) {
			case "integer", "number" -> "1";
			case "boolean" -> "true";
			default -> "fuzz";
		};
	}

	private static String plausibleMissing(JsonNode schema) {
		String type = schema.path("type").asText("string");
		return type.equals("integer") || type.equals("number") ? "987654321" : "no-such-fuzz";
	}

	private JsonNode plausibleJson(JsonNode schema, int depth) {
		JsonNode resolved = resolve(schema);
		if (resolved.has("enum")) {
			return resolved.get("enum").get(0);
		}
		String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "string");
		String format = resolved.path("format").asText("");
		return switch (type) {
			case "object" -> {
				ObjectNode object = NODES.objectNode();
				if (depth < 4) {
					resolved.path("properties").fields().forEachRemaining(field -> object.set(field.getKey(),
							plausibleProperty(field.getKey(), field.getValue(), depth)));
				}
				yield object;
			}
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				if (depth < 4 && resolved.has("items")) {
					array.add(plausibleJson(resolved.get("items"), depth + 1));
				}
				yield array;
			}
			case "integer", "number" -> NODES.numberNode(1);
			case "boolean" -> NODES.booleanNode(true);
			default -> switch (format) {
				case "date-time" -> NODES.textNode(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
				case "date" -> NODES.textNode(LocalDate.now().toString());
				default -> NODES.textNode("fuzz" + this.random.nextInt(1_000_000));
			};
		};
	}

	private JsonNode plausibleProperty(String name, JsonNode schema, int depth) {
		JsonNode resolved = resolve(schema);
		String lower = name.toLowerCase();
		if ("string".equals(resolved.path("type").asText()) && !resolved.has("enum") && !resolved.has("format")) {
			if (lower.contains("duration") || lower.endsWith("time") && !lower.contains("name")) {
				return NODES.textNode("PT2H");
			}
			if (lower.endsWith("at") || lower.equals("start")) {
				return NODES.textNode(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
			}
		}
		return plausibleJson(schema, depth + 1);
	}

	private JsonNode components = NODES.objectNode();

	void components(JsonNode components) {
		this.components = components;
	}

	/** A schema with its {@code $ref} (and the first of {@code allOf}/{@code oneOf}/{@code anyOf}) followed. */
	JsonNode resolve(JsonNode schema) {
		JsonNode current = schema == null ? NODES.objectNode() : schema;
		for (int i = 0; i < 10; i++) {
			if (current.has("$ref")) {
				String ref = current.get("$ref").asText();
				current = this.components.path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
			}
			else if (current.has("allOf") || current.has("oneOf") || current.has("anyOf")) {
				JsonNode options = current.has("allOf") ? current.get("allOf")
						: current.has("oneOf") ? current.get("oneOf") : current.get("anyOf");
				current = options.get(0);
			}
			else if (current.path("type").isArray()) {
				// OpenAPI 3.1: ["string", "null"]
				ObjectNode copy = ((ObjectNode) current).deepCopy();
				for (JsonNode type : current.get("type")) {
					if (!type.asText().equals("null")) {
						copy.put("type", type.asText());
					}
				}
				current = copy;
			}
			else {
				break;
			}
		}
		return current;
	}

	static String encode(String raw) {
		return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static byte[] json(JsonNode node) {
		try {
			return JSON.writeValueAsBytes(node);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String abbreviate(String text, int length) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (out.length() >= length) {
				return out + "…(" + text.length() + " chars)";
			}
			out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return out.toString();
	}

	/** A request being built: immutable, each change answers a copy. */
	private static final class Request {

		private final Operation operation;

		private final Map<String, String> pathValues;

		private final Map<String, String> query;

		private final Map<String, String> headers;

		private final byte[] body;

		private final String rawQuery;

		Request(Operation operation, Map<String, String> pathValues, Map<String, String> query,
				Map<String, String> headers, byte[] body) {
			this(operation, pathValues, query, headers, body, null);
		}

		private Request(Operation operation, Map<String, String> pathValues, Map<String, String> query,
				Map<String, String> headers, byte[] body, String rawQuery) {
			this.operation = operation;
			this.pathValues = pathValues;
			this.query = query;
			this.headers = headers;
			this.body = body;
			this.rawQuery = rawQuery;
		}

		Request path(String name, String value) {
			Map<String, String> values = new LinkedHashMap<>(this.pathValues);
			values.put(name, value);
			return new Request(this.operation, values, this.query, this.headers, this.body, this.rawQuery);
		}

		Request query(String name, String value) {
			Map<String, String> values = new LinkedHashMap<>(this.query);
			values.put(name, value);
			return new Request(this.operation, this.pathValues, values, this.headers, this.body, this.rawQuery);
		}

		Request repeated(String name, String first, String second) {
			Map<String, String> values = new LinkedHashMap<>(this.query);
			values.remove(name);
			return new Request(this.operation, this.pathValues, values, this.headers, this.body,
					name + "=" + first + "&" + name + "=" + second);
		}

		Request header(String name, String value) {
			Map<String, String> values = new LinkedHashMap<>(this.headers);
			if (value == null) {
				values.remove(name);
			}
			else {
				values.put(name, value);
			}
			return new Request(this.operation, this.pathValues, this.query, values, this.body, this.rawQuery);
		}

		Request body(byte[] bytes) {
			return new Request(this.operation, this.pathValues, this.query, this.headers, bytes, this.rawQuery);
		}

		Probe probe(String what) {
			String path = this.operation.path();
			for (Map.Entry<String, String> value : this.pathValues.entrySet()) {
				path = path.replace("{" + value.getKey() + "}", value.getValue());
			}
			List<String> pairs = new ArrayList<>();
			this.query.forEach((name, value) -> pairs.add(name + "=" + value));
			if (this.rawQuery != null) {
				pairs.add(this.rawQuery);
			}
			String pathAndQuery = pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
			return new Probe(what, this.operation.method(), pathAndQuery, this.headers, this.body);
		}

	}

}
