package io.opsguard.calendar;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar module's SQL through the API, on H2 ({@link CalendarPersistenceH2IT}) and on a real
 * PostgreSQL ({@link CalendarPersistencePostgresIT}): presets at first start, versions with their
 * special days, an imported year replacing the one before.
 */
abstract class CalendarPersistenceScenarios extends ApiTestSupport {

	@Test
	void presetsVersionsAndTheOfficialScheduleAreStored() {
		ApiClient admin = admin();
		assertThat(admin.get("/api/v1/holiday-schedule/years").json().findValuesAsText("year")).contains("2025", "2026");
		JsonNode y2026 = admin.get("/api/v1/holiday-schedule/years/2026").json();
		assertThat(y2026).hasSize(39);
		String code = unique("p-");
		Response created = admin.post("/api/v1/calendars", Map.of("code", code, "nameZh", "副本", "nameEn", "Copy",
				"organisationId", rootOrganisationId(admin), "basedOn", "5x8"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(admin.get("/api/v1/calendars/" + code + "/years/2026").json().path("days").get(3).path("type").asText())
			.as("4 January 2026, a make-up Sunday").isEqualTo("MAKE_UP_WORKDAY");
	}

	@Test
	void anImportedYearReplacesTheYearBefore() {
		ApiClient admin = admin();
		String first = "2040-01-02 假 元旦\n2040-01-07 班 调休\n";
		String second = "2040-01-02~2040-01-03 假 元旦\n";
		assertThat(upload(admin, first).status()).isEqualTo(200);
		assertThat(upload(admin, second).json().path("years").get(0).path("changed").asBoolean()).isTrue();
		JsonNode days = admin.get("/api/v1/holiday-schedule/years/2040").json();
		assertThat(days.findValuesAsText("date")).containsExactly("2040-01-02", "2040-01-03");
		assertThat(days.findValuesAsText("kind")).containsOnly("HOLIDAY");
		assertThat(admin.get("/api/v1/calendars/5x8/deadline?start=2040-01-02T09:00%2B08:00&duration=PT1H").json()
			.path("deadline").asText()).isEqualTo("2040-01-04T09:30:00+08:00");
	}

	private Response upload(ApiClient admin, String text) {
		return admin.upload("/api/v1/holiday-schedule/import", "2040.txt", "text/plain", text.getBytes(StandardCharsets.UTF_8));
	}

}
