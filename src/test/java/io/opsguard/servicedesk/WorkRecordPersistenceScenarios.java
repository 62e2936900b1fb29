package io.opsguard.servicedesk;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL of work records and ticket statistics through the API, on H2
 * ({@link WorkRecordPersistenceH2IT}) and on a real PostgreSQL ({@link WorkRecordPersistencePostgresIT}):
 * records written, filtered by period, unit and text, totalled, changed with their version and
 * removed; the statistics' GROUP BY queries, per-day buckets in Asia/Shanghai, percentiles and the
 * working time timers keep when they stop.
 */
abstract class WorkRecordPersistenceScenarios extends ApiTestSupport {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	@Test
	void workRecordsAreWrittenFilteredTotalledChangedAndRemoved() throws Exception {
		ApiClient admin = admin();
		long unit = createOrganisation(admin, rootOrganisationId(admin), unique("持久化单位"));
		long category = admin.get("/api/v1/work-record-categories").json().get(0).path("id").asLong();
		Instant start = this.clock.instant().minus(Duration.ofHours(4));
		Response first = admin.post("/api/v1/work-records", Map.of("startedAt", start.toString(), "durationMinutes", 50,
				"categoryId", category, "content", "更换交换机电源_100%", "organisationId", unit, "personName", "赵工"));
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		Response second = admin.post("/api/v1/work-records", Map.of("startedAt", start.plus(Duration.ofHours(1)).toString(),
				"endedAt", start.plus(Duration.ofHours(2)).toString(), "categoryId", category, "content", "数据库备份检查",
				"organisationId", unit, "handling", "备份完整"));
		assertThat(second.status()).as(second.toString()).isEqualTo(201);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), CHINA);
		JsonNode page = admin.get("/api/v1/work-records?organisationId=" + unit + "&from=" + today.minusDays(1) + "&to=" + today
				+ "&sort=durationMinutes,desc&size=1").json();
		assertThat(page.path("total").asLong()).isEqualTo(2);
		assertThat(page.path("totalMinutes").asLong()).isEqualTo(110);
		assertThat(page.path("items")).hasSize(1);
		assertThat(page.path("items").get(0).path("durationMinutes").asInt()).isEqualTo(60);
		// a search for "_100%" finds the words, not every record (LIKE wildcards are escaped)
		assertThat(admin.get("/api/v1/work-records?organisationId=" + unit + "&q=_100%25").json().path("total").asLong())
			.isEqualTo(1);
		Map<String, Object> change = new HashMap<>();
		change.put("version", first.json().path("version").asInt());
		change.put("startedAt", start.toString());
		change.put("durationMinutes", 70);
		change.put("categoryId", category);
		change.put("content", "更换交换机电源");
		change.put("organisationId", unit);
		Response changed = admin.put("/api/v1/work-records/" + first.id(), change);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().path("version").asInt()).isEqualTo(first.json().path("version").asInt() + 1);
		assertThat(admin.put("/api/v1/work-records/" + first.id(), change).status()).isEqualTo(409);
		assertThat(admin.delete("/api/v1/work-records/" + second.id() + "?version=" + second.json().path("version").asInt())
			.status()).isEqualTo(204);
		JsonNode after = admin.get("/api/v1/work-records?organisationId=" + unit).json();
		assertThat(after.path("total").asLong()).isEqualTo(1);
		assertThat(after.path("totalMinutes").asLong()).isEqualTo(70);
		Response xlsx = admin.get("/api/v1/work-records/export.xlsx?organisationId=" + unit);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			assertThat(workbook.getSheetAt(0).getRow(2).getCell(2).getNumericCellValue()).isEqualTo(1.17);
		}
	}

	@Test
	void statisticsCountPerDayAndMeasureStoppedTimers() {
		ApiClient admin = admin();
		long unit = createOrganisation(admin, rootOrganisationId(admin), unique("统计单位"));
		try {
			long ticket = consultation(admin, unit);
			act(admin, ticket, "accept", Map.of());
			this.clock.advance(Duration.ofMinutes(12));
			act(admin, ticket, "respond", Map.of());
			this.clock.advance(Duration.ofMinutes(3));
			act(admin, ticket, "resolve", Map.of("solution", "已解答"));
			consultation(admin, unit);
			LocalDate today = LocalDate.ofInstant(this.clock.instant(), CHINA);
			JsonNode s = admin.get("/api/v1/ticket-statistics?from=" + today.minusDays(2) + "&to=" + today + "&organisationId="
					+ unit).json();
			assertThat(s.path("summary").path("opened").asLong()).isEqualTo(2);
			assertThat(s.path("summary").path("resolved").asLong()).isEqualTo(1);
			assertThat(s.path("summary").path("meanResponseSeconds").asLong()).isBetween(719L, 721L);
			assertThat(s.path("summary").path("p90ResponseSeconds").asLong()).isBetween(719L, 721L);
			assertThat(s.path("summary").path("meanResolutionSeconds").asLong()).isBetween(899L, 901L);
			assertThat(s.path("summary").path("attainment").asDouble()).isEqualTo(100.0);
			assertThat(s.path("trend")).hasSize(3);
			assertThat(s.path("trend").get(2).path("day").asText()).isEqualTo(today.toString());
			long opened = 0;
			for (JsonNode day : s.path("trend")) {
				opened += day.path("opened").asLong();
			}
			assertThat(opened).isEqualTo(2);
			assertThat(s.path("byType").get(0).path("key").asText()).isEqualTo("CONSULTATION");
			assertThat(s.path("byOrganisation").get(0).path("name").asText()).startsWith("统计单位");
		}
		finally {
			this.clock.set(Instant.now());
		}
	}

	private static long consultation(ApiClient admin, long unit) {
		Response created = admin.post("/api/v1/tickets", Map.of("type", "CONSULTATION", "title", "如何导出报表",
				"organisationId", unit, "contact", Map.of("name", "钱工", "phone", "13700000000")));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private static void act(ApiClient admin, long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", admin.get("/api/v1/tickets/" + id).json().path("version").asInt());
		Response response = admin.post("/api/v1/tickets/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
	}

}
