package io.opsguard.calendar;

/** {@link CalendarPersistenceScenarios} on the embedded H2 database. */
class CalendarPersistenceH2IT extends CalendarPersistenceScenarios {

}
