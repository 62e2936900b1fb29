package io.opsguard.calendar;

/**
 * A calendar has a new version (edited, or its holidays changed with an imported schedule).
 * Running timers keep the version they started with unless recalculated on purpose.
 */
public record CalendarChanged(String code, int version) {
}
