package io.opsguard.benchmark;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import io.opsguard.cmdb.internal.CmdbGraph;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CMDB at province scale: 50,000 CIs and 150,000 relations (500 business systems on 2,000
 * middleware and database instances, 20,000 virtual machines on 5,000 servers in 500 racks of 20
 * machine rooms, 200 storage arrays and 22,000 network devices and links), spread over the
 * directory's organisations. Ten users at once ask for impact analyses, name searches and pages
 * of the CI list, pausing as people do; a last phase without pauses shows the ceiling.
 */
final class CmdbBenchmark implements Benchmark {

	static final int CIS = 50_000;

	static final int RELATIONS = 150_000;

	private static final int CLIENTS = 10;

	private static final long PHASE_MS = 15_000;

	@Override
	public String name() {
		return "cmdb";
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		long seedStart = System.nanoTime();
		Seeded seeded = seed(context);
		double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
		List<LoadClient> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			LoadClient client = new LoadClient(context.baseUrl(), i);
			client.timed(new Latencies(), "GET", "/api/v1/auth/session", null);
			client.timed(new Latencies(), "POST", "/api/v1/auth/login",
					"{\"username\":\"admin\",\"password\":\"" + context.adminPassword() + "\"}");
			clients.add(client);
		}
		// warm-up, which also loads the graph into memory
		long graphStart = System.nanoTime();
		clients.get(0).timed(new Latencies(), "GET", "/api/v1/cmdb/cis/" + seeded.racks().get(0) + "/impact", null);
		double graphSeconds = (System.nanoTime() - graphStart) / 1e9;
		LoadPhases.run(clients, 5_000, 0, client -> mixed(client, seeded, new Phase()));

		// ten people at work: each asks one thing, reads for 0–400 ms, asks the next
		Phase working = new Phase();
		LoadPhases.run(clients, PHASE_MS, IdentityBenchmark.MAX_THINK_MS, client -> mixed(client, seeded, working));
		Latencies impact = working.impact();
		Latencies prefix = working.prefix();
		Latencies page = working.page();

		// the ceiling: the same without any pause
		Phase saturated = new Phase();
		LoadPhases.run(clients, PHASE_MS / 2, 0, client -> mixed(client, seeded, saturated));
		Latencies saturatedImpact = saturated.impact();
		Latencies saturatedPrefix = saturated.prefix();
		Latencies saturatedPage = saturated.page();

