package io.opsguard.benchmark;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import io.opsguard.servicedesk.internal.TimerSweep;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A service desk after three years: 1,000,000 tickets of every type and level (5 % still open,
 * spread over 10 support groups), written straight into the tables. Then the agent's screen under
 * load: the queues sorted by due time, a ticket page, a search by number, recording tickets, first
 * with a few users, then with 200 at once; and the SLA sweep when 100,000 running timers have each
 * reached a threshold (a catch-up after downtime).
 */
final class ServiceDeskBenchmark implements Benchmark {

	/** 1,000,000; fewer with {@code -Dbenchmark.servicedesk.tickets=N} for a quick look at one figure. */
	static final int TICKETS = Integer.getInteger("benchmark.servicedesk.tickets", 1_000_000);

	static final int OPEN_SHARE_PERCENT = 5;

	static final int GROUPS = 10;

	static final int SWEEP_TIMERS = 100_000;

	private static final int CLIENTS = 10;

	private static final int MANY_CLIENTS = 200;

	private static final long PHASE_MS = 15_000;

	private static final String[] TYPES = { "INCIDENT", "INCIDENT", "INCIDENT", "SERVICE_REQUEST", "SERVICE_REQUEST",
			"CONSULTATION", "CONSULTATION", "COMPLAINT", "REQUIREMENT", "INCIDENT" };

	private static final String[] OPEN_STATES = { "REPORTED", "ACCEPTED", "RESPONDED", "DISPATCHED", "IN_PROGRESS",
			"IN_PROGRESS", "IN_PROGRESS", "SUSPENDED", "SECOND_LINE" };

	@Override
	public String name() {
		return "servicedesk";
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		long seedStart = System.nanoTime();
		Seed seed = seed(context);
		long seeded = (System.nanoTime() - seedStart) / 1_000_000;
		List<Figure> figures = new ArrayList<>();
		figures.add(Figure.info("servicedesk.seed.tickets", TICKETS, "tickets").remark(seed.open() + " open, written in "
				+ seeded / 1000 + " s"));
		List<LoadClient> clients = signedIn(context, CLIENTS);
		LoadPhases.run(clients, 5_000, 0, client -> mixed(client, seed, new Phase()));
		boolean diagnose = Boolean.getBoolean("benchmark.diagnose") && context.database().equals("h2");
		if (diagnose) {
			quietQueues(clients.get(0));
			context.bean(JdbcClient.class).sql("set query_statistics true").update();
		}
		Phase working = new Phase();
		LoadPhases.run(clients, PHASE_MS, IdentityBenchmark.MAX_THINK_MS, client -> mixed(client, seed, working));
		if (diagnose) {
			slowestStatements(context);
		}
		figures.add(Figure.atMost("servicedesk.queue.p95", working.queue().percentileMillis(95), "ms", 150)
			.remark(CLIENTS + " users; a page of 20 of a queue (open, mine, my groups, due soon, breached) by due time"));
		working.queues().forEach((queue, latencies) -> figures.add(Figure.info("servicedesk.queue." + queue + ".p95",
				latencies.percentileMillis(95), "ms")));
		figures.add(Figure.atMost("servicedesk.create.p95", working.create().percentileMillis(95), "ms", 100)
			.remark("recording a ticket with its timers"));
		figures.add(Figure.info("servicedesk.ticket.p95", working.ticket().percentileMillis(95), "ms")
			.remark("a ticket with its timers replayed"));
		figures.add(Figure.info("servicedesk.search.p95", working.search().percentileMillis(95), "ms")
			.remark("by number"));
		figures.add(Figure.atMost("servicedesk.errors", working.errors(), "requests", 0));
		List<LoadClient> many = signedIn(context, MANY_CLIENTS);
		Phase crowd = new Phase();
		if (diagnose) {
			context.bean(JdbcClient.class).sql("set query_statistics true").update();
		}
		LoadPhases.run(many, PHASE_MS, 2_000, client -> mixed(client, seed, crowd));
		if (diagnose) {
			slowestStatements(context);
		}
		figures.add(Figure.atMost("servicedesk.mixed-200.p95", crowd.all().percentileMillis(95), "ms", 300)
			.remark(MANY_CLIENTS + " users at once, 0–2 s between requests (" + crowd.all().count() + " requests)"));
		figures.add(Figure.atMost("servicedesk.mixed-200.errors", crowd.errors(), "requests", 0));
		if (diagnose) {
			context.bean(JdbcClient.class).sql("set query_statistics true").update();
		}
		figures.addAll(statistics(context, seed, clients.get(0)));
		if (diagnose) {
			slowestStatements(context);
		}
		figures.addAll(sweep(context, seed));
		return figures;
	}

