package io.opsguard.calendar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.opsguard.calendar.BusinessCalendar;

/** The preset calendars as they are compiled at first start, without Spring. */
final class TestCalendars {

	static final List<SpecialDay> OFFICIAL = builtInSchedule();

	private TestCalendars() {
	}

	static BusinessCalendar officeHours() {
		CalendarDefinition definition = CalendarDefinition.officeHours();
		return definition.check().compile("5x8", 1, definition.check().resolve(true, OFFICIAL));
	}

	static BusinessCalendar roundTheClock() {
		CalendarDefinition definition = CalendarDefinition.roundTheClock();
		return definition.check().compile("7x24", 1, definition.check().resolve(false, OFFICIAL));
	}

	/** The days of the years {@code from} to {@code to}. */
	static List<SpecialDay> inYears(List<SpecialDay> days, int from, int to) {
		return days.stream().filter(d -> d.date().getYear() >= from && d.date().getYear() <= to).toList();
	}

	static List<SpecialDay> builtInSchedule() {
		try (InputStream in = TestCalendars.class.getResourceAsStream("/" + HolidaySchedules.BUILT_IN)) {
			HolidayFile.Parsed parsed = HolidayFile.text(in.readAllBytes());
			if (!parsed.problems().isEmpty()) {
				throw new IllegalStateException(parsed.problems().toString());
			}
			return parsed.days();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