		List<Figure> figures = new ArrayList<>();
		figures.add(Figure.info("cmdb.seed.cis", CIS, "CIs"));
		figures.add(Figure.info("cmdb.seed.relations", RELATIONS, "relations"));
		figures.add(Figure.info("cmdb.seed.time", seedSeconds, "s"));
		figures.add(Figure.info("cmdb.graph.first-load", graphSeconds * 1000, "ms"));
		figures.add(Figure.atMost("cmdb.impact.p95", impact.percentileMillis(95), "ms", 200)
			.remark(CLIENTS + " users, 0–400 ms between requests; from racks, servers, storage and VMs"));
		figures.add(Figure.info("cmdb.impact.p50", impact.percentileMillis(50), "ms"));
		figures.add(Figure.atMost("cmdb.search.name-prefix.p95", prefix.percentileMillis(95), "ms", 100));
		figures.add(Figure.atMost("cmdb.list.page-of-50.p95", page.percentileMillis(95), "ms", 150)
			.remark("pages 1–200, sorted by name or last change, a third of them of one class"));
		figures.add(Figure.info("cmdb.list.page-of-50.first-5-pages.p95", working.firstPages().percentileMillis(95), "ms"));
		figures.add(Figure.info("cmdb.list.page-of-50.deeper-pages.p95", working.deeperPages().percentileMillis(95), "ms"));
		figures.add(Figure.info("cmdb.saturated.impact.p95", saturatedImpact.percentileMillis(95), "ms")
			.remark(CLIENTS + " clients without any pause"));
		figures.add(Figure.info("cmdb.saturated.name-prefix.p95", saturatedPrefix.percentileMillis(95), "ms"));
		figures.add(Figure.info("cmdb.saturated.page-of-50.p95", saturatedPage.percentileMillis(95), "ms"));
		figures.add(Figure.atMost("cmdb.errors", impact.errors() + prefix.errors() + page.errors() + saturatedImpact.errors()
				+ saturatedPrefix.errors() + saturatedPage.errors(), "requests", 0));
		return figures;
	}

	/** One request of the three kinds, chosen at random. */
	private static void mixed(LoadClient client, Seeded seeded, Phase phase) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		switch (random.nextInt(3)) {
			case 0 -> {
				List<Long> sources = switch (random.nextInt(4)) {
					case 0 -> seeded.racks();
					case 1 -> seeded.servers();
					case 2 -> seeded.arrays();
					default -> seeded.vms();
				};
				client.timed(phase.impact(), "GET", "/api/v1/cmdb/cis/" + sources.get(random.nextInt(sources.size())) + "/impact",
						null);
			}
			case 1 -> {
				String[] kinds = { "vm-", "srv-", "bs-", "sw-", "db-" };
				client.timed(phase.prefix(), "GET", "/api/v1/cmdb/cis?size=20&name=" + kinds[random.nextInt(kinds.length)]
						+ String.format(Locale.ROOT, "%02d", random.nextInt(100)), null);
			}
			default -> {
				String sort = random.nextBoolean() ? "name,asc" : "updatedAt,desc";
				String filter = random.nextInt(3) == 0 ? "&classId=" + seeded.vmClass() : "";
				int number = random.nextInt(200);
				Latencies depth = new Latencies();
				client.timed(depth, "GET", "/api/v1/cmdb/cis?size=50&page=" + number + "&sort=" + sort + filter, null);
				depth.copyTo(phase.page());
				depth.copyTo(number < 5 ? phase.firstPages() : phase.deeperPages());
			}
		}
	}

	/** The latencies of one phase of the load. */
	record Phase(Latencies impact, Latencies prefix, Latencies page, Latencies firstPages, Latencies deeperPages) {

		Phase() {
			this(new Latencies(), new Latencies(), new Latencies(), new Latencies(), new Latencies());
		}

	}

	record Seeded(List<Long> racks, List<Long> servers, List<Long> arrays, List<Long> vms, long vmClass) {
	}

	/** Writes the CIs and relations straight into the tables in batches (the API would take an hour). */
	private static Seeded seed(BenchmarkContext context) {
		JdbcClient jdbc = context.bean(JdbcClient.class);
		JdbcTemplate template = context.bean(JdbcTemplate.class);
		Random random = new Random(42);
		List<Long> organisations = jdbc.sql("select id from idn_organisation").query(Long.class).list();
		Timestamp now = Timestamp.from(Instant.now());
		long next = jdbc.sql("select coalesce(max(id), 0) + 1 from cmdb_ci").query(Long.class).single();
		List<Object[]> rows = new ArrayList<>();
		Plan plan = new Plan(next);
		plan.add("BUSINESS_SYSTEM", "bs-", 500);
		plan.add("MIDDLEWARE", "mw-", 1_000);
		plan.add("DATABASE", "db-", 1_000);
		plan.add("VIRTUAL_MACHINE", "vm-", 20_000);
		plan.add("PHYSICAL_SERVER", "srv-", 5_000);
		plan.add("RACK", "rack-", 500);
		plan.add("MACHINE_ROOM", "room-", 20);
		plan.add("DISK_ARRAY", "array-", 200);
		plan.add("SWITCH", "sw-", CIS - plan.count() - 1_780);
		plan.add("LINK", "link-", 1_780);
		for (Plan.Block block : plan.blocks()) {
			long classId = jdbc.sql("select id from cmdb_class where code = :c").param("c", block.classCode()).query(Long.class).single();
			for (int i = 0; i < block.count(); i++) {
				long id = block.first() + i;
				String name = block.prefix() + String.format(Locale.ROOT, "%05d", i);
				String ip = "10." + (id / 65536 % 256) + "." + (id / 256 % 256) + "." + (id % 256);
				rows.add(new Object[] { id, classId, "B-" + name.toUpperCase(Locale.ROOT), name, name,
						organisations.get(random.nextInt(organisations.size())), "IN_USE",
						i % 3 == 0 ? "CORE" : i % 3 == 1 ? "KEY" : "GENERAL", "{\"ip\":\"" + ip + "\"}",
						name + "\n" + "b-" + name + "\n" + ip + "\n", now, now });
			}
		}
		for (int from = 0; from < rows.size(); from += 2_000) {
			template.batchUpdate("""
					insert into cmdb_ci (id, class_id, code, name, name_lower, organisation_id, status, importance, attributes,
					  search_text, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
					rows.subList(from, Math.min(rows.size(), from + 2_000)));
		}
		BenchmarkContext.continueIdsAfterSeed(jdbc, "cmdb_ci");
		List<Object[]> relations = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		Consumer<Object[]> relation = r -> {
			if (seen.add(r[0] + ":" + r[1] + ":" + r[2])) {
				relations.add(new Object[] { r[0], r[1], r[2], now });
			}
		};
		Plan.Block bs = plan.block("bs-");
		Plan.Block mw = plan.block("mw-");
		Plan.Block db = plan.block("db-");
		Plan.Block vm = plan.block("vm-");
		Plan.Block srv = plan.block("srv-");
		Plan.Block rack = plan.block("rack-");
		Plan.Block room = plan.block("room-");
		Plan.Block array = plan.block("array-");
		Plan.Block sw = plan.block("sw-");
		Plan.Block link = plan.block("link-");
		for (int i = 0; i < bs.count(); i++) {
			for (int k = 0; k < 2; k++) {
				relation.accept(new Object[] { "RUNS_ON", bs.id(i), mw.id(random.nextInt(mw.count())) });
				relation.accept(new Object[] { "DEPENDS_ON", bs.id(i), db.id(random.nextInt(db.count())) });
			}
		}
		for (int i = 0; i < mw.count(); i++) {
			relation.accept(new Object[] { "RUNS_ON", mw.id(i), vm.id(random.nextInt(vm.count())) });
		}
		for (int i = 0; i < db.count(); i++) {
			relation.accept(new Object[] { "RUNS_ON", db.id(i), vm.id(random.nextInt(vm.count())) });
		}
		for (int i = 0; i < vm.count(); i++) {
			relation.accept(new Object[] { "RUNS_ON", vm.id(i), srv.id(i % srv.count()) });
			relation.accept(new Object[] { "DEPENDS_ON", vm.id(i), array.id(random.nextInt(array.count())) });
		}
		for (int i = 0; i < srv.count(); i++) {
			relation.accept(new Object[] { "CONTAINS", rack.id(i % rack.count()), srv.id(i) });
			relation.accept(new Object[] { "CONNECTED_TO", srv.id(i), sw.id(random.nextInt(sw.count())) });
			relation.accept(new Object[] { "CONNECTED_TO", srv.id(i), sw.id(random.nextInt(sw.count())) });
			relation.accept(new Object[] { "DEPENDS_ON", srv.id(i), array.id(random.nextInt(array.count())) });
		}
		for (int i = 0; i < rack.count(); i++) {
			relation.accept(new Object[] { "CONTAINS", room.id(i % room.count()), rack.id(i) });
		}
		for (int i = 0; i < array.count(); i++) {
			relation.accept(new Object[] { "CONTAINS", rack.id(random.nextInt(rack.count())), array.id(i) });
		}
		while (relations.size() < RELATIONS) {
			if (random.nextInt(10) == 0) {
				relation.accept(new Object[] { "DEPENDS_ON", sw.id(random.nextInt(sw.count())), link.id(random.nextInt(link.count())) });
			}
			else {
				relation.accept(new Object[] { "CONNECTED_TO", sw.id(random.nextInt(sw.count())), sw.id(random.nextInt(sw.count())) });
			}
		}
		for (int from = 0; from < relations.size(); from += 5_000) {
			template.batchUpdate("insert into cmdb_relation (type, source_id, target_id, created_at) values (?, ?, ?, ?)",
					relations.subList(from, Math.min(relations.size(), from + 5_000)));
		}
		context.bean(CmdbGraph.class).invalidate();
		long vmClass = jdbc.sql("select id from cmdb_class where code = 'VIRTUAL_MACHINE'").query(Long.class).single();
		return new Seeded(ids(rack), ids(srv), ids(array), ids(vm), vmClass);
	}

	private static List<Long> ids(Plan.Block block) {
		List<Long> ids = new ArrayList<>(block.count());
		for (int i = 0; i < block.count(); i++) {
			ids.add(block.id(i));
		}
		return ids;
	}

	/** Consecutive id ranges per class. */
	private static final class Plan {

		private final List<Block> blocks = new ArrayList<>();

		private long next;

		Plan(long first) {
			this.next = first;
		}

		void add(String classCode, String prefix, int count) {
			this.blocks.add(new Block(classCode, prefix, this.next, count));
			this.next += count;
		}

		int count() {
			return this.blocks.stream().mapToInt(Block::count).sum();
		}

		List<Block> blocks() {
			return this.blocks;
		}

		Block block(String prefix) {
			return this.blocks.stream().filter(b -> b.prefix().equals(prefix)).findFirst().orElseThrow();
		}

		record Block(String classCode, String prefix, long first, int count) {

			long id(int index) {
				return this.first + index;
			}

		}

	}

}
