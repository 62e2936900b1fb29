package io.opsguard.servicedesk;

import java.util.HashMap;
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
 * The accountability of the staff concerned by a complaint (R-DSK-06) over HTTP: recorded,
 * replaced with the version read, refused on tickets that are no complaints and without staff
 * when founded, and required before a complaint is closed.
 */
class ComplaintAccountabilityIT extends ApiTestSupport {

	private ApiClient admin;

	private long me;

	@BeforeEach
	void setUp() {
		this.admin = admin();
		this.me = this.admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
	}

	@Test
	void aComplaintsAccountabilityIsRecordedAndReplacedWithItsVersion() {
		long complaint = complaint();
		Response none = this.admin.get("/api/v1/tickets/" + complaint + "/accountability");
		assertThat(none.status()).as("nothing recorded yet").isEqualTo(204);

		Response recorded = this.admin.put("/api/v1/tickets/" + complaint + "/accountability", Map.of("established", true,
				"staffIds", List.of(this.me), "finding", "工程师未按约定时间到场，且未告知用户", "measure", "通报批评，扣减当月绩效"));
		assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
		JsonNode record = recorded.json();
		assertThat(record.path("established").asBoolean()).isTrue();
		assertThat(record.path("staff")).extracting(s -> s.path("id").asLong()).containsExactly(this.me);
		assertThat(record.path("staff").get(0).path("name").asText()).isNotBlank();
		assertThat(record.path("recordedBy").path("id").asLong()).isEqualTo(this.me);
		assertThat(record.path("version").asInt()).isZero();
		assertThat(this.admin.get("/api/v1/tickets/" + complaint + "/accountability").json().path("finding").asText())
			.isEqualTo("工程师未按约定时间到场，且未告知用户");

		Response withoutVersion = this.admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("established", false, "finding", "复核后认定无责"));
		assertThat(fields(withoutVersion)).containsExactly("version");
		Response stale = this.admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("version", 7, "established", false, "finding", "复核后认定无责"));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SD-0009");
		Response replaced = this.admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("version", 0, "established", false, "finding", "复核后认定无责：用户提供的地址有误"));
		assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
		assertThat(replaced.json().path("version").asInt()).isEqualTo(1);
		assertThat(replaced.json().path("established").asBoolean()).isFalse();
		assertThat(replaced.json().path("staff")).isEmpty();
		assertThat(replaced.json().path("measure").isNull()).isTrue();
		assertThat(this.admin.get("/api/v1/audit?action=COMPLAINT_ACCOUNTABILITY_RECORDED&targetId=" + complaint).json()
			.path("total").asLong()).isEqualTo(2);
	}

	@Test
	void onlyComplaintsCarryARecordAndAFoundedOneNamesTheStaff() {
		Map<String, Object> incident = new HashMap<>(complaintBody());
		incident.put("type", "INCIDENT");
		incident.put("faultLevel", 3);
		long other = this.admin.post("/api/v1/tickets", incident).id();
		Response notAComplaint = this.admin.put("/api/v1/tickets/" + other + "/accountability",
				Map.of("established", false, "finding", "无"));
		assertThat(notAComplaint.status()).isEqualTo(409);
		assertThat(notAComplaint.code()).isEqualTo("SD-0048");
		assertThat(this.admin.get("/api/v1/tickets/" + other + "/accountability").code()).isEqualTo("SD-0048");

		long complaint = complaint();
		Response noStaff = this.admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("established", true, "finding", "态度生硬"));
		assertThat(fields(noStaff)).containsExactly("staffIds");
		assertThat(noStaff.json().path("errors").get(0).path("code").asText()).isEqualTo("SD-0050");
		Response noFinding = this.admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("established", false, "finding", " "));
		assertThat(fields(noFinding)).containsExactly("finding");
		List<Long> holes = new java.util.ArrayList<>();
		holes.add(null);
		Map<String, Object> withHoles = new HashMap<>();
		withHoles.put("established", true);
		withHoles.put("staffIds", holes);
		withHoles.put("finding", "x");
		assertThat(fields(this.admin.put("/api/v1/tickets/" + complaint + "/accountability", withHoles))).containsExactly("staffIds");
		Response unknownStaff = this.admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("established", true, "staffIds", List.of(987654321L), "finding", "x"));
		assertThat(fields(unknownStaff)).containsExactly("staffIds");
		assertThat(this.admin.get("/api/v1/tickets/" + complaint + "/accountability").status()).as("nothing saved").isEqualTo(204);
		assertThat(this.admin.get("/api/v1/tickets/987654321/accountability").status()).isEqualTo(404);
	}

	@Test
	void aComplaintIsRatedByTheComplainantAndClosesOnlyOnceTheAccountabilityIsRecorded() {
		long group = this.admin.post("/api/v1/support-groups",
				Map.of("name", unique("投诉处理组"), "line", 1, "memberIds", List.of(this.me), "leadId", this.me)).id();
		long complaint = complaint();
		act(complaint, "accept", Map.of());
		act(complaint, "respond", Map.of());
		act(complaint, "escalate", Map.of("comment", "报分管领导"));
		act(complaint, "dispatch", Map.of("groupId", group));
		act(complaint, "start", Map.of());
		act(complaint, "resolve", Map.of("solution", "已向用户致歉并重新安排上门"));
		JsonNode t = act(complaint, "feedback", Map.of("comment", "已电话回复投诉人"));
		assertThat(t.path("allowedActions")).extracting(JsonNode::asText).contains("close", "rate");
		// the complainant rates the handling (R-DSK-06)
		t = act(complaint, "rate", Map.of("rating", 2, "comment", "道歉及时，但上门仍晚"));
		assertThat(t.path("state").asText()).isEqualTo("RATED");
		assertThat(t.path("rating").asInt()).isEqualTo(2);
		assertThat(t.path("ratingComment").asText()).isEqualTo("道歉及时，但上门仍晚");

		Response blocked = this.admin.post("/api/v1/tickets/" + complaint + "/actions/close",
				Map.of("version", t.path("version").asInt()));
		assertThat(blocked.status()).isEqualTo(409);
		assertThat(blocked.code()).isEqualTo("SD-0051");
		assertThat(blocked.json().path("detail").asText()).contains("责任认定");
		assertThat(this.admin.get("/api/v1/tickets/" + complaint).json().path("state").asText()).isEqualTo("RATED");

		Response recorded = this.admin.put("/api/v1/tickets/" + complaint + "/accountability",
				Map.of("established", true, "staffIds", List.of(this.me), "finding", "未按约定时间到场"));
		assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
		t = act(complaint, "close", Map.of());
		assertThat(t.path("state").asText()).isEqualTo("CLOSED");
	}

	private long complaint() {
		Response created = this.admin.post("/api/v1/tickets", complaintBody());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	private static Map<String, Object> complaintBody() {
		Map<String, Object> body = new HashMap<>();
		body.put("type", "COMPLAINT");
		body.put("title", "上门服务迟到两小时");
		body.put("contact", Map.of("name", "李科长", "phone", "13700000000"));
		return body;
	}

	private JsonNode act(long id, String action, Map<String, Object> input) {
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", this.admin.get("/api/v1/tickets/" + id).json().path("version").asInt());
		Response response = this.admin.post("/api/v1/tickets/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
		return response.json();
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return response.json().path("errors").findValuesAsText("field");
	}

}
