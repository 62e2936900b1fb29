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
 * Links between tickets over HTTP: made from one ticket and seen from both with the part each plays,
 * written into both histories and audited; each refusal (itself, an unknown number, twice, a second
 * parent, a cycle of parents, a complaint by hand) names its field and changes nothing; a ticket of
 * another organisation is neither linked nor listed; reading alone does not let one link.
 */
class TicketLinkApiIT extends ApiTestSupport {

	private ApiClient admin;

	private long root;

	@BeforeEach
	void setUp() {
		this.admin = admin();
		this.root = rootOrganisationId(this.admin);
	}

	@Test
	void aLinkIsSeenFromBothSidesInTheirHistoryAndAudited() {
		JsonNode a = ticket("关联测试甲");
		JsonNode b = ticket("关联测试乙");
		Response added = this.admin.post(links(a), Map.of("otherNumber", b.path("number").asText().toLowerCase(), "kind", "related"));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		JsonNode fromA = only(added.json());
		assertThat(fromA.path("id").asLong()).isEqualTo(b.path("id").asLong());
		assertThat(fromA.path("number").asText()).isEqualTo(b.path("number").asText());
		assertThat(fromA.path("title").asText()).isEqualTo("关联测试乙");
		assertThat(fromA.path("state").asText()).isEqualTo("REPORTED");
		assertThat(fromA.path("type").asText()).isEqualTo("INCIDENT");
		assertThat(fromA.path("role").asText()).isEqualTo("RELATED");
		assertThat(fromA.path("removable").asBoolean()).isTrue();
		assertThat(fromA.path("createdByName").asText()).isNotBlank();
		JsonNode fromB = only(this.admin.get(links(b)).json());
		assertThat(fromB.path("id").asLong()).isEqualTo(a.path("id").asLong());
		assertThat(fromB.path("role").asText()).isEqualTo("RELATED");

		// both histories tell it, each from its side; the audit log has it once
		assertThat(lastEvent(a).path("action").asText()).isEqualTo("LINK");
		assertThat(lastEvent(a).path("detailKey").asText()).isEqualTo("ticket.history.linked");
		assertThat(lastEvent(a).path("detailArgs").asText()).isEqualTo("RELATED," + b.path("number").asText());
		assertThat(lastEvent(b).path("detailArgs").asText()).isEqualTo("RELATED," + a.path("number").asText());
		JsonNode audit = this.admin.get("/api/v1/audit?action=TICKET_LINKED&targetId=" + a.path("id").asLong()).json();
		assertThat(audit.path("total").asLong()).isEqualTo(1);
		assertThat(audit.path("items").get(0).path("summary").asText()).contains(b.path("number").asText());

		// linking does not touch the ticket itself: an edit dialog open meanwhile still saves
		assertThat(this.admin.get("/api/v1/tickets/" + a.path("id").asLong()).json().path("version").asInt())
			.isEqualTo(a.path("version").asInt());

		// removed from the other side, by the other ticket's id and the kind
		Response removed = this.admin.delete(links(b) + "/" + a.path("id").asLong() + "?kind=RELATED");
		assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
		assertThat(removed.json()).isEmpty();
		assertThat(this.admin.get(links(a)).json()).isEmpty();
		assertThat(lastEvent(a).path("action").asText()).isEqualTo("UNLINK");
		assertThat(lastEvent(b).path("detailKey").asText()).isEqualTo("ticket.history.unlinked");
		assertThat(this.admin.get("/api/v1/audit?action=TICKET_UNLINKED&targetId=" + b.path("id").asLong()).json()
			.path("total").asLong()).isEqualTo(1);
		Response again = this.admin.delete(links(b) + "/" + a.path("id").asLong() + "?kind=RELATED");
		assertThat(again.status()).isEqualTo(404);
		assertThat(again.code()).isEqualTo("SD-0062");
	}

