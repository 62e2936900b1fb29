package io.opsguard.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.opsguard.alerting.internal.AlertLifecycle;
import io.opsguard.alerting.internal.AlertLifecycle.Firing;
import io.opsguard.alerting.internal.AlertRow;
import io.opsguard.alerting.internal.NotificationSender;
import io.opsguard.notify.NotifyTestSupport.Answer;
import io.opsguard.notify.NotifyTestSupport.Receiver;
import io.opsguard.notify.internal.Dispatcher;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import io.opsguard.support.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With two nodes on one PostgreSQL each notification step is sent exactly once (Alertmanager
 * clusters are known to send duplicates): two senders race over the same due steps — started
 * together, claiming with the conditional update — round after round while alerts keep firing, and
 * every step is sent once: once claimed, once told on each alert's timeline, one message at the
 * webhook receiver. Also, two planners planning the same repeat create it once.
 */
@ActiveProfiles("postgres")
class NotificationExactlyOncePostgresIT extends ApiTestSupport {

	private static final String URL = EmbeddedPostgresServer.newDatabase();

	private static final int ROUTES = 15;

	private static final int ROUNDS = 4;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> URL);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
		registry.add("opsguard.alerting.evaluation-enabled", () -> "false");
		// this test is both nodes' senders: no background tick, no critical notice dispatched early
		registry.add("opsguard.alerting.notification-enabled", () -> "false");
		registry.add("opsguard.notify.dispatch-interval", () -> "1h");
		registry.add("opsguard.notify.dispatch-critical-at-once", () -> "false");
	}

	@Autowired
	AlertLifecycle lifecycle;

	@Autowired
	NotificationSender sender;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	JdbcClient jdbc;

	@Test
	void twoSendersRacingOverTheSameDueStepsSendEachOnce() throws Exception {
		try (Receiver receiver = new Receiver(request -> new Answer(200, ""))) {
			ApiClient admin = admin();
			long organisation = createOrganisation(admin, rootOrganisationId(admin), unique("双节点"));
			Response endpoint = admin.post("/api/v1/notification-endpoints",
					Map.of("name", unique("并发-"), "kind", "GENERIC", "url", receiver.url("/hook")));
			assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
			List<Long> routes = new ArrayList<>();
			for (int i = 0; i < ROUTES; i++) {
				Map<String, Object> body = new java.util.HashMap<>(Map.of("name", unique("路由-"), "organisationId",
						organisation, "endpointIds", List.of(endpoint.id()), "channels", List.of("WEBHOOK"),
						"groupWaitSeconds", 0, "continueMatching", true, "repeatMinutes", 5));
				Response route = admin.post("/api/v1/notification-routes", body);
				assertThat(route.status()).as(route.toString()).isEqualTo(201);
				routes.add(route.id());
			}
			List<AlertRow> alerts = new ArrayList<>();
			int sent = 0;
			for (int round = 0; round < ROUNDS; round++) {
				for (int i = 0; i < 2; i++) {
					alerts.add(this.lifecycle.fire(new Firing(unique("fp-"), "GENERIC", null, null, unique("k"),
							unique("并发告警-"), null, AlertSeverity.CRITICAL, null, organisation, null, null, null, null, null,
							null, Map.of(), true)).alert());
				}
				sent += race(this.sender::sendDue);
			}
			long steps = this.jdbc.sql("select count(*) from alr_notification where route_id in (:routes)")
				.param("routes", routes)
				.query(Long.class)
				.single();
			assertThat(steps).as("one step per route and round").isEqualTo((long) ROUTES * ROUNDS);
			assertThat(sent).as("the senders together sent each step once").isEqualTo((int) steps);
			assertThat(this.jdbc.sql("select count(*) from alr_notification where route_id in (:routes) and status = 'SENT'")
				.param("routes", routes)
				.query(Long.class)
				.single()).isEqualTo(steps);
			for (AlertRow alert : alerts) {
				assertThat(this.jdbc.sql("select count(*) from alr_alert_event where alert_id = :id and kind = 'NOTIFIED'")
					.param("id", alert.id())
					.query(Long.class)
					.single()).as("each route told the alert once").isEqualTo(ROUTES);
				assertThat(this.jdbc.sql("select notification_count from alr_alert where id = :id")
					.param("id", alert.id())
					.query(Integer.class)
					.single()).isEqualTo(ROUTES);
			}
			this.dispatcher.dispatchDue();
			assertThat(receiver.at("/hook")).as("one message per step at the receiver").hasSize((int) steps);

			// the repeats of the unacknowledged critical alerts: planned by both nodes at once, created once
			this.clock.advance(Duration.ofMinutes(5));
			int planned = race(this.sender::plan);
			assertThat(planned).as("one repeat per route and alert").isEqualTo(ROUTES * alerts.size());
			int repeats = race(this.sender::sendDue);
			assertThat(repeats).isEqualTo(ROUTES * alerts.size());
			this.dispatcher.dispatchDue();
			assertThat(receiver.at("/hook")).hasSize((int) steps + ROUTES * alerts.size());
		}
		finally {
			this.clock.set(java.time.Instant.now());
		}
	}

	/** Runs the task on two threads started together; the sum of their answers. */
	private static int race(java.util.concurrent.Callable<Integer> task) throws Exception {
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				runs.add(pool.submit(() -> {
					together.await(10, TimeUnit.SECONDS);
					return task.call();
				}));
			}
			int total = 0;
			for (Future<Integer> run : runs) {
				total += run.get(120, TimeUnit.SECONDS);
			}
			return total;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
