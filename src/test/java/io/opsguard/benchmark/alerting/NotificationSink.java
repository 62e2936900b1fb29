package io.opsguard.benchmark.alerting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP receiver of notifications, for every product at once: each product posts to its own
 * path ({@link #url(String)}, e.g. {@code /prometheus}, {@code /opsguard}); every request's raw body is
 * recorded with its arrival time and answered 200 at once. Parsing is left to the scoring (a
 * {@link NotificationParser} per product), so that a body a parser does not understand is still on
 * record.
 */
public final class NotificationSink implements AutoCloseable {

	private final Clock clock;

	private final HttpServer server;

	private final ExecutorService executor;

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	/**
	 * One request as it arrived.
	 *
	 * @param receiver the first segment of its path (the product)
	 * @param arrival when it arrived
	 * @param body its raw body (UTF-8)
	 */
	public record Received(String receiver, Instant arrival, String body) {
	}

	private NotificationSink(Clock clock) throws IOException {
		this.clock = clock;
		this.executor = Executors.newFixedThreadPool(4, runnable -> {
			Thread thread = new Thread(runnable, "notification-sink");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", exchange -> {
			try (exchange) {
				Instant arrival = this.clock.instant();
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String path = exchange.getRequestURI().getPath();
				String receiver = path.replaceFirst("^/+", "").replaceFirst("/.*$", "");
				this.received.add(new Received(receiver, arrival, body));
				exchange.sendResponseHeaders(200, -1);
			}
		});
		this.server.start();
	}

	/** Starts a sink on a free loopback port. */
	public static NotificationSink start() throws IOException {
		return new NotificationSink(Clock.systemUTC());
	}

	public static NotificationSink start(Clock clock) throws IOException {
		return new NotificationSink(clock);
	}

	/** Where a product posts its notifications. */
	public URI url(String receiver) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + receiver);
	}

	/** What arrived for one receiver so far, in arrival order. */
	public List<Received> received(String receiver) {
		List<Received> list = new ArrayList<>();
		for (Received request : this.received) {
			if (request.receiver().equals(receiver)) {
				list.add(request);
			}
		}
		list.sort(java.util.Comparator.comparing(Received::arrival));
		return list;
	}

	/**
	 * The alerts listed by what arrived for one receiver, each with its message's arrival time; a
	 * body the parser refuses is counted in {@code unreadable}.
	 */
	public Parsed parse(String receiver, NotificationParser parser) {
		List<AlertQualityScore.Notification> notifications = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		List<Received> requests = received(receiver);
		for (Received request : requests) {
			try {
				for (NotifiedAlert alert : parser.parse(request.body())) {
					notifications.add(new AlertQualityScore.Notification(request.arrival(), alert));
				}
			}
			catch (RuntimeException ex) {
				unreadable.add(ex.getMessage() + ": " + abbreviate(request.body()));
			}
		}
		return new Parsed(requests.size(), notifications, unreadable);
	}

	/**
	 * What a receiver's requests said.
	 *
	 * @param messages the requests that arrived
	 * @param notifications the alerts they listed (firing and resolved)
	 * @param unreadable the bodies the parser refused, with its reason
	 */
	public record Parsed(int messages, List<AlertQualityScore.Notification> notifications, List<String> unreadable) {
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private static String abbreviate(String body) {
		return body.length() <= 200 ? body : body.substring(0, 200) + "…";
	}

}
