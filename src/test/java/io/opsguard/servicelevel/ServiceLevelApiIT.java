package io.opsguard.servicelevel;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service levels end to end over HTTP: grading through four confirmations, application-support
 * inheritance, re-grading and rejection, SLA policies and ticket targets, the matrix, the model
 * and the gap overview.
 */
class ServiceLevelApiIT extends ServiceLevelTestSupport {

	@Test
	void aSystemIsGradedThroughFourConfirmationsAndItsGapsCloseAsServicesAreRecorded() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long system = ci(admin, "BUSINESS_SYSTEM", unique("统一业务应用软件"), root, Map.of("applicationSupport", false));

		JsonNode evaluation = admin.post("/api/v1/grading/evaluate",
				Map.of("realtime", "HIGH", "sensitivity", "VERY_HIGH", "dependence", "VERY_HIGH")).json();
		assertThat(evaluation.path("impact").asText()).isEqualTo("MAJOR");
		assertThat(evaluation.path("level").asInt()).isEqualTo(1);
		assertThat(evaluation.path("modelVersion").asInt()).isPositive();

		Parties parties = parties(admin);
		Response proposed = propose(admin, system, factors("HIGH", "VERY_HIGH", "VERY_HIGH"), parties, null);
		assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
		assertThat(proposed.json().path("status").asText()).isEqualTo("PENDING");
		assertThat(proposed.json().path("kind").asText()).isEqualTo("INITIAL");
		assertThat(proposed.json().path("level").asInt()).isEqualTo(1);
		long id = proposed.id();
		assertThat(propose(admin, system, factors("LOW", "LOW", "LOW"), parties, null).json().path("code").asText())
			.as("one pending proposal per system").isEqualTo("SL-0008");

		ApiClient business = parties.clients().get("BUSINESS_PARTY");
		JsonNode inbox = business.get("/api/v1/grading/inbox").json();
		assertThat(inbox.findValuesAsText("id")).contains(String.valueOf(id));
		assertThat(business.get("/api/v1/grading/proposals/" + id).json().path("awaitingMe").asBoolean()).isTrue();
		ApiClient outsider = createUserAndSignIn(admin, unique("x"), root, List.of(roleId(admin, "ENGINEER")));
		Response notMine = outsider.post("/api/v1/grading/proposals/" + id + "/decision", Map.of("decision", "CONFIRMED"));
		assertThat(notMine.status()).isEqualTo(403);
		assertThat(notMine.json().path("code").asText()).isEqualTo("SL-0009");

		int confirmed = 0;
		for (ApiClient party : parties.clients().values()) {
			assertThat(system(admin, system).path("system").path("level").isNull()).as("not yet in force").isTrue();
			JsonNode after = party.post("/api/v1/grading/proposals/" + id + "/decision",
					Map.of("decision", "CONFIRMED", "comment", "同意")).json();
			confirmed++;
			assertThat(after.path("status").asText()).isEqualTo(confirmed == 4 ? "CONFIRMED" : "PENDING");
		}
		assertThat(business.post("/api/v1/grading/proposals/" + id + "/decision", Map.of("decision", "CONFIRMED")).json()
			.path("code").asText()).isEqualTo("SL-0011");

		JsonNode detail = system(admin, system);
		assertThat(detail.path("system").path("level").asInt()).isEqualTo(1);
		assertThat(detail.path("system").path("serviceGrade").asInt()).isEqualTo(1);
		assertThat(detail.path("system").path("slaPolicy").asText()).isEqualTo("HS-L1");
		assertThat(detail.path("system").path("calendar").asText()).isEqualTo("7x24");
		assertThat(detail.path("history").get(0).path("cause").asText()).isEqualTo("GRADING");
		assertThat(detail.path("proposals").get(0).path("parties")).hasSize(4);
		assertThat(admin.get("/api/v1/cmdb/business-systems/" + system).json().path("system").path("guaranteeLevel").asInt())
			.as("the CMDB catalogue shows the level").isEqualTo(1);
		assertThat(admin.get("/api/v1/audit?action=GRADING_CONFIRMED&targetId=" + id).json().path("total").asLong())
			.isEqualTo(4);

