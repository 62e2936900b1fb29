package io.opsguard.servicedesk;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.servicedesk.internal.TimerSweep;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ticket statistics over HTTP (R-PRC-01, R-RPT-01): tickets recorded and worked through their
 * lifecycle by an agent of one unit are counted by type, engineer and group, their timers' SLA
 * attainment and working times measured; another unit's tickets are not counted; bad periods are
 * refused on their fields; the export holds the same figures.
 */
class TicketStatisticsIT extends ApiTestSupport {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	@Autowired
	TimerSweep sweep;

	@AfterEach
	void resetClock() {
		this.clock.set(Instant.now());
	}

	@Test
	void ticketsOfAUnitAreCountedWithTheirAttainmentAndTimes() throws Exception {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long a = createOrganisation(admin, root, unique("统计甲"));
		long b = createOrganisation(admin, root, unique("统计乙"));
		long desk = createRole(admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:create",
				"servicedesk:ticket:handle"), "OWN_SUBTREE", List.of());
		String nameA = unique("agenta");
		ApiClient agentA = createUserAndSignIn(admin, nameA, a, List.of(desk));
		ApiClient agentB = createUserAndSignIn(admin, unique("agentb"), b, List.of(desk));
		long agentAId = userId(admin, nameA);
		Response group = admin.post("/api/v1/support-groups",
				Map.of("name", unique("统计一线"), "line", 1, "organisationId", a, "memberIds", List.of(agentAId)));
		assertThat(group.status()).as(group.toString()).isEqualTo(201);

		// an incident answered after 10 minutes, dispatched, resolved, rated and closed
		long incident = create(agentA, "INCIDENT", null);
		act(agentA, incident, "accept", Map.of());
		this.clock.advance(Duration.ofMinutes(10));
		act(agentA, incident, "respond", Map.of());
		act(agentA, incident, "dispatch", Map.of("groupId", group.id(), "assigneeId", agentAId));
		act(agentA, incident, "start", Map.of());
		this.clock.advance(Duration.ofMinutes(20));
		act(agentA, incident, "resolve", Map.of("solution", "重启服务", "cause", "内存不足"));
		act(agentA, incident, "feedback", Map.of("comment", "已告知"));
		act(agentA, incident, "rate", Map.of("rating", 5));
		act(agentA, incident, "close", Map.of());
		// a consultation answered after 5 minutes and resolved at once
		long consultation = create(agentA, "CONSULTATION", null);
		act(agentA, consultation, "accept", Map.of());
		this.clock.advance(Duration.ofMinutes(5));
		act(agentA, consultation, "respond", Map.of());
		act(agentA, consultation, "resolve", Map.of("solution", "电话解答"));
		// an incident reported 40 minutes ago that nobody answered: its response timer is past its 30 minutes
		long late = create(agentA, "INCIDENT", this.clock.instant().minus(Duration.ofMinutes(40)));
		this.sweep.sweep();
		// another unit's ticket
		create(agentB, "INCIDENT", null);

		LocalDate today = LocalDate.ofInstant(this.clock.instant(), CHINA);
		String period = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
		Response answer = agentA.get("/api/v1/ticket-statistics" + period);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode s = answer.json();
		JsonNode summary = s.path("summary");
		assertThat(summary.path("opened").asLong()).isEqualTo(3);
		assertThat(summary.path("resolved").asLong()).isEqualTo(2);
		assertThat(summary.path("closed").asLong()).isEqualTo(1);
		assertThat(summary.path("stillOpen").asLong()).isEqualTo(1);
		assertThat(summary.path("breached").asLong()).isEqualTo(1);
		assertThat(summary.path("rated").asLong()).isEqualTo(1);
		assertThat(summary.path("satisfaction").asDouble()).isEqualTo(5.0);
		assertThat(summary.path("meanResponseSeconds").asLong()).isBetween(448L, 452L);
		assertThat(summary.path("p90ResponseSeconds").asLong()).isBetween(568L, 572L);
		assertThat(summary.path("meanResolutionSeconds").asLong()).as("resolution: 30 and 5 minutes")
			.isBetween(1048L, 1052L);
		assertThat(bucket(s.path("byType"), "INCIDENT").path("count").asLong()).isEqualTo(2);
		assertThat(bucket(s.path("byType"), "CONSULTATION").path("resolved").asLong()).isEqualTo(1);
		assertThat(bucket(s.path("byAssignee"), String.valueOf(agentAId)).path("name").asText()).isEqualTo(nameA);
		assertThat(bucket(s.path("byGroup"), String.valueOf(group.id())).path("count").asLong()).isEqualTo(1);
		assertThat(bucket(s.path("byOrganisation"), String.valueOf(a)).path("count").asLong()).isEqualTo(3);
		assertThat(bucket(s.path("byChannel"), "HOTLINE").path("count").asLong()).isEqualTo(3);
		assertThat(bucket(s.path("byFaultLevel"), "3").path("count").asLong()).isEqualTo(3);
		JsonNode response = metric(s, "RESPONSE");
		assertThat(response.path("decided").asLong()).isEqualTo(3);
		assertThat(response.path("met").asLong()).isEqualTo(2);
		assertThat(response.path("attainment").asDouble()).isEqualTo(66.7);
		assertThat(response.path("measured").asLong()).isEqualTo(2);
		assertThat(metric(s, "RESOLUTION").path("met").asLong()).isEqualTo(2);
		assertThat(s.path("trend")).hasSize(3);
		long opened = 0;
		long resolved = 0;
		for (JsonNode day : s.path("trend")) {
			opened += day.path("opened").asLong();
			resolved += day.path("resolved").asLong();
		}
		assertThat(opened).isEqualTo(3);
		assertThat(resolved).isEqualTo(2);
		assertThat(s.path("attainmentTarget").asInt()).isEqualTo(95);

