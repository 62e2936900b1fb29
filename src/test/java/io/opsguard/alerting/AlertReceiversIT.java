package io.opsguard.alerting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receivers of alerts from other systems end to end ({@code POST /api/v1/alerts/receivers/…}):
 * Alertmanager's webhook (version 4), the Zabbix media type's JSON and the generic JSON, with API
 * tokens; hosts matched to CIs, deduplication, resolution by the source, scope, refusals that
 * change nothing, and the audit.
 */
class AlertReceiversIT extends ApiTestSupport {

	private static final String RECEIVERS = "/api/v1/alerts/receivers/";

	private ApiClient admin;

	private ApiClient token;

	/** A reader whose scope is everything: the only one who sees alerts without a CI. */
	private ApiClient everything;

	private long organisation;

	@BeforeEach
	void signIn() {
		this.clock.set(Instant.now());
		this.admin = admin();
		this.organisation = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("告警单位"));
		this.token = tokenOf(this.admin);
		long reader = createRole(this.admin, List.of("alerting:alert:read"), "ALL", List.of());
		this.everything = createUserAndSignIn(this.admin, unique("allreader"), rootOrganisationId(this.admin),
				List.of(reader));
	}

	@Test
	void anAlertmanagerAlertOpensOnTheCiOfItsInstanceIsDeduplicatedAndResolvesWithItsSource() {
		String ip = randomIp();
		long server = server(this.organisation, Map.of());
		monitor(server, ip);
		String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		Instant startsAt = this.clock.instant().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

		Response fired = this.token.post(RECEIVERS + "alertmanager", alertmanager(fingerprint, "firing", ip, "critical",
				startsAt, null));
		assertThat(fired.status()).as(fired.toString()).isEqualTo(200);
		assertThat(fired.json().path("accepted").asInt()).isEqualTo(1);
		assertThat(fired.json().path("problems")).isEmpty();
		JsonNode alert = onlyAlertOf(server);
		assertThat(alert.path("source").asText()).isEqualTo("ALERTMANAGER");
		assertThat(alert.path("severity").asText()).isEqualTo("CRITICAL");
		assertThat(alert.path("state").asText()).isEqualTo("FIRING");
		assertThat(alert.path("organisationId").asLong()).isEqualTo(this.organisation);
		assertThat(alert.path("title").asText()).isEqualTo("Host high CPU load on " + ip);
		assertThat(alert.path("summary").asText()).isEqualTo("CPU load is above 80 %");
		assertThat(alert.path("labels").path("job").asText()).isEqualTo("node");
		assertThat(Instant.parse(alert.path("startedAt").asText())).isEqualTo(startsAt);
		assertThat(alert.path("evaluations").asInt()).isEqualTo(1);

		// Alertmanager sends the group again (repeat_interval, another alert of the group): one alert, counted twice
		Response again = this.token.post(RECEIVERS + "alertmanager", alertmanager(fingerprint, "firing", ip, "critical",
				startsAt, null));
		assertThat(again.json().path("accepted").asInt()).isEqualTo(1);
		alert = onlyAlertOf(server);
		assertThat(alert.path("evaluations").asInt()).isEqualTo(2);
		assertThat(alert.path("state").asText()).isEqualTo("FIRING");

		Instant endsAt = this.clock.instant().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
		Response resolved = this.token.post(RECEIVERS + "alertmanager", alertmanager(fingerprint, "resolved", ip, "critical",
				startsAt, endsAt));
		assertThat(resolved.json().path("resolved").asInt()).as(resolved.toString()).isEqualTo(1);
		alert = onlyAlertOf(server);
		assertThat(alert.path("state").asText()).isEqualTo("RESOLVED");
		assertThat(alert.path("resolveReason").asText()).isEqualTo("SOURCE_RESOLVED");
		assertThat(Instant.parse(alert.path("resolvedAt").asText())).isEqualTo(endsAt);

		// a resolution sent twice finds nothing open
		Response twice = this.token.language("en").post(RECEIVERS + "alertmanager",
				alertmanager(fingerprint, "resolved", ip, "critical", startsAt, endsAt));
		assertThat(twice.json().path("ignored").asInt()).isEqualTo(1);
		assertThat(twice.json().path("problems").get(0).path("reason").asText()).isEqualTo("NOT_OPEN");
		assertThat(twice.json().path("problems").get(0).path("message").asText()).contains("is not open");
	}

	@Test
	void aZabbixProblemFindsItsHostByAddressAndItsRecoveryResolvesIt() {
		String ip = randomIp();
		long server = server(this.organisation, Map.of("ip", ip));
		String eventId = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2));
		ZoneId beijing = ZoneId.of("Asia/Shanghai");
		Instant started = this.clock.instant().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> problem = new HashMap<>();
		problem.put("eventId", eventId);
		problem.put("value", "1");
		problem.put("status", "PROBLEM");
		problem.put("name", "Load average is too high on " + ip);
		problem.put("severity", "High");
		problem.put("nseverity", "4");
		problem.put("host", "zbx-" + eventId);
		problem.put("hostName", "Zabbix host");
		problem.put("hostIp", ip);
		problem.put("tags", List.of(Map.of("tag", "scope", "value", "performance")));
		problem.put("date", DateTimeFormatter.ofPattern("yyyy.MM.dd").format(started.atZone(beijing)));
		problem.put("time", DateTimeFormatter.ofPattern("HH:mm:ss").format(started.atZone(beijing)));
		problem.put("recoveryDate", "{EVENT.RECOVERY.DATE}");
		problem.put("recoveryTime", "{EVENT.RECOVERY.TIME}");
		problem.put("lastValue", "7.25");
		problem.put("description", "Per CPU load average is too high.");

		Response fired = this.token.post(RECEIVERS + "zabbix", problem);
		assertThat(fired.status()).as(fired.toString()).isEqualTo(200);
		assertThat(fired.json().path("accepted").asInt()).isEqualTo(1);
		JsonNode alert = onlyAlertOf(server);
		assertThat(alert.path("source").asText()).isEqualTo("ZABBIX");
		assertThat(alert.path("severity").asText()).isEqualTo("MAJOR");
		assertThat(alert.path("lastValue").asDouble()).isEqualTo(7.25);
		assertThat(alert.path("labels").path("scope").asText()).isEqualTo("performance");
		assertThat(Instant.parse(alert.path("startedAt").asText())).isEqualTo(started);

		Instant recovered = this.clock.instant().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> recovery = new HashMap<>(problem);
		recovery.put("value", "0");
		recovery.put("status", "RESOLVED");
		recovery.put("recoveryEventId", eventId + "1");
		recovery.put("recoveryDate", DateTimeFormatter.ofPattern("yyyy.MM.dd").format(recovered.atZone(beijing)));
		recovery.put("recoveryTime", DateTimeFormatter.ofPattern("HH:mm:ss").format(recovered.atZone(beijing)));
		Response resolved = this.token.post(RECEIVERS + "zabbix", recovery);
		assertThat(resolved.json().path("resolved").asInt()).as(resolved.toString()).isEqualTo(1);
		alert = onlyAlertOf(server);
		assertThat(alert.path("state").asText()).isEqualTo("RESOLVED");
		assertThat(Instant.parse(alert.path("resolvedAt").asText())).isEqualTo(recovered);
	}

	@Test
	void aGenericBatchIsAppliedInOrderAndSaysWhatItCouldNotPlace() {
		String code = unique("GEN-");
		long server = server(this.organisation, Map.of(), code);
		String marker = unique("批量");
		Map<String, Object> onServer = Map.of("key", marker + "-1", "status", "firing", "severity", "2", "title",
				marker + " 备份失败", "host", code.toLowerCase(), "labels", Map.of("job", "nightly"), "value", 3);
		Map<String, Object> nowhere = Map.of("key", marker + "-2", "status", "firing", "severity", "Info", "title",
				marker + " 未知主机", "host", "no-such-host-" + marker);
		Map<String, Object> unknown = Map.of("key", marker + "-never", "status", "resolved");

		Response response = this.token.post(RECEIVERS + "generic", Map.of("alerts", List.of(onServer, nowhere, unknown)));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().path("accepted").asInt()).isEqualTo(2);
		assertThat(response.json().path("ignored").asInt()).isEqualTo(1);
		assertThat(response.json().path("problems")).extracting(p -> p.path("index").asInt() + ":" + p.path("reason").asText())
			.containsExactly("1:HOST_UNMATCHED", "2:NOT_OPEN");
		assertThat(response.json().path("problems").get(0).path("message").asText()).contains("没有对应的配置项");
		JsonNode placed = onlyAlertOf(server);
		assertThat(placed.path("severity").asText()).isEqualTo("MAJOR");
		assertThat(placed.path("source").asText()).isEqualTo("GENERIC");
		assertThat(placed.path("lastValue").asDouble()).isEqualTo(3.0);
		JsonNode unplaced = alertsTitled(this.everything, marker + " 未知主机");
		assertThat(unplaced).hasSize(1);
		assertThat(unplaced.get(0).path("ciId").isNull()).isTrue();
		assertThat(unplaced.get(0).path("organisationId").isNull()).isTrue();
		assertThat(unplaced.get(0).path("severity").asText()).isEqualTo("INFO");

		// an alert without a CI is seen only by users whose scope is everything (not even by the root's administrator)
		assertThat(alertsTitled(this.admin, marker + " 未知主机")).isEmpty();
		long reader = createRole(this.admin, List.of("alerting:alert:read"), "OWN_SUBTREE", List.of());
		ApiClient scoped = createUserAndSignIn(this.admin, unique("alertreader"), this.organisation, List.of(reader));
		assertThat(alertsTitled(scoped, marker + " 未知主机")).isEmpty();
		assertThat(alertsTitled(scoped, marker + " 备份失败")).hasSize(1);

		// one alert alone, and its resolution
		Response single = this.token.post(RECEIVERS + "generic", Map.of("key", marker + "-1", "status", "resolved"));
		assertThat(single.json().path("resolved").asInt()).isEqualTo(1);
		assertThat(onlyAlertOf(server).path("state").asText()).isEqualTo("RESOLVED");
	}

	@Test
	void aTokenOfAnotherOrganisationPlacesNothingOnCisItCannotSeeAndResolvesNothingOfThem() {
		String code = unique("OWN-");
		long server = server(this.organisation, Map.of(), code);
		String key = unique("scoped-");
		Response fired = this.token.post(RECEIVERS + "generic",
				Map.of("key", key, "status", "firing", "severity", "critical", "title", key, "host", code));
		assertThat(fired.json().path("accepted").asInt()).isEqualTo(1);

		long sibling = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("兄弟单位"));
		long ingest = createRole(this.admin, List.of("alerting:alert:ingest"), "OWN_SUBTREE", List.of());
		ApiClient other = tokenOf(createUserAndSignIn(this.admin, unique("ingest"), sibling, List.of(ingest)));
		Response resolve = other.post(RECEIVERS + "generic", Map.of("key", key, "status", "resolved"));
		assertThat(resolve.status()).as(resolve.toString()).isEqualTo(200);
		assertThat(resolve.json().path("ignored").asInt()).isEqualTo(1);
		assertThat(resolve.json().path("problems").get(0).path("reason").asText()).isEqualTo("OUT_OF_SCOPE");
		assertThat(onlyAlertOf(server).path("state").asText()).isEqualTo("FIRING");

		String foreign = unique("foreign-");
		Response placed = other.post(RECEIVERS + "generic",
				Map.of("key", foreign, "status", "firing", "severity", "minor", "title", foreign, "host", code));
		assertThat(placed.json().path("problems").get(0).path("reason").asText()).isEqualTo("HOST_UNMATCHED");
		assertThat(alertsTitled(this.everything, foreign).get(0).path("ciId").isNull()).isTrue();
	}

	@Test
	void onlyAHolderOfTheIngestPermissionMaySendAndGarbageChangesNothing() {
		String key = unique("guard-");
		Map<String, Object> good = Map.of("key", key, "status", "firing", "severity", "minor", "title", key);
		// without a valid token: 401; with a token lacking the permission: 403, whatever the body
		Response unknownToken = client().bearer("ogt_" + "0".repeat(40)).post(RECEIVERS + "generic", good);
		assertThat(unknownToken.status()).isEqualTo(401);
		ApiClient powerless = tokenOf(createUserAndSignIn(this.admin, unique("noingest"), this.organisation, List.of()));
		for (String receiver : List.of("alertmanager", "zabbix", "generic")) {
			Response refused = powerless.exchange("POST", RECEIVERS + receiver, Map.of("Content-Type", "text/plain"),
					"garbage".getBytes(StandardCharsets.UTF_8));
			assertThat(refused.status()).as(receiver + " " + refused).isEqualTo(403);
		}
		// a signed-in user holding the permission may send too
		Response bySession = this.admin.post(RECEIVERS + "generic", good);
		assertThat(bySession.status()).as(bySession.toString()).isEqualTo(200);
		assertThat(alertsTitled(this.everything, key)).hasSize(1);

		int audited = audited();
		String other = unique("garbage-");
		Response notJson = this.token.exchange("POST", RECEIVERS + "alertmanager", Map.of("Content-Type", "application/json"),
				"{\"version\": \"4\", \"alerts\": [".getBytes(StandardCharsets.UTF_8));
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.code()).isEqualTo("ALR-0070");
		assertThat(notJson.json().path("errors").get(0).path("field").asText()).isEqualTo("body");

		Response oneBad = this.token.post(RECEIVERS + "generic", Map.of("alerts", List.of(
				Map.of("key", other, "status", "firing", "severity", "minor", "title", other),
				Map.of("key", other + "-2", "status", "burning", "severity", "loud"))));
		assertThat(oneBad.status()).isEqualTo(400);
		assertThat(oneBad.code()).isEqualTo("ALR-0071");
		assertThat(oneBad.json().path("errors")).extracting(e -> e.path("field").asText())
			.containsExactlyInAnyOrder("alerts[1].status", "alerts[1].severity");
		assertThat(alertsTitled(this.everything, other)).as("nothing of a refused payload is applied").isEmpty();

		Response wrongVersion = this.token.language("en").post(RECEIVERS + "alertmanager",
				Map.of("version", "3", "alerts", List.of(Map.of("status", "firing", "labels", Map.of("alertname", other)))));
		assertThat(wrongVersion.status()).isEqualTo(400);
		assertThat(wrongVersion.json().path("errors").get(0).path("message").asText()).contains("version 4");

		Response missing = this.token.post(RECEIVERS + "zabbix", Map.of("value", "1"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("errors")).extracting(e -> e.path("field").asText())
			.containsExactlyInAnyOrder("eventId", "name", "severity");

		byte[] large = new byte[1024 * 1024 + 10];
		java.util.Arrays.fill(large, (byte) ' ');
		Response tooLarge = this.token.exchange("POST", RECEIVERS + "generic", Map.of("Content-Type", "application/json"),
				large);
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.code()).isEqualTo("ALR-0080");
		assertThat(audited()).as("every call audited once, refused ones too").isEqualTo(audited + 5);
	}

	private int audited() {
		return this.admin.get("/api/v1/audit?action=ALERTS_RECEIVED&size=1").json().path("total").asInt();
	}

	private Map<String, Object> alertmanager(String fingerprint, String status, String ip, String severity,
			Instant startsAt, Instant endsAt) {
		Map<String, Object> labels = Map.of("alertname", "HostHighCpuLoad", "instance", ip + ":9100", "job", "node",
				"severity", severity);
		Map<String, Object> alert = new HashMap<>();
		alert.put("status", status);
		alert.put("labels", labels);
		alert.put("annotations", Map.of("summary", "Host high CPU load on " + ip, "description", "CPU load is above 80 %"));
		alert.put("startsAt", startsAt.toString());
		alert.put("endsAt", endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString());
		alert.put("generatorURL", "http://prometheus.example:9090/graph?g0.expr=load");
		alert.put("fingerprint", fingerprint);
		Map<String, Object> payload = new HashMap<>();
		payload.put("version", "4");
		payload.put("groupKey", "{}:{alertname=\"HostHighCpuLoad\"}");
		payload.put("truncatedAlerts", 0);
		payload.put("status", status);
		payload.put("receiver", "opsguard");
		payload.put("groupLabels", Map.of("alertname", "HostHighCpuLoad"));
		payload.put("commonLabels", labels);
		payload.put("commonAnnotations", Map.of());
		payload.put("externalURL", "http://alertmanager.example:9093");
		payload.put("alerts", List.of(alert));
		return payload;
	}

	private JsonNode onlyAlertOf(long ci) {
		JsonNode items = this.admin.get("/api/v1/alerts?ciId=" + ci).json().path("items");
		assertThat(items).as("alerts of CI " + ci).hasSize(1);
		return items.get(0);
	}

	private static JsonNode alertsTitled(ApiClient reader, String title) {
		return reader.get("/api/v1/alerts?q=" + java.net.URLEncoder.encode(title, StandardCharsets.UTF_8)).json().path("items");
	}

	private ApiClient tokenOf(ApiClient user) {
		Response created = user.post("/api/v1/auth/tokens",
				Map.of("name", unique("告警接入"), "expiresAt", LocalDate.now().plusDays(3).toString()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return client().bearer(created.json().path("token").asText());
	}

	private long server(long organisation, Map<String, Object> attributes) {
		return server(organisation, attributes, unique("SRV-"));
	}

	private long server(long organisation, Map<String, Object> attributes, String code) {
		long serverClass = -1;
		for (JsonNode node : this.admin.get("/api/v1/cmdb/classes").json().findParents("code")) {
			if (node.path("code").asText().equals("PHYSICAL_SERVER")) {
				serverClass = node.path("id").asLong();
			}
		}
		Map<String, Object> body = new HashMap<>();
		body.put("classId", serverClass);
		body.put("code", code);
		body.put("name", unique("服务器"));
		body.put("organisationId", organisation);
		body.put("attributes", attributes);
		Response created = this.admin.post("/api/v1/cmdb/cis", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private void monitor(long ci, String host) {
		Response monitor = this.admin.post("/api/v1/monitors", Map.of("ciId", ci, "typeId", "tcp-port", "name",
				unique("端口"), "enabled", false, "parameters", Map.of("host", host, "port", 1)));
		assertThat(monitor.status()).as(monitor.toString()).isEqualTo(201);
	}

	private static String randomIp() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
	}

}