		Map<String, String> before = gaps(detail);
		assertThat(before).containsEntry("BASIC", "GAP").containsEntry("HOT_STANDBY", "GAP")
			.containsEntry("DISPATCH_OFF_HOURS", "MET").containsEntry("RECOVERY", "MET").containsEntry("WARM_STANDBY", "NOT_REQUIRED");

		// what the level needs is recorded: a server it runs on, a hot standby of it, the declarations
		long server = ci(admin, "PHYSICAL_SERVER", unique("应用服务器"), root, Map.of());
		long standby = ci(admin, "PHYSICAL_SERVER", unique("热备服务器"), root, Map.of());
		relate(admin, "RUNS_ON", system, server);
		assertThat(admin.post("/api/v1/cmdb/relations", Map.of("type", "STANDBY_OF", "sourceId", standby, "targetId", server,
				"standbyMode", "HOT")).status()).isEqualTo(201);
		Map<String, Object> facts = new HashMap<>();
		facts.put("backupPolicy", "每日增量、每周全量，保留 90 天");
		facts.put("monitoringRequirements", "应用、数据库、中间件");
		for (String flag : List.of("systemMonitoring", "applicationMonitoring", "performanceSupport", "statisticsReports",
				"businessParty7x24")) {
			facts.put(flag, true);
		}
		Response saved = admin.put("/api/v1/service-levels/systems/" + system + "/facts", facts);
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		JsonNode closed = system(admin, system);
		assertThat(gaps(closed).values()).doesNotContain("GAP");
		assertThat(closed.path("system").path("gapCount").asInt()).isZero();
		String name = closed.path("system").path("name").asText();
		assertThat(systemsNamed(admin, name, "level=1&onlyGaps=true").findValuesAsText("id"))
			.doesNotContain(String.valueOf(system));
		assertThat(systemsNamed(admin, name, "level=1").findValuesAsText("id")).containsExactly(String.valueOf(system));
		assertThat(admin.get("/api/v1/audit?action=SYSTEM_FACTS_UPDATED&targetId=" + system).json().path("total").asLong())
			.isEqualTo(1);
	}

	@Test
	void anApplicationSupportSystemFollowsTheSystemsItSupportsAndCannotBeGradedBelowThem() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long supported = ci(admin, "BUSINESS_SYSTEM", unique("网上信访系统"), root, Map.of());
		long support = ci(admin, "BUSINESS_SYSTEM", unique("统一身份认证"), root, Map.of("applicationSupport", true));
		long relation = relate(admin, "SUPPORTS", support, supported);
		assertThat(system(admin, support).path("system").path("level").isNull()).isTrue();

		Parties parties = parties(admin);
		grade(admin, supported, factors("HIGH", "HIGH", "HIGH"), parties);
		JsonNode inherited = systemOnceLevel(admin, support, level -> level.asInt() == 2);
		assertThat(inherited.path("system").path("level").asInt()).as("follows automatically").isEqualTo(2);
		assertThat(inherited.path("system").path("inheritedFrom").asLong()).isEqualTo(supported);
		assertThat(inherited.path("history").get(0).path("cause").asText()).isEqualTo("INHERITED");
		assertThat(inherited.path("history").get(0).path("causeSystemId").asLong()).isEqualTo(supported);
		assertThat(inherited.path("history").get(0).path("detail").asText()).contains("网上信访系统");
		assertThat(inherited.path("history").get(0).path("detail").asText()).startsWith("随所支撑系统");

		Response lower = propose(admin, support, factors("LOW", "MEDIUM", "MEDIUM"), parties, null);
		assertThat(lower.status()).isEqualTo(400);
		assertThat(lower.json().path("code").asText()).isEqualTo("SL-0013");
		assertThat(lower.json().path("detail").asText()).contains("2 级");

		// the relation goes: the support system has no level of its own
		assertThat(admin.delete("/api/v1/cmdb/relations/" + relation).status()).isIn(200, 204);
		JsonNode ended = systemOnceLevel(admin, support, JsonNode::isNull);
		assertThat(ended.path("system").path("level").isNull()).isTrue();
		assertThat(ended.path("history").get(0).path("cause").asText()).isEqualTo("INHERITANCE_ENDED");

		// a chain: a second support system supports the first, which supports the graded system again
		relate(admin, "SUPPORTS", support, supported);
		long platform = ci(admin, "BUSINESS_SYSTEM", unique("应用支撑平台"), root, Map.of("applicationSupport", true));
		relate(admin, "SUPPORTS", platform, support);
		JsonNode chained = systemOnceLevel(admin, platform, level -> level.asInt() == 2);
		assertThat(chained.path("history").get(0).path("detail").asText()).contains("源自");
		assertThat(admin().language("en").get("/api/v1/service-levels/systems/" + platform).json().path("history").get(0)
			.path("detail").asText()).startsWith("Follows the supported system").contains("(from ");

		// no longer flagged application-support: it keeps nothing it does not have itself
		JsonNode ci = admin.get("/api/v1/cmdb/cis/" + platform).json();
		Map<String, Object> update = new HashMap<>();
		update.put("code", ci.path("code").asText());
		update.put("name", ci.path("name").asText());
		update.put("organisationId", root);
		update.put("attributes", Map.of("applicationSupport", false));
		update.put("version", ci.path("version").asInt());
		assertThat(admin.put("/api/v1/cmdb/cis/" + platform, update).status()).isEqualTo(200);
		JsonNode unflagged = systemOnceLevel(admin, platform, JsonNode::isNull);
		assertThat(unflagged.path("system").path("level").isNull()).isTrue();
		assertThat(unflagged.path("history").get(0).path("cause").asText()).isEqualTo("INHERITANCE_ENDED");
	}

	@Test
	void aRejectionNeedsACommentAndARegradingNeedsAReason() {
		ApiClient admin = admin();
		long system = ci(admin, "BUSINESS_SYSTEM", unique("工作日志管理系统"), rootOrganisationId(admin), Map.of());
		Parties parties = parties(admin);
		long first = propose(admin, system, factors("LOW", "LOW", "MEDIUM"), parties, null).id();
		ApiClient om = parties.clients().get("OM_PARTY");
		Response bare = om.post("/api/v1/grading/proposals/" + first + "/decision", Map.of("decision", "REJECTED"));
		assertThat(bare.status()).isEqualTo(400);
		assertThat(bare.json().path("errors").get(0).path("field").asText()).isEqualTo("comment");
		JsonNode rejected = om.post("/api/v1/grading/proposals/" + first + "/decision",
				Map.of("decision", "REJECTED", "comment", "依赖度评估偏低")).json();
		assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
		assertThat(system(admin, system).path("system").path("level").isNull()).isTrue();

		grade(admin, system, factors("LOW", "LOW", "LOW"), parties);
		assertThat(system(admin, system).path("system").path("level").asInt()).isEqualTo(5);
		Response noReason = propose(admin, system, factors("NOT_HIGH", "MEDIUM", "HIGH"), parties, null);
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().path("errors").get(0).path("field").asText()).isEqualTo("reason");
		Response regrade = propose(admin, system, factors("NOT_HIGH", "MEDIUM", "HIGH"), parties, "业务量增长，原等级已不适应");
		assertThat(regrade.json().path("kind").asText()).isEqualTo("REGRADE");
		confirmAll(regrade.id(), parties);
		JsonNode detail = system(admin, system);
		assertThat(detail.path("system").path("level").asInt()).isEqualTo(3);
		assertThat(detail.path("history").findValuesAsText("level")).containsExactly("3", "5");
		assertThat(detail.path("proposals").findValuesAsText("status")).containsExactly("CONFIRMED", "CONFIRMED", "REJECTED");

		Map<String, Object> badParties = new HashMap<>(parties.ids());
		badParties.put("OM_PARTY", parties.ids().get("BUSINESS_PARTY"));
		Map<String, Object> body = new HashMap<>();
		body.put("systemId", system);
		body.put("factors", Map.of("realtime", "SOMETIMES"));
		assertThat(admin.post("/api/v1/grading/proposals", body).json().path("errors").get(0).path("field").asText())
			.as("a bad enum value names its field").isEqualTo("factors.realtime");
		body.put("factors", factors("LOW", "LOW", "LOW"));
		body.put("parties", badParties);
		body.put("reason", "x");
		Response twice = admin.post("/api/v1/grading/proposals", body);
		assertThat(twice.json().path("errors").findValuesAsText("field")).contains("parties.OM_PARTY");
		assertThat(admin.get("/api/v1/grading/proposals?systemId=" + system).json().path("total").asLong()).isEqualTo(3);
	}

	@Test
	void slaPoliciesAreDataAndTicketsTakeTheirTargetsFromTheSystemsPolicy() {
		ApiClient admin = admin();
		JsonNode list = admin.get("/api/v1/sla-policies").json();
		assertThat(list.findValuesAsText("code")).contains("GB-GRADE-1", "GB-GRADE-2", "GB-GRADE-3", "GB-GRADE-4",
				"HN-CONTRACT", "HS-L1", "HS-L2", "HS-L3", "HS-L4", "HS-L5");

		JsonNode contract = admin.get("/api/v1/sla-policies/targets?faultLevel=3").json();
		assertThat(contract.path("policyCode").asText()).isEqualTo("HN-CONTRACT");
		assertThat(contract.path("response").asText()).isEqualTo("PT30M");
		assertThat(contract.path("resolution").asText()).isEqualTo("PT8H");
		assertThat(contract.path("calendarCode").asText()).isEqualTo("7x24");
		assertThat(contract.path("warnAtPercent").toString()).isEqualTo("[50,80]");
		assertThat(admin.get("/api/v1/sla-policies/targets?faultLevel=5").json().path("errors").get(0).path("field").asText())
			.isEqualTo("faultLevel");
		assertThat(admin.get("/api/v1/sla-policies/targets?faultLevel=1&ticketType=PANIC").json().path("errors").get(0)
			.path("field").asText()).isEqualTo("ticketType");

		// a copy without fault level 4: refused, nothing created
		String code = unique("SLA-");
		JsonNode source = admin.get("/api/v1/sla-policies/HN-CONTRACT").json().path("definition");
		Map<String, Object> definition = new HashMap<>();
		definition.put("calendar", "5x8");
		definition.put("targets", List.of(target(1, "PT15M", "PT4H"), target(2, "PT30M", "PT8H"), target(3, "PT30M", "P1D")));
		definition.put("warnAt", List.of(50, 80));
		Response missing = admin.post("/api/v1/sla-policies", Map.of("code", code, "nameZh", "本院合同", "nameEn", "Our contract",
				"organisationId", rootOrganisationId(admin), "basedOn", "HN-CONTRACT", "definition", definition));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().path("errors").get(0).path("code").asText()).isEqualTo("SL-0023");
		assertThat(missing.json().path("errors").get(0).path("message").asText()).contains("4 级");
		assertThat(admin.get("/api/v1/sla-policies/" + code).status()).isEqualTo(404);
		assertThat(source.path("targets")).hasSize(4);

		definition.put("targets", List.of(target(1, "PT15M", "PT4H"), target(2, "PT30M", "PT8H"), target(3, "PT30M", "P1D"),
				target(4, "PT30M", "P2D")));
		Response created = admin.post("/api/v1/sla-policies", Map.of("code", code, "nameZh", "本院合同", "nameEn", "Our contract",
				"organisationId", rootOrganisationId(admin), "basedOn", "HN-CONTRACT", "definition", definition));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().path("policy").path("version").asInt()).isEqualTo(1);

		long system = ci(admin, "BUSINESS_SYSTEM", unique("案件信息公开系统"), rootOrganisationId(admin), Map.of());
		Response assigned = admin.put("/api/v1/service-levels/systems/" + system + "/service",
				Map.of("serviceGrade", 3, "slaPolicy", code));
		assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
		JsonNode targets = admin.get("/api/v1/sla-policies/targets?systemId=" + system + "&ticketType=INCIDENT&faultLevel=1")
			.json();
		assertThat(targets.path("policyCode").asText()).isEqualTo(code);
		assertThat(targets.path("resolution").asText()).isEqualTo("PT4H");
		assertThat(targets.path("calendarCode").asText()).isEqualTo("5x8");
		assertThat(admin.put("/api/v1/service-levels/systems/" + system + "/service", Map.of("serviceGrade", 7)).json()
			.path("errors").get(0).path("field").asText()).isEqualTo("serviceGrade");

		Response inUse = admin.delete("/api/v1/sla-policies/" + code);
		assertThat(inUse.status()).isEqualTo(409);
		assertThat(inUse.json().path("code").asText()).isEqualTo("SL-0028");
		assertThat(admin.put("/api/v1/sla-policies/HN-CONTRACT", Map.of("nameZh", "x", "nameEn", "x")).json().path("code")
			.asText()).isEqualTo("SL-0022");

		// a calendar a policy runs on cannot be deleted
		String calendar = unique("cal-");
		assertThat(admin.post("/api/v1/calendars", Map.of("code", calendar, "nameZh", "值班", "nameEn", "Duty",
				"organisationId", rootOrganisationId(admin), "basedOn", "7x24")).status()).isEqualTo(201);
		definition.put("calendar", calendar);
		Response edited = admin.put("/api/v1/sla-policies/" + code,
				Map.of("nameZh", "本院合同", "nameEn", "Our contract", "definition", definition, "version", 1));
		assertThat(edited.json().path("policy").path("version").asInt()).isEqualTo(2);
		Response calendarInUse = admin.delete("/api/v1/calendars/" + calendar);
		assertThat(calendarInUse.status()).isEqualTo(409);
		assertThat(calendarInUse.json().path("detail").asText()).contains("本院合同");
		assertThat(admin.get("/api/v1/sla-policies/" + code + "/versions").json().findValuesAsText("version"))
			.containsExactly("2", "1");
	}

	private static Map<String, Object> target(int level, String response, String resolution) {
		Map<String, Object> target = new HashMap<>();
		target.put("faultLevel", level);
		target.put("response", response);
		target.put("resolution", resolution);
		target.put("updateInterval", "PT2H");
		return target;
	}

	@Test
	void theMatrixTheServiceGradesTheModelAndTheGapExport() throws Exception {
		ApiClient admin = admin();
		JsonNode matrix = admin.get("/api/v1/service-levels/matrix").json();
		assertThat(matrix.path("levels")).hasSize(5);
		assertThat(matrix.path("items")).hasSize(17);
		assertThat(matrix.path("items").get(1).path("code").asText()).isEqualTo("HOT_STANDBY");
		assertThat(matrix.path("items").get(1).path("levels").toString()).isEqualTo("[1]");
		JsonNode grades = admin.get("/api/v1/service-levels/service-grades").json();
		assertThat(grades).hasSize(4);
		assertThat(grades.get(1).path("response").asText()).isEqualTo("PT15M");
		assertThat(grades.get(3).path("onSiteZh").asText()).isEqualTo("下个工作日");

		JsonNode model = admin.get("/api/v1/grading/model").json();
		int version = model.path("version").asInt();
		Map<String, Object> tables = new HashMap<>();
		tables.put("impact", Map.of("VERY_HIGH", Map.of("VERY_HIGH", "MAJOR")));
		tables.put("impactLevels", Map.of());
		tables.put("realtimeCaps", Map.of());
		Response broken = admin.put("/api/v1/grading/model", tables);
		assertThat(broken.status()).isEqualTo(400);
		assertThat(broken.json().path("errors").findValuesAsText("field")).contains("impact.VERY_HIGH.HIGH", "impactLevels.NONE",
				"realtimeCaps.LOW");
		assertThat(admin.get("/api/v1/grading/model").json().path("version").asInt()).isEqualTo(version);

		Map<String, Object> stricter = new ObjectMapperCopy().copy(model.path("model"));
		@SuppressWarnings("unchecked")
		Map<String, Object> caps = (Map<String, Object>) stricter.get("realtimeCaps");
		caps.put("NOT_HIGH", 2);
		stricter.put("note", "省院要求：实时性不高的系统至少二级");
		Response edited = admin.put("/api/v1/grading/model", stricter);
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		assertThat(edited.json().path("version").asInt()).isEqualTo(version + 1);
		assertThat(admin.post("/api/v1/grading/evaluate", Map.of("realtime", "NOT_HIGH", "sensitivity", "LOW", "dependence",
				"LOW")).json().path("level").asInt()).isEqualTo(2);
		caps.put("NOT_HIGH", 3);
		stricter.put("note", "恢复默认");
		assertThat(admin.put("/api/v1/grading/model", stricter).json().path("version").asInt()).isEqualTo(version + 2);
		assertThat(admin.get("/api/v1/grading/model/versions").json()).hasSizeGreaterThanOrEqualTo(3);

		ci(admin, "BUSINESS_SYSTEM", unique("检察统一门户"), rootOrganisationId(admin), Map.of());
		Response export = admin.get("/api/v1/service-levels/gaps/export.xlsx");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.headers().get("content-disposition").get(0)).contains(".xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.bytes()))) {
			assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("总览");
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(3).getStringCellValue()).isEqualTo("保障等级");
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isPositive();
			assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("差距明细");
		}
		JsonNode ungraded = admin.get("/api/v1/service-levels/systems?level=0").json();
		assertThat(ungraded.path("items").get(0).path("level").isNull()).isTrue();
		assertThat(ungraded.path("items").get(0).path("gapCount").asInt()).as("not graded is a gap itself").isEqualTo(1);
	}

	/** Turns a JSON object into a mutable map. */
	static final class ObjectMapperCopy {

		@SuppressWarnings("unchecked")
		Map<String, Object> copy(JsonNode node) {
			return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(node, Map.class);
		}

	}

	@Test
	void readersWithoutThePermissionsAreRefused() {
		ApiClient admin = admin();
		ApiClient engineer = createUserAndSignIn(admin, unique("e"), rootOrganisationId(admin),
				List.of(roleId(admin, "ENGINEER")));
		assertThat(engineer.get("/api/v1/service-levels/systems").status()).isEqualTo(200);
		assertThat(engineer.post("/api/v1/grading/proposals", Map.of("systemId", 1)).status()).isEqualTo(403);
		assertThat(engineer.put("/api/v1/grading/model", Map.of()).status()).isEqualTo(403);
		assertThat(engineer.post("/api/v1/sla-policies", Map.of("code", "x")).status()).isEqualTo(403);
		assertThat(engineer.get("/api/v1/service-levels/gaps/export.xlsx").status()).isEqualTo(403);
		assertThat(engineer.get("/api/v1/grading/inbox").status()).isEqualTo(200);
	}


	@Test
	void anUngradedSystemSaysPlainlyThatItIsNotGradedYet() {
		ApiClient admin = admin();
		long system = ci(admin, "BUSINESS_SYSTEM", unique("未定级系统"), rootOrganisationId(admin), Map.of());
		JsonNode detail = system(admin, system);
		assertThat(detail.path("system").path("gapCount").asInt()).isEqualTo(1);
		JsonNode first = detail.path("gaps").get(0);
		assertThat(first.path("code").asText()).isEqualTo("GRADED");
		assertThat(first.path("status").asText()).isEqualTo("GAP");
		assertThat(first.path("finding").asText()).startsWith("尚未定级");
		assertThat(detail.path("gaps")).hasSize(18);
		for (int i = 1; i < 18; i++) {
			assertThat(detail.path("gaps").get(i).path("status").asText()).isEqualTo("AWAITING_GRADING");
			assertThat(detail.path("gaps").get(i).path("finding").asText()).isEqualTo("定级后判断");
		}
		JsonNode english = admin().language("en").get("/api/v1/service-levels/systems/" + system).json();
		assertThat(english.path("gaps").get(0).path("name").asText()).isEqualTo("Guarantee level set");
		assertThat(english.path("gaps").get(0).path("finding").asText()).startsWith("Not graded yet");
	}

	@Test
	void gapFindingsPolicyAndCalendarNamesAreWordsInTheReadersLanguage() throws Exception {
		ApiClient admin = admin();
		String name = unique("统一业务应用");
		long system = ci(admin, "BUSINESS_SYSTEM", name, rootOrganisationId(admin), Map.of());
		grade(admin, system, factors("HIGH", "VERY_HIGH", "VERY_HIGH"), parties(admin));

		Map<String, String> zh = findings(system(admin, system));
		assertThat(zh.get("RECOVERY")).isEqualTo("SLA 策略“一级保障恢复时限（HS/T 42）”一级故障解决时限为 2 小时，不长于要求的 2 小时");
		assertThat(zh.get("DISPATCH_OFF_HOURS")).contains("日历“7×24 小时”").doesNotContain("按 7x24");
		assertThat(zh.get("HOT_STANDBY")).contains("现有：无");

		ApiClient english = admin().language("en");
		JsonNode detail = english.get("/api/v1/service-levels/systems/" + system).json();
		Map<String, String> en = findings(detail);
		assertThat(en.get("RECOVERY"))
			.isEqualTo("The SLA policy \"Guarantee level 1 recovery (HS/T 42)\" resolves fault level 1 within 2 hours, "
					+ "no longer than the required 2 hours");
		assertThat(en.values()).noneMatch(text -> text.matches(".*[\\u4e00-\\u9fff].*"));
		assertThat(detail.path("system").path("slaPolicyName").asText()).isEqualTo("Guarantee level 1 recovery (HS/T 42)");
		assertThat(detail.path("system").path("calendarName").asText()).isEqualTo("7×24");
		assertThat(english.get("/api/v1/service-levels/systems?q=" + name).json().path("items").get(0).path("calendarName")
			.asText()).isEqualTo("7×24");
		assertThat(english.get("/api/v1/service-levels/matrix").json().path("source").asText())
			.startsWith("HS/T 42-2014 Grading specification").doesNotContain("表");
		assertThat(admin.get("/api/v1/service-levels/matrix").json().path("source").asText())
			.contains("《海关信息系统运维服务保障等级定级规范》");

		Response export = english.get("/api/v1/service-levels/gaps/export.xlsx?q=" + name);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.bytes()))) {
			assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Overview");
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(3).getStringCellValue()).isEqualTo("Level");
			assertThat(workbook.getSheetAt(0).getRow(1).getCell(6).getStringCellValue())
				.isEqualTo("Guarantee level 1 recovery (HS/T 42)");
			assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("Gaps");
			assertThat(workbook.getSheetAt(1).getRow(1).getCell(4).getStringCellValue()).doesNotContain("PT");
		}
	}

	private static Map<String, String> findings(JsonNode detail) {
		Map<String, String> findings = new HashMap<>();
		detail.path("gaps").forEach(g -> findings.put(g.path("code").asText(), g.path("finding").asText()));
		return findings;
	}

	@Test
	void theSystemsAreListedPageByPageSortedAndFilteredOnTheServer() {
		ApiClient admin = admin();
		String prefix = unique("PG");
		long root = rootOrganisationId(admin);
		for (String suffix : List.of("-a", "-b", "-c")) {
			ci(admin, "BUSINESS_SYSTEM", prefix + suffix, root, Map.of());
		}
		JsonNode first = admin.get("/api/v1/service-levels/systems?q=" + prefix + "&size=2&sort=name,desc").json();
		assertThat(first.path("total").asLong()).isEqualTo(3);
		assertThat(first.path("page").asInt()).isZero();
		assertThat(first.path("size").asInt()).isEqualTo(2);
		assertThat(first.path("items").findValuesAsText("name")).containsExactly(prefix + "-c", prefix + "-b");
		JsonNode second = admin.get("/api/v1/service-levels/systems?q=" + prefix + "&size=2&page=1&sort=name,desc").json();
		assertThat(second.path("items").findValuesAsText("name")).containsExactly(prefix + "-a");
		assertThat(admin.get("/api/v1/service-levels/systems?q=" + prefix + "&sort=gapCount,asc").json().path("items"))
			.hasSize(3);
		Response bad = admin.get("/api/v1/service-levels/systems?sort=password,asc");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("sort");
		assertThat(admin.get("/api/v1/service-levels/systems?size=0").status()).isEqualTo(400);

		JsonNode figures = admin.get("/api/v1/service-levels/gaps/figures?q=" + prefix).json();
		assertThat(figures).hasSize(6);
		JsonNode ungraded = figures.get(5);
		assertThat(ungraded.path("level").asInt()).isZero();
		assertThat(ungraded.path("systems").asLong()).isEqualTo(3);
		assertThat(ungraded.path("gaps").asLong()).isEqualTo(3);
	}

	@Test
	void aUserWithoutPermissionsSeesOnlyTheProposalsNamingThemAndPartiesComeFromTheProposersScope() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long system = ci(admin, "BUSINESS_SYSTEM", unique("办案系统"), root, Map.of());
		Parties parties = parties(admin);
		String partyName = unique("np");
		ApiClient bare = createUserAndSignIn(admin, partyName, root, List.of());
		Map<String, Object> named = new HashMap<>(parties.ids());
		named.put("BUSINESS_PARTY", userId(admin, partyName));
		Map<String, Object> body = new HashMap<>();
		body.put("systemId", system);
		body.put("factors", factors("LOW", "LOW", "LOW"));
		body.put("parties", named);
		long proposal = admin.post("/api/v1/grading/proposals", body).id();
		long other = propose(admin, ci(admin, "BUSINESS_SYSTEM", unique("其他系统"), root, Map.of()), factors("LOW", "LOW",
				"LOW"), parties, null).id();

		// named as a party: sees that proposal, in the inbox, in the list and by id, and decides
		assertThat(bare.get("/api/v1/grading/inbox").json().findValuesAsText("id")).containsExactly(String.valueOf(proposal));
		JsonNode list = bare.get("/api/v1/grading/proposals").json();
		assertThat(list.path("total").asLong()).isEqualTo(1);
		assertThat(list.path("items").findValuesAsText("id")).containsExactly(String.valueOf(proposal));
		assertThat(bare.get("/api/v1/grading/proposals/" + proposal).status()).isEqualTo(200);
		// not a party: nothing else, not even in its own organisation
		assertThat(bare.get("/api/v1/grading/proposals/" + other).status()).isEqualTo(404);
		assertThat(bare.get("/api/v1/grading/proposals?systemId=" + system).json().path("total").asLong()).isEqualTo(1);
		ApiClient stranger = createUserAndSignIn(admin, unique("ns"), root, List.of());
		assertThat(stranger.get("/api/v1/grading/proposals").json().path("total").asLong()).isZero();
		assertThat(stranger.get("/api/v1/grading/proposals/" + proposal).status()).isEqualTo(404);
		assertThat(stranger.post("/api/v1/grading/proposals/" + proposal + "/decision", Map.of("decision", "CONFIRMED"))
			.status()).isEqualTo(404);
		assertThat(bare.post("/api/v1/grading/proposals/" + proposal + "/decision", Map.of("decision", "CONFIRMED")).status())
			.isEqualTo(200);

		// a proposer in a sub-organisation may not name a user of the parent organisation
		long branch = createOrganisation(admin, root, unique("分院"));
		ApiClient proposer = createUserAndSignIn(admin, unique("om"), branch,
				List.of(roleId(admin, "OM_MANAGER")));
		long branchSystem = ci(admin, "BUSINESS_SYSTEM", unique("分院系统"), branch, Map.of());
		Map<String, Object> outside = new HashMap<>(parties.ids());
		Map<String, Object> request = new HashMap<>();
		request.put("systemId", branchSystem);
		request.put("factors", factors("LOW", "LOW", "LOW"));
		request.put("parties", outside);
		Response refused = proposer.post("/api/v1/grading/proposals", request);
		assertThat(refused.status()).isEqualTo(400);
		JsonNode outOfScope = refused.json().path("errors").get(0);
		assertThat(outOfScope.path("code").asText()).isEqualTo("SL-0007");
		long someone = parties.ids().get("BUSINESS_PARTY");
		outside.put("BUSINESS_PARTY", 987_654_321L);
		JsonNode unknown = proposer.post("/api/v1/grading/proposals", request).json().path("errors").get(0);
		assertThat(unknown.path("message").asText().replace("987654321", "?"))
			.as("an out-of-scope user reads like one that does not exist")
			.isEqualTo(outOfScope.path("message").asText().replace(String.valueOf(someone), "?"));
	}

}
