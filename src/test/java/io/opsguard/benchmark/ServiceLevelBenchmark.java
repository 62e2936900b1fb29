package io.opsguard.benchmark;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import io.opsguard.cmdb.internal.CmdbGraph;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service-level pages of a province: 500 business systems (60 of them application-support
 * systems that support others) on 2,000 servers with standby and backup relations, graded at all
 * five levels with declared facts. Ten users at once open the overview with every system's gaps,
 * a system's page, the gap overview of one level, and ask for a ticket's SLA targets.
 */
final class ServiceLevelBenchmark implements Benchmark {

	static final int SYSTEMS = 500;

	static final int SUPPORT_SYSTEMS = 60;

	static final int SERVERS = 2_000;

	private static final int CLIENTS = 10;

	private static final long PHASE_MS = 15_000;

	@Override
	public String name() {
		return "servicelevel";
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		List<Long> systems = seed(context);
		List<LoadClient> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			LoadClient client = new LoadClient(context.baseUrl(), i);
			client.timed(new Latencies(), "GET", "/api/v1/auth/session", null);
			client.timed(new Latencies(), "POST", "/api/v1/auth/login",
					"{\"username\":\"admin\",\"password\":\"" + context.adminPassword() + "\"}");
			clients.add(client);
		}
		// the level of every support system follows from the graded ones
		clients.get(0).timed(new Latencies(), "GET", "/api/v1/service-levels/systems", null);
		LoadPhases.run(clients, 5_000, 0, client -> mixed(client, systems, new Phase()));
		Phase working = new Phase();
		LoadPhases.run(clients, PHASE_MS, IdentityBenchmark.MAX_THINK_MS, client -> mixed(client, systems, working));
		List<Figure> figures = new ArrayList<>();
		figures.add(Figure.info("servicelevel.seed.systems", systems.size(), "business systems"));
		figures.add(Figure.atMost("servicelevel.overview.p95", working.overview().percentileMillis(95), "ms", 800)
			.remark(CLIENTS + " users, 0–400 ms between requests; every system with its level, policy and gaps"));
		figures.add(Figure.atMost("servicelevel.level-filter.p95", working.level().percentileMillis(95), "ms", 500));
		figures.add(Figure.atMost("servicelevel.system.p95", working.system().percentileMillis(95), "ms", 200));
		figures.add(Figure.atMost("servicelevel.targets.p95", working.targets().percentileMillis(95), "ms", 50));
		figures.add(Figure.atMost("servicelevel.errors", working.overview().errors() + working.level().errors()
				+ working.system().errors() + working.targets().errors(), "requests", 0));
		figures.addAll(cmdbTransaction(context, systems));
		return figures;
	}

	record Phase(Latencies overview, Latencies level, Latencies system, Latencies targets) {

		Phase() {
			this(new Latencies(), new Latencies(), new Latencies(), new Latencies());
		}

	}

	private static void mixed(LoadClient client, List<Long> systems, Phase phase) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long system = systems.get(random.nextInt(systems.size()));
		switch (random.nextInt(4)) {
			case 0 -> client.timed(phase.overview(), "GET", "/api/v1/service-levels/systems", null);
			case 1 -> client.timed(phase.level(), "GET",
					"/api/v1/service-levels/systems?onlyGaps=true&level=" + (1 + random.nextInt(5)), null);
			case 2 -> client.timed(phase.system(), "GET", "/api/v1/service-levels/systems/" + system, null);
			default -> client.timed(phase.targets(), "GET", "/api/v1/sla-policies/targets?systemId=" + system
					+ "&ticketType=INCIDENT&faultLevel=" + (1 + random.nextInt(4)), null);
		}
	}

	/**
	 * One CMDB transaction that changes the application-support flag 10,000 times (an import of
	 * business systems): how many recomputations it asks for (one publication of LevelsOutdated),
	 * and how long until the levels are recomputed after its commit.
	 */
	private static List<Figure> cmdbTransaction(BenchmarkContext context, List<Long> systems) {
		JdbcClient jdbc = context.bean(JdbcClient.class);
		String outdated = "io.opsguard.servicelevel.internal.LevelsOutdated";
		long before = jdbc.sql("select count(*) from event_publication where event_type = :t").param("t", outdated)
			.query(Long.class).single();
		org.springframework.context.ApplicationEventPublisher events = context.application();
		long start = System.nanoTime();
		context.bean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(tx -> {
			for (int i = 0; i < 10_000; i++) {
				events.publishEvent(new io.opsguard.cmdb.CiChanged(systems.get(i % systems.size()),
						java.util.Set.of("attributes.applicationSupport")));
			}
		});
		long committed = System.nanoTime();
		long publications = jdbc.sql("select count(*) from event_publication where event_type = :t").param("t", outdated)
			.query(Long.class).single() - before;
		long deadline = System.currentTimeMillis() + 60_000;
		while (jdbc.sql("select count(*) from event_publication where event_type = :t and completion_date is null")
			.param("t", outdated).query(Long.class).single() > 0 && System.currentTimeMillis() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		long recomputed = System.nanoTime();
		return List.of(
				Figure.atMost("servicelevel.cmdb-transaction.recomputations", publications, "publications", 1)
					.remark("10,000 CI changes in one transaction"),
				Figure.info("servicelevel.cmdb-transaction.commit", (committed - start) / 1_000_000, "ms"),
				Figure.atMost("servicelevel.cmdb-transaction.levels-current-after", (recomputed - committed) / 1_000_000, "ms",
						2_000));
	}

	/** Business systems, servers and relations straight into the tables; levels as confirmed gradings left them. */
	private static List<Long> seed(BenchmarkContext context) {
		JdbcClient jdbc = context.bean(JdbcClient.class);
		JdbcTemplate template = context.bean(JdbcTemplate.class);
		Random random = new Random(7);
		long organisation = jdbc.sql("select min(id) from idn_organisation").query(Long.class).single();
		long systemClass = jdbc.sql("select id from cmdb_class where code = 'BUSINESS_SYSTEM'").query(Long.class).single();
		long serverClass = jdbc.sql("select id from cmdb_class where code = 'PHYSICAL_SERVER'").query(Long.class).single();
		Timestamp now = Timestamp.from(Instant.now());
		long next = jdbc.sql("select coalesce(max(id), 0) + 1 from cmdb_ci").query(Long.class).single();
		List<Object[]> cis = new ArrayList<>();
		List<Long> systems = new ArrayList<>();
		for (int i = 0; i < SYSTEMS; i++) {
			long id = next++;
			systems.add(id);
			String name = String.format(Locale.ROOT, "sl-bs-%03d", i);
			String attributes = i < SUPPORT_SYSTEMS ? "{\"applicationSupport\":true}" : "{\"applicationSupport\":false}";
			cis.add(new Object[] { id, systemClass, name.toUpperCase(Locale.ROOT), name, name, organisation, attributes,
					name + "\n", now, now });
		}
		List<Long> servers = new ArrayList<>();
		for (int i = 0; i < SERVERS; i++) {
			long id = next++;
			servers.add(id);
			String name = String.format(Locale.ROOT, "sl-srv-%04d", i);
			cis.add(new Object[] { id, serverClass, name.toUpperCase(Locale.ROOT), name, name, organisation, "{}", name + "\n",
					now, now });
		}
		template.batchUpdate("""
				insert into cmdb_ci (id, class_id, code, name, name_lower, organisation_id, status, importance, attributes,
				  search_text, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, 'IN_USE', 'KEY', ?, ?, ?, ?, 0)""", cis);
		BenchmarkContext.continueIdsAfterSeed(jdbc, "cmdb_ci");
		List<Object[]> relations = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (int i = 0; i < SYSTEMS; i++) {
			long system = systems.get(i);
			for (int k = 0; k < 4; k++) {
				relations.add(new Object[] { "RUNS_ON", system, servers.get((i * 4 + k) % SERVERS), null, now });
			}
			if (i < SUPPORT_SYSTEMS) {
				for (int k = 0; k < 5; k++) {
					long target = systems.get(SUPPORT_SYSTEMS + random.nextInt(SYSTEMS - SUPPORT_SYSTEMS));
					if (seen.add(system + ">" + target)) {
						relations.add(new Object[] { "SUPPORTS", system, target, null, now });
					}
				}
			}
		}
		for (int i = 0; i < SERVERS; i += 3) {
			relations.add(new Object[] { "STANDBY_OF", servers.get((i + 1) % SERVERS), servers.get(i),
					i % 2 == 0 ? "HOT" : "COLD", now });
			relations.add(new Object[] { "BACKS_UP", servers.get((i + 2) % SERVERS), servers.get(i), null, now });
		}
		template.batchUpdate("insert into cmdb_relation (type, source_id, target_id, standby_mode, created_at) values (?, ?, ?, ?, ?)",
				relations);
		List<Object[]> levels = new ArrayList<>();
		List<Object[]> facts = new ArrayList<>();
		for (int i = SUPPORT_SYSTEMS; i < SYSTEMS; i++) {
			levels.add(new Object[] { systems.get(i), 1 + i % 5, now });
			facts.add(new Object[] { systems.get(i), i % 2 == 0 ? "每日备份" : null, i % 3 == 0, i % 2 == 0, now });
		}
		template.batchUpdate("insert into sl_system_level (system_id, graded_level, updated_at) values (?, ?, ?)", levels);
		template.batchUpdate("""
				insert into sl_system_facts (system_id, backup_policy, system_monitoring, application_monitoring, updated_at)
				values (?, ?, ?, ?, ?)""", facts);
		context.bean(CmdbGraph.class).invalidate();
		context.bean(io.opsguard.servicelevel.internal.SystemLevels.class).recompute(null, null, null);
		return systems;
	}

}
