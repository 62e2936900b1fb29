package io.opsguard.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.opsguard.alerting.internal.AlertEvaluation;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alerting end to end over HTTP with a moved clock: rules checked field by field, thresholds with
 * duration and hysteresis, deduplication, acknowledging and resolving, flapping, dependencies,
 * silences, maintenance windows, the preview against history, statistics, and alert to incident.
 */
class AlertingApiIT extends ApiTestSupport {

	@Autowired
	private MetricStore store;

	@Autowired
	private AlertEvaluation evaluation;

	@Autowired
	private io.opsguard.alerting.internal.AlertLifecycle lifecycle;

	@Autowired
	private io.opsguard.alerting.internal.AlertRetention retention;

	private ApiClient admin;

	private Instant t0;

	@BeforeEach
	void setUp() {
		this.admin = admin();
		// whole seconds, a little ahead of every earlier test of the context
		this.t0 = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		this.clock.set(this.t0);
	}

	@Test
	void aRuleIsCheckedFieldByFieldAndTemplateRulesFollowTheMonitorTypes() {
		Map<String, Object> bad = new HashMap<>();
		bad.put("name", " ");
		bad.put("kind", "THRESHOLD");
		bad.put("severity", "MAJOR");
		bad.put("metric", "no_such_metric");
		bad.put("operator", ">");
		bad.put("threshold", 90);
		bad.put("recoveryOperator", "<");
		bad.put("recoveryThreshold", 95);
		Response refused = this.admin.post("/api/v1/alert-rules", bad);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("ALR-0020");
		assertThat(fields(refused)).contains("name", "metric");
		bad.put("metric", "cpu_usage");
		Response overlap = this.admin.post("/api/v1/alert-rules", bad);
		assertThat(fields(overlap)).contains("recoveryThreshold");
		assertThat(overlap.json().toString()).contains("告警 > 90、恢复 < 80");

		Map<String, Object> expression = new HashMap<>(rule("表达式", "cpu_usage", ">", 1, 0));
		expression.put("kind", "EXPRESSION");
		expression.put("expression", "cpu_usage >");
		assertThat(fields(this.admin.post("/api/v1/alert-rules", expression))).contains("expression");

		JsonNode templates = this.admin.get("/api/v1/alert-rules?origin=TEMPLATE&size=200").json();
		assertThat(templates.path("total").asInt()).isGreaterThan(20);
		JsonNode collection = find(templates.path("items"), "templateKey", "builtin:collection-failing");
		assertThat(collection.path("check").asText()).isEqualTo("COLLECTION_FAILING");
		Response delete = this.admin.delete("/api/v1/alert-rules/" + collection.path("id").asLong() + "?version="
				+ collection.path("version").asInt());
		assertThat(delete.code()).isEqualTo("ALR-0018");
		JsonNode cpu = this.admin.get("/api/v1/alert-rules?origin=TEMPLATE&q=cpu_usage&size=200").json();
		assertThat(cpu.path("items")).anySatisfy(r -> assertThat(r.path("scopeKind").asText()).isEqualTo("MONITOR_TYPE"));
		assertThat(this.admin.get("/api/v1/alert-rules/metrics").json().toString()).contains("cpu_usage");
	}

