package io.opsguard.servicedesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service desk's SQL through the API, on H2 ({@link ServiceDeskPersistenceH2IT}) and on a real
 * PostgreSQL ({@link ServiceDeskPersistencePostgresIT}): numbers counted per day under concurrency,
 * tickets with CIs, history, comments and timer logs written and replayed, queues sorted by due time,
 * catalogue items' forms and a ticket's answers kept as JSON with Chinese text; vendor cases with
 * their steps and a complaint's accountability record.
 */
abstract class ServiceDeskPersistenceScenarios extends ApiTestSupport {

	@Test
	void ticketsRecordedAtOnceGetConsecutiveNumbers() throws Exception {
		ApiClient admin = admin();
		int clients = 8;
		CyclicBarrier together = new CyclicBarrier(clients);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<Response>> answers = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				answers.add(pool.submit(() -> {
					together.await(10, TimeUnit.SECONDS);
					return admin.post("/api/v1/tickets", consultation("并发登记"));
				}));
			}
			Set<String> numbers = new TreeSet<>();
			for (Future<Response> answer : answers) {
				Response response = answer.get(60, TimeUnit.SECONDS);
				assertThat(response.status()).as(response.toString()).isEqualTo(201);
				numbers.add(response.json().path("number").asText());
			}
			assertThat(numbers).hasSize(clients);
			List<Integer> sequence = numbers.stream().map(n -> Integer.parseInt(n.substring(n.lastIndexOf('-') + 1))).toList();
			assertThat(sequence.get(sequence.size() - 1) - sequence.get(0)).as("no gaps, no repeats").isEqualTo(clients - 1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	io.opsguard.servicedesk.internal.TimerSweep sweep;

	@Test
	void theSweepTellsEveryThresholdOnceInBatchesAndMovesEachTimerOn() {
		ApiClient admin = admin();
		this.sweep.sweep();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			Map<String, Object> body = new HashMap<>(consultation("批量到期 " + i));
			body.put("type", "INCIDENT");
			body.put("faultLevel", 1);
			ids.add(admin.post("/api/v1/tickets", body).id());
		}
		// every response timer passes 50 %, 80 % and 100 % while the platform is down (ten days: longer than any
		// holiday on any calendar): one sweep tells each once, late
		this.clock.advance(Duration.ofDays(10));
		try {
			int told = this.sweep.sweep();
			assertThat(told).as("thresholds told").isGreaterThanOrEqualTo(7 * 3);
			assertThat(this.sweep.sweep()).as("nothing is told twice").isZero();
			for (long id : ids) {
				JsonNode response = null;
				for (JsonNode timer : admin.get("/api/v1/tickets/" + id + "/timers").json()) {
					if (timer.path("metric").asText().equals("RESPONSE")) {
						response = timer;
					}
				}
				assertThat(response).isNotNull();
				assertThat(response.path("alerts")).extracting(a -> a.path("percent").asInt()).contains(50, 80, 100);
				assertThat(response.path("alerts")).allSatisfy(a -> assertThat(a.path("late").asBoolean()).isTrue());
				JsonNode ticket = admin.get("/api/v1/tickets/" + id).json();
				assertThat(ticket.path("breached").asBoolean()).as("the breach flags the ticket in the queues").isTrue();
			}
		}
		finally {
			this.clock.set(java.time.Instant.now());
		}
	}

