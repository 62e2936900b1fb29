package io.opsguard.benchmark;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opsguard.identity.internal.OrganisationTree;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-in, session and a paged user list under 50 concurrent clients, on a province-sized
 * directory: 1 + 27 bodies with 4 departments each (136 organisations) and 2,050 users.
 */
final class IdentityBenchmark implements Benchmark {

	static final int CLIENTS = 50;

	static final int USERS = 2_000;

	private static final String PASSWORD = "Bench@User2026";

	private static final long WARM_UP_MS = 8_000;

	private static final long PHASE_MS = 20_000;

	@Override
	public String name() {
		return "identity";
	}

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		seed(context);
		// warm-up: the same work as measured, results thrown away
		browse(context, WARM_UP_MS, new Latencies(), new Latencies());
		signInFlow(context, WARM_UP_MS / 2, new Latencies(), new Latencies(), new Latencies());

		Latencies session = new Latencies();
		Latencies list = new Latencies();
		long start = System.nanoTime();
		browse(context, PHASE_MS, session, list);
		double seconds = (System.nanoTime() - start) / 1e9;

		Latencies signIn = new Latencies();
		Latencies flowSession = new Latencies();
		Latencies flowList = new Latencies();
		signInFlow(context, PHASE_MS, signIn, flowSession, flowList);

