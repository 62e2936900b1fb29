package io.opsguard.servicedesk;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL of ticket links and saved searches through the API, on H2 ({@link TicketLinkPersistenceH2IT})
 * and on a real PostgreSQL ({@link TicketLinkPersistencePostgresIT}): links of every kind written
 * once and read from both sides beside a complaint the portal made, the walk up a chain of parents,
 * the open complaint still found by its kind; saved searches with every filter column, shared
 * through a group, names compared without case, counted by the list's conditions and reordered.
 */
abstract class TicketLinkPersistenceScenarios extends PortalTestSupport {

	@Test
	void linksOfEveryKindAreStoredOnceAndReadFromBothSides() {
		setUpDesk();
		ApiClient me = requester("linker");
		JsonNode original = report(me, "存储关联原单");
		resolve(original.path("id").asLong());
		Response complaint = me.post("/api/v1/portal/tickets/" + original.path("id").asLong() + "/complaint",
				Map.of("reason", "处理太慢"));
		assertThat(complaint.status()).as(complaint.toString()).isEqualTo(201);
		long[] chain = new long[4];
		for (int i = 0; i < chain.length; i++) {
			chain[i] = report(me, "存储关联链" + i).path("id").asLong();
		}
		// a chain of parents 0 → 1 → 2 → 3; then 3 may not become the parent of 0
		for (int i = 0; i < 3; i++) {
			assertThat(this.admin.post(links(chain[i]), Map.of("otherId", chain[i + 1], "kind", "PARENT")).status()).isEqualTo(201);
		}
		Response cycle = this.admin.post(links(chain[3]), Map.of("otherId", chain[0], "kind", "PARENT"));
		assertThat(cycle.code()).as(cycle.toString()).isEqualTo("SD-0059");
		assertThat(this.admin.post(links(chain[1]), Map.of("otherId", original.path("id").asLong(), "kind", "RELATED")).status())
			.isEqualTo(201);
		assertThat(this.admin.post(links(original.path("id").asLong()), Map.of("otherId", chain[2], "kind", "CAUSED_BY"))
			.status()).isEqualTo(201);
		assertThat(this.admin.post(links(chain[3]), Map.of("otherId", chain[2], "kind", "DUPLICATE")).status()).isEqualTo(201);

		JsonNode ofOriginal = this.admin.get(links(original.path("id").asLong())).json();
		assertThat(ofOriginal).extracting(l -> l.path("role").asText()).containsExactly("CAUSE", "RELATED", "COMPLAINT");
		assertThat(ofOriginal.get(2).path("id").asLong()).isEqualTo(complaint.id());
		assertThat(ofOriginal.get(2).path("removable").asBoolean()).isFalse();
		assertThat(this.admin.get(links(complaint.id())).json()).extracting(l -> l.path("role").asText())
			.containsExactly("COMPLAINED_TICKET");
		assertThat(this.admin.get(links(chain[2])).json()).extracting(l -> l.path("role").asText())
			.containsExactly("PARENT", "CHILD", "DUPLICATE", "EFFECT");
		// the requester sees the complaint in the portal, and nothing of the desk's own links
		JsonNode portal = me.get("/api/v1/portal/tickets/" + original.path("id").asLong()).json();
		assertThat(portal.path("links")).hasSize(1);
		assertThat(portal.path("links").get(0).path("kind").asText()).isEqualTo("COMPLAINT");
		// the open complaint is still found by its kind: a second one is refused
		assertThat(me.post("/api/v1/portal/tickets/" + original.path("id").asLong() + "/complaint", Map.of("reason", "再投诉"))
			.status()).isEqualTo(409);
		assertThat(this.admin.delete(links(chain[2]) + "/" + chain[1] + "?kind=CHILD").status()).isEqualTo(200);
		assertThat(this.admin.post(links(chain[3]), Map.of("otherId", chain[0], "kind", "PARENT")).status())
			.as("no cycle once the chain is broken").isEqualTo(201);
	}

	@Test
	void savedSearchesKeepEveryFilterAndAreCountedByTheListsConditions() {
		setUpDesk();
		ApiClient me = requester("searcher");
		report(me, "存储视图百分之100%_完成");
		String marker = unique("V");
		Response full = this.admin.post("/api/v1/ticket-searches", Map.of("name", marker + "全部条件", "queue", "UNASSIGNED",
				"groupId", this.group, "sort", "reportedAt,desc", "filters", Map.of("type", "INCIDENT", "state", "REPORTED",
						"faultLevel", 4, "businessSystemId", this.system, "q", "百分之100%_")));
		assertThat(full.status()).as(full.toString()).isEqualTo(201);
		JsonNode filters = full.json().path("filters");
		assertThat(filters.path("type").asText()).isEqualTo("INCIDENT");
		assertThat(filters.path("state").asText()).isEqualTo("REPORTED");
		assertThat(filters.path("faultLevel").asInt()).isEqualTo(4);
		assertThat(filters.path("businessSystemId").asLong()).isEqualTo(this.system);
		assertThat(filters.path("q").asText()).isEqualTo("百分之100%_");
		assertThat(full.json().path("group").path("id").asLong()).isEqualTo(this.group);
		Response numbered = this.admin.post("/api/v1/ticket-searches", Map.of("name", marker + "按号", "queue", "ALL",
				"filters", Map.of("q", "GZ-2")));
		assertThat(numbered.status()).isEqualTo(201);
		Response taken = this.admin.post("/api/v1/ticket-searches", Map.of("name", marker.toLowerCase() + "按号"));
		assertThat(taken.code()).as("names are compared without case").isEqualTo("SD-0064");

		JsonNode counts = this.admin.get("/api/v1/ticket-searches/counts").json();
		assertThat(counts.path(String.valueOf(full.id())).asLong()).isEqualTo(1);
		assertThat(counts.path(String.valueOf(numbered.id())).asLong()).isPositive();
		assertThat(this.admin.put("/api/v1/ticket-searches/order", Map.of("ids", List.of(numbered.id(), full.id()))).json())
			.extracting(s -> s.path("id").asLong())
			.containsSubsequence(numbered.id(), full.id());
		JsonNode reread = this.admin.get("/api/v1/ticket-searches").json();
		JsonNode moved = null;
		for (JsonNode s : reread) {
			if (s.path("id").asLong() == full.id()) {
				moved = s;
			}
		}
		assertThat(moved).isNotNull();
		assertThat(moved.path("version").asInt()).as("moving is a change").isEqualTo(1);
		assertThat(this.admin.delete("/api/v1/ticket-searches/" + full.id()).status()).isEqualTo(204);
		assertThat(this.admin.delete("/api/v1/ticket-searches/" + numbered.id()).status()).isEqualTo(204);
	}

	private static String links(long ticketId) {
		return "/api/v1/tickets/" + ticketId + "/links";
	}

}