	@Test
	void aThresholdFiresAfterItsDurationDeduplicatesAndRecoversWithHysteresis() {
		long ci = ci("PHYSICAL_SERVER", unique("应用服务器"));
		Map<String, Object> input = rule("CPU 持续过高", "cpu_usage", ">", 90, 120);
		input.put("scopeKind", "RESOURCE");
		input.put("scopeValue", Long.toString(ci));
		input.put("recoveryOperator", "<");
		input.put("recoveryThreshold", 80);
		long rule = created(this.admin.post("/api/v1/alert-rules", input));

		sample(ci, "cpu_usage", 0, 95);
		sample(ci, "cpu_usage", 60, 96);
		assertThat(alertsOf(ci)).isEmpty();
		sample(ci, "cpu_usage", 120, 97);
		List<JsonNode> open = alertsOf(ci);
		assertThat(open).hasSize(1);
		JsonNode alert = open.get(0);
		assertThat(alert.path("state").asText()).isEqualTo("FIRING");
		assertThat(alert.path("ruleId").asLong()).isEqualTo(rule);
		assertThat(alert.path("severity").asText()).isEqualTo("MAJOR");
		assertThat(alert.path("title").asText()).contains("应用服务器").contains("CPU 持续过高");
		assertThat(alert.path("summary").asText()).contains("当前值 97").contains("持续 2 分钟");
		assertThat(alert.path("threshold").asDouble()).isEqualTo(90);

		sample(ci, "cpu_usage", 130, 98);
		// between the thresholds: still firing
		sample(ci, "cpu_usage", 140, 85);
		open = alertsOf(ci);
		assertThat(open).hasSize(1);
		assertThat(open.get(0).path("evaluations").asInt()).isEqualTo(3);
		assertThat(open.get(0).path("lastValue").asDouble()).isEqualTo(85);
		assertThat(open.get(0).path("state").asText()).isEqualTo("FIRING");

		sample(ci, "cpu_usage", 150, 70);
		JsonNode resolved = this.admin.get("/api/v1/alerts/" + alert.path("id").asLong()).json();
		assertThat(resolved.path("state").asText()).isEqualTo("RESOLVED");
		assertThat(resolved.path("duration").asText()).isEqualTo("PT30S");
		assertThat(timeline(resolved.path("id").asLong())).containsSubsequence("FIRED", "RESOLVED");
	}