	@Test
	void aTicketsTimersHistoryAndCommentsAreStoredAndReplayed() {
		ApiClient admin = admin();
		long me = admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		Response group = admin.post("/api/v1/support-groups",
				Map.of("name", unique("一线"), "line", 1, "memberIds", List.of(me), "leadId", me));
		assertThat(group.status()).as(group.toString()).isEqualTo(201);
		Map<String, Object> body = new HashMap<>(consultation("数据库连接数告警"));
		body.put("type", "INCIDENT");
		body.put("faultLevel", 1);
		JsonNode t = admin.post("/api/v1/tickets", body).json();
		long id = t.path("id").asLong();
		t = act(admin, id, "accept", Map.of());
		t = act(admin, id, "respond", Map.of());
		t = act(admin, id, "dispatch", Map.of("groupId", group.id(), "assigneeId", me));
		t = act(admin, id, "start", Map.of());
		t = act(admin, id, "pause", Map.of("comment", "等待厂商"));
		this.clock.advance(Duration.ofHours(2));
		try {
			t = act(admin, id, "resume", Map.of());
			assertThat(admin.post("/api/v1/tickets/" + id + "/comments", Map.of("body", "已联系厂商", "visibleToRequester", true))
				.status()).isEqualTo(201);
			JsonNode read = admin.get("/api/v1/tickets/" + id).json();
			assertThat(read.path("assignee").path("id").asLong()).isEqualTo(me);
			assertThat(read.path("group").path("id").asLong()).isEqualTo(group.id());
			JsonNode resolution = null;
			for (JsonNode timer : read.path("slaTimers")) {
				if (timer.path("metric").asText().equals("RESOLUTION")) {
					resolution = timer;
				}
			}
			assertThat(Duration.parse(resolution.path("elapsed").asText())).isLessThan(Duration.ofMinutes(5));
			JsonNode timelines = admin.get("/api/v1/tickets/" + id + "/timers").json();
			assertThat(timelines.findValuesAsText("kind")).contains("START", "PAUSE", "RESUME", "STOP", "RESTART");
			assertThat(admin.get("/api/v1/tickets/" + id + "/history").json().findValuesAsText("action"))
				.containsExactly("CREATE", "ACCEPT", "RESPOND", "DISPATCH", "START", "PAUSE", "RESUME");
			assertThat(admin.get("/api/v1/tickets/" + id + "/comments").json().get(0).path("body").asText()).isEqualTo("已联系厂商");
			JsonNode page = admin.get("/api/v1/tickets?queue=MINE&sort=dueAt,asc").json();
			assertThat(page.path("items").findValuesAsText("number")).contains(read.path("number").asText());
			// the queues read the open tickets' own table: a resolved ticket leaves them, a reopened one returns
			act(admin, id, "resolve", Map.of("solution", "扩容连接池", "cause", "连接数上限过低"));
			assertThat(admin.get("/api/v1/tickets?queue=MINE&size=200").json().path("items").findValuesAsText("number"))
				.doesNotContain(read.path("number").asText());
			assertThat(admin.get("/api/v1/tickets?queue=ALL&q=" + read.path("number").asText()).json().path("total").asLong())
				.isEqualTo(1);
			act(admin, id, "reopen", Map.of("comment", "又出现了"));
			assertThat(admin.get("/api/v1/tickets?queue=MINE&size=200").json().path("items").findValuesAsText("number"))
				.contains(read.path("number").asText());
		}
		finally {
			this.clock.set(java.time.Instant.now());
		}
	}

	@Test
	void aCatalogueItemsFormAndATicketsAnswersRoundTripWithChineseText() {
		ApiClient admin = admin();
		String code = unique("PRINTER-").toUpperCase();
		Map<String, Object> item = new HashMap<>();
		item.put("code", code);
		item.put("name", "打印机安装");
		item.put("nameEn", "Printer set-up");
		item.put("category", "办公设备");
		item.put("ticketType", "SERVICE_REQUEST");
		item.put("fields", List.of(
				Map.of("key", "room", "label", "房间号（含楼层）", "labelEn", "Room", "kind", "TEXT", "required", true,
						"hint", "如：3 楼 302 室"),
				Map.of("key", "model", "label", "型号", "kind", "SELECT", "required", true,
						"options", List.of("惠普 “LaserJet”", "联想 M7400", "其他")),
				Map.of("key", "quantity", "label", "数量", "kind", "NUMBER", "required", false),
				Map.of("key", "shared", "label", "设为共享", "kind", "CHECKBOX", "required", false)));
		Response created = admin.post("/api/v1/catalogue-items", item);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode read = admin.get("/api/v1/catalogue-items/" + created.id()).json();
		assertThat(read.path("name").asText()).isEqualTo("打印机安装");
		assertThat(read.path("fields").get(0).path("label").asText()).isEqualTo("房间号（含楼层）");
		assertThat(read.path("fields").get(0).path("hint").asText()).isEqualTo("如：3 楼 302 室");
		assertThat(read.path("fields").get(1).path("options")).extracting(JsonNode::asText)
			.containsExactly("惠普 “LaserJet”", "联想 M7400", "其他");
		Map<String, Object> body = new HashMap<>(consultation(""));
		body.remove("type");
		body.put("catalogueItemId", created.id());
		body.put("formValues", Map.of("room", "3 楼 302 室（机要室）", "model", "惠普 “LaserJet”", "quantity", "2", "shared", true));
		Response ticket = admin.post("/api/v1/tickets", body);
		assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
		JsonNode form = admin.get("/api/v1/tickets/" + ticket.id()).json().path("form");
		assertThat(form.path("name").asText()).isEqualTo("打印机安装");
		assertThat(form.path("answers")).extracting(a -> a.path("label").asText() + "=" + a.path("value").asText())
			.containsExactly("房间号（含楼层）=3 楼 302 室（机要室）", "型号=惠普 “LaserJet”", "数量=2", "设为共享=true");
	}

