package io.opsguard.servicedesk.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.Period;

/** Calendars for timer tests: the 5×8 preset's hours with the 2026 National Day holiday, and 7×24. */
final class TimerCalendars {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private TimerCalendars() {
	}

	static BusinessCalendar officeHours() {
		Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
		List<Period> day = List.of(Period.of("08:30", "12:00"), Period.of("13:30", "18:00"));
		for (DayOfWeek weekday : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(weekday, day);
		}
		Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5),
				LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7));
		return new BusinessCalendar("5x8", 1, BEIJING, week, day, holidays, Set.of(LocalDate.of(2026, 10, 10)));
	}

	static BusinessCalendar roundTheClock() {
		Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek weekday : DayOfWeek.values()) {
			week.put(weekday, List.of(Period.of("00:00", "24:00")));
		}
		return new BusinessCalendar("7x24", 1, BEIJING, week, List.of(Period.of("00:00", "24:00")), Set.of(), Set.of());
	}

	/** A Beijing wall-clock time, {@code "2026-12-07T08:30"}. */
	static Instant at(String local) {
		return LocalDateTime.parse(local).atZone(BEIJING).toInstant();
	}

}
