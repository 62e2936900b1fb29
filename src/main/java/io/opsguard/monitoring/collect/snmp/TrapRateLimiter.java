package io.opsguard.monitoring.collect.snmp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How many traps of each source address are recorded: at most {@code maxPerMinute} per source in a
 * fixed one-minute window; the rest are counted, and once the window has passed the count is
 * handed back to be recorded as one event. Sources beyond {@code maxSources} share one budget, so
 * a flood of spoofed addresses cannot exhaust memory either.
 */
final class TrapRateLimiter {

	static final long WINDOW_MILLIS = 60_000;

	static final String OTHER_SOURCES = "*";

	private final int maxPerMinute;

	private final int maxSources;

	private final Map<String, Window> windows = new HashMap<>();

	TrapRateLimiter(int maxPerMinute, int maxSources) {
		this.maxPerMinute = Math.max(1, maxPerMinute);
		this.maxSources = Math.max(1, maxSources);
	}

	/** Traps of a source that were not recorded in a window. */
	record Dropped(String source, int count, long windowStartMillis) {
	}

	private static final class Window {

		private long start;

		private int admitted;

		private int dropped;

		Window(long start) {
			this.start = start;
		}

	}

	/**
	 * Whether a trap of {@code source} arriving at {@code nowMillis} is recorded; the drops of the
	 * source's previous window, if it just ended, are added to {@code ended}.
	 */
	synchronized boolean admit(String source, long nowMillis, List<Dropped> ended) {
		String key = this.windows.containsKey(source) || this.windows.size() < this.maxSources ? source
				: OTHER_SOURCES;
		Window window = this.windows.computeIfAbsent(key, k -> new Window(nowMillis));
		if (nowMillis - window.start >= WINDOW_MILLIS) {
			if (window.dropped > 0) {
				ended.add(new Dropped(key, window.dropped, window.start));
			}
			window.start = nowMillis;
			window.admitted = 0;
			window.dropped = 0;
		}
		if (window.admitted < this.maxPerMinute) {
			window.admitted++;
			return true;
		}
		window.dropped++;
		return false;
	}

	/** The drops of every window that has ended by {@code nowMillis}; forgets idle sources. */
	synchronized List<Dropped> ended(long nowMillis) {
		List<Dropped> ended = new ArrayList<>();
		for (Iterator<Map.Entry<String, Window>> it = this.windows.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Window> entry = it.next();
			Window window = entry.getValue();
			if (nowMillis - window.start >= WINDOW_MILLIS) {
				if (window.dropped > 0) {
					ended.add(new Dropped(entry.getKey(), window.dropped, window.start));
				}
				it.remove();
			}
		}
		return ended;
	}

}
