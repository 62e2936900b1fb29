package io.opsguard.cmdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The CMDB end to end over HTTP: classes, CIs, relations, history, impact, review, import and export. */
@org.springframework.context.annotation.Import(CmdbApiIT.CmdbEvents.class)
class CmdbApiIT extends CmdbTestSupport {

	@Test
	void classesAreATreeWithInheritedAttributes() {
		ApiClient admin = admin();
		JsonNode host = admin.get("/api/v1/cmdb/classes/" + cmdbClassId(admin, "VIRTUAL_MACHINE")).json();
		assertThat(host.path("name").asText()).isEqualTo("虚拟机");
		assertThat(host.path("attributes").findValuesAsText("code")).contains("ip", "hostname", "platform");
		JsonNode ip = null;
		for (JsonNode a : host.path("attributes")) {
			if (a.path("code").asText().equals("ip")) {
				ip = a;
			}
		}
		assertThat(ip.path("inheritedFrom").asText()).isEqualTo("HOST");
		assertThat(admin.language("en").get("/api/v1/cmdb/classes").json().toString()).contains("\"name\":\"Business system\"");
		// the presets cover every kind of item R-CMDB-01 names
		assertThat(admin.get("/api/v1/cmdb/classes").json().findValuesAsText("code")).contains("BUSINESS_SYSTEM",
				"MACHINE_ROOM", "RACK", "UPS", "AIR_CONDITIONER", "POWER_DISTRIBUTION", "SWITCH", "ROUTER", "FIREWALL",
				"IPS", "LOAD_BALANCER", "LINK", "PHYSICAL_SERVER", "VIRTUAL_MACHINE", "DISK_ARRAY", "TAPE_LIBRARY",
				"OPERATING_SYSTEM", "DATABASE", "MIDDLEWARE", "INFORMATION_RESOURCE_TOOL", "ENVIRONMENT",
				"APPLICATION_FUNCTION");
		JsonNode server = admin.get("/api/v1/cmdb/classes/" + cmdbClassId(admin, "PHYSICAL_SERVER")).json();
		assertThat(server.path("physical").asBoolean()).isTrue();
		assertThat(server.path("attributes").findValuesAsText("code")).contains("serviceProvider");
	}

	@Test
	void administratorsAddClassesAndAttributesWithoutCode() {
		ApiClient admin = admin();
		String code = "KVM_" + unique("").toUpperCase().replace("-", "");
		Response created = admin.post("/api/v1/cmdb/classes", Map.of("code", code, "parentId",
				cmdbClassId(admin, "VIRTUAL_MACHINE"), "nameZh", "KVM 虚拟机", "nameEn", "KVM VM", "physical", false));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long classId = created.id();
		Response attribute = admin.post("/api/v1/cmdb/classes/" + classId + "/attributes", Map.of("code", "assetTag",
				"nameZh", "资产标签", "nameEn", "Asset tag", "type", "TEXT", "unique", true, "pattern", "^AT-\\d{4}$"));
		assertThat(attribute.status()).as(attribute.toString()).isEqualTo(201);
		Response shadow = admin.post("/api/v1/cmdb/classes/" + classId + "/attributes",
				Map.of("code", "ip", "nameZh", "x", "nameEn", "x", "type", "TEXT"));
		assertThat(shadow.code()).isEqualTo("CMDB-0005");
		Response badEnum = admin.post("/api/v1/cmdb/classes/" + classId + "/attributes",
				Map.of("code", "level", "nameZh", "级别", "nameEn", "Level", "type", "ENUM"));
		assertThat(badEnum.json().path("errors").get(0).path("field").asText()).isEqualTo("options");
		Response uniqueEnum = admin.post("/api/v1/cmdb/classes/" + classId + "/attributes", Map.of("code", "tier",
				"nameZh", "层级", "nameEn", "Tier", "type", "ENUM", "unique", true, "options",
				List.of(Map.of("value", "A", "labelZh", "甲", "labelEn", "A"))));
		assertThat(uniqueEnum.json().path("errors").get(0).path("message").asText()).as("the rule in words")
			.isEqualTo("枚举和布尔类型的属性不能设为唯一");

		long org = rootOrganisationId(admin);
		ci(admin, code, "vm-a", org, Map.of("assetTag", "AT-0001"));
		Response duplicate = admin.post("/api/v1/cmdb/cis", Map.of("classId", classId, "code", unique("X-"), "name", "vm-b",
				"organisationId", org, "attributes", Map.of("assetTag", "AT-0001")));
		assertThat(duplicate.status()).isEqualTo(400);
		assertThat(duplicate.json().path("errors").get(0).path("code").asText()).isEqualTo("CMDB-0013");
		// a required attribute cannot be added while CIs without a value exist
		Response required = admin.post("/api/v1/cmdb/classes/" + classId + "/attributes",
				Map.of("code", "rackUnit", "nameZh", "U 位", "nameEn", "Rack unit", "type", "NUMBER", "required", true));
		assertThat(required.code()).isEqualTo("CMDB-0006");
		assertThat(admin.delete("/api/v1/cmdb/classes/" + classId).code()).isEqualTo("CMDB-0004");
		assertThat(admin.delete("/api/v1/cmdb/classes/" + cmdbClassId("HOST", admin)).code()).isEqualTo("CMDB-0003");
	}

