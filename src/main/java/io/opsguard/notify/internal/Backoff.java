package io.opsguard.notify.internal;

import java.time.Duration;
import java.util.List;

/** The wait before trying a message again: 30 s, 2 min, 10 min, 1 h … the last wait repeats. */
record Backoff(List<Duration> waits, int maxAttempts) {

	Backoff {
		if (waits.isEmpty() || maxAttempts < 1) {
			throw new IllegalArgumentException("At least one wait and one attempt");
		}
		waits = List.copyOf(waits);
	}

	/** The wait after the given number of failed attempts (1 for the first failure). */
	Duration after(int failures) {
		return this.waits.get(Math.min(Math.max(failures, 1), this.waits.size()) - 1);
	}

	/** Whether a message that failed this many times is given up. */
	boolean givesUp(int failures) {
		return failures >= this.maxAttempts;
	}

}
