package io.opsguard.servicedesk;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily work records over HTTP (R-DSK-10): recorded on their own and on a ticket, listed with filters
 * and their total time, changed with the version read, removed by their engineer, exported as xlsx;
 * another organisation neither sees them nor links its own; bad input names its fields and saves
 * nothing.
 */
class WorkRecordApiIT extends ApiTestSupport {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private ApiClient admin;

	private long root;

	private long fault;

	private long inspection;

	@BeforeEach
	void setUp() {
		this.admin = admin();
		this.root = rootOrganisationId(this.admin);
		this.clock.set(Instant.now());
		for (JsonNode category : this.admin.get("/api/v1/work-record-categories").json()) {
			if (category.path("code").asText().equals("FAULT")) {
				this.fault = category.path("id").asLong();
			}
			if (category.path("code").asText().equals("INSPECTION")) {
				this.inspection = category.path("id").asLong();
			}
		}
		assertThat(this.fault).isPositive();
	}

	@Test
	void workIsRecordedListedFilteredChangedAndRemoved() {
		long unit = createOrganisation(this.admin, this.root, unique("检务保障部"));
		long system = businessSystem(this.admin, unique("办案系统"), unit);
		Instant start = this.clock.instant().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
		Map<String, Object> body = record(start, 90, this.fault, unique("重启办案系统应用服务"));
		body.put("organisationId", unit);
		body.put("businessSystemId", system);
		body.put("personName", "王科长");
		body.put("personPhone", "13800001111");
		Response created = this.admin.post("/api/v1/work-records", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode record = created.json();
		assertThat(record.path("durationMinutes").asInt()).isEqualTo(90);
		assertThat(Instant.parse(record.path("endedAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(90)));
		assertThat(record.path("businessSystem").path("name").asText()).startsWith("办案系统");
		assertThat(record.path("organisation").path("id").asLong()).isEqualTo(unit);
		assertThat(record.path("category").path("name").asText()).isEqualTo("故障处理");
		assertThat(record.path("editable").asBoolean()).isTrue();
		Map<String, Object> other = record(start.minus(Duration.ofHours(1)), 30, this.inspection, "巡检机房");
		other.put("organisationId", unit);
		other.put("endedAt", start.minus(Duration.ofMinutes(30)).toString());
		other.remove("durationMinutes");
		Response second = this.admin.post("/api/v1/work-records", other);
		assertThat(second.status()).as(second.toString()).isEqualTo(201);
		assertThat(second.json().path("durationMinutes").asInt()).isEqualTo(30);

		JsonNode page = this.admin.get("/api/v1/work-records?organisationId=" + unit + "&sort=startedAt,asc").json();
		assertThat(page.path("total").asLong()).isEqualTo(2);
		assertThat(page.path("totalMinutes").asLong()).isEqualTo(120);
		assertThat(page.path("items").get(0).path("content").asText()).isEqualTo("巡检机房");
		assertThat(this.admin.get("/api/v1/work-records?organisationId=" + unit + "&categoryId=" + this.fault).json()
			.path("total").asLong()).isEqualTo(1);
		assertThat(this.admin.get("/api/v1/work-records?businessSystemId=" + system).json().path("total").asLong()).isEqualTo(1);
		assertThat(this.admin.get("/api/v1/work-records?organisationId=" + unit + "&q=机房").json().path("total").asLong())
			.isEqualTo(1);
		LocalDate yesterday = LocalDate.ofInstant(this.clock.instant(), CHINA).minusDays(3);
		assertThat(this.admin.get("/api/v1/work-records?organisationId=" + unit + "&to=" + yesterday).json().path("total")
			.asLong()).isZero();

		long id = record.path("id").asLong();
		Map<String, Object> change = new HashMap<>(body);
		change.put("version", record.path("version").asInt());
		change.put("handling", "已恢复，原因是内存泄漏");
		Response changed = this.admin.put("/api/v1/work-records/" + id, change);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().path("handling").asText()).isEqualTo("已恢复，原因是内存泄漏");
		Response stale = this.admin.put("/api/v1/work-records/" + id, change);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SD-0115");
		change.remove("version");
		assertThat(fields(this.admin.put("/api/v1/work-records/" + id, change))).contains("version");

		assertThat(this.admin.delete("/api/v1/work-records/" + second.id()).status()).isEqualTo(204);
		assertThat(this.admin.get("/api/v1/work-records/" + second.id()).status()).isEqualTo(404);
		JsonNode audit = this.admin.get("/api/v1/audit?action=WORK_RECORD_DELETED").json();
		assertThat(audit.path("items").findValuesAsText("targetId")).contains(String.valueOf(second.id()));
	}

	@Test
	void aTicketShowsItsWorkAndTheTimeSpent() {
		Response ticket = this.admin.post("/api/v1/tickets", Map.of("type", "INCIDENT", "title", "打印机无法打印", "faultLevel", 4,
				"contact", Map.of("name", "刘工", "phone", "13900000000")));
		assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
		Instant start = this.clock.instant().minus(Duration.ofHours(2));
		for (int minutes : List.of(20, 45)) {
			Map<String, Object> body = record(start, minutes, this.fault, "现场处理打印机");
			body.put("ticketId", ticket.id());
			Response created = this.admin.post("/api/v1/work-records", body);
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			assertThat(created.json().path("ticket").path("name").asText()).isEqualTo(ticket.json().path("number").asText());
			assertThat(created.json().path("organisation").path("id").asLong())
				.isEqualTo(ticket.json().path("organisationId").asLong());
		}
		JsonNode work = this.admin.get("/api/v1/tickets/" + ticket.id() + "/work-records").json();
		assertThat(work.path("items")).hasSize(2);
		assertThat(work.path("totalMinutes").asLong()).isEqualTo(65);
		assertThat(this.admin.get("/api/v1/work-records?ticketId=" + ticket.id()).json().path("total").asLong()).isEqualTo(2);
	}

	@Test
	void theExportHoldsTheFilteredRecordsInHoursWithATotal() throws Exception {
		long unit = createOrganisation(this.admin, this.root, unique("导出单位"));
		Instant start = this.clock.instant().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES);
		for (int minutes : List.of(90, 45)) {
			Map<String, Object> body = record(start, minutes, this.fault, "导出测试" + minutes);
			body.put("organisationId", unit);
			assertThat(this.admin.post("/api/v1/work-records", body).status()).isEqualTo(201);
		}
		Response xlsx = this.admin.get("/api/v1/work-records/export.xlsx?organisationId=" + unit + "&sort=durationMinutes,desc");
		assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(200);
		assertThat(xlsx.contentType()).contains("spreadsheetml");
		assertThat(xlsx.headers().get("Content-Disposition").get(0)).contains("filename*=UTF-8''");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getSheetName()).isEqualTo("运维记录");
			Row header = sheet.getRow(0);
			assertThat(header.getCell(0).getStringCellValue()).isEqualTo("服务开始时间");
			assertThat(header.getCell(2).getStringCellValue()).isEqualTo("时长（小时）");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue())
				.isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(start.atZone(CHINA)));
			assertThat(sheet.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(1.5);
			assertThat(sheet.getRow(2).getCell(2).getNumericCellValue()).isEqualTo(0.75);
			assertThat(sheet.getRow(1).getCell(8).getStringCellValue()).isEqualTo("故障处理");
			assertThat(sheet.getRow(1).getCell(9).getStringCellValue()).isEqualTo("导出测试90");
			assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("合计（共 2 条）");
			assertThat(sheet.getRow(3).getCell(2).getNumericCellValue()).isEqualTo(2.25);
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
		}
		Response english = this.admin.language("en")
			.get("/api/v1/work-records/export.xlsx?organisationId=" + unit);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(english.bytes()))) {
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(2).getStringCellValue()).isEqualTo("Hours");
		}
		this.admin.language("zh-CN");
	}

	@Test
	void anotherOrganisationNeitherSeesNorLinks() {
		long a = createOrganisation(this.admin, this.root, unique("甲单位"));
		long b = createOrganisation(this.admin, this.root, unique("乙单位"));
		long recorder = createRole(this.admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:create",
				"servicedesk:record:write"), "OWN_SUBTREE", List.of());
		ApiClient engineerA = createUserAndSignIn(this.admin, unique("enga"), a, List.of(recorder));
		ApiClient engineerB = createUserAndSignIn(this.admin, unique("engb"), b, List.of(recorder));
		long systemA = businessSystem(this.admin, unique("甲系统"), a);
		Response ticketA = engineerA.post("/api/v1/tickets", Map.of("type", "CONSULTATION", "title", "咨询",
				"contact", Map.of("name", "甲", "phone", "1")));
		assertThat(ticketA.status()).as(ticketA.toString()).isEqualTo(201);
		Map<String, Object> body = record(this.clock.instant().minus(Duration.ofHours(1)), 30, this.fault, "甲的工作");
		body.put("ticketId", ticketA.id());
		Response mine = engineerA.post("/api/v1/work-records", body);
		assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
		assertThat(mine.json().path("engineer").path("id").asLong()).isNotZero();

		assertThat(engineerB.get("/api/v1/work-records/" + mine.id()).status()).isEqualTo(404);
		assertThat(engineerB.get("/api/v1/work-records").json().path("items").findValuesAsText("content")).doesNotContain("甲的工作");
		assertThat(engineerB.get("/api/v1/tickets/" + ticketA.id() + "/work-records").status()).isEqualTo(404);
		Map<String, Object> hijack = new HashMap<>(body);
		hijack.put("version", 0);
		assertThat(engineerB.put("/api/v1/work-records/" + mine.id(), hijack).status()).isEqualTo(404);
		assertThat(engineerB.delete("/api/v1/work-records/" + mine.id()).status()).isEqualTo(404);
		Map<String, Object> link = record(this.clock.instant().minus(Duration.ofHours(1)), 30, this.fault, "乙想关联");
		link.put("ticketId", ticketA.id());
		link.put("businessSystemId", systemA);
		link.put("organisationId", a);
		assertThat(fields(engineerB.post("/api/v1/work-records", link))).contains("ticketId", "businessSystemId",
				"organisationId");
		// without the manage permission: nobody else's records, not even in one's own scope
		long colleagueOfA = userId(this.admin, engineerB.get("/api/v1/auth/session").json().path("user").path("username").asText());
		Map<String, Object> forColleague = record(this.clock.instant().minus(Duration.ofHours(1)), 30, this.fault, "替人记录");
		forColleague.put("engineerId", colleagueOfA);
		forColleague.put("organisationId", a);
		Response refused = engineerA.post("/api/v1/work-records", forColleague);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("SD-0113");
		Response managerMay = this.admin.post("/api/v1/work-records", record(this.clock.instant().minus(Duration.ofHours(1)),
				30, this.fault, "管理员替甲记录", Map.of("engineerId",
						userId(this.admin, engineerA.get("/api/v1/auth/session").json().path("user").path("username").asText()),
						"organisationId", a)));
		assertThat(managerMay.status()).as(managerMay.toString()).isEqualTo(201);
		assertThat(managerMay.json().path("editable").asBoolean()).isTrue();
		JsonNode asA = engineerA.get("/api/v1/work-records/" + managerMay.id()).json();
		assertThat(asA.path("editable").asBoolean()).as("the engineer it was recorded for").isTrue();
	}

	@Test
	void badInputNamesItsFieldsAndSavesNothing() {
		long before = this.admin.get("/api/v1/work-records").json().path("total").asLong();
		Instant now = this.clock.instant();
		Map<String, Object> backwards = record(now.minus(Duration.ofHours(1)), 30, this.fault, "x");
		backwards.remove("durationMinutes");
		backwards.put("endedAt", now.minus(Duration.ofHours(2)).toString());
		backwards.put("organisationId", this.root);
		assertThat(fields(this.admin.post("/api/v1/work-records", backwards))).containsExactly("endedAt");
		Map<String, Object> future = record(now.minus(Duration.ofMinutes(10)), 60, this.fault, "x");
		future.put("organisationId", this.root);
		assertThat(fields(this.admin.post("/api/v1/work-records", future))).containsExactly("durationMinutes");
		Map<String, Object> tooLongSpan = record(now.minus(Duration.ofHours(30)), 60, this.fault, "x");
		tooLongSpan.remove("durationMinutes");
		tooLongSpan.put("endedAt", now.minus(Duration.ofHours(1)).toString());
		tooLongSpan.put("organisationId", this.root);
		assertThat(fields(this.admin.post("/api/v1/work-records", tooLongSpan))).containsExactly("endedAt");
		Map<String, Object> several = record(now.minus(Duration.ofHours(1)), 30, this.fault, "x".repeat(4001));
		several.put("businessSystemId", 987654321L);
		several.put("categoryId", 987654321L);
		several.put("handling", "  ");
		Response many = this.admin.post("/api/v1/work-records", several);
		assertThat(fields(many)).contains("content", "businessSystemId", "categoryId");
		Map<String, Object> noObject = record(now.minus(Duration.ofHours(1)), 30, this.fault, "x");
		assertThat(fields(this.admin.post("/api/v1/work-records", noObject))).containsExactly("object");
		Map<String, Object> noStart = record(now, 30, this.fault, " ");
		noStart.remove("startedAt");
		noStart.put("organisationId", this.root);
		assertThat(fields(this.admin.post("/api/v1/work-records", noStart))).contains("startedAt", "content");
		assertThat(fields(this.admin.get("/api/v1/work-records?from=2026-03-02&to=2026-03-01"))).contains("from");
		assertThat(fields(this.admin.get("/api/v1/work-records?from=yesterday"))).contains("from");
		assertThat(this.admin.get("/api/v1/work-records").json().path("total").asLong()).isEqualTo(before);
	}

	@Test
	void administratorsAddCategoriesThatEngineersChoose() {
		String name = unique("安全加固");
		Response created = this.admin.post("/api/v1/work-record-categories", Map.of("nameZh", name, "nameEn", "Hardening"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(this.admin.post("/api/v1/work-record-categories", Map.of("nameZh", name)).status()).isEqualTo(409);
		Map<String, Object> body = record(this.clock.instant().minus(Duration.ofHours(1)), 15, created.id(), "补丁");
		body.put("organisationId", this.root);
		assertThat(this.admin.post("/api/v1/work-records", body).status()).isEqualTo(201);
		Response disabled = this.admin.put("/api/v1/work-record-categories/" + created.id(),
				Map.of("version", created.json().path("version").asInt(), "nameZh", name, "nameEn", "Hardening", "enabled", false));
		assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
		assertThat(fields(this.admin.post("/api/v1/work-records", body))).containsExactly("categoryId");
	}

	private static Map<String, Object> record(Instant start, int minutes, long category, String content) {
		return record(start, minutes, category, content, Map.of());
	}

	private static Map<String, Object> record(Instant start, int minutes, long category, String content,
			Map<String, Object> more) {
		Map<String, Object> body = new HashMap<>(more);
		body.put("startedAt", start.toString());
		body.put("durationMinutes", minutes);
		body.put("categoryId", category);
		body.put("content", content);
		return body;
	}

	/** A business system of an organisation, created in the CMDB. */
	static long businessSystem(ApiClient admin, String name, long organisation) {
		long cls = -1;
		for (JsonNode node : admin.get("/api/v1/cmdb/classes").json()) {
			if (node.path("code").asText().equals("BUSINESS_SYSTEM")) {
				cls = node.path("id").asLong();
			}
		}
		Response system = admin.post("/api/v1/cmdb/cis", Map.of("classId", cls, "code", unique("BS-"), "name", name,
				"organisationId", organisation));
		assertThat(system.status()).as(system.toString()).isEqualTo(201);
		return system.id();
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return response.json().path("errors").findValuesAsText("field");
	}

}
