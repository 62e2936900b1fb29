package io.opsguard.calendar.internal;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * At every start: creates or updates the preset calendars ({@link CalendarType}) and loads the
 * built-in holiday years that are missing. Two nodes starting at once may race; the loser finds the
 * rows there.
 */
@Component
class CalendarSetup implements SmartInitializingSingleton {

	private final HolidaySchedules schedules;

	private final CalendarService calendars;

	CalendarSetup(HolidaySchedules schedules, CalendarService calendars) {
		this.schedules = schedules;
		this.calendars = calendars;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			this.calendars.synchronisePresets();
			this.schedules.loadBuiltIn();
		}
		catch (DataIntegrityViolationException ex) {
			// another node created them a moment ago
		}
	}

}
