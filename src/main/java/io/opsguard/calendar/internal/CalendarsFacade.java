package io.opsguard.calendar.internal;

import java.util.List;
import java.util.Optional;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendars;
import io.opsguard.shared.definition.DefinitionRow;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@link BusinessCalendars} other modules use. */
@Component
class CalendarsFacade implements BusinessCalendars {

	private final CalendarService calendars;

	CalendarsFacade(CalendarService calendars) {
		this.calendars = calendars;
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
	@Transactional(readOnly = true)
	public List<CalendarSummary> all() {
		return this.calendars.definitions().all().stream().map(this::summary).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CalendarSummary> summary(String code) {
		return this.calendars.definitions().find(code).map(this::summary);
	}

	private CalendarSummary summary(DefinitionRow row) {
		return new CalendarSummary(row.code(), row.nameZh(), row.nameEn(), row.organisationId(), row.builtIn(),
				row.currentVersion(), this.calendars.find(row.code(), row.currentVersion()).orElseThrow().roundTheClock());
	}

}