	private long cmdbClassId(String code, ApiClient admin) {
		return cmdbClassId(admin, code);
	}

	@Test
	void ciWritesAreValidatedFieldByFieldAndNothingIsWrittenOnError() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		long before = admin.get("/api/v1/cmdb/cis?size=1&includeRetired=true").json().path("total").asLong();
		Map<String, Object> body = new HashMap<>();
		body.put("classId", cmdbClassId(admin, "PHYSICAL_SERVER"));
		body.put("code", unique("SRV-"));
		body.put("name", "坏服务器");
		body.put("organisationId", org);
		body.put("attributes", Map.of("ip", "300.1.1.1", "cpuCores", "lots", "color", "red"));
		Response bad = admin.post("/api/v1/cmdb/cis", body);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("attributes.ip",
				"attributes.cpuCores", "attributes.color");
		assertThat(bad.json().path("errors").toString()).contains("“IP 地址”应为IP 地址");
		assertThat(admin.get("/api/v1/cmdb/cis?size=1&includeRetired=true").json().path("total").asLong()).isEqualTo(before);
		Response unknownClass = admin.post("/api/v1/cmdb/cis", Map.of("classId", 999999, "code", "x", "name", "x",
				"organisationId", org));
		assertThat(unknownClass.json().path("errors").get(0).path("field").asText()).isEqualTo("classId");
		String code = unique("DUP-");
		ci(admin, "SWITCH", "核心交换机", org, Map.of());
		Map<String, Object> first = Map.of("classId", cmdbClassId(admin, "SWITCH"), "code", code, "name", "a", "organisationId", org);
		assertThat(admin.post("/api/v1/cmdb/cis", first).status()).isEqualTo(201);
		Response duplicate = admin.post("/api/v1/cmdb/cis", first);
		assertThat(duplicate.json().path("errors").get(0).path("code").asText()).isEqualTo("CMDB-0016");
	}

	@Test
	void searchesByNameCodeIpAndAnyAttributeWithFiltersAndPaging() {
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("数据中心"));
		String tag = unique("q");
		long a = ci(admin, "PHYSICAL_SERVER", tag + "应用服务器", org, Map.of("ip", "10.88.1.10", "hostname", "app10"));
		ci(admin, "VIRTUAL_MACHINE", tag + "数据库虚机", org, Map.of("ip", "10.88.1.11", "platform", "华为 FusionCompute"));
		ci(admin, "DATABASE", tag + "达梦库", org, Map.of("dbType", "DM", "port", 5236));
		assertThat(admin.get("/api/v1/cmdb/cis?organisationId=" + org + "&q=10.88.1.1").json().path("total").asLong()).isEqualTo(2);
		assertThat(admin.get("/api/v1/cmdb/cis?organisationId=" + org + "&q=fusioncompute").json().path("total").asLong()).isEqualTo(1);
		assertThat(admin.get("/api/v1/cmdb/cis?organisationId=" + org + "&q=5236").json().path("total").asLong()).isEqualTo(1);
		assertThat(admin.get("/api/v1/cmdb/cis?name=" + tag).json().path("total").asLong()).isEqualTo(3);
		assertThat(admin.get("/api/v1/cmdb/cis?name=" + tag + "&classId=" + cmdbClassId(admin, "HOST")).json().path("total")
			.asLong()).isEqualTo(2);
		assertThat(admin.get("/api/v1/cmdb/cis?name=" + tag + "&classId=" + cmdbClassId(admin, "HOST") + "&includeSubclasses=false")
			.json().path("total").asLong()).isZero();
		JsonNode page = admin.get("/api/v1/cmdb/cis?organisationId=" + org + "&sort=name,desc&size=2").json();
		assertThat(page.path("total").asLong()).isEqualTo(3);
		assertThat(page.path("items")).hasSize(2);
		assertThat(page.path("items").get(0).path("attributeLabels").toString()).isNotEmpty();
		assertThat(admin.get("/api/v1/cmdb/cis?q=%25").json().path("total").asLong()).as("% is literal").isZero();
		assertThat(admin.get("/api/v1/cmdb/cis?sort=attributes,asc").status()).isEqualTo(400);
		long ranked = createOrganisation(admin, rootOrganisationId(admin), unique("排序"));
		for (String importance : List.of("GENERAL", "CORE", "KEY")) {
			admin.post("/api/v1/cmdb/cis", Map.of("classId", cmdbClassId(admin, "SWITCH"), "code", unique("IMP-"), "name",
					importance, "organisationId", ranked, "importance", importance));
		}
		assertThat(admin.get("/api/v1/cmdb/cis?organisationId=" + ranked + "&sort=importance,asc").json().path("items")
			.findValuesAsText("importance")).as("most important first").containsExactly("CORE", "KEY", "GENERAL");
		Response tooMany = admin.post("/api/v1/cmdb/cis", Map.of("classId", cmdbClassId(admin, "SWITCH"), "code",
				unique("TAG-"), "name", "标签过多", "organisationId", ranked, "tags", List.of("一".repeat(31))));
		assertThat(tooMany.json().path("errors").get(0).path("message").asText()).startsWith("“标签”不符合规则：最多 20 个标签");
		JsonNode one = admin.get("/api/v1/cmdb/cis/" + a).json();
		assertThat(one.path("className").asText()).isEqualTo("物理服务器");
	}

	@Test
	void aUserSeesOnlyTheCisOfTheirSubtree() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long east = createOrganisation(admin, root, unique("东"));
		long west = createOrganisation(admin, root, unique("西"));
		String tag = unique("scope");
		long eastCi = ci(admin, "SWITCH", tag + "东交换机", east, Map.of());
		long westCi = ci(admin, "SWITCH", tag + "西交换机", west, Map.of());
		long engineerRole = roleId(admin, "ENGINEER");
		ApiClient engineer = createUserAndSignIn(admin, unique("eng"), east, List.of(engineerRole));
		assertThat(engineer.get("/api/v1/cmdb/cis?q=" + tag).json().path("items").findValuesAsText("name"))
			.containsExactly(tag + "东交换机");
		assertThat(engineer.get("/api/v1/cmdb/cis/" + westCi).status()).isEqualTo(404);
		Response foreign = engineer.post("/api/v1/cmdb/relations",
				Map.of("type", "CONNECTED_TO", "sourceId", eastCi, "targetId", westCi));
		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.json().path("errors").get(0).path("field").asText()).isEqualTo("targetId");
		Response elsewhere = engineer.post("/api/v1/cmdb/cis", Map.of("classId", cmdbClassId(engineer, "SWITCH"), "code",
				unique("X-"), "name", "x", "organisationId", west));
		assertThat(elsewhere.json().path("errors").get(0).path("field").asText()).isEqualTo("organisationId");
		JsonNode switches = null;
		for (JsonNode node : engineer.get("/api/v1/cmdb/classes").json().findParents("code")) {
			if (node.path("code").asText().equals("SWITCH")) {
				switches = node;
			}
		}
		assertThat(switches.path("ciCount").asLong()).as("counts stay inside the scope").isEqualTo(1);
	}

	@Test
	void relationsFollowTheirRules() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		long system = ci(admin, "BUSINESS_SYSTEM", unique("系统"), org, Map.of());
		long server = ci(admin, "PHYSICAL_SERVER", unique("服务器"), org, Map.of());
		long standby = ci(admin, "PHYSICAL_SERVER", unique("备机"), org, Map.of());
		long vm = ci(admin, "VIRTUAL_MACHINE", unique("虚机"), org, Map.of());
		Response wrongPair = admin.post("/api/v1/cmdb/relations",
				Map.of("type", "RUNS_ON", "sourceId", server, "targetId", system));
		assertThat(wrongPair.code()).isEqualTo("CMDB-0040");
		assertThat(wrongPair.json().path("detail").asText()).contains("物理服务器").contains("业务系统").contains("运行于");
		relate(admin, "RUNS_ON", system, vm);
		relate(admin, "RUNS_ON", vm, server);
		Response duplicate = admin.post("/api/v1/cmdb/relations", Map.of("type", "RUNS_ON", "sourceId", vm, "targetId", server));
		assertThat(duplicate.code()).isEqualTo("CMDB-0042");
		Response self = admin.post("/api/v1/cmdb/relations", Map.of("type", "STANDBY_OF", "sourceId", server, "targetId",
				server, "standbyMode", "HOT"));
		assertThat(self.json().path("errors").get(0).path("code").asText()).isEqualTo("CMDB-0043");
		Response noMode = admin.post("/api/v1/cmdb/relations", Map.of("type", "STANDBY_OF", "sourceId", standby, "targetId",
				server));
		assertThat(noMode.json().path("errors").get(0).path("code").asText()).isEqualTo("CMDB-0044");
		Response hot = admin.post("/api/v1/cmdb/relations", Map.of("type", "STANDBY_OF", "sourceId", standby, "targetId",
				server, "standbyMode", "HOT"));
		assertThat(hot.status()).isEqualTo(201);
		assertThat(hot.json().path("standbyMode").asText()).isEqualTo("HOT");
		assertThat(admin.language("en").get("/api/v1/audit?action=CI_RELATION_ADDED&targetId=" + hot.id()).json().toString())
			.as("the relation in the reader's language").contains("standby of (hot)");
		assertThat(admin.language("zh-CN").get("/api/v1/audit?action=CI_RELATION_ADDED&targetId=" + hot.id()).json().toString())
			.contains("备用于（热备）");
		// the history of both ends names the relation in the reader's language
		assertThat(admin.get("/api/v1/cmdb/cis/" + server + "/history").json().toString()).contains("备用于（热备）");
		assertThat(admin.language("en").get("/api/v1/cmdb/cis/" + standby + "/history").json().toString())
			.contains("standby of (hot)").doesNotContain("备用于");
		admin.language("zh-CN");
		Response cycle = admin.post("/api/v1/cmdb/relations", Map.of("type", "STANDBY_OF", "sourceId", server, "targetId",
				standby, "standbyMode", "COLD"));
		assertThat(cycle.status()).isEqualTo(409);
		assertThat(cycle.json().path("errors").get(0).path("code").asText()).isEqualTo("CMDB-0041");
		JsonNode relations = admin.get("/api/v1/cmdb/relations?ciId=" + server).json();
		assertThat(relations.findValuesAsText("direction")).contains("IN");
		assertThat(relations.findValuesAsText("typeLabel")).contains("运行于", "备用于");
		JsonNode types = admin.get("/api/v1/cmdb/relation-types").json();
		assertThat(types.findValuesAsText("code")).contains("RUNS_ON", "SUPPORTS");
		assertThat(admin.delete("/api/v1/cmdb/relations/" + hot.id()).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/cmdb/relations?ciId=" + server).json()).hasSize(1);
	}

	@Test
	void impactAnalysisFindsTheAffectedBusinessSystemsWithTheirPaths() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		String tag = unique("imp");
		long rack = ci(admin, "RACK", tag + "机柜A01", org, Map.of());
		long server = ci(admin, "PHYSICAL_SERVER", tag + "物理机", org, Map.of());
		long vm = ci(admin, "VIRTUAL_MACHINE", tag + "虚拟机", org, Map.of());
		long db = ci(admin, "DATABASE", tag + "达梦数据库", org, Map.of("dbType", "DM"));
		long system = ci(admin, "BUSINESS_SYSTEM", tag + "统一业务应用软件", org, Map.of());
		long other = ci(admin, "BUSINESS_SYSTEM", tag + "案件信息公开系统", org, Map.of());
		relate(admin, "CONTAINS", rack, server);
		relate(admin, "RUNS_ON", vm, server);
		relate(admin, "RUNS_ON", db, vm);
		relate(admin, "DEPENDS_ON", system, db);
		relate(admin, "DEPENDS_ON", other, system);

		JsonNode impact = admin.get("/api/v1/cmdb/cis/" + rack + "/impact").json();
		List<String> systems = new java.util.ArrayList<>();
		impact.path("businessSystems").forEach(s -> systems.add(s.path("name").asText()));
		assertThat(systems).containsExactly(tag + "统一业务应用软件", tag + "案件信息公开系统");
		JsonNode path = impact.path("businessSystems").get(0).path("path");
		assertThat(path.findValuesAsText("name")).containsExactly(tag + "机柜A01", tag + "物理机", tag + "虚拟机",
				tag + "达梦数据库", tag + "统一业务应用软件");
		assertThat(impact.path("businessSystems").get(0).path("distance").asInt()).isEqualTo(4);
		assertThat(impact.path("nodes")).hasSize(6);
		assertThat(impact.path("edges")).hasSize(5);

		JsonNode down = admin.get("/api/v1/cmdb/cis/" + system + "/impact?direction=DOWN").json();
		assertThat(down.path("nodes").findValuesAsText("name")).contains(tag + "达梦数据库", tag + "虚拟机", tag + "物理机",
				tag + "机柜A01");
		assertThat(admin.get("/api/v1/cmdb/cis/" + rack + "/impact?direction=SIDEWAYS").status()).isEqualTo(400);
	}

	@Test
	void everyChangeIsAVersionAndTheCiCanBeShownAsItWas() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		long server = ci(admin, "PHYSICAL_SERVER", "历史服务器", org, Map.of("cpuCores", 8));
		JsonNode current = admin.get("/api/v1/cmdb/cis/" + server).json();
		this.clock.advance(java.time.Duration.ofMinutes(1));
		java.time.Instant between = this.clock.instant();
		this.clock.advance(java.time.Duration.ofMinutes(1));
		Map<String, Object> update = new HashMap<>();
		update.put("code", current.path("code").asText());
		update.put("name", "历史服务器（扩容）");
		update.put("organisationId", org);
		update.put("importance", "CORE");
		update.put("attributes", Map.of("cpuCores", 16));
		update.put("version", current.path("version").asInt());
		Response updated = admin.put("/api/v1/cmdb/cis/" + server, update);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(admin.put("/api/v1/cmdb/cis/" + server, update).code()).as("stale version").isEqualTo("SYS-0008");

		JsonNode history = admin.get("/api/v1/cmdb/cis/" + server + "/history").json();
		assertThat(history.findValuesAsText("action")).containsExactly("UPDATED", "CREATED");
		JsonNode changes = history.get(0).path("changes");
		assertThat(changes.findValuesAsText("label")).contains("名称", "重要程度", "CPU 核数");
		assertThat(changes.toString()).contains("\"before\":\"8\",\"after\":\"16\"").contains("\"after\":\"核心\"");

		JsonNode then = admin.get("/api/v1/cmdb/cis/" + server + "/as-of?at=" + between).json();
		assertThat(then.path("ci").path("name").asText()).isEqualTo("历史服务器");
		assertThat(then.path("ci").path("attributes").path("cpuCores").asInt()).isEqualTo(8);
		assertThat(then.path("version").asInt()).isEqualTo(1);
		assertThat(admin.get("/api/v1/cmdb/cis/" + server + "/as-of?at=2000-01-01").code()).isEqualTo("CMDB-0020");
		assertThat(admin.get("/api/v1/cmdb/cis/" + server + "/as-of?at=yesterday").status()).isEqualTo(400);
		JsonNode audited = admin.get("/api/v1/audit?action=CI_UPDATED&targetId=" + server).json();
		assertThat(audited.path("total").asLong()).isEqualTo(1);
		assertThat(audited.toString()).as("fields by their names").contains("CPU 核数").doesNotContain("attributes.");
		assertThat(admin.language("en").get("/api/v1/audit?action=CI_UPDATED&targetId=" + server).json().toString())
			.as("in the reader's language").contains("CPU cores").doesNotContain("CPU 核数");
		admin.language("zh-CN");
	}

	@Test
	void retiredCisAreHiddenFromListsAndCannotChange() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		String name = unique("退役");
		long server = ci(admin, "PHYSICAL_SERVER", name, org, Map.of());
		assertThat(admin.post("/api/v1/cmdb/cis/" + server + "/retire", null).json().path("status").asText())
			.isEqualTo("RETIRED");
		assertThat(admin.get("/api/v1/cmdb/cis?q=" + name).json().path("total").asLong()).isZero();
		assertThat(admin.get("/api/v1/cmdb/cis?q=" + name + "&includeRetired=true").json().path("total").asLong()).isEqualTo(1);
		JsonNode current = admin.get("/api/v1/cmdb/cis/" + server).json();
		Response change = admin.put("/api/v1/cmdb/cis/" + server, Map.of("code", current.path("code").asText(), "name",
				"x", "organisationId", org, "version", current.path("version").asInt()));
		assertThat(change.code()).isEqualTo("CMDB-0021");
		Response directly = admin.put("/api/v1/cmdb/cis/" + ci(admin, "SWITCH", unique("s"), org, Map.of()),
				Map.of("code", unique("S-"), "name", "x", "organisationId", org, "status", "RETIRED", "version", 0));
		assertThat(directly.json().path("errors").get(0).path("code").asText()).isEqualTo("CMDB-0022");
	}

	@Test
	void theMonthlyReviewListsAndVerifiesWhatIsDue() {
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("核实"));
		long a = ci(admin, "SWITCH", unique("待核实"), org, Map.of());
		long b = ci(admin, "SWITCH", unique("待核实"), org, Map.of());
		assertThat(admin.get("/api/v1/cmdb/cis?unverifiedDays=30&organisationId=" + org).json().path("total").asLong())
			.isEqualTo(2);
		JsonNode line = null;
		for (JsonNode l : admin.get("/api/v1/cmdb/verification/summary").json()) {
			if (l.path("organisationId").asLong() == org) {
				line = l;
			}
		}
		assertThat(line.path("unverified").asLong()).isEqualTo(2);
		assertThat(admin.post("/api/v1/cmdb/cis/verify", Map.of("ids", List.of(a, b))).json().path("verified").asInt())
			.isEqualTo(2);
		assertThat(admin.get("/api/v1/cmdb/cis?unverifiedDays=30&organisationId=" + org).json().path("total").asLong()).isZero();
		assertThat(admin.get("/api/v1/cmdb/cis/" + a + "/history").json().get(0).path("action").asText()).isEqualTo("VERIFIED");
		assertThat(admin.language("en").get("/api/v1/audit?action=CI_VERIFIED&size=1").json().toString())
			.contains("2 configuration item(s) verified");
		admin.language("zh-CN");
		java.time.Instant start = this.clock.instant();
		try {
			this.clock.advance(java.time.Duration.ofDays(31));
			assertThat(admin.get("/api/v1/cmdb/cis?unverifiedDays=30&organisationId=" + org).json().path("total").asLong())
				.isEqualTo(2);
		}
		finally {
			this.clock.set(start);
		}
		assertThat(admin.post("/api/v1/cmdb/cis/verify", Map.of("ids", List.of())).status()).isEqualTo(400);
	}

	@Test
	void theBusinessSystemCatalogueShowsPartiesComponentsAndDependencies() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		String tag = unique("bs");
		long exchange = ci(admin, "BUSINESS_SYSTEM", tag + "数据交换平台", org,
				Map.of("category", "SUPREME", "applicationSupport", true, "businessParty", "案件管理办公室",
						"technicalUndertaker", "信息中心", "goLiveDate", "2019-06-01"));
		long system = ci(admin, "BUSINESS_SYSTEM", tag + "统一业务应用软件", org, Map.of("category", "SUPREME"));
		long server = ci(admin, "PHYSICAL_SERVER", tag + "应用服务器", org, Map.of());
		relate(admin, "RUNS_ON", system, server);
		relate(admin, "SUPPORTS", exchange, system);
		JsonNode list = admin.get("/api/v1/cmdb/business-systems?q=" + tag).json();
		assertThat(list.path("total").asLong()).isEqualTo(2);
		assertThat(admin.get("/api/v1/cmdb/business-systems?q=" + tag + "&applicationSupport=true").json().path("items")
			.findValuesAsText("name")).containsExactly(tag + "数据交换平台");
		JsonNode detail = admin.get("/api/v1/cmdb/business-systems/" + system).json();
		assertThat(detail.path("system").path("categoryLabel").asText()).isEqualTo("上级研发");
		assertThat(detail.path("system").path("guaranteeLevel").isNull()).isTrue();
		assertThat(detail.path("components").findValuesAsText("name")).containsExactly(tag + "应用服务器");
		assertThat(detail.path("dependencies").findValuesAsText("type")).containsExactly("SUPPORTS");
		JsonNode exchangeRow = admin.get("/api/v1/cmdb/business-systems?q=" + tag + "数据").json().path("items").get(0);
		assertThat(exchangeRow.path("businessParty").asText()).isEqualTo("案件管理办公室");
		assertThat(exchangeRow.path("goLiveDate").asText()).isEqualTo("2019-06-01");
		assertThat(admin.get("/api/v1/cmdb/business-systems/" + server).status()).isEqualTo(404);
	}

	@Test
	void importChecksEveryRowAndWritesAllOrNothing() throws Exception {
		ApiClient admin = admin();
		long classId = cmdbClassId(admin, "PHYSICAL_SERVER");
		Response template = admin.get("/api/v1/cmdb/classes/" + classId + "/template.xlsx");
		assertThat(template.status()).isEqualTo(200);
		String rootCode = admin.get("/api/v1/organisations/" + rootOrganisationId(admin)).json().path("code").asText();
		String tag = unique("imp").toUpperCase();
		byte[] good;
		byte[] bad;
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.bytes()))) {
			Sheet sheet = workbook.getSheet("PHYSICAL_SERVER");
			List<String> keys = keys(sheet);
			assertThat(keys).contains("code", "name", "organisationId", "vendor", "attributes.ip");
			row(sheet, 2, keys, Map.of("code", tag + "-1", "name", "导入服务器1", "organisationId", rootCode, "status", "在用",
					"attributes.ip", "10.9.0.1", "attributes.cpuCores", "32", "tags", "生产,信创"));
			row(sheet, 3, keys, Map.of("code", tag + "-2", "name", "导入服务器2", "organisationId", rootCode, "importance",
					"核心", "vendor", "华为", "attributes.ip", "10.9.0.2"));
			good = bytes(workbook);
			row(sheet, 4, keys, Map.of("code", tag + "-3", "name", "坏行", "organisationId", "NO-SUCH-ORG", "attributes.ip",
					"10.9.0.999"));
			row(sheet, 5, keys, Map.of("name", "没有编码的行", "organisationId", rootCode));
			bad = bytes(workbook);
		}
		JsonNode rejected = upload(admin, classId, bad, false);
		assertThat(rejected.path("valid").asBoolean()).isFalse();
		assertThat(rejected.path("code").asText()).as("a refusal is a problem").isEqualTo("CMDB-0030");
		assertThat(rejected.path("detail").asText()).contains("未写入任何数据");
		assertThat(rejected.path("errors").findValuesAsText("row")).containsOnly("5", "6");
		assertThat(rejected.path("errors").findValuesAsText("column")).contains("所属机构", "IP 地址", "编码");
		assertThat(admin.get("/api/v1/cmdb/cis?q=" + tag.toLowerCase()).json().path("total").asLong()).as("nothing written")
			.isZero();

		JsonNode dry = upload(admin, classId, good, true);
		assertThat(dry.path("valid").asBoolean()).isTrue();
		assertThat(dry.path("written").asBoolean()).isFalse();
		assertThat(dry.path("created").asInt()).isEqualTo(2);
		assertThat(admin.get("/api/v1/cmdb/cis?q=" + tag.toLowerCase()).json().path("total").asLong()).isZero();

		JsonNode done = upload(admin, classId, good, false);
		assertThat(done.path("written").asBoolean()).isTrue();
		assertThat(admin.get("/api/v1/cmdb/cis?q=" + tag.toLowerCase()).json().path("total").asLong()).isEqualTo(2);
		JsonNode imported = admin.get("/api/v1/cmdb/cis?q=10.9.0.1").json().path("items").get(0);
		assertThat(imported.path("tags").toString()).contains("生产", "信创");
		assertThat(imported.path("attributes").path("cpuCores").asInt()).isEqualTo(32);
		assertThat(upload(admin, classId, good, false).path("updated").asInt()).as("a second import updates").isEqualTo(2);

		Response export = admin.get("/api/v1/cmdb/classes/" + classId + "/export.xlsx?q=" + tag.toLowerCase());
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.bytes()))) {
			assertThat(workbook.getSheet("PHYSICAL_SERVER").getLastRowNum()).isEqualTo(3);
		}
		JsonNode wrongSheet = upload(admin, cmdbClassId("DATABASE", admin), good, false);
		assertThat(wrongSheet.path("code").asText()).isEqualTo("CMDB-0031");
		assertThat(upload(admin, classId, "not a workbook".getBytes(StandardCharsets.UTF_8), false).path("code").asText())
			.isEqualTo("CMDB-0031");
		JsonNode tooLarge = upload(admin, classId, new byte[20 * 1024 * 1024 + 1024], false);
		assertThat(tooLarge.path("status").asInt()).isEqualTo(413);
		assertThat(tooLarge.path("code").asText()).isEqualTo("SYS-0011");
		assertThat(admin.get("/api/v1/cmdb/cis?q=" + tag.toLowerCase()).json().path("total").asLong()).isEqualTo(2);
	}

	@Test
	void importRowsOutsideTheScopeAreRefused() throws Exception {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long mine = createOrganisation(admin, root, unique("本部"));
		long other = createOrganisation(admin, root, unique("他部"));
		String otherCode = admin.get("/api/v1/organisations/" + other).json().path("code").asText();
		long manager = roleId(admin, "OM_MANAGER");
		ApiClient importer = createUserAndSignIn(admin, unique("imp"), mine, List.of(manager));
		long classId = cmdbClassId(admin, "SWITCH");
		byte[] file;
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(importer.get("/api/v1/cmdb/classes/" + classId + "/template.xlsx").bytes()))) {
			Sheet sheet = workbook.getSheet("SWITCH");
			row(sheet, 2, keys(sheet), Map.of("code", unique("SW-"), "name", "越界交换机", "organisationId", otherCode));
			file = bytes(workbook);
		}
		JsonNode result = upload(importer, classId, file, false);
		assertThat(result.path("valid").asBoolean()).isFalse();
		assertThat(result.path("errors").get(0).path("column").asText()).isEqualTo("所属机构");
		assertThat(admin.get("/api/v1/cmdb/cis?q=越界交换机").json().path("total").asLong()).isZero();
	}

	@Test
	void otherModulesHearOfCreatedChangedAndRetiredCis() {
		ApiClient admin = admin();
		long org = rootOrganisationId(admin);
		long server = ci(admin, "PHYSICAL_SERVER", unique("事件"), org, Map.of());
		long system = ci(admin, "BUSINESS_SYSTEM", unique("事件系统"), org, Map.of());
		long relation = relate(admin, "RUNS_ON", system, server);
		admin.post("/api/v1/cmdb/cis/" + server + "/retire", null);
		await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.events.created()).anyMatch(e -> e.ciId() == server && e.classCode().equals("PHYSICAL_SERVER"));
			assertThat(this.events.relations()).anyMatch(e -> e.relationId() == relation && e.added());
			assertThat(this.events.retired()).anyMatch(e -> e.ciId() == server);
		});
	}

	@org.springframework.beans.factory.annotation.Autowired
	CmdbEvents events;

	/** Collects the CMDB's events as another module would receive them. */
	@org.springframework.boot.test.context.TestComponent
	static class CmdbEvents {

		final List<CiCreated> created = new java.util.concurrent.CopyOnWriteArrayList<>();

		final List<CiRetired> retired = new java.util.concurrent.CopyOnWriteArrayList<>();

		final List<RelationChanged> relations = new java.util.concurrent.CopyOnWriteArrayList<>();

		// accessed through methods: the bean is a transactional proxy
		List<CiCreated> created() {
			return this.created;
		}

		List<CiRetired> retired() {
			return this.retired;
		}

		List<RelationChanged> relations() {
			return this.relations;
		}

		@org.springframework.modulith.ApplicationModuleListener
		void on(CiCreated event) {
			this.created.add(event);
		}

		@org.springframework.modulith.ApplicationModuleListener
		void on(CiRetired event) {
			this.retired.add(event);
		}

		@org.springframework.modulith.ApplicationModuleListener
		void on(RelationChanged event) {
			this.relations.add(event);
		}

	}

	@Test
	void csvExportsTheListWithLocalisedHeaders() {
		ApiClient admin = admin();
		String tag = unique("csv");
		ci(admin, "SWITCH", tag + "=cmd|calc", rootOrganisationId(admin), Map.of());
		Response csv = admin.get("/api/v1/cmdb/cis/export.csv?q=" + tag);
		assertThat(csv.status()).isEqualTo(200);
		String text = csv.text();
		assertThat(text).startsWith("\ufeff编码,名称,类别");
		assertThat(text).contains(tag + "=cmd|calc").contains("交换机");
		assertThat(admin.get("/api/v1/audit?action=CI_EXPORTED").json().path("total").asLong()).isPositive();
	}

	private static List<String> keys(Sheet sheet) {
		List<String> keys = new java.util.ArrayList<>();
		sheet.getRow(1).forEach(cell -> keys.add(cell.getStringCellValue()));
		return keys;
	}

	private static void row(Sheet sheet, int index, List<String> keys, Map<String, String> values) {
		Row row = sheet.createRow(index);
		values.forEach((key, value) -> row.createCell(keys.indexOf(key)).setCellValue(value));
	}

	private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		workbook.write(out);
		return out.toByteArray();
	}

	private JsonNode upload(ApiClient client, long classId, byte[] file, boolean dryRun) throws Exception {
		return client.upload("/api/v1/cmdb/classes/" + classId + "/import?dryRun=" + dryRun, "cis.xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file).json();
	}

	static LocalDate today() {
		return LocalDate.now();
	}

}
