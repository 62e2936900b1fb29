package io.opsguard.servicedesk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved searches of the queue page over HTTP: saved with their queue, filters and order, counted by
 * the list's own rules, shared with a support group whose members see them and cannot change them,
 * private otherwise; changed with the version read (409 when stale), reordered, deleted by the owner
 * only, and bad filters refused at their field.
 */
class SavedSearchApiIT extends ApiTestSupport {

	@Test
	void aSavedSearchHoldsTheListsFiltersAndCountsItsOpenTickets() {
		long root = rootOrganisationId(admin());
		long organisation = createOrganisation(admin(), root, unique("视图单位"));
		long desk = createRole(admin(), List.of("servicedesk:ticket:read", "servicedesk:ticket:create",
				"servicedesk:ticket:handle"), "OWN_SUBTREE", List.of());
		ApiClient agent = createUserAndSignIn(admin(), unique("view"), organisation, List.of(desk));
		long first = agent.post("/api/v1/tickets", incident(1, "核心系统宕机")).id();
		agent.post("/api/v1/tickets", incident(1, "核心系统缓慢"));
		agent.post("/api/v1/tickets", incident(3, "打印机卡纸"));
		Response created = agent.post("/api/v1/ticket-searches", Map.of("name", "  一级故障  ", "queue", "ALL",
				"filters", Map.of("type", "INCIDENT", "faultLevel", 1), "sort", "dueAt,ASC"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode search = created.json();
		assertThat(search.path("name").asText()).isEqualTo("一级故障");
		assertThat(search.path("mine").asBoolean()).isTrue();
		assertThat(search.path("shared").asBoolean()).isFalse();
		assertThat(search.path("owner").path("name").asText()).startsWith("view");
		assertThat(search.path("queue").asText()).isEqualTo("ALL");
		assertThat(search.path("filters").path("faultLevel").asInt()).isEqualTo(1);
		assertThat(search.path("filters").path("type").asText()).isEqualTo("INCIDENT");
		assertThat(search.path("sort").asText()).isEqualTo("dueAt,asc");
		assertThat(search.path("version").asInt()).isZero();
		long id = search.path("id").asLong();
		Response titled = agent.post("/api/v1/ticket-searches", Map.of("name", "核心", "queue", "UNASSIGNED",
				"filters", Map.of("q", "核心系统")));
		assertThat(titled.status()).as(titled.toString()).isEqualTo(201);

		// counted as the list counts: the open tickets it holds
		JsonNode counts = agent.get("/api/v1/ticket-searches/counts").json();
		assertThat(counts.path(String.valueOf(id)).asLong()).isEqualTo(2);
		assertThat(counts.path(String.valueOf(titled.id())).asLong()).isEqualTo(2);
		assertThat(agent.get("/api/v1/tickets?queue=ALL&type=INCIDENT&faultLevel=1").json().path("total").asLong()).isEqualTo(2);
		JsonNode ticket = agent.get("/api/v1/tickets/" + first).json();
		assertThat(agent.post("/api/v1/tickets/" + first + "/actions/accept", Map.of("version", ticket.path("version").asInt()))
			.status()).isEqualTo(200);
		assertThat(agent.get("/api/v1/ticket-searches/counts").json().path(String.valueOf(id)).asLong()).isEqualTo(2);

		// changed with the version read; stale → 409; audited
		Map<String, Object> change = new HashMap<>(Map.of("name", "一级和二级", "queue", "OPEN",
				"filters", Map.of("type", "INCIDENT", "faultLevel", 2), "version", 0));
		Response changed = agent.put("/api/v1/ticket-searches/" + id, change);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().path("version").asInt()).isEqualTo(1);
		assertThat(changed.json().path("sort").isNull()).isTrue();
		Response stale = agent.put("/api/v1/ticket-searches/" + id, change);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.code()).isEqualTo("SD-0068");
		change.remove("version");
		assertThat(agent.put("/api/v1/ticket-searches/" + id, change).json().path("errors").get(0).path("field").asText())
			.isEqualTo("version");
		assertThat(admin().get("/api/v1/audit?action=TICKET_SEARCH_UPDATED&targetId=" + id).json().path("total").asLong())
			.isEqualTo(1);

		// reordered: the second first
		Response reordered = agent.put("/api/v1/ticket-searches/order", Map.of("ids", List.of(titled.id())));
		assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
		assertThat(reordered.json()).extracting(s -> s.path("id").asLong()).containsExactly(titled.id(), id);
		assertThat(agent.put("/api/v1/ticket-searches/order", Map.of("ids", List.of(987_654_321L))).status()).isEqualTo(404);

		// deleted
		assertThat(agent.delete("/api/v1/ticket-searches/" + titled.id()).status()).isEqualTo(204);
		assertThat(agent.get("/api/v1/ticket-searches").json()).extracting(s -> s.path("id").asLong()).containsExactly(id);
		assertThat(agent.delete("/api/v1/ticket-searches/" + titled.id()).status()).isEqualTo(404);
	}

