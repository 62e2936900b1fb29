package io.opsguard.notify.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import io.opsguard.notify.LivePush;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this node, per user: pushes events to them, keeps them open with a
 * heartbeat comment every {@code opsguard.notify.heartbeat}, and forgets a stream as soon as it
 * closes, times out or fails.
 */
@Component
public class SseHub implements LivePush {

	private static final Logger log = LoggerFactory.getLogger(SseHub.class);

	private final Map<Long, Set<SseEmitter>> streams = new ConcurrentHashMap<>();

	private final NotifyProperties properties;

	private final LiveRelay relay;

	SseHub(NotifyProperties properties, LiveRelay relay) {
		this.properties = properties;
		this.relay = relay;
		relay.onReceive(relayed -> pushHere(relayed.userId(), relayed.eventName(), relayed.payload()));
	}

	/** Opens a stream for the user. */
	public SseEmitter open(long userId) {
		SseEmitter emitter = new SseEmitter(this.properties.streamTimeout().toMillis());
		Set<SseEmitter> mine = this.streams.computeIfAbsent(userId, id -> new CopyOnWriteArraySet<>());
		mine.add(emitter);
		Runnable forget = () -> forget(userId, emitter);
		emitter.onCompletion(forget);
		emitter.onTimeout(() -> {
			forget.run();
			emitter.complete();
		});
		emitter.onError(error -> forget.run());
		return emitter;
	}

	@Override
	public int push(long userId, String eventName, Object payload) {
		if (eventName == null || !eventName.matches("[A-Za-z0-9.-]{1,64}")) {
			throw new IllegalArgumentException("An event name is letters, digits, dots and dashes");
		}
		int reached = pushHere(userId, eventName, payload);
		this.relay.announce(userId, eventName, payload);
		return reached;
	}

	/** To the user's streams open on this node only. */
	int pushHere(long userId, String eventName, Object payload) {
		int reached = 0;
		for (SseEmitter emitter : this.streams.getOrDefault(userId, Set.of())) {
			if (send(userId, emitter, SseEmitter.event().name(eventName).data(payload, MediaType.APPLICATION_JSON))) {
				reached++;
			}
		}
		return reached;
	}

	/** How many streams the user has open on this node. */
	public int openStreams(long userId) {
		return this.streams.getOrDefault(userId, Set.of()).size();
	}

	@Scheduled(fixedDelayString = "${opsguard.notify.heartbeat:25s}", initialDelayString = "${opsguard.notify.heartbeat:25s}")
	void heartbeat() {
		this.streams.forEach((userId, emitters) -> emitters
			.forEach(emitter -> send(userId, emitter, SseEmitter.event().comment("heartbeat"))));
	}

	@PreDestroy
	void closeAll() {
		this.streams.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
		this.streams.clear();
	}

	private boolean send(long userId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// the browser went away: the container ends the request and tells onError; completing it here
			// would write to a response that is no longer usable
			log.debug("An event stream of user {} closed: {}", userId, ex.toString());
			forget(userId, emitter);
			return false;
		}
	}

	private void forget(long userId, SseEmitter emitter) {
		this.streams.computeIfPresent(userId, (id, set) -> {
			set.remove(emitter);
			return set.isEmpty() ? null : set;
		});
	}

}
