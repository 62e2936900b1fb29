package io.opsguard.cmdb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten clients adding and removing relations among a handful of CIs at once, as operators wiring
 * up a machine room do: no request fails with a server error, and afterwards every CI's relations
 * and history agree with what the clients were told.
 */
class CmdbRelationConcurrencyIT extends CmdbTestSupport {

	private static final int CLIENTS = 10;

	private static final int ROUNDS = 30;

	@Test
	void tenClientsAddingAndRemovingRelationsGetNoServerError() throws Exception {
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("并发"));
		List<Long> switches = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			switches.add(ci(admin, "SWITCH", unique("并发交换机"), org, Map.of()));
		}
		List<ApiClient> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			clients.add(admin());
		}
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				ApiClient client = clients.get(c);
				Random random = new Random(c);
				done.add(pool.submit(() -> {
					for (int round = 0; round < ROUNDS; round++) {
						long a = switches.get(random.nextInt(switches.size()));
						long b = switches.get(random.nextInt(switches.size()));
						Response response;
						if (random.nextBoolean()) {
							response = client.post("/api/v1/cmdb/relations",
									Map.of("type", "CONNECTED_TO", "sourceId", a, "targetId", b));
						}
						else {
							JsonNode relations = client.get("/api/v1/cmdb/relations?ciId=" + a).json();
							if (relations.isEmpty()) {
								continue;
							}
							response = client.delete("/api/v1/cmdb/relations/"
									+ relations.get(random.nextInt(relations.size())).path("id").asLong());
						}
						statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
						if (response.status() >= 500) {
							serverErrors.add(response.toString());
						}
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(serverErrors).as("statuses " + statuses).isEmpty();
		assertThat(statuses.keySet()).as("only created, removed, already there or already gone").isSubsetOf(201, 204, 400,
				404, 409);

		// every relation is seen from both ends, once, and every CI's history has versions 1..n without gaps
		Set<Long> seen = new HashSet<>();
		for (long id : switches) {
			for (JsonNode relation : admin.get("/api/v1/cmdb/relations?ciId=" + id).json()) {
				long other = relation.path("sourceId").asLong() == id ? relation.path("targetId").asLong()
						: relation.path("sourceId").asLong();
				boolean fromOtherEnd = false;
				for (JsonNode back : admin.get("/api/v1/cmdb/relations?ciId=" + other).json()) {
					fromOtherEnd |= back.path("id").asLong() == relation.path("id").asLong();
				}
				assertThat(fromOtherEnd).as("relation %s from both ends", relation.path("id")).isTrue();
				seen.add(relation.path("id").asLong());
			}
			List<Integer> versions = new ArrayList<>();
			admin.get("/api/v1/cmdb/cis/" + id + "/history").json().forEach(v -> versions.add(v.path("version").asInt()));
			for (int i = 0; i < versions.size(); i++) {
				assertThat(versions.get(i)).isEqualTo(versions.size() - i);
			}
		}
		int added = statuses.getOrDefault(201, new AtomicInteger()).get();
		int removed = statuses.getOrDefault(204, new AtomicInteger()).get();
		assertThat(seen).as("relations left = added - removed").hasSize(added - removed);
	}

}