	@Test
	void aSearchSharedWithAGroupIsSeenByItsMembersAndChangedByItsOwnerOnly() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long desk = createRole(admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:handle"), "OWN_SUBTREE", List.of());
		String ownerName = unique("owner");
		String memberName = unique("member");
		ApiClient owner = createUserAndSignIn(admin, ownerName, root, List.of(desk));
		ApiClient member = createUserAndSignIn(admin, memberName, root, List.of(desk));
		ApiClient stranger = createUserAndSignIn(admin, unique("stranger"), root, List.of(desk));
		Response group = admin.post("/api/v1/support-groups", Map.of("name", unique("视图组"), "line", 1,
				"memberIds", List.of(userId(admin, ownerName), userId(admin, memberName))));
		assertThat(group.status()).as(group.toString()).isEqualTo(201);
		Response shared = owner.post("/api/v1/ticket-searches", Map.of("name", "本组超时", "queue", "BREACHED",
				"groupId", group.id()));
		assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
		assertThat(shared.json().path("shared").asBoolean()).isTrue();
		assertThat(shared.json().path("group").path("id").asLong()).isEqualTo(group.id());
		Response mine = owner.post("/api/v1/ticket-searches", Map.of("name", "只给自己", "queue", "MINE"));
		assertThat(mine.status()).isEqualTo(201);

		JsonNode seen = member.get("/api/v1/ticket-searches").json();
		assertThat(seen).extracting(s -> s.path("name").asText()).containsExactly("本组超时");
		assertThat(seen.get(0).path("mine").asBoolean()).isFalse();
		assertThat(seen.get(0).path("owner").path("name").asText()).isEqualTo(ownerName);
		assertThat(member.get("/api/v1/ticket-searches/counts").json().has(String.valueOf(shared.id()))).isTrue();
		assertThat(stranger.get("/api/v1/ticket-searches").json()).isEmpty();
		assertThat(stranger.get("/api/v1/ticket-searches/counts").json().isEmpty()).isTrue();

		// only the owner changes or deletes it: a member is told why, a stranger does not learn it exists
		Response changed = member.put("/api/v1/ticket-searches/" + shared.id(), Map.of("name", "改名", "queue", "ALL",
				"version", 0));
		assertThat(changed.status()).isEqualTo(403);
		assertThat(changed.code()).isEqualTo("SD-0067");
		assertThat(changed.json().path("detail").asText()).contains(ownerName);
		assertThat(member.delete("/api/v1/ticket-searches/" + shared.id()).code()).isEqualTo("SD-0067");
		assertThat(stranger.delete("/api/v1/ticket-searches/" + shared.id()).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/ticket-searches/" + mine.id()).status()).isEqualTo(404);
		assertThat(member.delete("/api/v1/ticket-searches/" + mine.id()).status()).isEqualTo(404);
		assertThat(owner.get("/api/v1/ticket-searches").json()).hasSize(2);

		// a group outside the owner's scope cannot be shared with
		long elsewhere = createOrganisation(admin, root, unique("别处"));
		ApiClient outsider = createUserAndSignIn(admin, unique("outsider"), elsewhere, List.of(desk));
		Response hijack = outsider.post("/api/v1/ticket-searches", Map.of("name", "蹭组", "queue", "ALL", "groupId", group.id()));
		assertThat(hijack.status()).isEqualTo(400);
		assertThat(hijack.json().path("errors").get(0).path("field").asText()).isEqualTo("groupId");

		// unshared by its owner: the member no longer sees it
		Response unshared = owner.put("/api/v1/ticket-searches/" + shared.id(), Map.of("name", "本组超时", "queue", "BREACHED",
				"version", 0));
		assertThat(unshared.status()).as(unshared.toString()).isEqualTo(200);
		assertThat(member.get("/api/v1/ticket-searches").json()).isEmpty();
	}

	@Test
	void badSearchesAreRefusedAtTheirFieldAndNothingIsSaved() {
		ApiClient admin = admin();
		String me = unique("bad");
		ApiClient user = createUserAndSignIn(admin, me, rootOrganisationId(admin),
				List.of(createRole(admin, List.of("servicedesk:ticket:read"), "OWN_SUBTREE", List.of())));
		assertThat(fields(user.post("/api/v1/ticket-searches", Map.of("name", " ", "queue", "ALL")))).containsExactly("name");
		assertThat(fields(user.post("/api/v1/ticket-searches", Map.of("name", "x".repeat(51), "queue", "ALL"))))
			.containsExactly("name");
		assertThat(fields(user.post("/api/v1/ticket-searches", Map.of("name", "a", "queue", "EVERYTHING"))))
			.containsExactly("queue");
		assertThat(fields(user.post("/api/v1/ticket-searches", Map.of("name", "a", "filters",
				Map.of("state", "SLEEPING", "type", "PROBLEM", "faultLevel", 7, "colour", "red")))))
			.containsExactlyInAnyOrder("filters.state", "filters.type", "filters.faultLevel", "filters.colour");
		assertThat(fields(user.post("/api/v1/ticket-searches", Map.of("name", "a", "filters",
				Map.of("businessSystemId", 987_654_321L))))).containsExactly("filters.businessSystemId");
		assertThat(fields(user.post("/api/v1/ticket-searches", Map.of("name", "a", "filters", Map.of("q", "x".repeat(101))))))
			.containsExactly("filters.q");
		assertThat(fields(user.post("/api/v1/ticket-searches", Map.of("name", "a", "sort", "title,asc")))).containsExactly("sort");
		assertThat(fields(user.post("/api/v1/ticket-searches", Map.of("name", "a", "groupId", 987_654_321L))))
			.containsExactly("groupId");
		Response bad = user.post("/api/v1/ticket-searches", Map.of("name", "a", "filters", Map.of("state", "SLEEPING")));
		assertThat(bad.json().path("errors").get(0).path("message").asText()).contains("SLEEPING");
		assertThat(user.get("/api/v1/ticket-searches").json()).isEmpty();

		assertThat(user.post("/api/v1/ticket-searches", Map.of("name", "已解决", "filters", Map.of("state", "RESOLVED"))).status())
			.isEqualTo(201);
		Response taken = user.post("/api/v1/ticket-searches", Map.of("name", "已解决"));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().path("errors").get(0).path("field").asText()).isEqualTo("name");
		for (int i = 1; i < 30; i++) {
			assertThat(user.post("/api/v1/ticket-searches", Map.of("name", "视图" + i)).status()).isEqualTo(201);
		}
		Response tooMany = user.post("/api/v1/ticket-searches", Map.of("name", "第三十一个"));
		assertThat(tooMany.status()).isEqualTo(409);
		assertThat(tooMany.code()).isEqualTo("SD-0066");
		assertThat(user.get("/api/v1/ticket-searches").json()).hasSize(30);
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		List<String> fields = new java.util.ArrayList<>();
		response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
		return fields;
	}

	private static Map<String, Object> incident(int level, String title) {
		return Map.of("type", "INCIDENT", "title", title, "faultLevel", level, "contact",
				Map.of("name", "李主任", "phone", "13800000002"));
	}

}
