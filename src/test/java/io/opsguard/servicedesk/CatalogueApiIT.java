package io.opsguard.servicedesk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service catalogue over HTTP (R-DSK-14): the seeded items listed, items written with their forms
 * and refused on the bad field with nothing saved, tickets raised from an item keeping the values
 * filled in, bad values refused on their field, and only administrators of the catalogue changing it.
 */
class CatalogueApiIT extends ApiTestSupport {

	private ApiClient admin;

	@BeforeEach
	void setUp() {
		this.admin = admin();
	}

	@Test
	void theSeededItemsAreListedInCatalogueOrderWithTheirForms() {
		JsonNode items = this.admin.get("/api/v1/catalogue-items").json();
		List<String> codes = items.findValuesAsText("code");
		assertThat(codes).containsSubsequence("ACCOUNT-OPEN", "PASSWORD-RESET", "PERMISSION-GRANT", "NEW-STAFF", "TRANSFER");
		JsonNode reset = item("PASSWORD-RESET");
		assertThat(reset.path("name").asText()).isEqualTo("密码重置");
		assertThat(reset.path("nameEn").asText()).isEqualTo("Reset a password");
		assertThat(reset.path("ticketType").asText()).isEqualTo("SERVICE_REQUEST");
		assertThat(reset.path("fields").findValuesAsText("key")).containsExactly("account", "reason", "identityChecked");
		assertThat(reset.path("fields").get(1).path("options")).extracting(JsonNode::asText).contains("忘记密码", "账号锁定");
		assertThat(this.admin.get("/api/v1/catalogue-items/" + reset.path("id").asLong()).json().path("code").asText())
			.isEqualTo("PASSWORD-RESET");
		Response unknown = this.admin.get("/api/v1/catalogue-items/987654321");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.code()).isEqualTo("SD-0038");
	}

	@Test
	void anItemIsCreatedChangedWithItsVersionAndDisabledAndEachChangeIsAudited() {
		String code = unique("VPN-").toUpperCase();
		Response created = this.admin.post("/api/v1/catalogue-items", item(code, List.of(
				field("person", "使用人", "TEXT", true, null), field("until", "使用截止", "DATE", false, null))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode item = created.json();
		assertThat(item.path("version").asInt()).isZero();
		assertThat(item.path("enabled").asBoolean()).isTrue();
		assertThat(item.path("fields").findValuesAsText("key")).containsExactly("person", "until");
		long id = item.path("id").asLong();

		Map<String, Object> edit = new HashMap<>(item(code, List.of(field("person", "使用人姓名", "TEXT", true, null))));
		edit.put("version", 0);
		Response changed = this.admin.put("/api/v1/catalogue-items/" + id, edit);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().path("version").asInt()).isEqualTo(1);
		assertThat(changed.json().path("fields").get(0).path("label").asText()).isEqualTo("使用人姓名");
		Response stale = this.admin.put("/api/v1/catalogue-items/" + id, edit);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SD-0009");
		edit.remove("version");
		Response noVersion = this.admin.put("/api/v1/catalogue-items/" + id, edit);
		assertThat(fields(noVersion)).containsExactly("version");

		Map<String, Object> disable = new HashMap<>(edit);
		disable.put("version", 1);
		disable.put("enabled", false);
		assertThat(this.admin.put("/api/v1/catalogue-items/" + id, disable).status()).isEqualTo(200);
		assertThat(this.admin.get("/api/v1/catalogue-items").json().findValuesAsText("code")).doesNotContain(code);
		assertThat(this.admin.get("/api/v1/catalogue-items?all=true").json().findValuesAsText("code")).contains(code);

		Response taken = this.admin.post("/api/v1/catalogue-items", item(code, List.of()));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.code()).isEqualTo("SD-0039");

		assertThat(this.admin.get("/api/v1/audit?action=CATALOGUE_ITEM_CREATED&targetId=" + id).json().path("total").asLong())
			.isEqualTo(1);
		assertThat(this.admin.get("/api/v1/audit?action=CATALOGUE_ITEM_UPDATED&targetId=" + id).json().path("total").asLong())
			.isEqualTo(2);
	}

	@Test
	void badDefinitionsAreRefusedOnTheirFieldAndNothingIsSaved() {
		int before = this.admin.get("/api/v1/catalogue-items?all=true").json().size();
		Response duplicate = this.admin.post("/api/v1/catalogue-items", item(unique("BAD-").toUpperCase(), List.of(
				field("name", "姓名", "TEXT", true, null), field("phone", "电话", "PHONE", false, null),
				field("Name", "又一个姓名", "TEXT", false, null))));
		assertThat(fields(duplicate)).containsExactly("fields[2].key");
		assertThat(duplicate.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0031");

		Response badKey = this.admin.post("/api/v1/catalogue-items", item(unique("BAD-").toUpperCase(), List.of(
				field("姓名", "姓名", "TEXT", true, null), field("reason", "原因", "SELECT", true, List.of()))));
		assertThat(fields(badKey)).containsExactly("fields[0].key", "fields[1].options");

		List<Map<String, Object>> many = new ArrayList<>();
		for (int i = 0; i < 31; i++) {
			many.add(field("f" + i, "字段" + i, "TEXT", false, null));
		}
		Response tooMany = this.admin.post("/api/v1/catalogue-items", item(unique("BAD-").toUpperCase(), many));
		assertThat(fields(tooMany)).containsExactly("fields");
		assertThat(tooMany.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0029");

		Map<String, Object> noKind = new HashMap<>(field("x", "x", "TEXT", false, null));
		noKind.remove("kind");
		Map<String, Object> bad = new HashMap<>(item("bad code!", List.of(noKind)));
		bad.put("name", " ");
		bad.put("ticketType", "INCIDENT");
		bad.put("defaultGroupId", 987654321L);
		assertThat(fields(this.admin.post("/api/v1/catalogue-items", bad)))
			.containsExactlyInAnyOrder("code", "name", "ticketType", "fields[0].kind", "defaultGroupId");

		// fifty long options on each of thirty fields fit every rule but not the column: refused, not a server error
		List<Map<String, Object>> huge = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			List<String> options = new ArrayList<>();
			for (int o = 0; o < 50; o++) {
				options.add("选项" + o + "x".repeat(90));
			}
			huge.add(field("f" + i, "字段" + i, "SELECT", false, options));
		}
		assertThat(fields(this.admin.post("/api/v1/catalogue-items", item(unique("BAD-").toUpperCase(), huge))))
			.containsExactly("fields");
		assertThat(this.admin.get("/api/v1/catalogue-items?all=true").json().size()).isEqualTo(before);
	}

	@Test
	void aTicketRaisedFromAnItemKeepsTheAnswers() {
		JsonNode reset = item("PASSWORD-RESET");
		Map<String, Object> body = request(reset.path("id").asLong(),
				Map.of("account", " zhangsan ", "reason", "账号锁定", "identityChecked", true));
		Response created = this.admin.post("/api/v1/tickets", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode ticket = created.json();
		assertThat(ticket.path("type").asText()).isEqualTo("SERVICE_REQUEST");
		assertThat(ticket.path("title").asText()).as("the item names an untitled request").isEqualTo("密码重置");
		assertThat(ticket.path("category").asText()).isEqualTo("账号权限");
		JsonNode form = this.admin.get("/api/v1/tickets/" + created.id()).json().path("form");
		assertThat(form.path("code").asText()).isEqualTo("PASSWORD-RESET");
		assertThat(form.path("nameEn").asText()).isEqualTo("Reset a password");
		assertThat(form.path("answers")).extracting(a -> a.path("key").asText() + "=" + a.path("value").asText())
			.containsExactly("account=zhangsan", "reason=账号锁定", "identityChecked=true");
		assertThat(form.path("answers").get(0).path("label").asText()).isEqualTo("账号");
		assertThat(form.path("answers").get(0).path("labelEn").asText()).isEqualTo("Account");
		assertThat(form.path("answers").get(2).path("kind").asText()).isEqualTo("CHECKBOX");

		// a title of the agent's own stays; the item's type wins over the one picked before it
		Map<String, Object> titled = new HashMap<>(body);
		titled.put("title", "李科长密码重置");
		titled.put("type", "CONSULTATION");
		JsonNode second = this.admin.post("/api/v1/tickets", titled).json();
		assertThat(second.path("title").asText()).isEqualTo("李科长密码重置");
		assertThat(second.path("type").asText()).isEqualTo("SERVICE_REQUEST");
		// a ticket without an item has no form
		assertThat(this.admin.get("/api/v1/tickets/" + this.admin.post("/api/v1/tickets", request(null, null)).id()).json()
			.path("form").isNull()).isTrue();
	}

	@Test
	void badValuesAreRefusedOnTheirFieldAndNoTicketIsRecorded() {
		long before = this.admin.get("/api/v1/tickets?queue=ALL").json().path("total").asLong();
		long reset = item("PASSWORD-RESET").path("id").asLong();
		long staff = item("NEW-STAFF").path("id").asLong();
		Response missing = this.admin.post("/api/v1/tickets", request(reset, Map.of("account", "zhangsan", "identityChecked", false)));
		assertThat(fields(missing)).containsExactlyInAnyOrder("formValues.reason", "formValues.identityChecked");
		assertThat(missing.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0035");

		Response badOption = this.admin.post("/api/v1/tickets",
				request(reset, Map.of("account", "zhangsan", "reason", "想换一个", "identityChecked", true, "favourite", "x")));
		assertThat(fields(badOption)).containsExactlyInAnyOrder("formValues.reason", "formValues.favourite");

		Response badDate = this.admin.post("/api/v1/tickets",
				request(staff, Map.of("personName", "王五", "department", "办公室", "startDate", "2026-02-30")));
		assertThat(fields(badDate)).containsExactly("formValues.startDate");
		assertThat(badDate.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0036");

		String code = unique("NUM-").toUpperCase();
		long numbered = this.admin.post("/api/v1/catalogue-items",
				item(code, List.of(field("count", "数量", "NUMBER", true, null)))).id();
		assertThat(fields(this.admin.post("/api/v1/tickets", request(numbered, Map.of("count", "三台")))))
			.containsExactly("formValues.count");

		Response noItem = this.admin.post("/api/v1/tickets", request(null, Map.of("account", "zhangsan")));
		assertThat(fields(noItem)).contains("catalogueItemId");
		assertThat(fields(this.admin.post("/api/v1/tickets", request(987654321L, Map.of())))).contains("catalogueItemId");
		assertThat(this.admin.get("/api/v1/tickets?queue=ALL").json().path("total").asLong()).isEqualTo(before);
	}

	@Test
	void aDisabledItemIsRefusedForNewTickets() {
		String code = unique("OLD-").toUpperCase();
		JsonNode item = this.admin.post("/api/v1/catalogue-items", item(code, List.of())).json();
		long id = item.path("id").asLong();
		assertThat(this.admin.post("/api/v1/tickets", request(id, Map.of())).status()).isEqualTo(201);
		Map<String, Object> disable = new HashMap<>(item(code, List.of()));
		disable.put("version", 0);
		disable.put("enabled", false);
		assertThat(this.admin.put("/api/v1/catalogue-items/" + id, disable).status()).isEqualTo(200);
		Response refused = this.admin.post("/api/v1/tickets", request(id, Map.of()));
		assertThat(fields(refused)).contains("catalogueItemId");
		assertThat(refused.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0040");
	}

	@Test
	void onlyCatalogueAdministratorsChangeTheCatalogueAndEveryoneReadsIt() {
		long root = rootOrganisationId(this.admin);
		long desk = createRole(this.admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:create"), "OWN_SUBTREE",
				List.of());
		ApiClient agent = createUserAndSignIn(this.admin, unique("agent"), root, List.of(desk));
		ApiClient requester = createUserAndSignIn(this.admin, unique("req"), root, List.of());
		String code = unique("NOPE-").toUpperCase();
		Response refused = agent.post("/api/v1/catalogue-items", item(code, List.of()));
		assertThat(refused.status()).isEqualTo(403);
		long reset = item("PASSWORD-RESET").path("id").asLong();
		Map<String, Object> edit = new HashMap<>(item("PASSWORD-RESET", List.of()));
		edit.put("version", 0);
		assertThat(agent.put("/api/v1/catalogue-items/" + reset, edit).status()).isEqualTo(403);
		assertThat(agent.get("/api/v1/catalogue-items").json().findValuesAsText("code")).contains("PASSWORD-RESET");
		assertThat(requester.get("/api/v1/catalogue-items").status()).isEqualTo(200);
		assertThat(requester.get("/api/v1/catalogue-items/" + reset).status()).isEqualTo(200);
		assertThat(this.admin.get("/api/v1/catalogue-items?all=true").json().findValuesAsText("code")).doesNotContain(code);
		assertThat(this.admin.get("/api/v1/catalogue-items/" + reset).json().path("fields").size()).as("unchanged").isEqualTo(3);
		// an agent raises a request from the catalogue all the same
		Response raised = agent.post("/api/v1/tickets",
				request(reset, Map.of("account", "lisi", "reason", "忘记密码", "identityChecked", "true")));
		assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
	}

	@Test
	void errorsSpeakTheRequestersLanguage() {
		long reset = item("PASSWORD-RESET").path("id").asLong();
		Response english = admin().language("en").post("/api/v1/tickets", request(reset, Map.of()));
		assertThat(english.status()).isEqualTo(400);
		assertThat(english.text()).contains("is required").doesNotContain("为必填项");
	}

	// ---------------------------------------------------------------- helpers

	private JsonNode item(String code) {
		for (JsonNode item : this.admin.get("/api/v1/catalogue-items?all=true").json()) {
			if (item.path("code").asText().equals(code)) {
				return item;
			}
		}
		throw new AssertionError("no catalogue item " + code);
	}

	private static Map<String, Object> item(String code, List<Map<String, Object>> fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("name", "VPN 账号申请");
		body.put("nameEn", "VPN account");
		body.put("description", "远程办公所需的 VPN 账号");
		body.put("category", "账号权限");
		body.put("ticketType", "SERVICE_REQUEST");
		body.put("fields", fields);
		body.put("sortOrder", 60);
		body.put("enabled", true);
		return body;
	}

	private static Map<String, Object> field(String key, String label, String kind, boolean required, List<String> options) {
		Map<String, Object> field = new LinkedHashMap<>();
		field.put("key", key);
		field.put("label", label);
		field.put("labelEn", key);
		field.put("kind", kind);
		field.put("required", required);
		if (options != null) {
			field.put("options", options);
		}
		return field;
	}

	private static Map<String, Object> request(Long itemId, Map<String, Object> values) {
		Map<String, Object> body = new HashMap<>();
		body.put("type", "SERVICE_REQUEST");
		body.put("channel", "HOTLINE");
		body.put("contact", Map.of("name", "张科长", "phone", "13800000000", "unit", "办公室"));
		if (itemId == null) {
			body.put("title", "咨询打印机驱动");
		}
		body.put("catalogueItemId", itemId);
		body.put("formValues", values);
		return body;
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return response.json().path("errors").findValuesAsText("field");
	}

}