		int errors = session.errors() + list.errors() + signIn.errors() + flowSession.errors() + flowList.errors();
		List<Figure> figures = new ArrayList<>();
		figures.add(Figure.atMost("identity.session.p95", session.percentileMillis(95), "ms", 50));
		figures.add(Figure.atMost("identity.users-page.p95", list.percentileMillis(95), "ms", 50));
		figures.add(Figure.info("identity.browse.throughput", (session.count() + list.count()) / seconds, "req/s"));
		figures.add(Figure.atMost("identity.signin.p95", signIn.percentileMillis(95), "ms", 50)
			.remark("50 clients signing in back to back; each check of a bcrypt(10) hash costs ~75 ms of CPU by design"));
		figures.add(Figure.info("identity.signin.p50", signIn.percentileMillis(50), "ms"));
		figures.add(Figure.atMost("identity.signin-flow.session.p95", flowSession.percentileMillis(95), "ms", 50));
		figures.add(Figure.atMost("identity.signin-flow.users-page.p95", flowList.percentileMillis(95), "ms", 50));
		figures.add(Figure.atMost("identity.errors", errors, "requests", 0));
		return figures;
	}

	/** 50 signed-in clients alternate between the session and a random page of the user list. */
	private static void browse(BenchmarkContext context, long millis, Latencies session, Latencies list)
			throws InterruptedException {
		List<LoadClient> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			LoadClient client = new LoadClient(context.baseUrl());
			client.timed(new Latencies(), "GET", "/api/v1/auth/session", null);
			client.timed(new Latencies(), "POST", "/api/v1/auth/login", login(i));
			clients.add(client);
		}
		run(clients, millis, client -> {
			client.timed(session, "GET", "/api/v1/auth/session", null);
			client.timed(list, "GET", randomPage(), null);
		});
	}

	/** 50 clients each sign in, load the session and a list page, and sign out, again and again. */
	private static void signInFlow(BenchmarkContext context, long millis, Latencies signIn, Latencies session,
			Latencies list) throws InterruptedException {
		List<LoadClient> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			clients.add(new LoadClient(context.baseUrl()));
		}
		int[] next = { 0 };
		run(clients, millis, client -> {
			int user;
			synchronized (next) {
				user = next[0]++ % CLIENTS;
			}
			client.timed(new Latencies(), "GET", "/api/v1/auth/session", null);
			client.timed(signIn, "POST", "/api/v1/auth/login", login(user));
			client.timed(session, "GET", "/api/v1/auth/session", null);
			client.timed(list, "GET", randomPage(), null);
			client.timed(new Latencies(), "POST", "/api/v1/auth/logout", null);
		});
	}

	private static void run(List<LoadClient> clients, long millis, java.util.function.Consumer<LoadClient> step)
			throws InterruptedException {
		AtomicBoolean running = new AtomicBoolean(true);
		CountDownLatch done = new CountDownLatch(clients.size());
		for (LoadClient client : clients) {
			Thread thread = new Thread(() -> {
				try {
					while (running.get()) {
						step.accept(client);
					}
				}
				finally {
					done.countDown();
				}
			});
			thread.setDaemon(true);
			thread.start();
		}
		Thread.sleep(millis);
		running.set(false);
		done.await();
	}

	private static String login(int client) {
		return "{\"username\":\"bench" + client + "\",\"password\":\"" + PASSWORD + "\"}";
	}

	private static String randomPage() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String[] sorts = { "username,asc", "displayName,desc", "lastLoginAt,desc", "createdAt,asc" };
		String path = "/api/v1/users?page=" + random.nextInt(0, 40) + "&size=50&sort=" + sorts[random.nextInt(sorts.length)];
		return random.nextInt(4) == 0 ? path + "&q=" + random.nextInt(10, 99) : path;
	}

	/** Inserts the directory with one precomputed password hash (seeding 2,000 bcrypt hashes would take minutes). */
	private static void seed(BenchmarkContext context) {
		JdbcClient jdbc = context.bean(JdbcClient.class);
		String hash = context.bean(PasswordEncoder.class).encode(PASSWORD);
		Timestamp now = Timestamp.from(Instant.now());
		long root = jdbc.sql("select min(id) from idn_organisation").query(Long.class).single();
		long admins = jdbc.sql("select id from idn_role where code = 'SYSTEM_ADMIN'").query(Long.class).single();
		long managers = jdbc.sql("select id from idn_role where code = 'OM_MANAGER'").query(Long.class).single();
		long endUsers = jdbc.sql("select id from idn_role where code = 'END_USER'").query(Long.class).single();
		List<Long> departments = new ArrayList<>();
		List<Long> bodies = new ArrayList<>();
		for (int b = 1; b <= 27; b++) {
			long body = insertOrganisation(jdbc, root, "/" + root + "/", "下级院" + b, "BENCH-" + b, "SUBORDINATE", now);
			bodies.add(body);
			for (int d = 1; d <= 4; d++) {
				departments.add(insertOrganisation(jdbc, body, "/" + root + "/" + body + "/", "下级院" + b + "部门" + d,
						"BENCH-" + b + "-" + d, "DEPARTMENT", now));
			}
		}
		for (int i = 0; i < USERS + CLIENTS; i++) {
			boolean client = i < CLIENTS;
			long organisation = client ? (i % 2 == 0 ? root : bodies.get(i % bodies.size()))
					: departments.get(i % departments.size());
			jdbc.sql("""
					insert into idn_user (username, display_name, organisation_id, phone, email, password_hash, enabled,
					  failed_attempts, password_changed_at, created_at, updated_at, version)
					values (:username, :name, :org, :phone, :email, :hash, true, 0, :now, :now, :now, 0)""")
				.param("username", "bench" + i)
				.param("name", "测试用户" + i)
				.param("org", organisation)
				.param("phone", "1380000" + String.format("%04d", i))
				.param("email", "bench" + i + "@example.org")
				.param("hash", hash)
				.param("now", now)
				.update();
			long id = jdbc.sql("select id from idn_user where username = :u").param("u", "bench" + i).query(Long.class).single();
			long role = client ? (i % 2 == 0 ? admins : managers) : endUsers;
			jdbc.sql("insert into idn_user_role (user_id, role_id) values (:u, :r)").param("u", id).param("r", role).update();
		}
		context.bean(OrganisationTree.class).invalidate();
	}

	private static long insertOrganisation(JdbcClient jdbc, long parent, String parentPath, String name, String code,
			String type, Timestamp now) {
		jdbc.sql("""
				insert into idn_organisation (parent_id, name, code, type, enabled, sort_order, path, created_at, updated_at, version)
				values (:parent, :name, :code, :type, true, 0, '', :now, :now, 0)""")
			.param("parent", parent)
			.param("name", name)
			.param("code", code)
			.param("type", type)
			.param("now", now)
			.update();
		long id = jdbc.sql("select id from idn_organisation where code = :code").param("code", code).query(Long.class).single();
		jdbc.sql("update idn_organisation set path = :path where id = :id").param("path", parentPath + id + "/").param("id", id).update();
		return id;
	}

}