	@Test
	void eachKindShowsTheOtherTicketsPartFromEachSide() {
		JsonNode problem = ticket("机房空调故障");
		JsonNode incident = ticket("多个系统无法访问");
		JsonNode duplicate = ticket("系统无法访问（重复来电）");
		JsonNode parent = ticket("办公网改造");
		// this ticket was caused by the other; this one duplicates the other; this one is the other's child
		assertThat(this.admin.post(links(incident), Map.of("otherId", problem.path("id").asLong(), "kind", "CAUSED_BY")).status())
			.isEqualTo(201);
		assertThat(this.admin.post(links(duplicate), Map.of("otherNumber", incident.path("number").asText(), "kind", "DUPLICATE"))
			.status()).isEqualTo(201);
		assertThat(this.admin.post(links(incident), Map.of("otherNumber", parent.path("number").asText(), "kind", "CHILD"))
			.status()).isEqualTo(201);
		assertThat(roles(incident)).containsExactlyInAnyOrderEntriesOf(Map.of(problem.path("number").asText(), "CAUSE",
				duplicate.path("number").asText(), "DUPLICATE", parent.path("number").asText(), "PARENT"));
		assertThat(roles(problem)).containsExactlyEntriesOf(Map.of(incident.path("number").asText(), "EFFECT"));
		assertThat(roles(duplicate)).containsExactlyEntriesOf(Map.of(incident.path("number").asText(), "ORIGINAL"));
		assertThat(roles(parent)).containsExactlyEntriesOf(Map.of(incident.path("number").asText(), "CHILD"));
		JsonNode stored = this.admin.get(links(parent)).json().get(0);
		assertThat(stored.path("kind").asText()).as("stored once, as the parent's").isEqualTo("PARENT");
		assertThat(stored.path("direction").asText()).isEqualTo("OUTGOING");
		// the history of the child names its parent in its own words
		assertThat(lastEvent(incident).path("detailArgs").asText()).isEqualTo("PARENT," + parent.path("number").asText());
		// a CHILD link is removed from the parent's side as PARENT
		assertThat(this.admin.delete(links(parent) + "/" + incident.path("id").asLong() + "?kind=PARENT").status()).isEqualTo(200);
		assertThat(roles(incident)).doesNotContainKey(parent.path("number").asText());
	}

	@Test
	void badLinksAreRefusedAtTheirFieldAndNothingIsSaved() {
		JsonNode a = ticket("拒绝测试甲");
		JsonNode b = ticket("拒绝测试乙");
		JsonNode c = ticket("拒绝测试丙");
		String numberB = b.path("number").asText();
		assertRefused(this.admin.post(links(a), Map.of("otherNumber", a.path("number").asText(), "kind", "RELATED")), 400,
				"otherNumber", "SD-0057");
		assertRefused(this.admin.post(links(a), Map.of("otherNumber", "GZ-19990101-0001", "kind", "RELATED")), 400,
				"otherNumber", "SD-0056");
		assertRefused(this.admin.post(links(a), Map.of("otherId", 987_654_321L, "kind", "RELATED")), 400, "otherId", "SD-0056");
		assertRefused(this.admin.post(links(a), Map.of("kind", "RELATED")), 400, "otherNumber", "SD-0055");
		assertRefused(this.admin.post(links(a), Map.of("otherNumber", numberB, "kind", "BLOCKS")), 400, "kind", "SD-0054");
		assertRefused(this.admin.post(links(a), Map.of("otherNumber", numberB)), 400, "kind", "SD-0054");
		assertRefused(this.admin.post(links(a), Map.of("otherNumber", numberB, "kind", "COMPLAINT")), 400, "kind", "SD-0061");
		assertThat(this.admin.get(links(a)).json()).isEmpty();

		// twice, either way round
		assertThat(this.admin.post(links(a), Map.of("otherNumber", numberB, "kind", "DUPLICATE")).status()).isEqualTo(201);
		assertRefused(this.admin.post(links(a), Map.of("otherNumber", numberB, "kind", "DUPLICATE")), 409, "otherNumber",
				"SD-0058");
		assertRefused(this.admin.post(links(b), Map.of("otherNumber", a.path("number").asText(), "kind", "DUPLICATE")), 409,
				"otherNumber", "SD-0058");
		Response related = this.admin.post(links(a), Map.of("otherNumber", numberB, "kind", "RELATED"));
		assertThat(related.status()).as("another kind between the same tickets").isEqualTo(201);
		assertRefused(this.admin.post(links(b), Map.of("otherId", a.path("id").asLong(), "kind", "RELATED")), 409, "otherId",
				"SD-0058");
		Response twice = this.admin.post(links(b), Map.of("otherId", a.path("id").asLong(), "kind", "RELATED"));
		assertThat(twice.json().path("errors").get(0).path("message").asText()).contains(a.path("number").asText()).contains("相关");

		// parents: A is the parent of B, B of C; C cannot become A's parent, nor B get a second parent
		assertThat(this.admin.post(links(a), Map.of("otherNumber", numberB, "kind", "PARENT")).status()).isEqualTo(201);
		assertThat(this.admin.post(links(c), Map.of("otherNumber", numberB, "kind", "CHILD")).status()).isEqualTo(201);
		assertRefused(this.admin.post(links(c), Map.of("otherNumber", a.path("number").asText(), "kind", "PARENT")), 409,
				"otherNumber", "SD-0059");
		assertRefused(this.admin.post(links(b), Map.of("otherNumber", a.path("number").asText(), "kind", "PARENT")), 409,
				"otherNumber", "SD-0059");
		JsonNode d = ticket("拒绝测试丁");
		Response second = this.admin.post(links(d), Map.of("otherNumber", numberB, "kind", "PARENT"));
		assertRefused(second, 409, "otherNumber", "SD-0060");
		assertThat(second.json().path("errors").get(0).path("message").asText()).contains(numberB)
			.contains(a.path("number").asText());
		assertThat(this.admin.get(links(d)).json()).isEmpty();
		assertRefused(this.admin.delete(links(a) + "/" + b.path("id").asLong() + "?kind=COMPLAINT"), 400, "kind", "SD-0061");
		assertRefused(this.admin.delete(links(a) + "/" + b.path("id").asLong()), 400, "kind", "SD-0054");
		assertThat(this.admin.delete(links(a) + "/987654321?kind=RELATED").status()).isEqualTo(404);
		assertThat(this.admin.get(links(a)).json()).hasSize(3);
		assertThat(this.admin.get(links(a)).json()).extracting(l -> l.path("role").asText())
			.containsExactly("CHILD", "ORIGINAL", "RELATED");
	}

