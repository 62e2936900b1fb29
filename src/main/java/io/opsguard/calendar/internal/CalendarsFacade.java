package io.opsguard.calendar.internal;

import java.util.List;
import java.util.Optional;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendars;

import org.springframework.stereotype.Component;

/** The {@link BusinessCalendars} other modules use. */
@Component
class CalendarsFacade implements BusinessCalendars {

	private final CalendarService calendars;

	private final CalendarStore store;

	CalendarsFacade(CalendarService calendars, CalendarStore store) {
		this.calendars = calendars;
		this.store = store;
	}

	@Override
	public Optional<BusinessCalendar> current(String code) {
		return this.calendars.find(code, null);
	}

	@Override
	public Optional<BusinessCalendar> version(String code, int version) {
		return this.calendars.find(code, version);
	}

	@Override
	public List<CalendarSummary> all() {
		return this.store.calendars()
			.stream()
			.map(row -> {
				BusinessCalendar calendar = this.calendars.find(row.code(), row.currentVersion()).orElseThrow();
				return new CalendarSummary(row.code(), row.nameZh(), row.nameEn(), row.organisationId(), row.builtIn(),
						row.currentVersion(), calendar.roundTheClock());
			})
			.toList();
	}

}
