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
 * Sign-in, session and a paged user list for 50 concurrent users, on a province-sized directory:
 * 1 + 27 bodies with 4 departments each (136 organisations) and 2,050 users. Each user views a
 * page (the session and a page of the user list), pauses 0–400 ms — a very busy person — and
 * goes on; one page view in fifty in the second phase starts with signing in again. A last phase
 * without pauses shows the ceiling.
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

	/** Pause between two page views of one user: uniformly 0–400 ms, a very busy person. */
	static final int MAX_THINK_MS = 400;

	/** In the second phase, one page view in this many starts with a fresh sign-in. */
	static final int SIGN_IN_EVERY = 50;

	@Override
	public List<Figure> run(BenchmarkContext context) throws Exception {
		seed(context);
		List<LoadClient> users = signedInClients(context);
		// warm-up: the same work as measured, results thrown away
		LoadPhases.run(users, WARM_UP_MS, 0, client -> pageView(client, new Latencies(), new Latencies()));

		// service time: one client, one request at a time
		Latencies singleSession = new Latencies();
		Latencies singleList = new Latencies();
		for (int i = 0; i < 300; i++) {
			pageView(users.get(0), singleSession, singleList);
		}

		// 50 users viewing pages (session + a page of the user list), each pausing 0–400 ms in between
		Latencies session = new Latencies();
		Latencies list = new Latencies();
		long start = System.nanoTime();
		LoadPhases.run(users, PHASE_MS, MAX_THINK_MS, client -> pageView(client, session, list));
		double seconds = (System.nanoTime() - start) / 1e9;

		// the same, but one page view in fifty begins by signing out and in again: about five sign-ins a
		// second, all 2,000 users of a province signing in within seven minutes
		Latencies signIn = new Latencies();
		Latencies flowSession = new Latencies();
		Latencies flowList = new Latencies();
		long signInStart = System.nanoTime();
		LoadPhases.run(users, PHASE_MS, MAX_THINK_MS, client -> {
			if (ThreadLocalRandom.current().nextInt(SIGN_IN_EVERY) == 0) {
				client.timed(new Latencies(), "POST", "/api/v1/auth/logout", null);
				client.timed(new Latencies(), "GET", "/api/v1/auth/session", null);
				client.timed(signIn, "POST", "/api/v1/auth/login", login(client.user()));
			}
			pageView(client, flowSession, flowList);
		});

		double signInSeconds = (System.nanoTime() - signInStart) / 1e9;

		// saturation: no pause at all, to show the ceiling
		Latencies saturatedSession = new Latencies();
		Latencies saturatedList = new Latencies();
		long saturationStart = System.nanoTime();
		LoadPhases.run(users, PHASE_MS / 2, 0, client -> pageView(client, saturatedSession, saturatedList));
		double saturationSeconds = (System.nanoTime() - saturationStart) / 1e9;

		int errors = session.errors() + list.errors() + signIn.errors() + flowSession.errors() + flowList.errors()
				+ saturatedSession.errors() + saturatedList.errors();
		List<Figure> figures = new ArrayList<>();
		figures.add(Figure.info("identity.single-client.session.p50", singleSession.percentileMillis(50), "ms"));
		figures.add(Figure.info("identity.single-client.users-page.p50", singleList.percentileMillis(50), "ms"));
		figures.add(Figure.atMost("identity.session.p95", session.percentileMillis(95), "ms", 50)
			.remark(CLIENTS + " signed-in users, 0–400 ms between page views"));
		figures.add(Figure.atMost("identity.users-page.p95", list.percentileMillis(95), "ms", 50)
			.remark("page of 50 of " + (USERS + CLIENTS) + " users, random page, sort and search"));
		figures.add(Figure.info("identity.page-views.throughput", (session.count() + list.count()) / seconds, "req/s"));
		figures.add(Figure.atMost("identity.signin.p95", signIn.percentileMillis(95), "ms", 50)
			.remark("bcrypt(10) makes each check cost ~75 ms of CPU by design (ADR 0002)"));
		figures.add(Figure.info("identity.signin.p50", signIn.percentileMillis(50), "ms"));
		figures.add(Figure.info("identity.signin.rate", signIn.count() / signInSeconds, "sign-ins/s"));
		figures.add(Figure.atMost("identity.with-signins.session.p95", flowSession.percentileMillis(95), "ms", 50));
		figures.add(Figure.atMost("identity.with-signins.users-page.p95", flowList.percentileMillis(95), "ms", 50));
		figures.add(Figure.info("identity.saturated.throughput",
				(saturatedSession.count() + saturatedList.count()) / saturationSeconds, "req/s"));
		figures.add(Figure.info("identity.saturated.users-page.p95", saturatedList.percentileMillis(95), "ms")
			.remark(CLIENTS + " clients without any pause"));
		figures.add(Figure.atMost("identity.errors", errors, "requests", 0));
		return figures;
	}

	private static void pageView(LoadClient client, Latencies session, Latencies list) {
		client.timed(session, "GET", "/api/v1/auth/session", null);
		client.timed(list, "GET", randomPage(), null);
	}

	private static List<LoadClient> signedInClients(BenchmarkContext context) {
		List<LoadClient> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			LoadClient client = new LoadClient(context.baseUrl(), i);
			client.timed(new Latencies(), "GET", "/api/v1/auth/session", null);
			if (client.timed(new Latencies(), "POST", "/api/v1/auth/login", login(i)) != 200) {
				throw new IllegalStateException("bench" + i + " cannot sign in");
			}
			clients.add(client);
		}
		return clients;
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
