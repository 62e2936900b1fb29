/**
 * Working-time calendars: working periods per weekday, the official holiday schedule with its
 * make-up working days (调休), versions, and business-time arithmetic. Other modules compute SLA
 * deadlines through {@link io.opsguard.calendar.BusinessCalendars} and {@link
 * io.opsguard.calendar.BusinessCalendar}, and tell which calendars they use through {@link
 * io.opsguard.calendar.CalendarUsage}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar", allowedDependencies = { "shared", "identity" })
package io.opsguard.calendar;