	@Test
	void peopleAcknowledgeAndResolveAlertsWithAReason() {
		long ci = ci("PHYSICAL_SERVER", unique("数据库服务器"));
		rule(ci, "内存告警", "mem_usage", ">", 90, 0);
		sample(ci, "mem_usage", 0, 99);
		long id = alertsOf(ci).get(0).path("id").asLong();

		Response ack = this.admin.post("/api/v1/alerts/acknowledge", Map.of("ids", List.of(id), "comment", "正在处理"));
		assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
		assertThat(ack.json().get(0).path("state").asText()).isEqualTo("ACKNOWLEDGED");
		assertThat(ack.json().get(0).path("acknowledgedByName").asText()).isNotBlank();
		assertThat(ack.json().get(0).path("ackComment").asText()).isEqualTo("正在处理");

		Response noReason = this.admin.post("/api/v1/alerts/resolve", Map.of("ids", List.of(id)));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().toString()).contains("ALR-0023");
		Response resolved = this.admin.post("/api/v1/alerts/resolve", Map.of("ids", List.of(id), "reason", "已扩容内存"));
		assertThat(resolved.json().get(0).path("state").asText()).isEqualTo("RESOLVED");
		assertThat(resolved.json().get(0).path("resolveReason").asText()).isEqualTo("已扩容内存");
		assertThat(this.admin.post("/api/v1/alerts/resolve", Map.of("ids", List.of(id), "reason", "again")).code())
			.isEqualTo("ALR-0022");
		assertThat(this.admin.post("/api/v1/alerts/acknowledge", Map.of("ids", List.of(987_654_321L))).code())
			.isEqualTo("ALR-0021");
		// the condition still holds: no new alert until it has cleared once
		sample(ci, "mem_usage", 10, 99);
		assertThat(alertsOf(ci)).isEmpty();
		sample(ci, "mem_usage", 20, 10);
		sample(ci, "mem_usage", 30, 99);
		assertThat(alertsOf(ci)).hasSize(1);
		assertThat(timeline(id)).contains("ACKNOWLEDGED", "RESOLVED_BY_HAND");
	}

	@Test
	void anAlertThatKeepsComingBackIsOneFlappingAlert() {
		long ci = ci("SWITCH", unique("接入交换机"));
		rule(ci, "端口抖动", "if_oper_status", "!=", 1, 0);
		for (int i = 0; i < 5; i++) {
			sample(ci, "if_oper_status", i * 20, 2);
			sample(ci, "if_oper_status", i * 20 + 10, 1);
		}
		JsonNode all = this.admin.get("/api/v1/alerts?ciId=" + ci).json();
		assertThat(all.path("total").asInt()).isEqualTo(1);
		JsonNode alert = all.path("items").get(0);
		assertThat(alert.path("flapping").asBoolean()).isTrue();
		assertThat(alert.path("flapCount").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(timeline(alert.path("id").asLong())).contains("FLAPPING").contains("REOPENED");
	}

	@Test
	void alertsOfResourcesBehindADownDeviceAreCausedByIt() {
		long device = ci("SWITCH", unique("核心交换机"));
		long host = ci("PHYSICAL_SERVER", unique("汇聚下主机"));
		Response relation = this.admin.post("/api/v1/cmdb/relations",
				Map.of("type", "CONNECTED_TO", "sourceId", host, "targetId", device));
		assertThat(relation.status()).as(relation.toString()).isEqualTo(201);
		// three failed collections in a row of both, seen by an evaluation each
		for (int i = 0; i < 3; i++) {
			this.clock.set(this.t0.plusSeconds(i * 60));
			appendOnly(device, "collect_success", i * 60, 0);
			appendOnly(host, "collect_success", i * 60, 0);
			this.evaluation.evaluate();
		}
		JsonNode deviceAlert = alertsOf(device).get(0);
		assertThat(deviceAlert.path("quietReason").isNull()).isTrue();
		assertThat(deviceAlert.path("severity").asText()).isEqualTo("CRITICAL");
		JsonNode hostAlert = alertsOf(host).get(0);
		assertThat(hostAlert.path("quietReason").asText()).isEqualTo("CAUSED_BY_PARENT");
		assertThat(hostAlert.path("causedByCiId").asLong()).isEqualTo(device);
		// the device comes back: for a minute the host is still taken as caused by it (it follows a moment later)
		this.clock.set(this.t0.plusSeconds(180));
		appendOnly(device, "collect_success", 180, 1);
		appendOnly(host, "collect_success", 180, 0);
		this.evaluation.evaluate();
		assertThat(alertsOf(device)).isEmpty();
		assertThat(alertsOf(host).get(0).path("quietReason").asText()).isEqualTo("CAUSED_BY_PARENT");
		// still down a minute later: now it is told on its own
		this.clock.set(this.t0.plusSeconds(250));
		appendOnly(device, "collect_success", 250, 1);
		appendOnly(host, "collect_success", 250, 0);
		this.evaluation.evaluate();
		assertThat(alertsOf(host).get(0).path("quietReason").isNull()).isTrue();
		assertThat(timeline(hostAlert.path("id").asLong())).contains("SUPPRESSED", "UNQUIETED");
	}

	@Test
	void silencesAndMaintenanceWindowsKeepAlertsFromNotificationsButRecorded() {
		long silenced = ci("PHYSICAL_SERVER", unique("静默主机"));
		long maintained = ci("PHYSICAL_SERVER", unique("维护主机"));
		Response noExpiry = this.admin.post("/api/v1/silences", Map.of("ciId", silenced, "reason", "扩容"));
		assertThat(noExpiry.status()).isEqualTo(400);
		assertThat(fields(noExpiry)).contains("expiresAt");
		Response noMatcher = this.admin.post("/api/v1/silences",
				Map.of("reason", "全部", "expiresAt", this.t0.plus(Duration.ofHours(1)).toString()));
		assertThat(fields(noMatcher)).contains("ciId");
		Response silence = this.admin.post("/api/v1/silences",
				Map.of("ciId", silenced, "reason", "扩容割接", "expiresAt", this.t0.plus(Duration.ofHours(1)).toString()));
		assertThat(silence.status()).as(silence.toString()).isEqualTo(201);
		Response window = this.admin.post("/api/v1/maintenance-windows",
				Map.of("name", "月度维护", "scopeKind", "RESOURCE", "scopeValue", Long.toString(maintained), "recurrence",
						"ONCE", "startsAt", this.t0.minusSeconds(60).toString(), "endsAt",
						this.t0.plus(Duration.ofHours(1)).toString(), "reason", "系统升级"));
		assertThat(window.status()).as(window.toString()).isEqualTo(201);
		Response badWindow = this.admin.post("/api/v1/maintenance-windows",
				Map.of("name", "坏窗口", "recurrence", "WEEKLY", "startTime", "25:00", "durationMinutes", 60, "reason", "x"));
		assertThat(fields(badWindow)).contains("startTime", "days");

		rule(silenced, "负载过高", "load1", ">", 10, 0);
		rule(maintained, "负载过高", "load1", ">", 10, 0);
		sample(silenced, "load1", 0, 20);
		sample(maintained, "load1", 0, 20);
		assertThat(alertsOf(silenced).get(0).path("quietReason").asText()).isEqualTo("SILENCED");
		assertThat(alertsOf(silenced).get(0).path("silenceId").asLong()).isEqualTo(silence.id());
		assertThat(alertsOf(maintained).get(0).path("quietReason").asText()).isEqualTo("MAINTENANCE");

		Response ended = this.admin.delete("/api/v1/silences/" + silence.id() + "?version=" + silence.json().path("version").asInt());
		assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
		this.clock.set(this.t0.plusSeconds(5));
		this.evaluation.evaluate();
		assertThat(alertsOf(silenced).get(0).path("quietReason").isNull()).isTrue();
	}

	@Test
	void aRuleIsPreviewedAgainstLastWeeksHistory() {
		long ci = ci("PHYSICAL_SERVER", unique("历史主机"));
		Instant start = this.t0.minus(Duration.ofHours(6));
		List<Sample> history = new ArrayList<>();
		SeriesKey series = SeriesKey.of("disk_usage", "resource", Long.toString(ci), "instance", "/data");
		for (int minute = 0; minute < 360; minute++) {
			// two episodes above 90: 10 minutes at 1 h and 3 minutes at 4 h; a one-minute spike at 5 h
			boolean high = minute >= 60 && minute < 70 || minute >= 240 && minute < 243 || minute == 300;
			history.add(new Sample(series, start.plus(Duration.ofMinutes(minute)).toEpochMilli(), high ? 95 : 60));
		}
		assertThat(this.store.append(history).rejected()).isEmpty();
		Map<String, Object> input = rule("磁盘将满", "disk_usage", ">", 90, 120);
		input.put("scopeKind", "RESOURCE");
		input.put("scopeValue", Long.toString(ci));
		Response preview = this.admin.post("/api/v1/alert-rules/preview", Map.of("rule", input, "days", 1));
		assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
		assertThat(preview.json().path("previewable").asBoolean()).isTrue();
		assertThat(preview.json().path("firings").asInt()).isEqualTo(2);
		assertThat(preview.json().path("items").get(0).path("instance").asText()).isEqualTo("/data");
		assertThat(preview.json().path("items").get(0).path("peak").asDouble()).isEqualTo(95);
		assertThat(this.admin.post("/api/v1/alert-rules/preview", Map.of("rule", input, "days", 90)).json().toString())
			.contains("ALR-0026");
	}

	@Test
	void statisticsCountAlertsBySeverityAndNameTheNoisiestRules() {
		long ci = ci("PHYSICAL_SERVER", unique("统计主机"));
		long rule = rule(ci, "统计规则", "swap_usage", ">", 50, 0);
		for (int i = 0; i < 3; i++) {
			// further apart than the flap window: three alerts
			sample(ci, "swap_usage", i * 2000, 90);
			sample(ci, "swap_usage", i * 2000 + 10, 10);
		}
		JsonNode report = this.admin.get("/api/v1/alert-statistics?from=" + this.t0.minus(Duration.ofHours(1)) + "&to="
				+ this.t0.plus(Duration.ofHours(2))).json();
		assertThat(report.path("bucket").asText()).isEqualTo("hour");
		assertThat(report.path("bySeverity").path("MAJOR").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(report.path("meanTimeToResolve").asText()).startsWith("PT");
		assertThat(report.path("topRules")).anySatisfy(r -> {
			assertThat(r.path("id").asLong()).isEqualTo(rule);
			assertThat(r.path("alerts").asInt()).isEqualTo(3);
		});
		assertThat(this.admin.get("/api/v1/alert-statistics?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z").code())
			.isEqualTo("ALR-0025");
	}

	@Test
	void aCriticalAlertOnABusinessSystemOpensOneIncidentThatLaterAlertsJoin() throws Exception {
		long system = ci("BUSINESS_SYSTEM", unique("网上办事大厅"));
		long web = ci("PHYSICAL_SERVER", unique("门户服务器"));
		long db = ci("PHYSICAL_SERVER", unique("门户数据库"));
		for (long part : List.of(web, db)) {
			Response relation = this.admin.post("/api/v1/cmdb/relations",
					Map.of("type", "DEPENDS_ON", "sourceId", system, "targetId", part));
			assertThat(relation.status()).as(relation.toString()).isEqualTo(201);
		}
		Map<String, Object> input = rule("门户响应超时", "http_response_time", ">", 3000, 0);
		input.put("severity", "CRITICAL");
		input.put("openIncident", true);
		input.put("scopeKind", "BUSINESS_SYSTEM");
		input.put("scopeValue", Long.toString(system));
		created(this.admin.post("/api/v1/alert-rules", input));

		sample(web, "http_response_time", 0, 5000);
		JsonNode first = waitFor(() -> {
			List<JsonNode> alerts = alertsOf(web);
			return alerts.isEmpty() || alerts.get(0).path("ticketId").isNull() ? null : alerts.get(0);
		});
		assertThat(first.path("businessSystemId").asLong()).isEqualTo(system);
		long ticket = first.path("ticketId").asLong();
		JsonNode t = this.admin.get("/api/v1/tickets/" + ticket).json();
		assertThat(t.path("channel").asText()).isEqualTo("MONITORING");
		assertThat(t.path("type").asText()).isEqualTo("INCIDENT");
		assertThat(t.path("faultLevel").asInt()).isBetween(1, 2);
		assertThat(timeline(first.path("id").asLong())).contains("TICKET_OPENED");

		sample(db, "http_response_time", 5, 9000);
		JsonNode second = waitFor(() -> {
			List<JsonNode> alerts = alertsOf(db);
			return alerts.isEmpty() || alerts.get(0).path("ticketId").isNull() ? null : alerts.get(0);
		});
		assertThat(second.path("ticketId").asLong()).isEqualTo(ticket);
		assertThat(this.admin.get("/api/v1/tickets?queue=ALL&businessSystemId=" + system).json().path("total").asInt())
			.isEqualTo(1);

		// accepting the ticket acknowledges its alerts
		Response accepted = this.admin.post("/api/v1/tickets/" + ticket + "/actions/accept",
				Map.of("version", this.admin.get("/api/v1/tickets/" + ticket).json().path("version").asInt()));
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
		waitFor(() -> "ACKNOWLEDGED".equals(alertsOf(web).get(0).path("state").asText()) ? Boolean.TRUE : null);

		// the alert recovers: the ticket gets a note and stays open
		sample(web, "http_response_time", 10, 200);
		JsonNode note = waitFor(() -> {
			for (JsonNode comment : this.admin.get("/api/v1/tickets/" + ticket + "/comments").json()) {
				if (comment.path("body").asText().contains("已自动恢复")) {
					return comment;
				}
			}
			return null;
		});
		assertThat(note.path("body").asText()).contains("门户响应超时");
		assertThat(this.admin.get("/api/v1/tickets/" + ticket).json().path("state").asText()).isNotIn("RESOLVED", "CLOSED");
	}

	@Test
	void resolvedAlertsAreKeptHalfAYearAndOpenOnesForEver() {
		long ci = ci("PHYSICAL_SERVER", unique("保存期限主机"));
		this.clock.set(this.t0.minus(Duration.ofDays(200)));
		long old = fire(ci, "旧告警");
		long open = fire(ci, "一直未恢复");
		assertThat(this.admin.post("/api/v1/alerts/resolve", Map.of("ids", List.of(old), "reason", "已处理")).status())
			.isEqualTo(200);
		this.clock.set(this.t0.minus(Duration.ofDays(170)));
		long recent = fire(ci, "较新告警");
		this.admin.post("/api/v1/alerts/resolve", Map.of("ids", List.of(recent), "reason", "已处理"));
		this.clock.set(this.t0);
		assertThat(this.retention.purge()).isGreaterThanOrEqualTo(1);
		assertThat(this.admin.get("/api/v1/alerts/" + old).status()).isEqualTo(404);
		assertThat(this.admin.get("/api/v1/alerts/" + recent).status()).isEqualTo(200);
		assertThat(this.admin.get("/api/v1/alerts/" + open).status()).isEqualTo(200);
	}

	private long fire(long ci, String title) {
		return this.lifecycle.fire(new io.opsguard.alerting.internal.AlertLifecycle.Firing(unique("fp-"), "GENERIC", null,
				null, unique("k-"), title, title, AlertSeverity.MINOR, ci, rootOrganisationId(this.admin), null, null, null,
				null, null, this.clock.instant(), Map.of(), false)).alert().id();
	}

	// ---- helpers --------------------------------------------------------------------------

	/** Appends a sample at t0 + seconds, moves the clock there and evaluates. */
	private void sample(long ci, String metric, long seconds, double value) {
		this.clock.set(this.t0.plusSeconds(seconds));
		appendOnly(ci, metric, seconds, value);
		this.evaluation.evaluate();
	}

	private void appendOnly(long ci, String metric, long seconds, double value) {
		SeriesKey series = SeriesKey.of(metric, "resource", Long.toString(ci));
		assertThat(this.store.append(List.of(new Sample(series, this.t0.plusSeconds(seconds).toEpochMilli(), value)))
			.rejected()).isEmpty();
	}

	private List<JsonNode> alertsOf(long ci) {
		List<JsonNode> alerts = new ArrayList<>();
		this.admin.get("/api/v1/alerts?open=true&ciId=" + ci).json().path("items").forEach(alerts::add);
		return alerts;
	}

	private List<String> timeline(long alert) {
		List<String> kinds = new ArrayList<>();
		this.admin.get("/api/v1/alerts/" + alert + "/timeline").json().forEach(e -> kinds.add(e.path("kind").asText()));
		return kinds;
	}

	private long rule(long ci, String name, String metric, String operator, double threshold, long forSeconds) {
		Map<String, Object> input = rule(name, metric, operator, threshold, forSeconds);
		input.put("scopeKind", "RESOURCE");
		input.put("scopeValue", Long.toString(ci));
		return created(this.admin.post("/api/v1/alert-rules", input));
	}

	private static Map<String, Object> rule(String name, String metric, String operator, double threshold, long forSeconds) {
		Map<String, Object> input = new HashMap<>();
		input.put("name", name);
		input.put("kind", "THRESHOLD");
		input.put("severity", "MAJOR");
		input.put("metric", metric);
		input.put("operator", operator);
		input.put("threshold", threshold);
		input.put("forSeconds", forSeconds);
		return input;
	}

	private static long created(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.id();
	}

	private long ci(String classCode, String name) {
		long cls = this.admin.get("/api/v1/cmdb/classes").json().findParents("code").stream()
			.filter(node -> node.path("code").asText().equals(classCode))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no class " + classCode))
			.path("id")
			.asLong();
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cls);
		body.put("code", unique("CI-"));
		body.put("name", name);
		body.put("organisationId", rootOrganisationId(this.admin));
		body.put("importance", "KEY");
		Response created = this.admin.post("/api/v1/cmdb/cis", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private static List<String> fields(Response response) {
		List<String> fields = new ArrayList<>();
		response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
		return fields;
	}

	private static JsonNode find(JsonNode array, String field, String value) {
		for (JsonNode node : array) {
			if (node.path(field).asText().equals(value)) {
				return node;
			}
		}
		throw new AssertionError(value + " not in " + array);
	}

	private static <T> T waitFor(Supplier<T> probe) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("timed out");
	}

}