		// the other unit sees its own ticket only, and the administrator narrows to a unit
		assertThat(agentB.get("/api/v1/ticket-statistics" + period).json().path("summary").path("opened").asLong())
			.isEqualTo(1);
		assertThat(admin.get("/api/v1/ticket-statistics" + period + "&organisationId=" + a).json().path("summary")
			.path("opened").asLong()).isEqualTo(3);
		assertThat(admin.get("/api/v1/ticket-statistics" + period + "&organisationId=" + a + "&type=CONSULTATION").json()
			.path("summary").path("opened").asLong()).isEqualTo(1);
		assertThat(fields(agentA.get("/api/v1/ticket-statistics" + period + "&organisationId=" + b))).contains("organisationId");
		assertThat(late).isPositive();

		Response xlsx = agentA.get("/api/v1/ticket-statistics/export.xlsx" + period);
		assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(200);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			Sheet overview = workbook.getSheet("概览");
			assertThat(overview.getRow(1).getCell(0).getStringCellValue()).isEqualTo("新增工单");
			assertThat(overview.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3);
			Sheet sla = workbook.getSheet("SLA 达成");
			assertThat(sla.getRow(1).getCell(0).getStringCellValue()).isEqualTo("响应");
			assertThat(sla.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(66.7);
			assertThat(workbook.getSheet("每日趋势").getLastRowNum()).isEqualTo(3);
		}
	}

	@Test
	void theCurrentMonthIsTheDefaultAndBadPeriodsAreRefused() {
		ApiClient admin = admin();
		JsonNode month = admin.get("/api/v1/ticket-statistics").json();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), CHINA);
		assertThat(month.path("from").asText()).isEqualTo(today.withDayOfMonth(1).toString());
		assertThat(month.path("to").asText()).isEqualTo(today.withDayOfMonth(today.lengthOfMonth()).toString());
		assertThat(month.path("trend")).hasSize(today.lengthOfMonth());
		Response backwards = admin.get("/api/v1/ticket-statistics?from=2026-03-02&to=2026-03-01");
		assertThat(fields(backwards)).containsExactly("from");
		assertThat(backwards.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0130");
		Response tooLong = admin.get("/api/v1/ticket-statistics?from=2025-01-01&to=2026-03-01");
		assertThat(fields(tooLong)).containsExactly("to");
		assertThat(tooLong.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0131");
		assertThat(fields(admin.get("/api/v1/ticket-statistics?from=last-week"))).contains("from");
		assertThat(fields(admin.get("/api/v1/ticket-statistics?to=2026-02-30"))).contains("to");
		assertThat(fields(admin.get("/api/v1/ticket-statistics?type=OUTAGE"))).contains("type");
		assertThat(fields(admin.get("/api/v1/ticket-statistics/export.xlsx?from=2026-03-02&to=2026-03-01"))).contains("from");
	}

	private long create(ApiClient agent, String type, Instant reportedAt) {
		Map<String, Object> body = new HashMap<>();
		body.put("type", type);
		body.put("title", "统计用工单");
		body.put("faultLevel", 3);
		body.put("contact", Map.of("name", "张科长", "phone", "13800000000"));
		if (reportedAt != null) {
			body.put("reportedAt", reportedAt.toString());
		}
		Response created = agent.post("/api/v1/tickets", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private static void act(ApiClient agent, long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", agent.get("/api/v1/tickets/" + id).json().path("version").asInt());
		Response response = agent.post("/api/v1/tickets/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
	}

	private static JsonNode bucket(JsonNode buckets, String key) {
		for (JsonNode bucket : buckets) {
			if (key.equals(bucket.path("key").asText())) {
				return bucket;
			}
		}
		throw new AssertionError("no bucket " + key + " in " + buckets);
	}

	private static JsonNode metric(JsonNode statistics, String metric) {
		for (JsonNode entry : statistics.path("sla")) {
			if (entry.path("metric").asText().equals(metric)) {
				return entry;
			}
		}
		throw new AssertionError("no " + metric + " in " + statistics.path("sla"));
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return response.json().path("errors").findValuesAsText("field");
	}

}