	@Test
	void vendorCasesTheirStepsAndAComplaintsAccountabilityAreStoredAndReplayed() {
		ApiClient admin = admin();
		long me = admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		String vendor = unique("厂商_%");
		long ticket = admin.post("/api/v1/tickets", consultation("报表导出缺少合计行")).id();
		Response created = admin.post("/api/v1/tickets/" + ticket + "/vendor-cases",
				Map.of("kind", "REQUIREMENT", "title", "报表增加合计行", "description", "月报需要合计行，供领导审阅"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.id();
		step(admin, id, "confirm", Map.of("confirmedBy", "王主任"));
		step(admin, id, "hand-over", Map.of("vendorName", vendor, "vendorRef", "REQ-88"));
		step(admin, id, "fixed", Map.of("fixNote", "3.3 版提供"));
		// sending the fix back clears when it was fixed: a null written on each database
		JsonNode back = step(admin, id, "reject-fix", Map.of("comment", "合计不含子单位"));
		assertThat(back.path("fixedAt").isNull()).isTrue();
		assertThat(back.path("fixNote").asText()).isEqualTo("3.3 版提供");
		JsonNode detail = admin.get("/api/v1/vendor-cases/" + id).json();
		assertThat(detail.path("vendorCase").path("handedAt").isNull()).isFalse();
		assertThat(detail.path("steps").findValuesAsText("action")).containsExactly("CREATE", "CONFIRM", "HAND_OVER", "FIXED",
				"REJECT_FIX");
		assertThat(detail.path("steps").get(0).path("from").isNull()).isTrue();
		// the search escapes the vendor's "_" and "%" and finds it in any case
		JsonNode found = admin.get("/api/v1/vendor-cases?sort=vendorName,asc&q=" + java.net.URLEncoder.encode(vendor,
				java.nio.charset.StandardCharsets.UTF_8)).json();
		assertThat(found.path("items").findValuesAsText("vendorRef")).containsExactly("REQ-88");
		assertThat(admin.get("/api/v1/vendor-cases?state=HANDED_OVER&kind=REQUIREMENT&size=200").json().path("items")
			.findValuesAsText("vendorName")).contains(vendor);

		Map<String, Object> body = new HashMap<>(consultation("接线员态度生硬"));
		body.put("type", "COMPLAINT");
		long complaint = admin.post("/api/v1/tickets", body).id();
		Response recorded = admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("established", true, "staffIds", List.of(me), "finding", "录音核实属实", "measure", "批评教育"));
		assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
		Response replaced = admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("version", 0, "established", false, "finding", "复核无责"));
		assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
		JsonNode record = admin.get("/api/v1/tickets/" + complaint + "/accountability").json();
		assertThat(record.path("version").asInt()).isEqualTo(1);
		assertThat(record.path("established").asBoolean()).isFalse();
		assertThat(record.path("staff")).isEmpty();
		assertThat(record.path("measure").isNull()).isTrue();
	}

	private static JsonNode step(ApiClient admin, long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", admin.get("/api/v1/vendor-cases/" + id).json().path("vendorCase").path("version").asInt());
		Response response = admin.post("/api/v1/vendor-cases/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
		return response.json();
	}

	private static Map<String, Object> consultation(String title) {
		Map<String, Object> body = new HashMap<>();
		body.put("type", "CONSULTATION");
		body.put("title", title);
		body.put("contact", Map.of("name", "李工", "phone", "13700000000"));
		return body;
	}

	private static JsonNode act(ApiClient admin, long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", admin.get("/api/v1/tickets/" + id).json().path("version").asInt());
		Response response = admin.post("/api/v1/tickets/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
		return response.json();
	}

}
