package io.opsguard.servicedesk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the portal and satisfaction tests share: an organisation with a business system, requesters
 * without any role (civil servants with an account), and the desk (admin) working tickets.
 */
abstract class PortalTestSupport extends ApiTestSupport {

	protected ApiClient admin;

	protected long organisation;

	protected long system;

	protected long group;

	protected void setUpDesk() {
		this.admin = admin();
		this.organisation = createOrganisation(this.admin, rootOrganisationId(this.admin), unique("门户单位"));
		this.system = businessSystem(this.organisation, unique("办案系统"));
		long me = this.admin.get("/api/v1/auth/session").json().path("user").path("id").asLong();
		Response created = this.admin.post("/api/v1/support-groups",
				Map.of("name", unique("一线"), "line", 1, "memberIds", List.of(me), "leadId", me, "organisationId",
						this.organisation));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		this.group = created.id();
	}

	/** A civil servant of the organisation with an account and no role. */
	protected ApiClient requester(String name) {
		return createUserAndSignIn(this.admin, unique(name), this.organisation, List.of());
	}

	protected long businessSystem(long organisationId, String name) {
		long cls = findClass(this.admin.get("/api/v1/cmdb/classes").json(), "BUSINESS_SYSTEM");
		Response system = this.admin.post("/api/v1/cmdb/cis",
				Map.of("classId", cls, "code", unique("BS-"), "name", name, "organisationId", organisationId));
		assertThat(system.status()).as(system.toString()).isEqualTo(201);
		return system.id();
	}

	private static long findClass(JsonNode nodes, String code) {
		for (JsonNode node : nodes) {
			if (node.path("code").asText().equals(code)) {
				return node.path("id").asLong();
			}
			long found = findClass(node.path("children"), code);
			if (found > 0) {
				return found;
			}
		}
		return -1;
	}

	/** A fault reported through the portal. */
	protected JsonNode report(ApiClient requester, String title) {
		Response created = requester.post("/api/v1/portal/tickets", Map.of("type", "INCIDENT", "title", title,
				"description", "点击提交后页面无响应", "businessSystemId", this.system, "phone", "13912345678"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	/** The desk applies an action with the version it reads. */
	protected JsonNode act(long id, String action, Map<String, Object> input) {
		int version = this.admin.get("/api/v1/tickets/" + id).json().path("version").asInt();
		Map<String, Object> body = new HashMap<>(input);
		body.put("version", version);
		Response response = this.admin.post("/api/v1/tickets/" + id + "/actions/" + action, body);
		assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
		return response.json();
	}

	/** The desk takes the ticket from reported to resolved. */
	protected JsonNode resolve(long id) {
		act(id, "accept", Map.of());
		act(id, "respond", Map.of());
		act(id, "dispatch", Map.of("groupId", this.group));
		act(id, "start", Map.of());
		return act(id, "resolve", Map.of("solution", "清理浏览器缓存后恢复", "cause", "前端缓存过期"));
	}

}
