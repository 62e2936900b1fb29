package io.opsguard.calendar;

import java.util.List;

import io.opsguard.shared.definition.Usage;

/**
 * Plug-in point: a module that refers to calendars by code (SLA policies, duty rosters) says where
 * a calendar is used, so that a calendar in use is not deleted.
 */
public interface CalendarUsage {

	/** What uses the calendar, named in words ({@code Usage} renders in the reader's language); empty when nothing does. */
	List<Usage> usesOf(String calendarCode);

}