	record Phase(Latencies queue, Latencies create, Latencies ticket, Latencies search, Latencies all,
			java.util.Map<String, Latencies> queues) {

		Phase() {
			this(new Latencies(), new Latencies(), new Latencies(), new Latencies(), new Latencies(),
					new java.util.concurrent.ConcurrentHashMap<>());
		}

		long errors() {
			return this.queue.errors() + this.create.errors() + this.ticket.errors() + this.search.errors();
		}

	}

	record Seed(long firstId, long lastId, int open, long firstOpenId, List<String> numbers) {
	}

	private static List<LoadClient> signedIn(BenchmarkContext context, int count) {
		List<LoadClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			LoadClient client = new LoadClient(context.baseUrl(), i);
			client.timed(new Latencies(), "GET", "/api/v1/auth/session", null);
			client.timed(new Latencies(), "POST", "/api/v1/auth/login",
					"{\"username\":\"admin\",\"password\":\"" + context.adminPassword() + "\"}");
			clients.add(client);
		}
		return clients;
	}

	private static final String[] QUEUES = { "OPEN", "MINE", "MY_GROUPS", "DUE_SOON", "BREACHED" };

	private static void mixed(LoadClient client, Seed seed, Phase phase) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int pick = random.nextInt(10);
		long start = System.nanoTime();
		int status;
		if (pick < 5) {
			String queue = QUEUES[random.nextInt(QUEUES.length)];
			long queueStart = System.nanoTime();
			status = client.timed(phase.queue(), "GET", "/api/v1/tickets?queue=" + queue + "&sort=dueAt,asc&size=20&page="
					+ random.nextInt(3), null);
			if (status >= 200 && status < 300) {
				phase.queues().computeIfAbsent(queue, q -> new Latencies()).add(System.nanoTime() - queueStart);
			}
		}
		else if (pick < 7) {
			long id = seed.firstOpenId() + random.nextInt(seed.open());
			status = client.timed(phase.ticket(), "GET", "/api/v1/tickets/" + id, null);
		}
		else if (pick < 8) {
			String number = seed.numbers().get(random.nextInt(seed.numbers().size()));
			status = client.timed(phase.search(), "GET", "/api/v1/tickets?queue=ALL&q=" + number, null);
		}
		else {
			status = client.timed(phase.create(), "POST", "/api/v1/tickets", "{\"type\":\"INCIDENT\",\"faultLevel\":"
					+ (1 + random.nextInt(4)) + ",\"title\":\"压测故障\",\"contact\":{\"name\":\"压测\",\"phone\":\"13800000000\"}}");
		}
		if (status >= 200 && status < 300) {
			phase.all().add(System.nanoTime() - start);
		}
		else {
			phase.all().error();
		}
	}

	/** With {@code -Dbenchmark.diagnose=true}: each queue asked by one user alone, before the load. */
	private static void quietQueues(LoadClient client) {
		for (String queue : QUEUES) {
			Latencies alone = new Latencies();
			for (int i = 0; i < 10; i++) {
				client.timed(alone, "GET", "/api/v1/tickets?queue=" + queue + "&sort=dueAt,asc&size=20&page=" + (i % 3), null);
			}
			System.out.println("   quiet queue " + queue + ": p50 " + alone.percentileMillis(50) + " ms, max "
					+ alone.percentileMillis(100) + " ms");
		}
	}

	/** With {@code -Dbenchmark.diagnose=true} on H2: the statements that took the most time during the load. */
	private static void slowestStatements(BenchmarkContext context) {
		context.bean(JdbcClient.class)
			.sql("select execution_count, cumulative_execution_time, average_execution_time, max_execution_time, sql_statement "
					+ "from information_schema.query_statistics order by cumulative_execution_time desc limit 25")
			.query(rs -> {
				String statement = rs.getString(5).replaceAll("\\s+", " ");
				System.out.printf(Locale.ROOT, "   %6d × avg %8.2f ms max %8.2f ms total %9.0f ms  %s%n", rs.getLong(1),
						rs.getDouble(3), rs.getDouble(4), rs.getDouble(2), statement.substring(0, Math.min(220, statement.length())));
			});
		context.bean(JdbcClient.class).sql("set query_statistics false").update();
	}

	static final int STATISTICS_RUNS = 6;

	/**
	 * The ticket statistics of last month (about 28,000 of the million tickets): the tickets reported
	 * from the first of the month before last get their stopped response and resolution timers with
	 * the working time they counted (as the timers keep it when they stop) and some ratings; then the
	 * statistics are asked for a few times, the first run not counted.
	 */
	private static List<Figure> statistics(BenchmarkContext context, Seed seed, LoadClient client) {
		JdbcClient jdbc = context.bean(JdbcClient.class);
		JdbcTemplate template = context.bean(JdbcTemplate.class);
		ZoneId beijing = ZoneId.of("Asia/Shanghai");
		LocalDate first = LocalDate.now(beijing).withDayOfMonth(1).minusMonths(1);
		LocalDate last = first.withDayOfMonth(first.lengthOfMonth());
		Timestamp seedFrom = Timestamp.from(first.minusMonths(1).atStartOfDay(beijing).toInstant());
		Timestamp monthFrom = Timestamp.from(first.atStartOfDay(beijing).toInstant());
		Timestamp monthTo = Timestamp.from(last.plusDays(1).atStartOfDay(beijing).toInstant());
		List<Object[]> tickets = jdbc.sql("select id, reported_at, fault_level from sd_ticket where reported_at >= :from and id >= :first")
			.param("from", seedFrom)
			.param("first", seed.firstId())
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getTimestamp(2), rs.getInt(3) })
			.list();
		long next = jdbc.sql("select coalesce(max(id), 0) + 1 from sd_timer").query(Long.class).single();
		Random random = new Random(17);
		List<Object[]> timers = new ArrayList<>();
		for (Object[] ticket : tickets) {
			Timestamp reported = (Timestamp) ticket[1];
			// response within about 30 minutes (one in ten late), resolution within about 8 hours (one in eight late)
			int response = 60 + random.nextInt(random.nextInt(10) == 0 ? 3_600 : 1_700);
			int resolution = 1_800 + random.nextInt(random.nextInt(8) == 0 ? 40_000 : 27_000);
			timers.add(stoppedTimer(next++, (long) ticket[0], "RESPONSE", "PT30M", 1_800, response, reported));
			timers.add(stoppedTimer(next++, (long) ticket[0], "RESOLUTION", "PT8H", 28_800, resolution, reported));
			if (timers.size() >= 10_000) {
				insertStoppedTimers(template, timers);
			}
		}
		insertStoppedTimers(template, timers);
		BenchmarkContext.continueIdsAfterSeed(jdbc, "sd_timer");
		jdbc.sql("update sd_ticket set rating = 1 + mod(id, 5) where reported_at >= :from and reported_at < :to and mod(id, 3) = 0")
			.param("from", monthFrom)
			.param("to", monthTo)
			.update();
		long inMonth = jdbc.sql("select count(*) from sd_ticket where reported_at >= :from and reported_at < :to")
			.param("from", monthFrom)
			.param("to", monthTo)
			.query(Long.class)
			.single();
		Latencies latencies = new Latencies();
		String path = "/api/v1/ticket-statistics?from=" + first + "&to=" + last;
		client.timed(new Latencies(), "GET", path, null);
		for (int i = 1; i < STATISTICS_RUNS; i++) {
			client.timed(latencies, "GET", path, null);
		}
		return List.of(Figure.atMost("servicedesk.statistics.month.p95", latencies.percentileMillis(95), "ms", 1_000)
			.remark("ticket statistics of " + first.getYear() + "-" + first.getMonthValue() + ": " + inMonth + " tickets, "
					+ "response and resolution timers seeded for the " + tickets.size() + " tickets from " + first.minusMonths(1)
					+ " on; "
					+ (STATISTICS_RUNS - 1) + " runs after a first"),
				Figure.atMost("servicedesk.statistics.errors", latencies.errors(), "requests", 0));
	}

	private static Object[] stoppedTimer(long id, long ticket, String metric, String target, int targetSeconds, int elapsed,
			Timestamp reported) {
		Timestamp stopped = new Timestamp(reported.getTime() + elapsed * 1000L);
		return new Object[] { id, ticket, metric, target, elapsed > targetSeconds, elapsed, targetSeconds, stopped };
	}

	private static void insertStoppedTimers(JdbcTemplate template, List<Object[]> timers) {
		template.batchUpdate("""
				insert into sd_timer (id, ticket_id, metric, calendar_code, calendar_version, state, target, thresholds,
				  breached, fired_percent, next_percent, next_due_at, due_at, elapsed_seconds, target_seconds, stopped_at, version)
				values (?, ?, ?, '7x24', 1, 'STOPPED', ?, '50,80,100', ?, 0, null, null, null, ?, ?, ?, 0)""", timers);
		timers.clear();
	}

	/** 100,000 running timers whose 50 % threshold fell due while the platform was down: one sweep tells them all. */
	private static List<Figure> sweep(BenchmarkContext context, Seed seed) {
		JdbcClient jdbc = context.bean(JdbcClient.class);
		JdbcTemplate template = context.bean(JdbcTemplate.class);
		Instant now = Instant.now();
		Timestamp started = Timestamp.from(now.minus(Duration.ofHours(5)));
		Timestamp due = Timestamp.from(now.minus(Duration.ofHours(1)));
		long next = jdbc.sql("select coalesce(max(id), 0) + 1 from sd_timer").query(Long.class).single();
		List<Object[]> timers = new ArrayList<>();
		List<Object[]> events = new ArrayList<>();
		for (int i = 0; i < SWEEP_TIMERS; i++) {
			long id = next + i;
			long ticket = seed.firstOpenId() + (i % seed.open());
			timers.add(new Object[] { id, ticket, i % 2 == 0 ? "RESOLUTION" : "GROUP", "7x24", 1, "PT8H", due });
			events.add(new Object[] { id, started });
			if (timers.size() == 10_000) {
				insertTimers(template, timers, events);
			}
		}
		insertTimers(template, timers, events);
		BenchmarkContext.continueIdsAfterSeed(jdbc, "sd_timer");
		// the 50 % threshold falls due for all of them at once, and this sweep (not the scheduled one) tells them
		jdbc.sql("update sd_timer set next_due_at = due_at, due_at = null where id >= :first").param("first", next).update();
		// the table as the database keeps it by itself (autovacuum): without the versions the update
		// above left behind and with statistics that know of the new timers
		for (String table : List.of("sd_timer", "sd_timer_event")) {
			jdbc.sql(context.database().equals("postgres") ? "vacuum analyze " + table : "analyze table " + table).update();
		}
		long start = System.nanoTime();
		int told = context.bean(TimerSweep.class).sweep();
		long millis = (System.nanoTime() - start) / 1_000_000;
		return List.of(Figure.atMost("servicedesk.sweep.100k", millis, "ms", 5_000)
			.remark(told + " thresholds told; every one of " + SWEEP_TIMERS + " running timers had reached 50 % (seeded, then vacuumed and analysed)"));
	}

	private static void insertTimers(JdbcTemplate template, List<Object[]> timers, List<Object[]> events) {
		template.batchUpdate("""
				insert into sd_timer (id, ticket_id, metric, calendar_code, calendar_version, state, target, thresholds,
				  breached, fired_percent, next_percent, next_due_at, due_at, version)
				values (?, ?, ?, ?, ?, 'RUNNING', ?, '50,80,100', false, 0, 50, null, ?, 0)""", timers);
		template.batchUpdate("insert into sd_timer_event (timer_id, seq, kind, at, target, reason) values (?, 1, 'START', ?, 'PT8H', 'started')",
				events);
		timers.clear();
		events.clear();
	}

	/** Tickets straight into the table, in batches; groups first, the admin a member of the first. */
	private static Seed seed(BenchmarkContext context) {
		JdbcClient jdbc = context.bean(JdbcClient.class);
		JdbcTemplate template = context.bean(JdbcTemplate.class);
		Random random = new Random(11);
		long organisation = jdbc.sql("select min(id) from idn_organisation").query(Long.class).single();
		long admin = jdbc.sql("select id from idn_user where username = 'admin'").query(Long.class).single();
		Instant now = Instant.now();
		Timestamp stamp = Timestamp.from(now);
		List<Long> groups = new ArrayList<>();
		for (int g = 0; g < GROUPS; g++) {
			String name = String.format(Locale.ROOT, "压测支持组-%02d-%d", g, now.toEpochMilli());
			jdbc.sql("insert into sd_group (name, line, organisation_id, enabled, version, created_at, updated_at) "
					+ "values (:name, :line, :org, true, 0, :now, :now)")
				.param("name", name).param("line", g < 7 ? 1 : 2).param("org", organisation).param("now", stamp).update();
			long id = jdbc.sql("select id from sd_group where name = :name").param("name", name).query(Long.class).single();
			groups.add(id);
		}
		jdbc.sql("insert into sd_group_member (group_id, user_id) values (:g, :u)").param("g", groups.get(0)).param("u", admin)
			.update();
		long firstId = jdbc.sql("select coalesce(max(id), 0) + 1 from sd_ticket").query(Long.class).single();
		int open = TICKETS * OPEN_SHARE_PERCENT / 100;
		long firstOpenId = firstId + TICKETS - open;
		Instant oldest = now.minus(Duration.ofDays(3 * 365));
		long span = Duration.between(oldest, now.minus(Duration.ofDays(3))).getSeconds();
		List<Object[]> rows = new ArrayList<>();
		List<String> numbers = new ArrayList<>();
		ZoneId beijing = ZoneId.of("Asia/Shanghai");
		for (int i = 0; i < TICKETS; i++) {
			long id = firstId + i;
			boolean isOpen = id >= firstOpenId;
			Instant reported = isOpen ? now.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)))
					: oldest.plusSeconds((long) i * span / (TICKETS - open));
			String type = TYPES[random.nextInt(TYPES.length)];
			String prefix = switch (type) {
				case "INCIDENT" -> "BG";
				case "SERVICE_REQUEST" -> "BF";
				case "CONSULTATION" -> "BZ";
				case "COMPLAINT" -> "BT";
				default -> "BX";
			};
			String number = String.format(Locale.ROOT, "%s-%s-%07d", prefix,
					LocalDate.ofInstant(reported, beijing).toString().replace("-", ""), i);
			if (i % 997 == 0) {
				numbers.add(number);
			}
			String state = isOpen ? OPEN_STATES[random.nextInt(OPEN_STATES.length)] : "CLOSED";
			Long group = state.equals("REPORTED") || state.equals("ACCEPTED") || state.equals("RESPONDED") ? null
					: groups.get(random.nextInt(GROUPS));
			Long assignee = group != null && group.equals(groups.get(0)) && random.nextInt(3) == 0 ? admin : null;
			Instant due = isOpen ? now.plus(Duration.ofMinutes(random.nextInt(4 * 24 * 60) - 24 * 60)) : null;
			Timestamp at = Timestamp.from(reported);
			Timestamp done = isOpen ? null : Timestamp.from(reported.plus(Duration.ofHours(1 + random.nextInt(30))));
			rows.add(new Object[] { id, number, type, state, random.nextInt(5) == 0 ? "PORTAL" : "HOTLINE",
					"压测工单 " + i, "办案系统访问缓慢，第 " + (i % 50) + " 科室", "压测用户" + (i % 5000),
					String.format(Locale.ROOT, "138%08d", i % 5000), organisation, 1 + random.nextInt(4), group, assignee,
					at, at, at, done, done, due == null ? null : Timestamp.from(due), due != null && due.isBefore(now), isOpen });
			if (rows.size() == 5_000) {
				insertTickets(template, rows);
			}
		}
		insertTickets(template, rows);
		BenchmarkContext.continueIdsAfterSeed(jdbc, "sd_ticket");
		jdbc.sql("""
				insert into sd_open_ticket (id, number, type, state, organisation_id, business_system_id, fault_level, group_id,
				  assignee_id, reported_at, updated_at, due_at, breached)
				select id, number, type, state, organisation_id, business_system_id, fault_level, group_id, assignee_id,
				  reported_at, updated_at, due_at, breached
				from sd_ticket where id >= :first and is_open = true""")
			.param("first", firstId)
			.update();
		return new Seed(firstId, firstId + TICKETS - 1, open, firstOpenId, numbers);
	}

	private static void insertTickets(JdbcTemplate template, List<Object[]> rows) {
		template.batchUpdate("""
				insert into sd_ticket (id, number, type, state, channel, title, description, contact_name, contact_phone,
				  organisation_id, fault_level, on_site_required, group_id, assignee_id, reported_at, created_at, updated_at,
				  resolved_at, closed_at, due_at, breached, is_open, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", rows);
		rows.clear();
	}

}
