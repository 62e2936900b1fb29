package io.opsguard.calendar;

import java.util.List;
import java.util.Optional;

/** The working-time calendars, for other modules (SLA timers, compliance checks). */
public interface BusinessCalendars {

	/** The current version of a calendar. */
	Optional<BusinessCalendar> current(String code);

	/** A given version of a calendar (what a running timer started with). */
	Optional<BusinessCalendar> version(String code, int version);

	/** Every calendar, presets first. */
	List<CalendarSummary> all();

	/** One calendar, to name it in words where people read its code. */
	Optional<CalendarSummary> summary(String code);

	/** A calendar as other modules list it. */
	record CalendarSummary(String code, String nameZh, String nameEn, Long organisationId, boolean builtIn,
			int version, boolean roundTheClock) {

		public String name(java.util.Locale locale) {
			return locale.getLanguage().equals("en") ? this.nameEn : this.nameZh;
		}

	}

}
