package io.opsguard.calendar;

import java.util.List;
import java.util.Locale;

/**
 * Plug-in point: a module that refers to calendars by code (SLA policies, duty rosters) says where
 * a calendar is used, so that a calendar in use is not deleted.
 */
public interface CalendarUsage {

	/** What uses the calendar, as people read it ("SLA 策略 省级运维合同"); empty when nothing does. */
	List<String> usesOf(String calendarCode, Locale locale);

}
