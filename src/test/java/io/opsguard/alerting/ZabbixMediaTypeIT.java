package io.opsguard.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.ScriptableObject;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Zabbix media type OpsGuard ships (docs/integrations/zabbix-opsguard-mediatype.yaml) run as
 * Zabbix runs it: its parameters with the macros resolved as Zabbix resolves them for a problem and
 * its recovery, its script in a JavaScript engine (Rhino, ECMAScript 5 as Zabbix' Duktape) with
 * Zabbix' {@code HttpRequest} and {@code Zabbix.log} sending for real to the Zabbix receiver.
 */
public class ZabbixMediaTypeIT extends ApiTestSupport {

	private static final Path MEDIA_TYPE = Path.of("docs/integrations/zabbix-opsguard-mediatype.yaml");

	private final ObjectMapper json = new ObjectMapper();

	private final List<String> sent = new ArrayList<>();

	@Test
	void aProblemAndItsRecoveryReachOpsGuardThroughTheShippedScript() throws IOException {
		this.clock.set(Instant.now());
		ApiClient admin = admin();
		String ip = "10.251." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(1, 255);
		long server = server(admin, ip);
		Response created = admin.post("/api/v1/auth/tokens",
				Map.of("name", unique("Zabbix"), "expiresAt", LocalDate.now().plusDays(3).toString()));
		String token = created.json().path("token").asText();
		String eventId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 4));
		ZoneId beijing = ZoneId.of("Asia/Shanghai");
		Instant started = this.clock.instant().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		Map<String, String> macros = new HashMap<>();
		macros.put("{EVENT.DATE}", DateTimeFormatter.ofPattern("yyyy.MM.dd").format(started.atZone(beijing)));
		macros.put("{EVENT.TIME}", DateTimeFormatter.ofPattern("HH:mm:ss").format(started.atZone(beijing)));
		macros.put("{EVENT.ID}", eventId);
		macros.put("{EVENT.NAME}", "Zabbix agent is not available on " + ip);
		macros.put("{EVENT.NSEVERITY}", "5");
		macros.put("{EVENT.SEVERITY}", "Disaster");
		macros.put("{EVENT.SOURCE}", "0");
		macros.put("{EVENT.STATUS}", "PROBLEM");
		macros.put("{EVENT.VALUE}", "1");
		macros.put("{EVENT.UPDATE.STATUS}", "0");
		macros.put("{EVENT.OPDATA}", "");
		macros.put("{EVENT.TAGSJSON}", "[{\"tag\":\"scope\",\"value\":\"availability\"},{\"tag\":\"class\",\"value\":\"os\"}]");
		macros.put("{HOST.HOST}", "zbx-" + eventId);
		macros.put("{HOST.NAME}", "Zabbix host " + eventId);
		macros.put("{HOST.IP}", ip);
		macros.put("{ITEM.LASTVALUE}", "0");
		macros.put("{TRIGGER.DESCRIPTION}", "For passive checks only");
		String url = "http://127.0.0.1:" + this.port + "/";

		// in a problem's message Zabbix leaves the recovery macros as they are
		assertThat(run(parameters(macros, url, token))).isEqualTo("OK");
		JsonNode alert = onlyAlertOf(admin, server);
		assertThat(alert.path("source").asText()).isEqualTo("ZABBIX");
		assertThat(alert.path("severity").asText()).isEqualTo("CRITICAL");
		assertThat(alert.path("state").asText()).isEqualTo("FIRING");
		assertThat(alert.path("title").asText()).isEqualTo("Zabbix agent is not available on " + ip);
		assertThat(alert.path("summary").asText()).isEqualTo("For passive checks only");
		assertThat(alert.path("labels").path("scope").asText()).isEqualTo("availability");
		assertThat(Instant.parse(alert.path("startedAt").asText())).isEqualTo(started);
		assertThat(this.sent).hasSize(1);
		assertThat(this.sent.get(0)).doesNotContain("{EVENT.RECOVERY");

		// an acknowledgement in Zabbix (an update) sends nothing
		Map<String, String> update = new HashMap<>(macros);
		update.put("{EVENT.UPDATE.STATUS}", "1");
		assertThat(run(parameters(update, url, token))).isEqualTo("OK");
		assertThat(this.sent).hasSize(1);

		Instant recovered = this.clock.instant().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
		Map<String, String> recovery = new HashMap<>(macros);
		recovery.put("{EVENT.VALUE}", "0");
		recovery.put("{EVENT.STATUS}", "RESOLVED");
		recovery.put("{EVENT.RECOVERY.ID}", eventId + "7");
		recovery.put("{EVENT.RECOVERY.DATE}", DateTimeFormatter.ofPattern("yyyy.MM.dd").format(recovered.atZone(beijing)));
		recovery.put("{EVENT.RECOVERY.TIME}", DateTimeFormatter.ofPattern("HH:mm:ss").format(recovered.atZone(beijing)));
		assertThat(run(parameters(recovery, url, token))).isEqualTo("OK");
		alert = onlyAlertOf(admin, server);
		assertThat(alert.path("state").asText()).isEqualTo("RESOLVED");
		assertThat(Instant.parse(alert.path("resolvedAt").asText())).isEqualTo(recovered);

		// a wrong token: the media type fails with OpsGuard's answer, for Zabbix to show and retry
		JavaScriptException refused = catchThrowableOfType(JavaScriptException.class,
				() -> run(parameters(macros, url, "ogt_" + "0".repeat(40))));
		assertThat(refused).isNotNull();
		assertThat(refused.getValue().toString()).contains("Sending to OpsGuard failed", "HTTP 401");
		JavaScriptException unset = catchThrowableOfType(JavaScriptException.class,
				() -> run(parameters(macros, "<https://opsguard.example.gov.cn>", token)));
		assertThat(unset.getValue().toString()).contains("opsguard_url");
	}

	/** The media type's parameters as Zabbix resolves them, with the address and token set by the administrator. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> parameters(Map<String, String> macros, String url, String token) throws IOException {
		Map<String, String> parameters = new HashMap<>();
		for (Map<String, Object> parameter : (List<Map<String, Object>>) mediaType().get("parameters")) {
			String value = String.valueOf(parameter.get("value"));
			for (Map.Entry<String, String> macro : macros.entrySet()) {
				value = value.replace(macro.getKey(), macro.getValue());
			}
			parameters.put((String) parameter.get("name"), value);
		}
		parameters.put("opsguard_url", url);
		parameters.put("opsguard_token", token);
		return parameters;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> mediaType() throws IOException {
		try (InputStream in = Files.newInputStream(MEDIA_TYPE)) {
			Map<String, Object> export = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("zabbix_export");
			assertThat(export.get("version")).isEqualTo("6.0");
			return ((List<Map<String, Object>>) export.get("media_types")).get(0);
		}
	}

	/** Runs the media type's script as Zabbix does: a function of {@code value}, the parameters as JSON. */
	private String run(Map<String, String> parameters) throws IOException {
		String script = (String) mediaType().get("script");
		Context context = Context.enter();
		try {
			context.setLanguageVersion(Context.VERSION_1_8);
			context.getWrapFactory().setJavaPrimitiveWrap(false);
			ScriptableObject scope = context.initStandardObjects();
			ScriptableObject.putProperty(scope, "transport", Context.javaToJS(new Transport(), scope));
			context.evaluateString(scope, """
					var Zabbix = { log: function (level, message) { transport.log(level, String(message)); } };
					function HttpRequest() { this.headers = []; this.status = 0; }
					HttpRequest.prototype.addHeader = function (header) { this.headers.push(String(header)); };
					HttpRequest.prototype.setProxy = function (proxy) { };
					HttpRequest.prototype.post = function (url, body) {
						var answer = transport.post(String(url), this.headers.join('\\n'), String(body));
						this.status = Number(answer.status());
						return String(answer.body());
					};
					HttpRequest.prototype.getStatus = function () { return this.status; };
					""", "zabbix-runtime", 1, null);
			Function function = context.compileFunction(scope, "function (value) {\n" + script + "\n}", "media-type", 0, null);
			Object result = function.call(context, scope, scope, new Object[] { this.json.writeValueAsString(parameters) });
			return Context.toString(result);
		}
		finally {
			Context.exit();
		}
	}

	/** Zabbix' side of the script: its log and a real HTTP client. */
	public final class Transport {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		public void log(Object level, String message) {
			// Zabbix' log; the test reads the answers instead
		}

		public Answer post(String url, String headers, String body) throws IOException, InterruptedException {
			ZabbixMediaTypeIT.this.sent.add(body);
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
			for (String header : headers.split("\n")) {
				int colon = header.indexOf(':');
				request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}

	}

	/** What the server answered. */
	public record Answer(int status, String body) {
	}

	private static JsonNode onlyAlertOf(ApiClient admin, long ci) {
		JsonNode items = admin.get("/api/v1/alerts?ciId=" + ci).json().path("items");
		assertThat(items).as("alerts of CI " + ci).hasSize(1);
		return items.get(0);
	}

	private long server(ApiClient admin, String ip) {
		long serverClass = -1;
		for (JsonNode node : admin.get("/api/v1/cmdb/classes").json().findParents("code")) {
			if (node.path("code").asText().equals("PHYSICAL_SERVER")) {
				serverClass = node.path("id").asLong();
			}
		}
		Response created = admin.post("/api/v1/cmdb/cis", Map.of("classId", serverClass, "code", unique("ZBX-"), "name",
				unique("Zabbix 监控的主机"), "organisationId", rootOrganisationId(admin), "attributes", Map.of("ip", ip)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

}
