package io.opsguard.monitoring.schedule;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimingWheelTests {

	@Test
	void handsOutTasksWhenDueAndNotBefore() {
		TimingWheel<String> wheel = new TimingWheel<>(100, 8, 0);
		wheel.add("a", 250);
		wheel.add("b", 5_000); // more than one turn (800 ms) ahead
		wheel.add("late", -1_000);
		assertThat(wheel.advance(50)).extracting(TimingWheel.Due::task).containsExactly("late");
		assertThat(wheel.advance(240)).isEmpty();
		assertThat(wheel.advance(300)).extracting(TimingWheel.Due::task).containsExactly("a");
		assertThat(wheel.advance(4_999)).isEmpty();
		assertThat(wheel.advance(5_000)).extracting(TimingWheel.Due::task).containsExactly("b");
		assertThat(wheel.size()).isZero();
	}

	@Test
	void afterAPauseLongerThanATurnEverythingDueComesOutOnceInDueOrder() {
		TimingWheel<Integer> wheel = new TimingWheel<>(100, 4, 0);
		for (int i = 0; i < 20; i++) {
			wheel.add(i, 1_000 - i * 37L);
		}
		wheel.add(99, 50_000);
		List<TimingWheel.Due<Integer>> due = wheel.advance(10_000);
		assertThat(due).hasSize(20);
		assertThat(due).extracting(TimingWheel.Due::dueMillis).isSorted();
		assertThat(wheel.advance(49_999)).isEmpty();
		assertThat(wheel.advance(50_000)).extracting(TimingWheel.Due::task).containsExactly(99);
	}

	@Property(tries = 200)
	void everyTaskComesOutExactlyOnceNeverEarlyAndAtMostATickLate(
			@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 20_000) Integer> dues,
			@ForAll @IntRange(min = 1, max = 700) int step) {
		TimingWheel<Integer> wheel = new TimingWheel<>(50, 16, 0);
		for (int i = 0; i < dues.size(); i++) {
			wheel.add(i, dues.get(i));
		}
		List<Integer> seen = new ArrayList<>();
		for (long now = 0; now <= 21_000; now += step) {
			for (TimingWheel.Due<Integer> due : wheel.advance(now)) {
				assertThat(due.dueMillis()).as("never early").isLessThanOrEqualTo(now);
				assertThat(now - due.dueMillis()).as("at most one advance late").isLessThan(step + 50L);
				seen.add(due.task());
			}
		}
		seen.addAll(wheel.advance(1_000_000).stream().map(TimingWheel.Due::task).toList());
		assertThat(seen).hasSize(dues.size()).doesNotHaveDuplicates();
	}

}