	@Test
	void ticketsOutsideTheScopeAreNeitherLinkedNorListedAndReadersCannotLink() {
		long a = createOrganisation(this.admin, this.root, unique("链甲"));
		long b = createOrganisation(this.admin, this.root, unique("链乙"));
		long desk = createRole(this.admin, List.of("servicedesk:ticket:read", "servicedesk:ticket:create",
				"servicedesk:ticket:handle"), "OWN_SUBTREE", List.of());
		long reading = createRole(this.admin, List.of("servicedesk:ticket:read"), "OWN_SUBTREE", List.of());
		ApiClient agentA = createUserAndSignIn(this.admin, unique("linka"), a, List.of(desk));
		ApiClient readerA = createUserAndSignIn(this.admin, unique("linkr"), a, List.of(reading));
		long mine = agentA.post("/api/v1/tickets", incident("甲单位的工单", null)).id();
		JsonNode theirs = this.admin.post("/api/v1/tickets", incident("乙单位的工单", b)).json();
		Response refused = agentA.post("/api/v1/tickets/" + mine + "/links",
				Map.of("otherNumber", theirs.path("number").asText(), "kind", "RELATED"));
		assertRefused(refused, 400, "otherNumber", "SD-0056");
		assertThat(agentA.post("/api/v1/tickets/" + theirs.path("id").asLong() + "/links",
				Map.of("otherId", mine, "kind", "RELATED")).status()).as("their ticket is not found").isEqualTo(404);
		assertThat(agentA.delete("/api/v1/tickets/" + mine + "/links/" + theirs.path("id").asLong() + "?kind=RELATED").status())
			.isEqualTo(404);
		// the desk above both links them: agent A sees the link on A's ticket without B's ticket
		assertThat(this.admin.post("/api/v1/tickets/" + mine + "/links", Map.of("otherId", theirs.path("id").asLong(),
				"kind", "CAUSED_BY")).status()).isEqualTo(201);
		assertThat(this.admin.get("/api/v1/tickets/" + mine + "/links").json()).hasSize(1);
		assertThat(agentA.get("/api/v1/tickets/" + mine + "/links").json()).isEmpty();
		// reading is enough to see links, not to make them
		assertThat(readerA.get("/api/v1/tickets/" + mine + "/links").status()).isEqualTo(200);
		JsonNode other = agentA.post("/api/v1/tickets", incident("甲单位的另一张工单", null)).json();
		Response reader = readerA.post("/api/v1/tickets/" + mine + "/links",
				Map.of("otherNumber", other.path("number").asText(), "kind", "RELATED"));
		assertThat(reader.status()).isEqualTo(403);
		assertThat(agentA.post("/api/v1/tickets/" + mine + "/links",
				Map.of("otherNumber", other.path("number").asText(), "kind", "RELATED")).status()).isEqualTo(201);
	}

	private JsonNode ticket(String title) {
		Response created = this.admin.post("/api/v1/tickets", incident(title, null));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	private static Map<String, Object> incident(String title, Long organisationId) {
		Map<String, Object> body = new HashMap<>();
		body.put("type", "INCIDENT");
		body.put("title", title);
		body.put("faultLevel", 3);
		body.put("contact", Map.of("name", "王科长", "phone", "13800000001"));
		if (organisationId != null) {
			body.put("organisationId", organisationId);
		}
		return body;
	}

	private static String links(JsonNode ticket) {
		return "/api/v1/tickets/" + ticket.path("id").asLong() + "/links";
	}

	private Map<String, String> roles(JsonNode ticket) {
		Map<String, String> roles = new HashMap<>();
		this.admin.get(links(ticket)).json().forEach(l -> roles.put(l.path("number").asText(), l.path("role").asText()));
		return roles;
	}

	private JsonNode lastEvent(JsonNode ticket) {
		JsonNode history = this.admin.get("/api/v1/tickets/" + ticket.path("id").asLong() + "/history").json();
		return history.get(history.size() - 1);
	}

	private static JsonNode only(JsonNode array) {
		assertThat(array).hasSize(1);
		return array.get(0);
	}

	private static void assertRefused(Response response, int status, String field, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.json().path("errors").get(0).path("field").asText()).as(response.toString()).isEqualTo(field);
		assertThat(response.json().path("errors").get(0).path("code").asText()).as(response.toString()).isEqualTo(code);
	}

}
