package io.opsguard.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar API end to end: presets, arithmetic, copies and versions, the holiday schedule. */
class CalendarApiIT extends ApiTestSupport {

	static final String TEXT = "text/plain";

	static byte[] holidayCn2025() throws IOException {
		try (var in = CalendarApiIT.class.getResourceAsStream("/calendar/holiday-cn-2025.ics")) {
			return in.readAllBytes();
		}
	}

	/** A calendar as the (paged) list shows it. */
	static JsonNode find(ApiClient client, String code) {
		JsonNode list = client.get("/api/v1/calendars?size=200&q=" + code).json();
		for (JsonNode node : list.path("items")) {
			if (node.path("code").asText().equals(code)) {
				return node;
			}
		}
		throw new AssertionError("no calendar " + code + " in " + list);
	}

	@Test
	void thePresetsAnswerDeadlinesAndElapsedWorkingTime() {
		ApiClient admin = admin();
		JsonNode office = find(admin, "5x8");
		assertThat(office.path("builtIn").asBoolean()).isTrue();
		assertThat(office.path("workingDayMinutes").asLong()).isEqualTo(480);
		assertThat(office.path("weekMinutes").asLong()).isEqualTo(5 * 480);
		assertThat(find(admin, "7x24").path("roundTheClock").asBoolean()).isTrue();

		JsonNode deadline = admin.get("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00%2B08:00&duration=PT8H").json();
		assertThat(deadline.path("deadline").asText()).isEqualTo("2026-02-14T17:00:00+08:00");
		assertThat(deadline.path("calendar").asText()).isEqualTo("5x8");
		assertThat(deadline.path("version").asInt()).isPositive();
		// a "+" the client forgot to encode arrives as a space and is still read as the offset
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=2026-02-14T18:00+08:00&duration=PT1H").json()
			.path("deadline").asText()).isEqualTo("2026-02-24T09:30:00+08:00");
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=2026-09-30T09:00Z&duration=P1D").json()
			.path("deadline").asText()).isEqualTo("2026-10-08T17:00:00+08:00");
		assertThat(admin.get("/api/v1/calendars/7x24/deadline?start=2026-02-15T23:30%2B08:00&duration=PT4H").json()
			.path("deadline").asText()).isEqualTo("2026-02-16T03:30:00+08:00");

		JsonNode elapsed = admin.get("/api/v1/calendars/5x8/elapsed?from=2026-02-14T17:00%2B08:00&to=2026-02-24T09:00%2B08:00")
			.json();
		assertThat(elapsed.path("elapsed").asText()).isEqualTo("PT1H30M");
		assertThat(elapsed.path("minutes").asLong()).isEqualTo(90);
		JsonNode working = admin.get("/api/v1/calendars/5x8/working-time?at=2026-02-16T10:00%2B08:00").json();
		assertThat(working.path("workingTime").asBoolean()).isFalse();
		assertThat(working.path("next").asText()).isEqualTo("2026-02-24T08:30:00+08:00");
	}

	@Test
	void badOrMissingParametersAreNamed() {
		ApiClient admin = admin();
		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("/api/v1/calendars/5x8/deadline?duration=PT8H", "start");
		cases.put("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00&duration=PT8H", "start");
		cases.put("/api/v1/calendars/5x8/deadline?start=yesterday&duration=PT8H", "start");
		cases.put("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00Z", "duration");
		cases.put("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00Z&duration=P1W", "duration");
		cases.put("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00Z&duration=-PT1H", "duration");
		cases.put("/api/v1/calendars/5x8/elapsed?from=2026-02-13T17:00Z", "to");
		cases.put("/api/v1/calendars/5x8/elapsed?from=2026-02-13T17:00Z&to=2026-02-12T17:00Z", "to");
		cases.put("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00Z&duration=PT1H&version=999", "version");
		cases.put("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00Z&duration=PT1H&version=x", "version");
		for (Map.Entry<String, String> c : cases.entrySet()) {
			Response response = admin.get(c.getKey());
			assertThat(response.status()).as(c.getKey()).isIn(400, 404);
			assertThat(response.contentType()).as(c.getKey()).startsWith("application/problem+json");
			assertThat(response.json().path("errors").get(0).path("field").asText()).as(c.getKey()).isEqualTo(c.getValue());
			assertThat(response.json().path("detail").asText()).as(c.getKey()).isNotBlank().doesNotContain("Exception");
		}
		Response unknown = admin.get("/api/v1/calendars/nope/deadline?start=2026-02-13T17:00Z&duration=PT1H");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().path("code").asText()).isEqualTo("CAL-0001");
	}

	@Test
	void extremeInstantsDurationsAndVersionsAreRefusedNamingTheSupportedRange() {
		ApiClient admin = admin();
		record Refusal(String query, String field, String code) {
		}
		List<Refusal> refusals = List.of(
				new Refusal("deadline?start=%2B999999999-12-31T23:59:59Z&duration=PT1H", "start", "CAL-0022"),
				new Refusal("deadline?start=-999999999-01-01T00:00:00Z&duration=PT1H", "start", "CAL-0022"),
				new Refusal("deadline?start=1969-12-31T23:00:00Z&duration=PT1H", "start", "CAL-0022"),
				new Refusal("deadline?start=2200-12-31T12:00:00%2B08:00&duration=P3650D", "duration", "CAL-0022"),
				new Refusal("deadline?start=2026-02-13T17:00%2B08:00&duration=P99999D", "duration", "CAL-0015"),
				new Refusal("deadline?start=2026-02-13T17:00%2B08:00&duration=PT87601H", "duration", "CAL-0015"),
				new Refusal("deadline?start=2026-02-13T17:00%2B08:00&duration=PT1.5H", "duration", "CAL-0015"),
				new Refusal("deadline?start=2026-02-30T25:00%2B08:00&duration=PT1H", "start", "CAL-0016"),
				new Refusal("elapsed?from=2026-01-01T00:00Z&to=%2B999999999-12-31T23:59:59Z", "to", "CAL-0022"),
				new Refusal("elapsed?from=2026-02-13T17:00Z&to=2026-02-12T17:00Z", "to", "CAL-0023"),
				new Refusal("working-time?at=%2B999999999-12-31T23:59:59Z", "at", "CAL-0022"),
				new Refusal("deadline?start=2026-02-13T17:00Z&duration=PT1H&version=-1", "version", "CAL-0014"),
				new Refusal("deadline?start=2026-02-13T17:00Z&duration=PT1H&version=0", "version", "CAL-0014"),
				new Refusal("years/99999", "year", "CAL-0020"));
		for (Refusal refusal : refusals) {
			Response response = admin.get("/api/v1/calendars/5x8/" + refusal.query());
			assertThat(response.status()).as(refusal.query()).isIn(400, 404);
			JsonNode error = response.json().path("errors").get(0);
			assertThat(error.path("field").asText()).as(refusal.query()).isEqualTo(refusal.field());
			assertThat(error.path("code").asText()).as(refusal.query()).isEqualTo(refusal.code());
		}
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00Z&duration=PT1H&version=99999999999")
			.json().path("errors").get(0).path("field").asText()).isEqualTo("version");
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=%2B999999999-12-31T23:59:59Z&duration=PT1H").json()
			.path("detail").asText()).contains("1970").contains("2200");
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00%2B08:00&duration=P99999D").json()
			.path("detail").asText()).as("the allowed range, not just 'invalid'").contains("3650").contains("87600");
		assertThat(admin.language("en").get("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00%2B08:00&duration=PT1.5H")
			.json().path("detail").asText()).contains("at most 3650 working days").contains("no fractions");

		// the edges of the range answer, and answer forwards
		JsonNode span = admin.get("/api/v1/calendars/7x24/elapsed?from=1970-01-01T00:00Z&to=2200-12-31T00:00Z").json();
		assertThat(span.path("minutes").asLong()).isEqualTo(java.time.Duration.between(Instant.parse("1970-01-01T00:00:00Z"),
				Instant.parse("2200-12-31T00:00:00Z")).toMinutes());
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=2200-12-30T09:00%2B08:00&duration=PT1H").json()
			.path("deadline").asText()).isEqualTo("2200-12-30T10:00:00+08:00");
	}

	@Test
	void versionNotesListTheYearsInTheReadersLanguage() {
		ApiClient admin = admin();
		JsonNode zh = admin.get("/api/v1/calendars/5x8/versions?size=200").json().path("items");
		JsonNode en = admin.language("en").get("/api/v1/calendars/5x8/versions?size=200").json().path("items");
		assertThat(zh.findValuesAsText("note")).contains("内置节假日安排：2025、2026 年");
		assertThat(en.findValuesAsText("note")).contains("Built-in holiday schedule: 2025, 2026").noneMatch(n -> n.contains("、"));
	}

	@Test
	void aCopyIsEditedIntoVersionsAndTimersMayKeepTheOldOne() {
		ApiClient admin = admin();
		String code = unique("summer-");
		Response created = admin.post("/api/v1/calendars", Map.of("code", code, "nameZh", "夏季作息", "nameEn", "Summer hours",
				"organisationId", rootOrganisationId(admin), "basedOn", "5x8"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode detail = created.json();
		assertThat(detail.path("calendar").path("basedOn").asText()).isEqualTo("5x8");
		assertThat(detail.path("calendar").path("basedOnName").asText()).as("the origin named in words").isEqualTo("5×8 工作时间");
		assertThat(detail.path("calendar").path("currentVersion").asInt()).isEqualTo(1);
		assertThat(detail.path("calendar").path("version").asInt()).isEqualTo(1);
		assertThat(detail.path("versionNote").asText()).isEqualTo("复制自 5×8 工作时间（5x8）");
		JsonNode definition = detail.path("definition");
		assertThat(definition.path("week").path("MONDAY")).hasSize(2);

		// overlapping periods: refused, naming the period, and nothing changes
		Map<String, Object> overlapping = definition(List.of(period("08:00", "12:00"), period("11:30", "18:00")), true);
		Response refused = admin.put("/api/v1/calendars/" + code,
				Map.of("nameZh", "夏季作息", "nameEn", "Summer hours", "definition", overlapping, "version", 1));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("errors").get(0).path("code").asText()).isEqualTo("CAL-0004");
		assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("week.MONDAY[1]");
		assertThat(admin.get("/api/v1/calendars/" + code).json().path("calendar").path("currentVersion").asInt()).isEqualTo(1);

		Map<String, Object> malformed = definition(List.of(period("8:00", "25:00")), true);
		Response bad = admin.put("/api/v1/calendars/" + code, Map.of("nameZh", "夏季作息", "nameEn", "Summer hours",
				"definition", malformed, "version", 1));
		assertThat(bad.json().path("errors").get(0).path("code").asText()).isEqualTo("CAL-0005");

		Map<String, Object> summer = definition(List.of(period("08:00", "12:00"), period("14:30", "18:30")), true);
		summer.put("holidays", List.of(Map.of("from", "2026-07-01", "name", "建党节（本单位）")));
		Response edited = admin.put("/api/v1/calendars/" + code,
				Map.of("nameZh", "夏季作息", "nameEn", "Summer hours", "definition", summer, "note", "7 月起夏季作息", "version", 1));
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		assertThat(edited.json().path("calendar").path("currentVersion").asInt()).isEqualTo(2);
		assertThat(edited.json().path("calendar").path("version").asInt()).isEqualTo(2);
		assertThat(edited.json().path("versionNote").asText()).isEqualTo("7 月起夏季作息");

		String query = "/deadline?start=2026-06-30T17:00%2B08:00&duration=PT2H";
		assertThat(admin.get("/api/v1/calendars/" + code + query + "&version=1").json().path("deadline").asText())
			.as("the first version, as a running timer keeps it").isEqualTo("2026-07-01T09:30:00+08:00");
		assertThat(admin.get("/api/v1/calendars/" + code + query).json().path("deadline").asText())
			.as("1 July is the calendar's own holiday now").isEqualTo("2026-07-02T08:30:00+08:00");
		assertThat(admin.get("/api/v1/calendars/" + code + "/versions").json().path("items").findValuesAsText("version"))
			.containsExactly("2", "1");
		assertThat(admin.get("/api/v1/calendars/" + code + "/versions/1").json().path("definition").path("holidays")).isEmpty();

		Response stale = admin.put("/api/v1/calendars/" + code,
				Map.of("nameZh", "夏季作息", "nameEn", "Summer hours", "definition", summer, "version", 1));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().path("code").asText()).isEqualTo("CAL-0019");

		Map<String, Object> conflicting = definition(List.of(period("08:30", "17:30")), true);
		conflicting.put("holidays", List.of(Map.of("from", "2026-08-01", "to", "2026-08-03")));
		conflicting.put("workdays", List.of(Map.of("from", "2026-08-02")));
		Response both = admin.put("/api/v1/calendars/" + code,
				Map.of("nameZh", "夏季作息", "nameEn", "Summer hours", "definition", conflicting, "version", 2));
		assertThat(both.json().path("errors").get(0).path("code").asText()).isEqualTo("CAL-0009");

		JsonNode audit = admin.get("/api/v1/audit?action=CALENDAR_UPDATED&targetId=" + code).json();
		assertThat(audit.path("total").asLong()).isEqualTo(1);

		assertThat(admin.put("/api/v1/calendars/5x8", Map.of("nameZh", "x", "nameEn", "x")).json().path("code").asText())
			.isEqualTo("CAL-0003");
		assertThat(admin.post("/api/v1/calendars", Map.of("code", code, "nameZh", "x", "nameEn", "x", "basedOn", "5x8"))
			.json().path("code").asText()).isEqualTo("CAL-0002");
		assertThat(admin.post("/api/v1/calendars", Map.of("code", "bad code!", "nameZh", "x", "nameEn", "x")).json()
			.path("errors").get(0).path("field").asText()).isEqualTo("code");

		assertThat(admin.delete("/api/v1/calendars/" + code).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/calendars/" + code).status()).isEqualTo(404);
		assertThat(admin.delete("/api/v1/calendars/7x24").json().path("code").asText()).isEqualTo("CAL-0003");
	}

	private static Map<String, Object> period(String start, String end) {
		return Map.of("start", start, "end", end);
	}

	private static Map<String, Object> definition(List<Map<String, Object>> weekday, boolean official) {
		Map<String, Object> week = new LinkedHashMap<>();
		for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
			week.put(day, weekday);
		}
		week.put("SATURDAY", List.of());
		week.put("SUNDAY", List.of());
		Map<String, Object> definition = new HashMap<>();
		definition.put("zone", "Asia/Shanghai");
		definition.put("week", week);
		definition.put("followsOfficialHolidays", official);
		definition.put("holidays", new ArrayList<>());
		definition.put("workdays", new ArrayList<>());
		return definition;
	}

	@Test
	void theYearViewMarksHolidaysAndMakeUpDays() {
		JsonNode year = admin().get("/api/v1/calendars/5x8/years/2026").json();
		assertThat(year.path("days")).hasSize(365);
		assertThat(year.path("officialScheduleKnown").asBoolean()).isTrue();
		Map<String, JsonNode> byDate = new HashMap<>();
		year.path("days").forEach(d -> byDate.put(d.path("date").asText(), d));
		assertThat(byDate.get("2026-02-14").path("type").asText()).isEqualTo("MAKE_UP_WORKDAY");
		assertThat(byDate.get("2026-02-14").path("workingMinutes").asLong()).isEqualTo(480);
		assertThat(byDate.get("2026-02-16").path("type").asText()).isEqualTo("HOLIDAY");
		assertThat(byDate.get("2026-02-16").path("name").asText()).isEqualTo("春节");
		assertThat(byDate.get("2026-03-07").path("type").asText()).isEqualTo("REST_DAY");
		assertThat(byDate.get("2026-03-09").path("type").asText()).isEqualTo("WORKDAY");
		assertThat(admin().get("/api/v1/calendars/7x24/years/2026").json().path("days").get(45).path("type").asText())
			.isEqualTo("WORKDAY");
	}

	@Test
	void theHolidayCnFeedImportsToTheBuiltIn2025ScheduleAndChangesNothing() throws IOException {
		ApiClient admin = admin();
		int before = find(admin, "5x8").path("currentVersion").asInt();
		Response dry = admin.upload("/api/v1/holiday-schedule/import?dryRun=true", "holiday-cn-2025.ics", "text/calendar",
				holidayCn2025());
		assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
		assertThat(dry.json().path("format").asText()).isEqualTo("ICALENDAR");
		assertThat(dry.json().path("years").get(0).path("year").asInt()).isEqualTo(2025);
		assertThat(dry.json().path("years").get(0).path("changed").asBoolean()).as("identical to the built-in year").isFalse();
		Response real = admin.upload("/api/v1/holiday-schedule/import", "holiday-cn-2025.ics", "text/calendar",
				holidayCn2025());
		assertThat(real.json().path("written").asBoolean()).isFalse();
		assertThat(find(admin, "5x8").path("currentVersion").asInt()).isEqualTo(before);
		JsonNode days = admin.get("/api/v1/holiday-schedule/years/2025").json();
		assertThat(days).hasSize(33);
	}

	@Test
	void aNewYearsScheduleGivesTheCalendarsThatFollowItANewVersion() {
		ApiClient admin = admin();
		String year = "2031";
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=" + year + "-01-01T09:00%2B08:00&duration=PT1H").json()
			.path("deadline").asText()).as("1 January is an ordinary Wednesday while the year is unknown")
			.isEqualTo(year + "-01-01T10:00:00+08:00");
		int before = find(admin, "5x8").path("currentVersion").asInt();
		String file = "# " + year + "\n" + year + "-01-01 假 元旦\n" + year + "-01-04 班 元旦调休上班\n";
		Response imported = admin.upload("/api/v1/holiday-schedule/import", year + ".txt", TEXT,
				file.getBytes(StandardCharsets.UTF_8));
		assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
		assertThat(imported.json().path("written").asBoolean()).isTrue();
		assertThat(imported.json().path("calendars").toString()).contains("5x8").doesNotContain("7x24");
		int after = find(admin, "5x8").path("currentVersion").asInt();
		assertThat(after).isEqualTo(before + 1);
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=" + year + "-01-01T09:00%2B08:00&duration=PT1H").json()
			.path("deadline").asText()).isEqualTo(year + "-01-02T09:30:00+08:00");
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=" + year + "-01-01T09:00%2B08:00&duration=PT1H&version="
				+ before).json().path("deadline").asText()).isEqualTo(year + "-01-01T10:00:00+08:00");
		assertThat(admin.get("/api/v1/holiday-schedule/years").json().findValuesAsText("year")).contains("2025", "2026", year);
		assertThat(admin.get("/api/v1/audit?action=HOLIDAY_SCHEDULE_IMPORTED").json().path("total").asLong()).isPositive();
	}

	@Test
	void aMalformedHolidayFileIsRefusedLineByLineAndImportsNothing() {
		ApiClient admin = admin();
		String file = "2032-01-01 假 元旦\n2032-02-30 假 二月三十日\n2032-01-05 班 周一\n";
		Response refused = admin.upload("/api/v1/holiday-schedule/import", "2032.txt", TEXT,
				file.getBytes(StandardCharsets.UTF_8));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("code").asText()).isEqualTo("CAL-0011");
		assertThat(refused.json().path("errors").findValuesAsText("line")).containsExactly("2", "3");
		assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("2032-02-30");
		assertThat(admin.get("/api/v1/holiday-schedule/years").json().findValuesAsText("year")).doesNotContain("2032");
		Response pdf = admin.upload("/api/v1/holiday-schedule/import", "notice.pdf", "application/pdf", new byte[] { 1 });
		assertThat(pdf.json().path("errors").get(0).path("code").asText()).isEqualTo("CAL-0012");
	}

	@Test
	void aMissingNextYearIsWarnedAboutFromTheFirstOfNovember() {
		ApiClient admin = admin();
		Instant real = this.clock.instant();
		try {
			this.clock.set(OffsetDateTime.parse("2026-10-31T23:00+08:00").toInstant());
			JsonNode october = admin.get("/api/v1/holiday-schedule/status").json();
			assertThat(october.path("nextYear").asInt()).isEqualTo(2027);
			assertThat(october.path("warning").asBoolean()).isFalse();
			this.clock.set(OffsetDateTime.parse("2026-11-01T00:30+08:00").toInstant());
			JsonNode november = admin.get("/api/v1/holiday-schedule/status").json();
			assertThat(november.path("nextYearKnown").asBoolean()).isFalse();
			assertThat(november.path("warning").asBoolean()).isTrue();
		}
		finally {
			this.clock.set(real);
		}
	}

	@Test
	void managingCalendarsNeedsTheSystemAdministratorsPermission() {
		ApiClient admin = admin();
		ApiClient engineer = createUserAndSignIn(admin, unique("cal"), rootOrganisationId(admin),
				List.of(roleId(admin, "ENGINEER")));
		assertThat(engineer.get("/api/v1/calendars").status()).isEqualTo(200);
		assertThat(engineer.get("/api/v1/calendars/5x8/deadline?start=2026-02-13T17:00Z&duration=PT1H").status()).isEqualTo(200);
		assertThat(engineer.post("/api/v1/calendars", Map.of("code", unique("x"), "nameZh", "x", "nameEn", "x")).status())
			.isEqualTo(403);
		assertThat(engineer.upload("/api/v1/holiday-schedule/import", "a.txt", TEXT,
				"2033-01-01 假 元旦".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
		ApiClient reporter = createUserAndSignIn(admin, unique("rep"), rootOrganisationId(admin),
				List.of(roleId(admin, "END_USER")));
		assertThat(reporter.get("/api/v1/calendars").status()).isEqualTo(403);
	}

}
