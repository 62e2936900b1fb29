package io.opsguard.benchmark.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsguard.benchmark.alerting.NotifiedAlert.Condition;
import io.opsguard.monitoring.store.Sample;

/**
 * The ideal engine the plan's expected outcomes describe, evaluating every pushed step: a resource
 * down for 30 s is notified once per episode unless the device it is behind is down too or it flaps;
 * {@code cpu_usage > 90} for 60 s once per episode; four or more changes of {@code up} within 2 min
 * once per flapping episode (which ends when at most two are left in the window). It proves that the plan, the gauges and the scoring agree (it scores
 * 0 % missed, false and duplicate: {@code ReferenceAlertingTests}) and, plugged into a run, shows
 * the least fault-to-notification time the step allows. Not a product.
 */
final class ReferenceAlerting implements AlertingUnderTest {

	private static final Pattern BODY = Pattern
		.compile("\\{\"resource\":\"(\\d+)\",\"condition\":\"(\\w+)\",\"startsAt\":\"([^\"]+)\"\\}");

	private final Consumer<NotifiedAlert> notifier;

	private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

	private FaultPlan plan;

	private URI sink;

	private final Map<Long, Long> downSince = new HashMap<>();

	private final Map<Long, Long> hotSince = new HashMap<>();

	private final Set<Long> downNotified = new HashSet<>();

	private final Set<Long> hotNotified = new HashSet<>();

	private final Set<Long> flapping = new HashSet<>();

	private final Map<Long, Boolean> lastUp = new HashMap<>();

	private final Map<Long, Deque<Long>> changes = new HashMap<>();

	/** Posts its notifications to the sink given at start. */
	ReferenceAlerting() {
		this(null);
	}

	/** Hands its notifications to {@code notifier} (startsAt: the step that raised them). */
	ReferenceAlerting(Consumer<NotifiedAlert> notifier) {
		this.notifier = notifier;
	}

	@Override
	public String name() {
		return "reference";
	}

	@Override
	public void start(FaultPlan plan, URI sinkUrl) {
		this.plan = plan;
		this.sink = sinkUrl;
	}

	@Override
	public synchronized void push(Instant at, List<Sample> samples) {
		long now = at.toEpochMilli();
		Map<Long, Boolean> up = new HashMap<>();
		Map<Long, Double> cpu = new HashMap<>();
		for (Sample sample : samples) {
			long resource = Long.parseLong(sample.series().label("resource"));
			switch (sample.series().metric()) {
				case "up" -> up.put(resource, sample.value() == 1);
				case "cpu_usage" -> cpu.put(resource, sample.value());
				default -> {
				}
			}
		}
		up.forEach((resource, isUp) -> {
			Boolean before = this.lastUp.put(resource, isUp);
			Deque<Long> recent = this.changes.computeIfAbsent(resource, r -> new ArrayDeque<>());
			if (before != null && before != isUp) {
				recent.add(now);
			}
			while (!recent.isEmpty() && recent.peekFirst() < now - 120_000) {
				recent.pollFirst();
			}
			if (recent.size() >= 4 && this.flapping.add(resource)) {
				notify(resource, Condition.FLAPPING, at);
			}
			else if (recent.size() <= 2) {
				// an episode ends once its changes have left the window (an outage makes two)
				this.flapping.remove(resource);
			}
			if (isUp) {
				this.downSince.remove(resource);
				this.downNotified.remove(resource);
			}
			else if (now - this.downSince.computeIfAbsent(resource, r -> now) >= 30_000 && this.downNotified.add(resource)) {
				Long parent = this.plan.resource(resource).parent();
				boolean parentDown = parent != null && Boolean.FALSE.equals(up.get(parent));
				if (!parentDown && !this.flapping.contains(resource)) {
					notify(resource, Condition.DOWN, at);
				}
			}
			Double usage = cpu.get(resource);
			if (usage == null || usage <= 90) {
				this.hotSince.remove(resource);
				this.hotNotified.remove(resource);
			}
			else if (now - this.hotSince.computeIfAbsent(resource, r -> now) >= 60_000 && this.hotNotified.add(resource)) {
				notify(resource, Condition.CPU, at);
			}
		});
	}

	@Override
	public NotificationParser parser() {
		return body -> {
			Matcher matcher = BODY.matcher(body);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("not a reference notification");
			}
			return List.of(new NotifiedAlert(matcher.group(1), Condition.valueOf(matcher.group(2)), true,
					Instant.parse(matcher.group(3)), matcher.group(2), null));
		};
	}

	@Override
	public void stop() {
	}

	private void notify(long resource, Condition condition, Instant at) {
		if (this.notifier != null) {
			this.notifier.accept(new NotifiedAlert(String.valueOf(resource), condition, true, at, condition.name(), null));
			return;
		}
		String body = "{\"resource\":\"" + resource + "\",\"condition\":\"" + condition + "\",\"startsAt\":\"" + at + "\"}";
		this.http.sendAsync(HttpRequest.newBuilder(this.sink).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.discarding());
	}

}
