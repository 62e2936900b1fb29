package io.opsguard.servicedesk;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defects and requirements handed to the vendor (R-DSK-09) over HTTP: written up on a ticket,
 * confirmed by the client's project lead, handed over with the vendor's reference, fixed, sent
 * back, fixed again and verified, each step kept and audited; a step the state does not allow, a
 * missing field or a stale version changes nothing; another organisation sees none of it; the
 * tracking list filters.
 */
class VendorCaseApiIT extends ApiTestSupport {

	private ApiClient admin;

	@BeforeEach
	void setUp() {
		this.admin = admin();
	}

	@AfterEach
	void resetClock() {
		this.clock.set(Instant.now());
	}

	@Test
	void aDefectRunsFromWriteUpToVerifiedFixWithEveryStepKept() {
		long ticket = ticket(this.admin, "一体化办案系统导出报错");
		Response created = this.admin.post("/api/v1/tickets/" + ticket + "/vendor-cases",
				Map.of("kind", "DEFECT", "title", "导出 PDF 时报 500", "description", "案卡导出 PDF 时服务器报错，影响全院结案归档"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode c = created.json();
		long id = c.path("id").asLong();
		assertThat(c.path("state").asText()).isEqualTo("DRAFTED");
		assertThat(c.path("ticketId").asLong()).isEqualTo(ticket);
		assertThat(c.path("allowedActions")).extracting(JsonNode::asText).containsExactly("confirm", "withdraw");

		c = step(id, "confirm", Map.of("confirmedBy", "王主任（甲方项目负责人）"));
		assertThat(c.path("state").asText()).isEqualTo("CONFIRMED");
		assertThat(c.path("confirmedBy").asText()).isEqualTo("王主任（甲方项目负责人）");
		c = step(id, "hand-over", Map.of("vendorName", "某某软件公司", "vendorRef", "BUG-4711"));
		assertThat(c.path("state").asText()).isEqualTo("HANDED_OVER");
		assertThat(c.path("handedAt").isNull()).isFalse();
		c = step(id, "fixed", Map.of("fixNote", "补丁 3.2.1 修复字体缺失"));
		assertThat(c.path("state").asText()).isEqualTo("FIXED");
		c = step(id, "reject-fix", Map.of("comment", "生产环境仍然报错"));
		assertThat(c.path("state").asText()).isEqualTo("HANDED_OVER");
		assertThat(c.path("fixedAt").isNull()).as("the fix no longer counts").isTrue();
		c = step(id, "fixed", Map.of("fixNote", "补丁 3.2.2", "vendorRef", "BUG-4711-2"));
		assertThat(c.path("vendorRef").asText()).isEqualTo("BUG-4711-2");
		c = step(id, "verify", Map.of("comment", "生产环境验证通过"));
		assertThat(c.path("state").asText()).isEqualTo("VERIFIED");
		assertThat(c.path("verifiedAt").isNull()).isFalse();
		assertThat(c.path("allowedActions")).isEmpty();

		JsonNode detail = this.admin.get("/api/v1/vendor-cases/" + id).json();
		assertThat(detail.path("vendorCase").path("id").asLong()).isEqualTo(id);
		JsonNode steps = detail.path("steps");
		assertThat(steps).extracting(s -> s.path("action").asText())
			.containsExactly("CREATE", "CONFIRM", "HAND_OVER", "FIXED", "REJECT_FIX", "FIXED", "VERIFY");
		assertThat(steps).extracting(s -> s.path("to").asText())
			.containsExactly("DRAFTED", "CONFIRMED", "HANDED_OVER", "FIXED", "HANDED_OVER", "FIXED", "VERIFIED");
		assertThat(steps.get(4).path("from").asText()).isEqualTo("FIXED");
		assertThat(steps.get(4).path("comment").asText()).isEqualTo("生产环境仍然报错");
		assertThat(steps.get(1).path("userName").asText()).isNotBlank();
		assertThat(this.admin.get("/api/v1/tickets/" + ticket + "/vendor-cases").json()).extracting(n -> n.path("id").asLong())
			.containsExactly(id);

		for (String action : List.of("VENDOR_CASE_CREATED", "VENDOR_CASE_CONFIRM", "VENDOR_CASE_HAND_OVER", "VENDOR_CASE_VERIFY")) {
			assertThat(this.admin.get("/api/v1/audit?action=" + action + "&targetId=" + ticket).json().path("total").asLong())
				.as(action).isEqualTo(1);
		}
		assertThat(this.admin.get("/api/v1/audit?action=VENDOR_CASE_FIXED&targetId=" + ticket).json().path("total").asLong())
			.isEqualTo(2);
	}

	@Test
	void aStepTheStateDoesNotAllowIsRefusedWithTheAllowedOnes() {
		long id = newCase(this.admin, ticket(this.admin, "统一身份认证"), "REQUIREMENT", "增加短信登录");
		Response wrong = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/verify", Map.of("version", 0));
		assertThat(wrong.status()).isEqualTo(409);
		assertThat(wrong.code()).isEqualTo("SD-0043");
		assertThat(wrong.json().path("state").asText()).isEqualTo("DRAFTED");
		assertThat(wrong.json().path("allowedActions")).extracting(JsonNode::asText).containsExactly("confirm", "withdraw");
		assertThat(wrong.json().path("detail").asText()).contains("待确认");
		Response unknown = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/explode", Map.of("version", 0));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(state(id)).isEqualTo("DRAFTED/0");
		step(id, "withdraw", Map.of("comment", "甲方决定不做"));
		Response afterWithdraw = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/confirm",
				Map.of("version", 1, "confirmedBy", "王主任"));
		assertThat(afterWithdraw.status()).isEqualTo(409);
		assertThat(afterWithdraw.json().path("allowedActions")).isEmpty();
	}

	@Test
	void missingFieldsAndStaleVersionsChangeNothing() {
		long ticket = ticket(this.admin, "公文系统");
		int before = this.admin.get("/api/v1/tickets/" + ticket + "/vendor-cases").json().size();
		Response blank = this.admin.post("/api/v1/tickets/" + ticket + "/vendor-cases", Map.of("title", " "));
		assertThat(fields(blank)).containsExactlyInAnyOrder("kind", "title", "description");
		assertThat(this.admin.get("/api/v1/tickets/" + ticket + "/vendor-cases").json().size()).isEqualTo(before);

		long id = newCase(this.admin, ticket, "DEFECT", "附件上传失败");
		Response noConfirmer = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/confirm", Map.of("version", 0));
		assertThat(fields(noConfirmer)).containsExactly("confirmedBy");
		assertThat(noConfirmer.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0045");
		Response noVersion = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/confirm", Map.of("confirmedBy", "王主任"));
		assertThat(fields(noVersion)).containsExactly("version");
		assertThat(state(id)).isEqualTo("DRAFTED/0");

		step(id, "confirm", Map.of("confirmedBy", "王主任"));
		Response noVendor = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/hand-over",
				Map.of("version", 1, "vendorRef", "X-1"));
		assertThat(fields(noVendor)).containsExactly("vendorName");
		assertThat(noVendor.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0044");
		Response tooLong = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/hand-over",
				Map.of("version", 1, "vendorName", "厂".repeat(101)));
		assertThat(fields(tooLong)).containsExactly("vendorName");
		Response stale = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/hand-over",
				Map.of("version", 0, "vendorName", "某某软件公司"));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SD-0009");
		assertThat(state(id)).isEqualTo("CONFIRMED/1");

		step(id, "hand-over", Map.of("vendorName", "某某软件公司"));
		Response noNote = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/fixed", Map.of("version", 2));
		assertThat(fields(noNote)).containsExactly("fixNote");
		step(id, "fixed", Map.of("fixNote", "已修复"));
		Response noComment = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/reject-fix", Map.of("version", 3));
		assertThat(fields(noComment)).containsExactly("comment");
		Response noWithdrawReason = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/withdraw",
				Map.of("version", 3, "comment", "  "));
		assertThat(fields(noWithdrawReason)).containsExactly("comment");
		assertThat(state(id)).isEqualTo("FIXED/3");
		assertThat(this.admin.get("/api/v1/vendor-cases/" + id).json().path("steps").size()).isEqualTo(4);
	}

	@Test
	void anotherOrganisationSeesNoneOfItsCases() {
		long root = rootOrganisationId(this.admin);
		long a = createOrganisation(this.admin, root, unique("甲院"));
		long b = createOrganisation(this.admin, root, unique("乙院"));
		long desk = createRole(this.admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:create",
				"servicedesk:ticket:handle"), "OWN_SUBTREE", List.of());
		ApiClient agentA = createUserAndSignIn(this.admin, unique("vca"), a, List.of(desk));
		ApiClient agentB = createUserAndSignIn(this.admin, unique("vcb"), b, List.of(desk));
		String marker = unique("ISOLATED");
		long ticket = ticket(agentA, marker);
		long id = newCase(agentA, ticket, "DEFECT", marker);
		assertThat(agentA.get("/api/v1/vendor-cases?q=" + marker).json().path("total").asLong()).isEqualTo(1);
		assertThat(agentB.get("/api/v1/vendor-cases/" + id).status()).isEqualTo(404);
		assertThat(agentB.get("/api/v1/vendor-cases/" + id).code()).isEqualTo("SD-0042");
		assertThat(agentB.get("/api/v1/tickets/" + ticket + "/vendor-cases").status()).isEqualTo(404);
		assertThat(agentB.get("/api/v1/vendor-cases?open=false&size=200").text()).doesNotContain(marker);
		assertThat(agentB.get("/api/v1/vendor-cases?q=" + marker).json().path("total").asLong()).isZero();
		Response hijack = agentB.post("/api/v1/vendor-cases/" + id + "/actions/confirm", Map.of("version", 0, "confirmedBy", "x"));
		assertThat(hijack.status()).isEqualTo(404);
		Response create = agentB.post("/api/v1/tickets/" + ticket + "/vendor-cases",
				Map.of("kind", "DEFECT", "title", "x", "description", "x"));
		assertThat(create.status()).isEqualTo(404);
		assertThat(state(id)).isEqualTo("DRAFTED/0");
	}

	@Test
	void theTrackingListFiltersSortsAndPages() {
		String vendor = unique("Vendor_");
		long ticket = ticket(this.admin, "跟踪列表");
		long defect = newCase(this.admin, ticket, "DEFECT", "缺陷一");
		this.clock.advance(Duration.ofMinutes(1));
		long requirement = newCase(this.admin, ticket, "REQUIREMENT", "需求一");
		this.clock.advance(Duration.ofMinutes(1));
		long done = newCase(this.admin, ticket, "DEFECT", "缺陷二");
		for (long id : List.of(defect, done)) {
			step(id, "confirm", Map.of("confirmedBy", "王主任"));
			step(id, "hand-over", Map.of("vendorName", vendor, "vendorRef", "REF-" + id));
		}
		step(done, "fixed", Map.of("fixNote", "已修复"));
		step(done, "verify", Map.of());
		step(requirement, "confirm", Map.of("confirmedBy", "王主任"));
		step(requirement, "hand-over", Map.of("vendorName", vendor + "B"));

		assertThat(ids("q=" + vendor)).as("open ones by default").containsExactlyInAnyOrder(defect, requirement);
		assertThat(ids("q=" + vendor + "&open=false")).containsExactlyInAnyOrder(defect, requirement, done);
		assertThat(ids("q=" + vendor + "&state=VERIFIED")).containsExactly(done);
		assertThat(ids("q=" + vendor + "&kind=REQUIREMENT")).containsExactly(requirement);
		assertThat(ids("q=REF-" + defect)).containsExactly(defect);
		assertThat(ids("q=" + vendor + "&open=false&sort=vendorName,desc")).first().isEqualTo(requirement);
		JsonNode page = this.admin.get("/api/v1/vendor-cases?q=" + vendor + "&open=false&size=2&page=1&sort=createdAt,asc").json();
		assertThat(page.path("total").asLong()).isEqualTo(3);
		assertThat(page.path("items")).extracting(n -> n.path("id").asLong()).containsExactly(done);
		JsonNode row = page.path("items").get(0);
		assertThat(row.path("ticketNumber").asText()).startsWith("GZ-");
		assertThat(row.path("vendorName").asText()).isEqualTo(vendor);
		assertThat(this.admin.get("/api/v1/vendor-cases?state=NONSENSE").status()).isEqualTo(400);
		assertThat(this.admin.get("/api/v1/vendor-cases?sort=password,asc").status()).isEqualTo(400);
	}

	private List<Long> ids(String query) {
		Response response = this.admin.get("/api/v1/vendor-cases?size=100&" + query);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<Long> ids = new java.util.ArrayList<>();
		response.json().path("items").forEach(n -> ids.add(n.path("id").asLong()));
		return ids;
	}

	private JsonNode step(long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", this.admin.get("/api/v1/vendor-cases/" + id).json().path("vendorCase").path("version").asInt());
		Response response = this.admin.post("/api/v1/vendor-cases/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
		return response.json();
	}

	private String state(long id) {
		JsonNode c = this.admin.get("/api/v1/vendor-cases/" + id).json().path("vendorCase");
		return c.path("state").asText() + "/" + c.path("version").asInt();
	}

	static long ticket(ApiClient client, String title) {
		Map<String, Object> body = new HashMap<>();
		body.put("type", "INCIDENT");
		body.put("title", title);
		body.put("faultLevel", 3);
		body.put("contact", Map.of("name", "张科长", "phone", "13800000000"));
		Response created = client.post("/api/v1/tickets", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	static long newCase(ApiClient client, long ticket, String kind, String title) {
		Response created = client.post("/api/v1/tickets/" + ticket + "/vendor-cases",
				Map.of("kind", kind, "title", title, "description", "现象、影响与期望：" + title));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return response.json().path("errors").findValuesAsText("field");
	}

}
