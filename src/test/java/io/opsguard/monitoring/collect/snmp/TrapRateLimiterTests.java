package io.opsguard.monitoring.collect.snmp;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrapRateLimiterTests {

	@Test
	void eachSourceHasItsOwnBudgetPerMinuteAndItsDropsAreHandedBackOnce() {
		TrapRateLimiter limiter = new TrapRateLimiter(2, 100);
		List<TrapRateLimiter.Dropped> ended = new ArrayList<>();

		assertThat(limiter.admit("10.0.0.1", 0, ended)).isTrue();
		assertThat(limiter.admit("10.0.0.1", 1_000, ended)).isTrue();
		assertThat(limiter.admit("10.0.0.1", 2_000, ended)).isFalse();
		assertThat(limiter.admit("10.0.0.1", 3_000, ended)).isFalse();
		assertThat(limiter.admit("10.0.0.2", 3_000, ended)).as("another source").isTrue();
		assertThat(ended).isEmpty();

		assertThat(limiter.admit("10.0.0.1", 60_000, ended)).as("a new window").isTrue();
		assertThat(ended).containsExactly(new TrapRateLimiter.Dropped("10.0.0.1", 2, 0));

		assertThat(limiter.ended(59_999)).isEmpty();
		assertThat(limiter.admit("10.0.0.1", 61_000, ended)).isTrue();
		assertThat(limiter.admit("10.0.0.1", 62_000, ended)).isFalse();
		assertThat(limiter.ended(120_000)).containsExactly(new TrapRateLimiter.Dropped("10.0.0.1", 1, 60_000));
		assertThat(limiter.ended(120_000)).as("handed back once, idle sources forgotten").isEmpty();
	}

	@Test
	void sourcesBeyondTheTrackedNumberShareOneBudget() {
		TrapRateLimiter limiter = new TrapRateLimiter(1, 2);
		List<TrapRateLimiter.Dropped> ended = new ArrayList<>();
		assertThat(limiter.admit("a", 0, ended)).isTrue();
		assertThat(limiter.admit("b", 0, ended)).isTrue();
		assertThat(limiter.admit("c", 0, ended)).isTrue();
		assertThat(limiter.admit("d", 0, ended)).as("c and d share the overflow budget").isFalse();
		assertThat(limiter.ended(60_000)).containsExactly(new TrapRateLimiter.Dropped(TrapRateLimiter.OTHER_SOURCES, 1, 0));
	}

}
