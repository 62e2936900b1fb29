package io.opsguard.monitoring;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monitors over HTTP, end to end: types in both languages, a TCP monitor tested against a real
 * listening socket and a closed port, saved and collected by the scheduler into the store, the
 * resource list and page, every bad field named, secrets never answered nor audited, stale versions,
 * the data scope, bulk onboarding by selection and by spreadsheet, and template uploads.
 */
@TestPropertySource(properties = { "opsguard.monitoring.collection.tick=50ms" })
class MonitoringApiIT extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	private ApiClient admin;

	private ServerSocket listening;

	private final List<Socket> accepted = new ArrayList<>();

	@BeforeEach
	void setUp() throws IOException {
		this.admin = admin();
		this.listening = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.listening.isClosed()) {
				try {
					Socket socket = this.listening.accept();
					synchronized (this.accepted) {
						this.accepted.add(socket);
					}
					socket.close();
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "monitoring-it-acceptor");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterEach
	void tearDown() throws IOException {
		this.listening.close();
	}

	@Test
	void monitorTypesAreListedInTheReadersLanguage() {
		JsonNode zh = this.admin.get("/api/v1/monitor-types").json();
		JsonNode tcp = find(zh, "id", "tcp-port");
		assertThat(tcp.path("name").asText()).isEqualTo("TCP 端口");
		assertThat(tcp.path("categoryText").asText()).isEqualTo("服务探测");
		assertThat(tcp.path("parameters").findValuesAsText("key")).contains("host", "port");
		JsonNode en = this.admin.language("en").get("/api/v1/monitor-types/tcp-port").json();
		assertThat(en.path("name").asText()).isEqualTo("TCP port");
		assertThat(this.admin.get("/api/v1/monitor-types/tcp-port/template").text()).contains("protocol: tcp");
		assertThat(this.admin.get("/api/v1/monitor-types/no-such").code()).isEqualTo("MON-0023");
	}

	@Test
	void testNowShowsTheValuesOrTheExactErrorAndStoresNothing() throws IOException {
		long ci = server("测试-端口探测-" + unique(""), "10.1.1.1");
		Response ok = this.admin.post("/api/v1/monitors/test", tcp(ci, this.listening.getLocalPort()));
		assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
		assertThat(ok.json().path("outcome").asText()).isEqualTo("SUCCESS");
		assertThat(ok.json().path("outcomeText").asText()).isEqualTo("成功");
		assertThat(ok.json().path("values").findValuesAsText("metric")).contains("up", "tcp_connect_time");
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Response refused = this.admin.post("/api/v1/monitors/test", tcp(ci, closed));
		assertThat(refused.json().path("outcome").asText()).isEqualTo("REFUSED");
		assertThat(refused.json().path("detail").asText()).contains(String.valueOf(closed));
		assertThat(this.admin.get("/api/v1/monitors?ciId=" + ci).json().path("total").asLong()).isZero();
	}

	@Test
	void aSavedMonitorIsCollectedIntoTheStoreAndShowsOnTheResourceList() throws Exception {
		long ci = server("测试-应用服务器-" + unique(""), "10.1.1.2");
		Map<String, Object> input = tcp(ci, this.listening.getLocalPort());
		input.put("intervalSeconds", 10);
		Response created = this.admin.post("/api/v1/monitors", input);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.id();
		assertThat(created.json().path("status").asText()).isEqualTo("PENDING");
		assertThat(created.json().path("name").asText()).isEqualTo("TCP 端口 127.0.0.1");
		JsonNode monitor = waitFor(Duration.ofSeconds(30), () -> {
			JsonNode m = this.admin.get("/api/v1/monitors/" + id).json();
			return m.path("status").asText().equals("UP") ? m : null;
		});
		assertThat(monitor.path("lastOutcomeText").asText()).isEqualTo("成功");
		assertThat(monitor.path("effectiveIntervalSeconds").asLong()).isEqualTo(10);
		JsonNode resources = this.admin.get("/api/v1/monitoring/resources?q=" + ci(ci).path("code").asText()).json();
		assertThat(resources.path("items").get(0).path("state").asText()).isEqualTo("OK");
		assertThat(resources.path("items").get(0).path("stateText").asText()).isEqualTo("正常");
		assertThat(resources.path("counts").path("OK").asLong()).isPositive();
		JsonNode detail = this.admin.get("/api/v1/monitoring/resources/" + ci).json();
		assertThat(detail.path("monitors")).hasSize(1);
		assertThat(detail.path("metrics").findValuesAsText("name")).contains("up", "tcp_connect_time");
		Response latest = this.admin.get("/api/v1/metrics/latest?metric=up&label.resource=" + ci);
		assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
		assertThat(latest.text()).contains("\"value\":1");

		// the port closes: the resource becomes unreachable and an event says so
		this.listening.close();
		waitFor(Duration.ofSeconds(30),
				() -> this.admin.get("/api/v1/monitors/" + id).json().path("status").asText().equals("DOWN") ? "" : null);
		JsonNode down = this.admin.get("/api/v1/monitoring/resources/" + ci).json().path("resource");
		assertThat(down.path("state").asText()).isEqualTo("UNREACHABLE");
		JsonNode events = waitFor(Duration.ofSeconds(10), () -> {
			JsonNode e = this.admin.get("/api/v1/monitoring/events?ciId=" + ci).json();
			return e.path("total").asLong() > 0 ? e : null;
		});
		assertThat(events.path("items").get(0).path("kind").asText()).isEqualTo("UNREACHABLE");
		assertThat(events.path("items").get(0).path("kindText").asText()).isEqualTo("资源不可达");

		// switched off: not collected any more
		Response off = this.admin.put("/api/v1/monitors/" + id, Map.of("typeId", "tcp-port", "parameters",
				Map.of("host", "127.0.0.1", "port", this.listening.getLocalPort()), "enabled", false, "version",
				monitor.path("version").asInt() + 0));
		if (off.status() == 409) {
			int version = this.admin.get("/api/v1/monitors/" + id).json().path("version").asInt();
			off = this.admin.put("/api/v1/monitors/" + id, Map.of("typeId", "tcp-port", "parameters",
					Map.of("host", "127.0.0.1", "port", this.listening.getLocalPort()), "enabled", false, "version", version));
		}
		assertThat(off.status()).as(off.toString()).isEqualTo(200);
		assertThat(off.json().path("status").asText()).isEqualTo("DISABLED");
	}

	@Test
	void everyBadFieldIsNamedAndNothingIsStored() {
		long ci = server("测试-坏输入-" + unique(""), "10.1.1.3");
		Map<String, Object> bad = new HashMap<>();
		bad.put("ciId", ci);
		bad.put("typeId", "tcp-port");
		bad.put("intervalSeconds", 5);
		bad.put("parameters", Map.of("host", "not a host", "port", 70000, "colour", "red"));
		Response refused = this.admin.post("/api/v1/monitors", bad);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("MON-0009");
		assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("intervalSeconds",
				"parameters.host", "parameters.port", "parameters.colour");
		assertThat(refused.text()).contains("端口").doesNotContain("Exception");
		Response unknown = this.admin.post("/api/v1/monitors", Map.of("ciId", 999_999_999, "typeId", "nope"));
		assertThat(unknown.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("ciId", "typeId");
		Response english = this.admin.language("en").post("/api/v1/monitors", Map.of("ciId", ci, "typeId", "tcp-port"));
		assertThat(english.text()).contains("Please fill in \\\"Host\\\"");
		assertThat(this.admin.get("/api/v1/monitors?ciId=" + ci).json().path("total").asLong()).isZero();
	}

	@Test
	void secretsAreNeverAnsweredNorAuditedAndEmptyOnesKeepTheStoredValue() {
		long ci = server("测试-门户网站-" + unique(""), "10.1.1.4");
		Map<String, Object> input = new HashMap<>();
		input.put("ciId", ci);
		input.put("typeId", "http-check");
		input.put("parameters", Map.of("url", "http://127.0.0.1:" + this.listening.getLocalPort() + "/health", "username",
				"ops", "password", "Secret@Portal2026"));
		input.put("enabled", false);
		Response created = this.admin.post("/api/v1/monitors", input);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text()).doesNotContain("Secret@Portal2026");
		assertThat(created.json().path("secretsSet").findValuesAsText("")).isEmpty();
		assertThat(created.json().path("secretsSet").toString()).contains("password");
		assertThat(created.json().path("host").asText()).isEqualTo("127.0.0.1");
		long id = created.id();
		String stored = this.jdbc.sql("select secrets from mon_monitor where id = :id").param("id", id).query(String.class).single();
		assertThat(stored).doesNotContain("Secret@Portal2026");
		Response changed = this.admin.put("/api/v1/monitors/" + id, Map.of("typeId", "http-check", "name", "门户健康检查",
				"parameters", Map.of("url", "http://127.0.0.1:1/health", "username", "ops", "password", ""), "enabled", false,
				"version", created.json().path("version").asInt()));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().path("secretsSet").toString()).contains("password");
		Response stale = this.admin.put("/api/v1/monitors/" + id, Map.of("typeId", "http-check", "parameters",
				Map.of("url", "http://127.0.0.1:1/health"), "version", created.json().path("version").asInt()));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("MON-0005");
		String audit = this.admin.get("/api/v1/audit?targetType=Monitor&size=50").text();
		assertThat(audit).contains("门户健康检查").doesNotContain("Secret@Portal2026");
		Response gone = this.admin.delete("/api/v1/monitors/" + id + "?version=" + changed.json().path("version").asInt());
		assertThat(gone.status()).isEqualTo(204);
		assertThat(this.admin.get("/api/v1/monitors/" + id).code()).isEqualTo("MON-0001");
	}

	@Test
	void usersSeeOnlyTheMonitorsOfTheirOrganisationsSubtree() {
		long east = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("东区"));
		long west = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("西区"));
		long eastCi = server("东区服务器-" + unique(""), "10.2.0.1", east);
		long westCi = server("西区服务器-" + unique(""), "10.3.0.1", west);
		Map<String, Object> eastInput = tcp(eastCi, 1);
		eastInput.put("enabled", false);
		Map<String, Object> westInput = tcp(westCi, 1);
		westInput.put("enabled", false);
		long eastMonitor = this.admin.post("/api/v1/monitors", eastInput).id();
		long westMonitor = this.admin.post("/api/v1/monitors", westInput).id();
		long role = createRole(this.admin, List.of("monitoring:monitor:read", "monitoring:monitor:manage"), "OWN_SUBTREE", List.of());
		ApiClient engineer = createUserAndSignIn(this.admin, unique("mon"), east, List.of(role));
		assertThat(engineer.get("/api/v1/monitors/" + eastMonitor).status()).isEqualTo(200);
		assertThat(engineer.get("/api/v1/monitors/" + westMonitor).code()).isEqualTo("MON-0001");
		assertThat(engineer.get("/api/v1/monitors?size=200").json().path("items").findValuesAsText("ciId"))
			.contains(String.valueOf(eastCi))
			.doesNotContain(String.valueOf(westCi));
		Map<String, Object> intoWest = tcp(westCi, 1);
		assertThat(engineer.post("/api/v1/monitors", intoWest).json().path("errors").findValuesAsText("field"))
			.containsExactly("ciId");
		assertThat(engineer.get("/api/v1/monitoring/resources/" + westCi).code()).isEqualTo("MON-0042");
		String westCode = ci(westCi).path("code").asText();
		Response file = engineer.upload("/api/v1/monitors/bulk/file/preview?typeId=tcp-port", "west.csv", "text/csv",
				("配置项编码,主机地址,端口\n" + westCode + ",10.3.0.1,22\n").getBytes(StandardCharsets.UTF_8));
		assertThat(file.json().path("rows").get(0).path("status").asText()).as("a CI outside the scope is unknown")
			.isEqualTo("INVALID");
	}

	@Test
	void bulkOnboardingPreviewsEveryRowThenAddsEachValidOne() {
		String tag = unique("批量");
		long first = server("批量-一号机-" + tag, "10.9.0.1", null, tag);
		long second = server("批量-二号机-" + tag, "10.9.0.2", null, tag);
		long noAddress = server("批量-无地址-" + tag, null, null, tag);
		Map<String, Object> request = new HashMap<>();
		request.put("typeId", "tcp-port");
		request.put("selection", Map.of("tag", tag));
		request.put("parameters", Map.of("port", 22));
		request.put("enabled", false);
		Response preview = this.admin.post("/api/v1/monitors/bulk/preview", request);
		assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
		assertThat(preview.json().path("applied").asBoolean()).isFalse();
		assertThat(rowStatus(preview, first)).isEqualTo("READY");
		assertThat(rowStatus(preview, noAddress)).isEqualTo("INVALID");
		assertThat(row(preview, noAddress).path("problems").findValuesAsText("field")).containsExactly("parameters.host");
		assertThat(this.admin.get("/api/v1/monitors?ciId=" + first).json().path("total").asLong()).isZero();
		Response applied = this.admin.post("/api/v1/monitors/bulk", request);
		assertThat(rowStatus(applied, first)).isEqualTo("CREATED");
		assertThat(rowStatus(applied, second)).isEqualTo("CREATED");
		assertThat(rowStatus(applied, noAddress)).isEqualTo("FAILED");
		assertThat(row(applied, first).path("host").asText()).isEqualTo("10.9.0.1");
		Response again = this.admin.post("/api/v1/monitors/bulk", request);
		assertThat(rowStatus(again, first)).isEqualTo("SKIPPED");
		Response nothing = this.admin.post("/api/v1/monitors/bulk/preview", Map.of("typeId", "tcp-port", "selection", Map.of()));
		assertThat(nothing.status()).isEqualTo(400);
		assertThat(nothing.json().path("errors").findValuesAsText("field")).containsExactly("selection");

		// from a spreadsheet: the CI by code, the address and port by their Chinese labels
		String firstCode = ci(first).path("code").asText();
		String csv = "配置项编码,主机地址,端口\n" + firstCode + ",10.9.9.9,8080\n不存在的配置项,10.9.9.8,80\n";
		Response file = this.admin.upload("/api/v1/monitors/bulk/file/preview?typeId=tcp-port&skipExisting=false", "hosts.csv",
				"text/csv", csv.getBytes(StandardCharsets.UTF_8));
		assertThat(file.status()).as(file.toString()).isEqualTo(200);
		assertThat(file.json().path("rows").get(0).path("status").asText()).isEqualTo("READY");
		assertThat(file.json().path("rows").get(0).path("host").asText()).isEqualTo("10.9.9.9");
		assertThat(file.json().path("rows").get(1).path("status").asText()).isEqualTo("INVALID");
		Response unknownColumn = this.admin.upload("/api/v1/monitors/bulk/file/preview?typeId=tcp-port", "hosts.csv",
				"text/csv", "配置项编码,颜色\nX,红\n".getBytes(StandardCharsets.UTF_8));
		assertThat(unknownColumn.json().path("errors").get(0).path("code").asText()).isEqualTo("MON-0037");
		Response template = this.admin.get("/api/v1/monitors/bulk/file-template?typeId=tcp-port");
		assertThat(template.status()).isEqualTo(200);
		assertThat(template.bytes()[0]).isEqualTo((byte) 'P');
	}

	@Test
	void uploadedTemplatesAreCheckedLineByLineAndVersioned() {
		String id = "custom-" + unique("").toLowerCase();
		String broken = "id: " + id + "\nname: 自定义\ncategory: toaster\nprotocol: tcp\nmetrics:\n  - {name: up, label: 可用}\n";
		Response refused = this.admin.exchange("POST", "/api/v1/monitor-types", Map.of("Content-Type", "application/yaml"),
				broken.getBytes(StandardCharsets.UTF_8));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("MON-0020");
		assertThat(refused.json().path("problems").findValuesAsText("path")).contains("category", "metrics[0].source");
		assertThat(refused.json().path("problems").findValuesAsText("message")).anyMatch(m -> m.contains("类别“toaster”无效"));
		String good = "id: " + id + "\nname: {zh-CN: 自定义端口, en: Custom port}\ncategory: service\nprotocol: tcp\n"
				+ "parameters:\n  - {key: host, type: host, label: 地址, required: true}\n"
				+ "  - {key: port, type: port, label: 端口, default: 80}\n"
				+ "metrics:\n  - {name: up, label: 可用, unit: boolean, source: {field: up}}\n";
		Response uploaded = this.admin.exchange("POST", "/api/v1/monitor-types", Map.of("Content-Type", "application/yaml"),
				good.getBytes(StandardCharsets.UTF_8));
		assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
		assertThat(uploaded.json().path("builtIn").asBoolean()).isFalse();
		Response sameVersion = this.admin.exchange("POST", "/api/v1/monitor-types", Map.of("Content-Type", "application/yaml"),
				good.getBytes(StandardCharsets.UTF_8));
		assertThat(sameVersion.code()).isEqualTo("MON-0024");
		Response builtIn = this.admin.exchange("POST", "/api/v1/monitor-types", Map.of("Content-Type", "application/yaml"),
				good.replace(id, "tcp-port").getBytes(StandardCharsets.UTF_8));
		assertThat(builtIn.code()).isEqualTo("MON-0021");
		assertThat(this.admin.delete("/api/v1/monitor-types/tcp-port").code()).isEqualTo("MON-0021");
		assertThat(this.admin.delete("/api/v1/monitor-types/" + id).status()).isEqualTo(204);
		assertThat(this.admin.get("/api/v1/monitor-types/" + id).status()).isEqualTo(404);
	}

	// ---- helpers ---------------------------------------------------------------------------------

	private Map<String, Object> tcp(long ci, int port) {
		Map<String, Object> input = new HashMap<>();
		input.put("ciId", ci);
		input.put("typeId", "tcp-port");
		input.put("parameters", Map.of("host", "127.0.0.1", "port", port));
		return input;
	}

	private long server(String name, String ip) {
		return server(name, ip, null);
	}

	private long server(String name, String ip, Long organisation) {
		return server(name, ip, organisation, null);
	}

	private long server(String name, String ip, Long organisation, String tag) {
		long cls = this.admin.get("/api/v1/cmdb/classes").json().findParents("code").stream()
			.filter(node -> node.path("code").asText().equals("PHYSICAL_SERVER"))
			.findFirst()
			.orElseThrow()
			.path("id")
			.asLong();
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cls);
		body.put("code", unique("SRV-"));
		body.put("name", name);
		body.put("organisationId", organisation == null ? rootOrganisationId(this.admin) : organisation);
		body.put("importance", "KEY");
		if (ip != null) {
			body.put("attributes", Map.of("ip", ip));
		}
		if (tag != null) {
			body.put("tags", List.of(tag));
		}
		Response created = this.admin.post("/api/v1/cmdb/cis", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private JsonNode ci(long id) {
		return this.admin.get("/api/v1/cmdb/cis/" + id).json();
	}

	private static JsonNode row(Response result, long ci) {
		for (JsonNode row : result.json().path("rows")) {
			if (row.path("ciId").asLong() == ci) {
				return row;
			}
		}
		throw new AssertionError("no row for CI " + ci + " in " + result);
	}

	private static String rowStatus(Response result, long ci) {
		return row(result, ci).path("status").asText();
	}

	private static JsonNode find(JsonNode array, String field, String value) {
		for (JsonNode node : array) {
			if (node.path(field).asText().equals(value)) {
				return node;
			}
		}
		throw new AssertionError(value + " not in " + array);
	}

	private static <T> T waitFor(Duration timeout, java.util.function.Supplier<T> probe) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("not within " + timeout);
	}

}
