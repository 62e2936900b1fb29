package io.opsguard.notify.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries live pushes between the nodes that share one PostgreSQL database (ADR 0011 §8): a push
 * is announced with {@code pg_notify} on the channel {@value #CHANNEL}, and every node listens on a
 * connection of its own and hands what another node announced to its open streams. A push made
 * inside a transaction travels when the transaction commits, as PostgreSQL sends notifications
 * then. On H2 (one node) it does nothing. A lost listening connection is opened again, waiting up
 * to 30 seconds between tries; what was announced meanwhile is not replayed (a push is not kept).
 */
@Component
public class LiveRelay implements SmartLifecycle {

	static final String CHANNEL = "opsguard_live";

	/** PostgreSQL refuses a notification payload of 8,000 bytes or more. */
	static final int MAX_MESSAGE_BYTES = 7_900;

	private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);

	/** A push another node announced: for the open streams of {@code userId} on this node. */
	public record Relayed(long userId, String eventName, JsonNode payload) {
	}

	private final String node = UUID.randomUUID().toString();

	private final JdbcTemplate template;

	private final DataSourceProperties dataSource;

	private final ObjectMapper json;

	private final boolean postgres;

	private volatile Consumer<Relayed> receiver = relayed -> {
	};

	private volatile boolean running;

	private volatile boolean listening;

	private volatile Thread listener;

	LiveRelay(JdbcTemplate template, DataSourceProperties dataSource, ObjectMapper json) {
		this.template = template;
		this.dataSource = dataSource;
		this.json = json;
		String url = dataSource.determineUrl();
		this.postgres = url != null && url.startsWith("jdbc:postgresql:");
	}

	/** Who receives what other nodes announce (the node's stream hub). */
	void onReceive(Consumer<Relayed> receiver) {
		this.receiver = receiver;
	}

	/** Whether this node listens to the other nodes now (PostgreSQL, connected). */
	public boolean listening() {
		return this.listening;
	}

	/**
	 * Announces a push to the other nodes; false on H2 or when the payload is too large for a
	 * notification (then only this node's streams get it, and a warning says so).
	 */
	boolean announce(long userId, String eventName, Object payload) {
		if (!this.postgres) {
			return false;
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("node", this.node);
		message.put("user", userId);
		message.put("event", eventName);
		message.put("payload", payload);
		String text;
		try {
			text = this.json.writeValueAsString(message);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalArgumentException("A live push must be JSON", ex);
		}
		if (text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
			log.warn("A live push '{}' of {} bytes is too large for the other nodes; only this node's windows got it",
					eventName, text.length());
			return false;
		}
		this.template.query("select pg_notify(?, ?)", rs -> null, CHANNEL, text);
		return true;
	}

	@Override
	public void start() {
		if (!this.postgres || this.running) {
			return;
		}
		this.running = true;
		Thread thread = new Thread(this::listen, "opsguard-live-relay");
		thread.setDaemon(true);
		this.listener = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.listener;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.listener = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		Duration wait = Duration.ofSeconds(1);
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.dataSource.determineUrl(),
					this.dataSource.determineUsername(), this.dataSource.determinePassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				this.listening = true;
				wait = Duration.ofSeconds(1);
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications(1_000);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							deliver(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				this.listening = false;
				if (!this.running) {
					return;
				}
				log.warn("Listening for live pushes of the other nodes failed; trying again in {} s: {}", wait.toSeconds(),
						ex.toString());
				try {
					Thread.sleep(wait.toMillis());
				}
				catch (InterruptedException interrupted) {
					return;
				}
				wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
			}
			finally {
				this.listening = false;
			}
		}
	}

	private void deliver(String text) {
		try {
			JsonNode message = this.json.readTree(text);
			if (this.node.equals(message.path("node").asText())) {
				return;
			}
			this.receiver.accept(new Relayed(message.path("user").asLong(), message.path("event").asText(),
					message.path("payload")));
		}
		catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException ex) {
			log.warn("A live push from another node could not be delivered: {}", ex.toString());
		}
	}

}
