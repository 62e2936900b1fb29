package io.opsguard.servicedesk;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.servicedesk.internal.TimerSweep;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tickets end to end over HTTP: recorded from a call, worked through their lifecycle with SLA and
 * group clocks that keep suspended and reassigned time apart, re-levelled without losing time,
 * complaints escalated before dispatch, and bad input refused with nothing saved.
 */
class ServiceDeskApiIT extends ApiTestSupport {

	@Autowired
	TimerSweep sweep;

	@Autowired
	io.opsguard.servicedesk.internal.TicketAutoClose autoClose;

	@Autowired
	io.opsguard.servicedesk.internal.SlaAlertNotifier alertNotices;

	private ApiClient admin;

	private Instant start;

	private long root;

	@BeforeEach
	void setUp() {
		this.admin = admin();
		this.root = rootOrganisationId(this.admin);
		this.start = Instant.now();
	}

	@AfterEach
	void resetClock() {
		this.clock.set(Instant.now());
	}

	@Test
	void anIncidentRecordedAfterTheCallGetsItsTimersFromTheReportedTime() {
		Instant reported = this.clock.instant().minus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		Response created = this.admin.post("/api/v1/tickets", incident(3, reported));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode ticket = created.json();
		assertThat(ticket.path("number").asText()).matches("GZ-\\d{8}-\\d{4}");
		assertThat(ticket.path("state").asText()).isEqualTo("REPORTED");
		assertThat(ticket.path("allowedActions")).extracting(JsonNode::asText).containsExactly("accept");
		JsonNode response = timer(ticket, "RESPONSE");
		assertThat(response.path("target").asText()).isEqualTo("PT30M");
		assertThat(Instant.parse(response.path("dueAt").asText())).isEqualTo(reported.plus(Duration.ofMinutes(30)));
		assertThat(Duration.parse(response.path("elapsed").asText())).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(21));
		assertThat(response.path("breached").asBoolean()).isFalse();
		assertThat(timer(ticket, "DISPATCH").path("target").asText()).isEqualTo("PT30M");
		assertThat(timer(ticket, "RESOLUTION").path("target").asText()).isEqualTo("PT8H");
		assertThat(timer(ticket, "PROGRESS_UPDATE").path("target").asText()).isEqualTo("PT4H");
		this.clock.advance(Duration.ofMinutes(15));
		JsonNode later = this.admin.get("/api/v1/tickets/" + ticket.path("id").asLong()).json();
		assertThat(timer(later, "RESPONSE").path("breached").asBoolean()).as("35 minutes without an answer").isTrue();
		assertThat(this.admin.get("/api/v1/tickets/by-number/" + ticket.path("number").asText()).json().path("id").asLong())
			.isEqualTo(ticket.path("id").asLong());
	}

	@Test
	void theLifecycleRunsThroughBothLinesAndKeepsEveryClockFair() {
		long first = group("一线" + unique(""), 1);
		long second = group("二线" + unique(""), 2);
		JsonNode t = this.admin.post("/api/v1/tickets", incident(2, null)).json();
		long id = t.path("id").asLong();
		t = act(id, "accept", Map.of());
		t = act(id, "respond", Map.of());
		assertThat(timer(t, "RESPONSE").path("state").asText()).isEqualTo("STOPPED");
		t = act(id, "dispatch", Map.of("groupId", first));
		assertThat(timer(t, "DISPATCH").path("state").asText()).isEqualTo("STOPPED");
		t = act(id, "start", Map.of());
		this.clock.advance(Duration.ofMinutes(30));
		Response noReason = this.admin.post("/api/v1/tickets/" + id + "/actions/pause", Map.of("version", t.path("version").asInt()));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0013");
		t = act(id, "pause", Map.of("comment", "等待用户提供日志"));
		this.clock.advance(Duration.ofHours(3));
		t = act(id, "resume", Map.of());
		Duration resolution = Duration.parse(timer(t, "RESOLUTION").path("elapsed").asText());
		assertThat(resolution).as("three suspended hours do not count").isLessThan(Duration.ofMinutes(32));
		t = act(id, "escalate", Map.of("comment", "需要数据库专家", "groupId", second));
		assertThat(t.path("state").asText()).isEqualTo("SECOND_LINE");
		assertThat(t.path("group").path("id").asLong()).isEqualTo(second);
		this.clock.advance(Duration.ofMinutes(45));
		Response noMode = this.admin.post("/api/v1/tickets/" + id + "/actions/hand-back",
				Map.of("version", t.path("version").asInt(), "comment", "电话指导重建索引"));
		assertThat(noMode.status()).as("the second line says how it helped").isEqualTo(400);
		assertThat(noMode.json().path("errors").get(0).path("field").asText()).isEqualTo("supportMode");
		assertThat(noMode.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0069");
		t = act(id, "hand-back", Map.of("comment", "电话指导重建索引", "supportMode", "phone"));
		assertThat(t.path("group").path("id").asLong()).isEqualTo(first);
		JsonNode handedBack = null;
		for (JsonNode entry : this.admin.get("/api/v1/tickets/" + id + "/history").json()) {
			if (entry.path("action").asText().equals("HAND_BACK")) {
				handedBack = entry;
			}
		}
		assertThat(handedBack).isNotNull();
		assertThat(handedBack.path("detailKey").asText()).isEqualTo("ticket.history.handedBack");
		assertThat(handedBack.path("detailArgs").asText()).isEqualTo("PHONE");
		assertThat(handedBack.path("comment").asText()).isEqualTo("电话指导重建索引");
		JsonNode firstLine = groupTimer(t, first);
		JsonNode secondLine = groupTimer(t, second);
		assertThat(Duration.parse(secondLine.path("elapsed").asText())).isBetween(Duration.ofMinutes(45), Duration.ofMinutes(46));
		assertThat(Duration.parse(firstLine.path("elapsed").asText())).as("the first line's clock stood while the second held it")
			.isLessThan(Duration.ofMinutes(32));
		Response wrong = this.admin.post("/api/v1/tickets/" + id + "/actions/close", Map.of("version", t.path("version").asInt()));
		assertThat(wrong.status()).isEqualTo(409);
		assertThat(wrong.code()).isEqualTo("SD-0002");
		assertThat(wrong.json().path("allowedActions")).extracting(JsonNode::asText).contains("resolve", "pause", "escalate");
		Response stale = this.admin.post("/api/v1/tickets/" + id + "/actions/resolve",
				Map.of("version", t.path("version").asInt() - 1, "solution", "x", "cause", "y"));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SD-0009");
		Response noVersion = this.admin.post("/api/v1/tickets/" + id + "/actions/resolve", Map.of("solution", "x", "cause", "y"));
		assertThat(noVersion.status()).isEqualTo(400);
		assertThat(noVersion.json().path("errors").get(0).path("field").asText()).isEqualTo("version");
		t = act(id, "resolve", Map.of("solution", "重建索引后恢复", "cause", "索引损坏", "resolutionCategory", "数据库"));
		assertThat(t.path("state").asText()).isEqualTo("RESOLVED");
		assertThat(t.path("slaTimers")).allSatisfy(timer -> assertThat(timer.path("state").asText()).isEqualTo("STOPPED"));
		t = act(id, "feedback", Map.of("comment", "已电话告知用户"));
		t = act(id, "rate", Map.of("rating", 5, "comment", "很及时"));
		t = act(id, "close", Map.of());
		assertThat(t.path("state").asText()).isEqualTo("CLOSED");
		assertThat(t.path("rating").asInt()).isEqualTo(5);
		JsonNode history = this.admin.get("/api/v1/tickets/" + id + "/history").json();
		assertThat(history).extracting(h -> h.path("action").asText()).containsExactly("CREATE", "ACCEPT", "RESPOND",
				"DISPATCH", "START", "PAUSE", "RESUME", "ESCALATE", "HAND_BACK", "RESOLVE", "FEEDBACK", "RATE", "CLOSE");
	}

	@Test
	void aNewLevelGivesNewTargetsAndKeepsTheTimeCounted() {
		JsonNode t = this.admin.post("/api/v1/tickets", incident(3, null)).json();
		long id = t.path("id").asLong();
		this.clock.advance(Duration.ofMinutes(10));
		Map<String, Object> edit = new HashMap<>();
		edit.put("version", t.path("version").asInt());
		edit.put("title", t.path("title").asText());
		edit.put("faultLevel", 1);
		edit.put("reason", "影响全省业务");
		Response edited = this.admin.put("/api/v1/tickets/" + id, edit);
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		JsonNode resolution = timer(edited.json(), "RESOLUTION");
		assertThat(resolution.path("target").asText()).isEqualTo("PT24H");
		assertThat(Duration.parse(resolution.path("elapsed").asText())).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
		JsonNode timelines = this.admin.get("/api/v1/tickets/" + id + "/timers").json();
		JsonNode steps = null;
		for (JsonNode timeline : timelines) {
			if (timeline.path("metric").asText().equals("RESOLUTION")) {
				steps = timeline.path("steps");
			}
		}
		assertThat(steps).extracting(s -> s.path("kind").asText()).containsExactly("START", "RETARGET");
		assertThat(steps.get(1).path("reason").asText()).isEqualTo("relevel.3.1");
		assertThat(Duration.parse(steps.get(1).path("elapsed").asText())).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
	}

	@Test
	void aComplaintIsDispatchedWithinFifteenMinutesAndFollowedHourly() {
		Map<String, Object> body = new HashMap<>(incident(2, null));
		body.put("type", "COMPLAINT");
		body.put("title", "工程师态度差");
		JsonNode t = this.admin.post("/api/v1/tickets", body).json();
		assertThat(t.path("number").asText()).startsWith("TS-");
		assertThat(timer(t, "DISPATCH").path("target").asText()).isEqualTo("PT15M");
		assertThat(timer(t, "PROGRESS_UPDATE").path("target").asText()).isEqualTo("PT1H");
		long id = t.path("id").asLong();
		act(id, "accept", Map.of());
		JsonNode responded = act(id, "respond", Map.of());
		assertThat(responded.path("allowedActions")).extracting(JsonNode::asText).containsExactly("escalate");
		this.clock.advance(Duration.ofMinutes(50));
		Response comment = this.admin.post("/api/v1/tickets/" + id + "/comments",
				Map.of("body", "已向分管领导汇报", "visibleToRequester", true));
		assertThat(comment.status()).isEqualTo(201);
		JsonNode after = this.admin.get("/api/v1/tickets/" + id).json();
		assertThat(Duration.parse(timer(after, "PROGRESS_UPDATE").path("elapsed").asText()))
			.as("telling the complainant starts the hour again").isLessThan(Duration.ofMinutes(1));
	}

	@Test
	void badInputIsRefusedAndNothingIsSaved() {
		long before = this.admin.get("/api/v1/tickets?queue=ALL").json().path("total").asLong();
		Response future = this.admin.post("/api/v1/tickets", incident(3, this.clock.instant().plus(Duration.ofMinutes(5))));
		assertThat(future.status()).isEqualTo(400);
		assertThat(fields(future)).contains("reportedAt");
		Response level = this.admin.post("/api/v1/tickets", incident(5, null));
		assertThat(fields(level)).contains("faultLevel");
		Map<String, Object> noRequester = new HashMap<>(incident(3, null));
		noRequester.remove("contact");
		assertThat(fields(this.admin.post("/api/v1/tickets", noRequester))).contains("requesterId");
		Map<String, Object> unknownSystem = new HashMap<>(incident(3, null));
		unknownSystem.put("businessSystemId", 987654321L);
		assertThat(fields(this.admin.post("/api/v1/tickets", unknownSystem))).contains("businessSystemId");
		Map<String, Object> untitled = new HashMap<>(incident(3, null));
		untitled.put("title", "  ");
		assertThat(fields(this.admin.post("/api/v1/tickets", untitled))).contains("title");
		assertThat(this.admin.get("/api/v1/tickets?queue=ALL").json().path("total").asLong()).isEqualTo(before);
		Response unknownAction = this.admin.post("/api/v1/tickets/1/actions/explode", Map.of("version", 0));
		assertThat(unknownAction.status()).isEqualTo(404);
	}

	@Test
	void aSiblingOrganisationsTicketIsHiddenAndQueuesCount() {
		long a = createOrganisation(this.admin, this.root, unique("甲单位"));
		long b = createOrganisation(this.admin, this.root, unique("乙单位"));
		long desk = createRole(this.admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:create",
				"servicedesk:ticket:handle"), "OWN_SUBTREE", List.of());
		ApiClient agentA = createUserAndSignIn(this.admin, unique("agenta"), a, List.of(desk));
		ApiClient agentB = createUserAndSignIn(this.admin, unique("agentb"), b, List.of(desk));
		Response created = agentA.post("/api/v1/tickets", incident(3, null));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().path("organisationId").asLong()).isEqualTo(a);
		assertThat(agentB.get("/api/v1/tickets/" + created.id()).status()).isEqualTo(404);
		assertThat(agentB.get("/api/v1/tickets?queue=ALL").json().path("total").asLong()).isZero();
		assertThat(agentA.get("/api/v1/tickets?queue=UNASSIGNED").json().path("total").asLong()).isEqualTo(1);
		assertThat(agentA.get("/api/v1/tickets/queues").json().path("UNASSIGNED").asLong()).isEqualTo(1);
	}

	@Test
	void theSweepTellsEachThresholdOnceAndAfterDowntimeMarksItLate() {
		JsonNode t = this.admin.post("/api/v1/tickets", incident(3, null)).json();
		long id = t.path("id").asLong();
		this.sweep.sweep();
		assertThat(alerts(id, "RESPONSE")).as("nothing is due yet").isEmpty();
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(30));
		this.sweep.sweep();
		assertThat(alerts(id, "RESPONSE")).extracting(a -> a.path("percent").asInt()).containsExactly(50);
		assertThat(alerts(id, "RESPONSE").get(0).path("late").asBoolean()).isFalse();
		this.sweep.sweep();
		assertThat(alerts(id, "RESPONSE")).as("told once").hasSize(1);
		// the platform was down for three hours: the first sweep after tells what fell due meanwhile, late
		this.clock.advance(Duration.ofHours(3));
		this.sweep.sweep();
		List<JsonNode> response = alerts(id, "RESPONSE");
		assertThat(response).extracting(a -> a.path("percent").asInt()).containsExactly(50, 80, 100);
		assertThat(response.get(2).path("late").asBoolean()).isTrue();
		assertThat(alerts(id, "DISPATCH")).extracting(a -> a.path("percent").asInt()).containsExactly(50, 80, 100);
		assertThat(this.admin.get("/api/v1/tickets?queue=BREACHED&q=" + t.path("number").asText()).json().path("total").asLong())
			.isEqualTo(1);
		this.sweep.sweep();
		assertThat(alerts(id, "RESPONSE")).hasSize(3);
	}

	@Test
	void aTicketNobodyRatesClosesAfterFiveWorkingDaysButAComplaintWaitsForItsAccountability() {
		long group = group("自动关闭组-" + System.nanoTime(), 1);
		long id = this.admin.post("/api/v1/tickets", incident(3, null)).id();
		act(id, "accept", Map.of());
		act(id, "respond", Map.of());
		act(id, "dispatch", Map.of("groupId", group));
		act(id, "start", Map.of());
		act(id, "resolve", Map.of("solution", "重启服务", "cause", "内存泄漏"));
		act(id, "feedback", Map.of("comment", "已电话告知"));
		// three calendar days later (a weekend or not) five working days cannot have passed
		this.clock.advance(Duration.ofDays(3));
		this.autoClose.run();
		assertThat(this.admin.get("/api/v1/tickets/" + id).json().path("state").asText()).isEqualTo("FEEDBACK_GIVEN");
		// a fortnight later they have, whatever the holidays
		this.clock.advance(Duration.ofDays(11));
		this.autoClose.run();
		JsonNode closed = this.admin.get("/api/v1/tickets/" + id).json();
		assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
		JsonNode last = lastOf(this.admin.get("/api/v1/tickets/" + id + "/history").json());
		assertThat(last.path("action").asText()).isEqualTo("CLOSE");
		assertThat(last.path("userId").isNull()).as("the system closed it").isTrue();
		assertThat(last.path("detailKey").asText()).isEqualTo("ticket.history.autoClosed");

		// a complaint is closed by people, after the accountability is recorded
		Map<String, Object> complaint = incident(4, null);
		complaint.put("type", "COMPLAINT");
		long c = this.admin.post("/api/v1/tickets", complaint).id();
		act(c, "accept", Map.of());
		act(c, "respond", Map.of());
		act(c, "escalate", Map.of("comment", "报分管领导"));
		act(c, "dispatch", Map.of("groupId", group));
		act(c, "start", Map.of());
		act(c, "resolve", Map.of("solution", "已向投诉人致歉并整改"));
		act(c, "feedback", Map.of("comment", "已回复投诉人"));
		this.clock.advance(Duration.ofDays(30));
		this.autoClose.run();
		assertThat(this.admin.get("/api/v1/tickets/" + c).json().path("state").asText()).isEqualTo("FEEDBACK_GIVEN");
		int version = this.admin.get("/api/v1/tickets/" + c).json().path("version").asInt();
		Response refused = this.admin.post("/api/v1/tickets/" + c + "/actions/close", Map.of("version", version));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("SD-0051");
		long me = this.admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		Response recorded = this.admin.put("/api/v1/tickets/" + c + "/accountability",
				Map.of("established", true, "staffIds", List.of(me), "finding", "接听人员态度生硬", "measure", "通报批评并培训"));
		assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
		assertThat(act(c, "close", Map.of()).path("state").asText()).isEqualTo("CLOSED");
	}

	@Test
	void theRequirementListIsExportedAsASpreadsheetInTheReadersLanguage() throws Exception {
		Map<String, Object> requirement = incident(4, null);
		requirement.put("type", "REQUIREMENT");
		requirement.put("title", "导出需求-" + System.nanoTime());
		requirement.remove("faultLevel");
		long id = this.admin.post("/api/v1/tickets", requirement).id();
		String number = this.admin.get("/api/v1/tickets/" + id).json().path("number").asText();
		Response export = this.admin.get("/api/v1/tickets/export.xlsx?queue=ALL&type=REQUIREMENT");
		assertThat(export.status()).as(export.toString()).isEqualTo(200);
		assertThat(export.headers().toString()).contains("filename*=UTF-8''" + java.net.URLEncoder.encode("需求清单.xlsx", "UTF-8"));
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(export.bytes()))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("工单号");
			boolean found = false;
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				var row = sheet.getRow(r);
				assertThat(row.getCell(1).getStringCellValue()).as("only requirements").isEqualTo("需求");
				if (row.getCell(0).getStringCellValue().equals(number)) {
					found = true;
					assertThat(row.getCell(2).getStringCellValue()).isEqualTo("待受理");
					assertThat(row.getCell(7).getStringCellValue()).isEqualTo("张科长");
				}
			}
			assertThat(found).as("the new requirement is listed").isTrue();
		}
	}

	@Test
	void theGroupHearsOfItsTicketAndOfItsSlaWarningsOnceEach() {
		this.sweep.sweep();
		drainAlertNotices();
		String username = "member" + (System.nanoTime() % 1_000_000);
		ApiClient member = createUserAndSignIn(this.admin, username, this.root, List.of());
		long me = this.admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		Response created = this.admin.post("/api/v1/support-groups", Map.of("name", "通知组-" + System.nanoTime(), "line", 1,
				"memberIds", List.of(me, userId(this.admin, username)), "leadId", me));
		long group = created.id();
		long id = this.admin.post("/api/v1/tickets", incident(1, null)).id();
		String number = this.admin.get("/api/v1/tickets/" + id).json().path("number").asText();
		act(id, "accept", Map.of());
		act(id, "respond", Map.of());
		act(id, "dispatch", Map.of("groupId", group));
		assertThat(inbox(member, number)).extracting(n -> n.path("type").asText()).contains("servicedesk.ticket.assigned");
		assertThat(inbox(number)).as("whoever dispatched it knows already")
			.noneMatch(n -> n.path("type").asText().equals("servicedesk.ticket.assigned"));
		// the resolution clock passes its warnings while nobody looks (ten days: past any holiday)
		this.clock.advance(Duration.ofDays(10));
		this.sweep.sweep();
		drainAlertNotices();
		List<JsonNode> mine = inbox(number);
		// each threshold of each timer once: as many notices as alerts the timers show
		long alerts = 0;
		for (JsonNode timer : this.admin.get("/api/v1/tickets/" + id + "/timers").json()) {
			alerts += timer.path("alerts").size();
		}
		assertThat(mine.stream().filter(n -> n.path("type").asText().startsWith("servicedesk.sla.")).count())
			.as("one notice per alert").isEqualTo(alerts);
		assertThat(mine).extracting(n -> n.path("type").asText()).contains("servicedesk.sla.warning", "servicedesk.sla.breach");
		JsonNode breach = mine.stream().filter(n -> n.path("type").asText().equals("servicedesk.sla.breach")).findFirst().orElseThrow();
		assertThat(breach.path("subject").asText()).contains(number).contains("超时");
		assertThat(breach.path("link").asText()).contains("/servicedesk/tickets/" + id);
	}

	@Test
	void followersHearOfEveryStepButTheirOwn() {
		String username = "follower" + (System.nanoTime() % 1_000_000);
		ApiClient follower = createUserAndSignIn(this.admin, username, this.root, List.of());
		long followerId = userId(this.admin, username);
		long group = group("关注组-" + System.nanoTime(), 1);
		long id = this.admin.post("/api/v1/tickets", incident(3, null)).id();
		String number = this.admin.get("/api/v1/tickets/" + id).json().path("number").asText();
		Response mine = this.admin.post("/api/v1/tickets/" + id + "/watchers", Map.of());
		assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
		Response added = this.admin.post("/api/v1/tickets/" + id + "/watchers", Map.of("userId", followerId));
		assertThat(added.json()).extracting(w -> w.path("userId").asLong()).hasSize(2).contains(followerId);
		assertThat(this.admin.post("/api/v1/tickets/" + id + "/watchers", Map.of("userId", followerId)).json()).as("twice is once")
			.hasSize(2);
		act(id, "accept", Map.of());
		act(id, "respond", Map.of());
		act(id, "dispatch", Map.of("groupId", group));
		List<JsonNode> heard = new java.util.ArrayList<>();
		follower.get("/api/v1/notifications?size=50").json().path("items").forEach(n -> {
			if (n.path("type").asText().equals("servicedesk.ticket.watched") && n.path("subject").asText().contains(number)) {
				heard.add(n);
			}
		});
		assertThat(heard).as("accept, respond, dispatch").hasSize(3);
		assertThat(inbox(number)).as("the one who acted is not told of their own step")
			.noneMatch(n -> n.path("type").asText().equals("servicedesk.ticket.watched"));
		Response removed = this.admin.delete("/api/v1/tickets/" + id + "/watchers/" + followerId);
		assertThat(removed.json()).extracting(w -> w.path("userId").asLong()).doesNotContain(followerId);
		Response nobody = this.admin.post("/api/v1/tickets/" + id + "/watchers", Map.of("userId", 987_654_321L));
		assertThat(nobody.status()).isEqualTo(400);
	}

	/** Tells every alert recorded so far (the notifier takes turns with the sweep and tells a few thousand a run). */
	private void drainAlertNotices() {
		for (int i = 0; i < 100 && this.alertNotices.run() > 0; i++) {
			// again, until nothing is left
		}
	}

	private List<JsonNode> inbox(String number) {
		return inbox(this.admin, number);
	}

	private List<JsonNode> inbox(ApiClient reader, String number) {
		List<JsonNode> found = new java.util.ArrayList<>();
		for (JsonNode n : reader.get("/api/v1/notifications?size=200").json().path("items")) {
			if (n.path("subject").asText().contains(number)) {
				found.add(n);
			}
		}
		return found;
	}

	private static JsonNode lastOf(JsonNode array) {
		return array.get(array.size() - 1);
	}

	private List<JsonNode> alerts(long ticket, String metric) {
		for (JsonNode timer : this.admin.get("/api/v1/tickets/" + ticket + "/timers").json()) {
			if (timer.path("metric").asText().equals(metric)) {
				List<JsonNode> alerts = new java.util.ArrayList<>();
				timer.path("alerts").forEach(alerts::add);
				return alerts;
			}
		}
		throw new AssertionError("no " + metric + " timer");
	}

	private Map<String, Object> incident(int level, Instant reportedAt) {
		Map<String, Object> body = new HashMap<>();
		body.put("type", "INCIDENT");
		body.put("channel", "HOTLINE");
		body.put("title", "办案系统无法登录");
		body.put("description", "上午九点起全科室无法登录");
		body.put("faultLevel", level);
		body.put("contact", Map.of("name", "张科长", "phone", "13800000000", "unit", "第一检察部"));
		if (reportedAt != null) {
			body.put("reportedAt", reportedAt.toString());
		}
		return body;
	}

	private long group(String name, int line) {
		long me = this.admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		Response created = this.admin.post("/api/v1/support-groups",
				Map.of("name", name, "line", line, "memberIds", List.of(me), "leadId", me));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private JsonNode act(long id, String action, Map<String, Object> input) {
		int version = this.admin.get("/api/v1/tickets/" + id).json().path("version").asInt();
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", version);
		Response response = this.admin.post("/api/v1/tickets/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
		return response.json();
	}

	private static JsonNode timer(JsonNode ticket, String metric) {
		for (JsonNode timer : ticket.path("slaTimers")) {
			if (timer.path("metric").asText().equals(metric)) {
				return timer;
			}
		}
		throw new AssertionError("no " + metric + " timer in " + ticket.path("slaTimers"));
	}

	private static JsonNode groupTimer(JsonNode ticket, long group) {
		for (JsonNode timer : ticket.path("slaTimers")) {
			if (timer.path("metric").asText().equals("GROUP") && timer.path("groupId").asLong() == group) {
				return timer;
			}
		}
		throw new AssertionError("no clock of group " + group + " in " + ticket.path("slaTimers"));
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return response.json().path("errors").findValuesAsText("field");
	}

}
