package io.opsguard.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.notify.NotifyTestSupport.Answer;
import io.opsguard.notify.NotifyTestSupport.Receiver;
import io.opsguard.notify.internal.Dispatcher;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's SQL on H2 ({@link NotifyPersistenceH2IT}) and on a real PostgreSQL
 * ({@link NotifyPersistencePostgresIT}): a step queued twice is queued once ({@code on conflict do
 * nothing}), two dispatchers running at once send each message exactly once ({@code for update
 * skip locked} and the claim), and the delivery log filters and pages.
 */
abstract class NotifyPersistenceScenarios extends ApiTestSupport {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	Notifications notifications;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void twoDispatchersAtOnceSendEachMessageExactlyOnce() throws Exception {
		try (Receiver receiver = new Receiver(r -> new Answer(200, ""))) {
			ApiClient admin = admin();
			var created = admin.post("/api/v1/notification-endpoints",
					Map.of("name", unique("并发-"), "kind", "GENERIC", "url", receiver.url("/hook")));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			long endpoint = created.id();
			String run = unique("run-");
			int messages = 60;
			for (int i = 0; i < messages; i++) {
				String sender = run + "#" + i;
				// every step twice, as two nodes reacting to the same event would
				for (int twice = 0; twice < 2; twice++) {
					this.transactions.executeWithoutResult(status -> this.notifications.send(Notice.of("notify.test")
						.toEndpoint(endpoint)
						.with("sender", sender)
						.dedupKey(sender)
						.build()));
				}
			}
			assertThat(this.jdbc.sql("select count(*) from ntf_outbox where dedup_key like :run")
				.param("run", run + "#%")
				.query(Long.class)
				.single()).as("each step queued once").isEqualTo(messages);

			CyclicBarrier together = new CyclicBarrier(2);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Future<Integer>> runs = new ArrayList<>();
				for (int t = 0; t < 2; t++) {
					runs.add(pool.submit(() -> {
						together.await(10, TimeUnit.SECONDS);
						return this.dispatcher.dispatchDue();
					}));
				}
				for (Future<Integer> f : runs) {
					f.get(120, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			Map<String, Long> received = receiver.at("/hook")
				.stream()
				.map(r -> text(r.body()))
				.filter(t -> t.contains(run + "#"))
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			assertThat(received).hasSize(messages);
			assertThat(received.values()).as("no message twice").containsOnly(1L);
			assertThat(this.jdbc.sql("select count(*) from ntf_outbox where dedup_key like :run and status = 'SENT'")
				.param("run", run + "#%")
				.query(Long.class)
				.single()).isEqualTo(messages);

			JsonNode page = admin.get("/api/v1/notification-deliveries?status=SENT&channel=WEBHOOK&size=25&q=endpoint:" + endpoint)
				.json();
			assertThat(page.path("total").asLong()).isEqualTo(messages);
			assertThat(page.path("items")).hasSize(25);
			assertThat(admin.get("/api/v1/notification-deliveries?q=50%25_%5C&from=2020-01-01&to=2099-12-31").status())
				.isEqualTo(200);
		}
	}

	private static String text(String body) {
		try {
			return JSON.readTree(body).path("text").asText();
		}
		catch (Exception ex) {
			return "";
		}
	}

}
