package io.opsguard.servicelevel;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.cmdb.CmdbTestSupport;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the service-level tests: the four parties, proposals, confirmations, system views. */
abstract class ServiceLevelTestSupport extends CmdbTestSupport {

	/** The four parties of a grading, each a signed-in user. */
	record Parties(Map<String, ApiClient> clients, Map<String, Long> ids) {
	}

	protected Parties parties(ApiClient admin) {
		long root = rootOrganisationId(admin);
		Map<String, String> roles = new LinkedHashMap<>();
		roles.put("BUSINESS_PARTY", "END_USER");
		roles.put("TECHNICAL_AUTHORITY", "CLIENT_VIEWER");
		roles.put("TECHNICAL_UNDERTAKER", "ENGINEER");
		roles.put("OM_PARTY", "OM_MANAGER");
		Map<String, ApiClient> clients = new LinkedHashMap<>();
		Map<String, Long> ids = new LinkedHashMap<>();
		for (Map.Entry<String, String> role : roles.entrySet()) {
			String username = unique("p");
			clients.put(role.getKey(), createUserAndSignIn(admin, username, root, List.of(roleId(admin, role.getValue()))));
			ids.put(role.getKey(), userId(admin, username));
		}
		return new Parties(clients, ids);
	}

	protected long userId(ApiClient admin, String username) {
		return admin.get("/api/v1/users?q=" + username).json().path("items").get(0).path("id").asLong();
	}

	protected static Map<String, Object> factors(String realtime, String sensitivity, String dependence) {
		return Map.of("realtime", realtime, "realtimeReason", "全省联网办案，须实时可用", "sensitivity", sensitivity,
				"sensitivityReason", "涉及案件信息", "dependence", dependence, "dependenceReason", "全部业务依赖本系统");
	}

	protected Response propose(ApiClient admin, long system, Map<String, Object> factors, Parties parties, String reason) {
		Map<String, Object> body = new HashMap<>();
		body.put("systemId", system);
		body.put("factors", factors);
		body.put("parties", parties.ids());
		if (reason != null) {
			body.put("reason", reason);
		}
		return admin.post("/api/v1/grading/proposals", body);
	}

	protected JsonNode confirmAll(long proposal, Parties parties) {
		JsonNode last = null;
		for (ApiClient party : parties.clients().values()) {
			Response decided = party.post("/api/v1/grading/proposals/" + proposal + "/decision",
					Map.of("decision", "CONFIRMED", "comment", "同意"));
			assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
			last = decided.json();
		}
		return last;
	}

	protected long grade(ApiClient admin, long system, Map<String, Object> factors, Parties parties) {
		Response proposed = propose(admin, system, factors, parties, null);
		assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
		confirmAll(proposed.id(), parties);
		return proposed.id();
	}

	protected JsonNode system(ApiClient client, long id) {
		Response response = client.get("/api/v1/service-levels/systems/" + id);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	/**
	 * A system's page once its level matches: levels follow CMDB changes moments after the change
	 * commits (a module event), not within the CMDB's answer.
	 */
	protected JsonNode systemOnceLevel(ApiClient client, long id, Predicate<JsonNode> levelMatches) {
		AtomicReference<JsonNode> detail = new AtomicReference<>();
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
			detail.set(system(client, id));
			return levelMatches.test(detail.get().path("system").path("level"));
		});
		return detail.get();
	}

	/** The systems of the overview whose name or code contains {@code q} (one page). */
	protected JsonNode systemsNamed(ApiClient client, String q, String filters) {
		Response response = client.get("/api/v1/service-levels/systems?size=200&q=" + q + (filters == null ? "" : "&" + filters));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().path("items");
	}

	protected static Map<String, String> gaps(JsonNode detail) {
		Map<String, String> gaps = new HashMap<>();
		detail.path("gaps").forEach(g -> gaps.put(g.path("code").asText(), g.path("status").asText()));
		return gaps;
	}

}
