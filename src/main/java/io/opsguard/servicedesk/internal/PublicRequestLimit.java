package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opsguard.shared.OpsGuardException;

import org.springframework.stereotype.Component;

/**
 * Counts the requests to the public token pages per client address and minute, so that nobody
 * tries tokens in bulk: beyond the limit the answer is 429 until the next minute. Per node, in
 * memory: a token is 256 random bits, this only keeps the noise down.
 */
@Component
public class PublicRequestLimit {

	private final Map<String, long[]> counts = new ConcurrentHashMap<>();

	private final SatisfactionProperties properties;

	private final Clock clock;

	PublicRequestLimit(SatisfactionProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Counts a request from the address; 429 when it is one too many this minute. */
	public void check(String address) {
		check(address == null ? "" : address, this.properties.publicRequestsPerMinute());
	}

	/**
	 * Counts a request under its own key (e.g. a kind of request and the client address); 429 when it
	 * is more than {@code perMinute} this minute.
	 */
	public void check(String key, int perMinute) {
		long minute = this.clock.millis() / 60_000;
		if (this.counts.size() > 10_000) {
			this.counts.entrySet().removeIf(e -> e.getValue()[0] != minute);
		}
		long[] count = this.counts.compute(key == null ? "" : key, (k, value) -> {
			if (value == null || value[0] != minute) {
				return new long[] { minute, 1 };
			}
			value[1]++;
			return value;
		});
		if (count[1] > perMinute) {
			throw new OpsGuardException(PortalError.TOO_MANY_REQUESTS);
		}
	}

}
