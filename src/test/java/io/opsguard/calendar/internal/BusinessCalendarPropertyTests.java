package io.opsguard.calendar.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.Period;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business-time arithmetic against its definition, on the presets and on random calendars: random
 * periods on a quarter-hour grid (so period boundaries, lunch breaks and midnight come up often),
 * random holidays and make-up days, in Beijing and in a zone with daylight saving time.
 */
class BusinessCalendarPropertyTests {

	private static final Instant FROM = LocalDate.of(2024, 12, 20).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();

	private static final long MINUTES = Duration.ofDays(800).toMinutes();

	@Provide
	Arbitrary<BusinessCalendar> calendars() {
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(TestCalendars.officeHours())),
				net.jqwik.api.Tuple.of(1, Arbitraries.just(TestCalendars.roundTheClock())),
				net.jqwik.api.Tuple.of(4, randomCalendars()));
	}

	private Arbitrary<BusinessCalendar> randomCalendars() {
		Arbitrary<List<Period>> day = Arbitraries.integers()
			.between(0, 96)
			.list()
			.ofMaxSize(6)
			.map(BusinessCalendarPropertyTests::periods);
		Arbitrary<List<List<Period>>> week = day.list().ofSize(7).filter(w -> w.stream().anyMatch(d -> !d.isEmpty()));
		Arbitrary<Set<LocalDate>> dates = Arbitraries.integers().between(0, 800).set().ofMaxSize(60)
			.map(s -> { Set<LocalDate> d = new HashSet<>(); s.forEach(i -> d.add(LocalDate.of(2024, 12, 20).plusDays(i))); return d; });
		Arbitrary<ZoneId> zones = Arbitraries.of(ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/London"), ZoneId.of("UTC"));
		return Combinators.combine(week, dates, dates, zones).as((w, holidays, workdays, zone) -> {
			Map<DayOfWeek, List<Period>> byDay = new EnumMap<>(DayOfWeek.class);
			for (int i = 0; i < 7; i++) {
				byDay.put(DayOfWeek.of(i + 1), w.get(i));
			}
			List<Period> template = w.stream().filter(d -> !d.isEmpty()).findFirst().orElseThrow();
			Set<LocalDate> makeUp = new HashSet<>(workdays);
			makeUp.removeAll(holidays);
			return new BusinessCalendar("random", 1, zone, byDay, template, holidays, makeUp);
		});
	}

	/** Quarter-hour marks (0..96) paired into non-overlapping periods. */
	private static List<Period> periods(List<Integer> marks) {
		List<Integer> sorted = marks.stream().distinct().sorted().toList();
		List<Period> periods = new ArrayList<>();
		for (int i = 0; i + 1 < sorted.size(); i += 2) {
			periods.add(new Period(sorted.get(i) * 15, sorted.get(i + 1) * 15));
		}
		return periods;
	}

	@Provide
	Arbitrary<Instant> instants() {
		Arbitrary<Instant> anyMinute = Arbitraries.longs().between(0, MINUTES).map(m -> FROM.plusSeconds(m * 60));
		Arbitrary<Instant> quarterHours = Arbitraries.longs().between(0, MINUTES / 15).map(q -> FROM.plusSeconds(q * 900));
		return Arbitraries.oneOf(anyMinute, quarterHours);
	}

	@Provide
	Arbitrary<Duration> amounts() {
		return Arbitraries.oneOf(Arbitraries.longs().between(0, 3 * 24 * 60).map(Duration::ofMinutes),
				Arbitraries.of(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
						Duration.ofHours(24), Duration.ofHours(40)));
	}

	@Property(tries = 400)
	void theWorkingTimeUpToADeadlineIsTheAmount(@ForAll("calendars") BusinessCalendar calendar,
			@ForAll("instants") Instant start, @ForAll("amounts") Duration amount) {
		Instant deadline = calendar.deadline(start, amount);
		assertThat(calendar.elapsed(start, deadline)).isEqualTo(amount);
		if (!amount.isZero()) {
			assertThat(calendar.isWorkingTime(deadline.minusSeconds(1))).as("the last second is working time").isTrue();
		}
	}

	@Property(tries = 300)
	void deadlinesAddUp(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start,
			@ForAll("amounts") Duration a, @ForAll("amounts") Duration b) {
		assertThat(calendar.deadline(calendar.deadline(start, a), b)).isEqualTo(calendar.deadline(start, a.plus(b)));
		if (a.compareTo(b) <= 0) {
			assertThat(calendar.deadline(start, a)).isBeforeOrEqualTo(calendar.deadline(start, b));
		}
	}

	@Property(tries = 300)
	void elapsedTimeAddsUpAndNeverExceedsTheWallClock(@ForAll("calendars") BusinessCalendar calendar,
			@ForAll("instants") Instant x, @ForAll("instants") Instant y, @ForAll("instants") Instant z) {
		List<Instant> sorted = new ArrayList<>(List.of(x, y, z));
		sorted.sort(null);
		Instant a = sorted.get(0);
		Instant b = sorted.get(1);
		Instant c = sorted.get(2);
		assertThat(calendar.elapsed(a, c)).isEqualTo(calendar.elapsed(a, b).plus(calendar.elapsed(b, c)));
		assertThat(calendar.elapsed(a, c)).isLessThanOrEqualTo(Duration.between(a, c));
	}

	@Property(tries = 400)
	void aMinuteCountsExactlyWhenItIsWorkingTime(@ForAll("calendars") BusinessCalendar calendar,
			@ForAll("instants") Instant minute) {
		Duration counted = calendar.elapsed(minute, minute.plusSeconds(60));
		assertThat(counted).isEqualTo(calendar.isWorkingTime(minute) ? Duration.ofMinutes(1) : Duration.ZERO);
	}

	@Property(tries = 300)
	void theNextWorkingTimeIsWhereWorkBegins(@ForAll("calendars") BusinessCalendar calendar,
			@ForAll("instants") Instant start) {
		Instant next = calendar.nextWorkingTime(start);
		assertThat(next).isAfterOrEqualTo(start);
		assertThat(calendar.isWorkingTime(next)).isTrue();
		assertThat(calendar.elapsed(start, next)).isZero();
		assertThat(calendar.deadline(start, Duration.ofSeconds(1))).isEqualTo(next.plusSeconds(1));
	}

}
