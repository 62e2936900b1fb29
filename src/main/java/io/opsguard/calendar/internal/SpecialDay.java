package io.opsguard.calendar.internal;

import java.time.LocalDate;

/** A date of the holiday schedule: a holiday, or a weekend day declared a working day (调休). */
record SpecialDay(LocalDate date, Kind kind, String name) {

	enum Kind {

		/** 放假: no working time, whatever the weekday. */
		HOLIDAY,

		/** 调休上班: a weekend day with the periods of a working day. */
		WORKDAY

	}

}
