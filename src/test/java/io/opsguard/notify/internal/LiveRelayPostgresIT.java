package io.opsguard.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.support.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes on one real PostgreSQL database: a live push (a caller card) announced on one reaches
 * the other once, after the announcing transaction commits, and never comes back to its sender;
 * on H2 nothing is announced.
 */
class LiveRelayPostgresIT {

	private static final String URL = EmbeddedPostgresServer.newDatabase();

	private final BlockingQueue<LiveRelay.Relayed> atA = new LinkedBlockingQueue<>();

	private final BlockingQueue<LiveRelay.Relayed> atB = new LinkedBlockingQueue<>();

	private DriverManagerDataSource dataSource;

	private LiveRelay a;

	private LiveRelay b;

	@BeforeEach
	void twoNodes() throws InterruptedException {
		this.dataSource = new DriverManagerDataSource(URL, "postgres", "postgres");
		this.a = node(URL, this.atA);
		this.b = node(URL, this.atB);
		this.a.start();
		this.b.start();
		long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!(this.a.listening() && this.b.listening()) && System.nanoTime() < until) {
			Thread.sleep(50);
		}
		assertThat(this.a.listening() && this.b.listening()).as("both nodes listen").isTrue();
	}

	@AfterEach
	void stop() {
		this.a.stop();
		this.b.stop();
	}

	private LiveRelay node(String url, BlockingQueue<LiveRelay.Relayed> received) {
		DataSourceProperties properties = new DataSourceProperties();
		properties.setUrl(url);
		properties.setUsername("postgres");
		properties.setPassword("postgres");
		LiveRelay relay = new LiveRelay(new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres")), properties,
				new ObjectMapper());
		relay.onReceive(received::add);
		return relay;
	}

	@Test
	void aCallerCardAnnouncedOnOneNodeReachesTheOtherOnceAndNotItsSender() throws InterruptedException {
		assertThat(this.a.announce(7, "caller-card", Map.of("phone", "13800000001", "name", "张三"))).isTrue();

		LiveRelay.Relayed relayed = this.atB.poll(10, TimeUnit.SECONDS);
		assertThat(relayed).isNotNull();
		assertThat(relayed.userId()).isEqualTo(7);
		assertThat(relayed.eventName()).isEqualTo("caller-card");
		assertThat(relayed.payload().path("name").asText()).isEqualTo("张三");
		assertThat(this.atB.poll(500, TimeUnit.MILLISECONDS)).as("once").isNull();
		assertThat(this.atA.poll(200, TimeUnit.MILLISECONDS)).as("not back to the sender").isNull();
	}

	@Test
	void aPushInsideATransactionTravelsWhenItCommitsAndNotAtAllWhenItRollsBack() throws InterruptedException {
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		// the sender announces through the transaction's connection
		LiveRelay inTransaction = new LiveRelay(new JdbcTemplate(this.dataSource), properties(), new ObjectMapper());
		transactions.executeWithoutResult(status -> {
			inTransaction.announce(8, "notification", Map.of("unreadCount", 3));
			try {
				assertThat(this.atB.poll(700, TimeUnit.MILLISECONDS)).as("not before the commit").isNull();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		LiveRelay.Relayed relayed = this.atB.poll(10, TimeUnit.SECONDS);
		assertThat(relayed).isNotNull();
		assertThat(relayed.payload().path("unreadCount").asInt()).isEqualTo(3);

		transactions.executeWithoutResult(status -> {
			inTransaction.announce(8, "notification", Map.of("unreadCount", 4));
			status.setRollbackOnly();
		});
		assertThat(this.atB.poll(1, TimeUnit.SECONDS)).as("rolled back").isNull();
	}

	@Test
	void aPayloadTooLargeForANotificationStaysOnItsNode() throws InterruptedException {
		assertThat(this.a.announce(9, "caller-card", Map.of("notes", "很长".repeat(2_000)))).isFalse();
		assertThat(this.atB.poll(700, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void onH2NothingIsAnnounced() {
		DataSourceProperties h2 = new DataSourceProperties();
		h2.setUrl("jdbc:h2:mem:relay;MODE=PostgreSQL");
		LiveRelay relay = new LiveRelay(new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:relay")), h2,
				new ObjectMapper());
		relay.start();
		assertThat(relay.isRunning()).isFalse();
		assertThat(relay.announce(1, "notification", Map.of())).isFalse();
	}

	private static DataSourceProperties properties() {
		DataSourceProperties properties = new DataSourceProperties();
		properties.setUrl(URL);
		properties.setUsername("postgres");
		properties.setPassword("postgres");
		return properties;
	}

}
