package io.opsguard.calendar.internal;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * At every start: loads the built-in holiday years that are missing and creates the preset
 * calendars {@code 7x24} (every minute counts, holidays ignored) and {@code 5x8} (Monday to Friday
 * 08:30–12:00 and 13:30–18:00 with the official schedule). Two nodes starting at once may race;
 * the loser finds the rows there.
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
			this.calendars.ensurePreset(CalendarService.ROUND_THE_CLOCK, "7×24 小时", "7×24", CalendarDefinition.roundTheClock());
			this.calendars.ensurePreset(CalendarService.OFFICE_HOURS, "5×8 工作时间", "5×8 office hours",
					CalendarDefinition.officeHours());
			this.schedules.loadBuiltIn();
		}
		catch (DataIntegrityViolationException ex) {
			// another node created them a moment ago
		}
	}

}
