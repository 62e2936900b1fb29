package io.opsguard.calendar.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.Period;
import io.opsguard.calendar.internal.CalendarDefinition;
import io.opsguard.calendar.internal.CalendarService;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Organisations.OrganisationView;
import io.opsguard.identity.Users;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.definition.DefinitionHeader;
import io.opsguard.shared.definition.DefinitionOption;
import io.opsguard.shared.definition.DefinitionPresenter;
import io.opsguard.shared.definition.DefinitionState;
import io.opsguard.shared.definition.VersionInfo;
import io.opsguard.shared.definition.VersionView;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Calendars as the API shows them, in the request's language. */
@Component
class CalendarViews {

	private final CalendarService calendars;

	private final DefinitionPresenter presenter;

	CalendarViews(CalendarService calendars, MessageSource messages, Users users, Organisations organisations) {
		this.calendars = calendars;
		this.presenter = new DefinitionPresenter(messages, users::displayNames,
				id -> organisations.find(id).map(OrganisationView::name), calendars.definitions());
	}

	CalendarSummary summary(DefinitionState<CalendarDefinition> state, Locale locale) {
		BusinessCalendar calendar = this.calendars.compile(state);
		CalendarDefinition definition = state.content();
		return new CalendarSummary(this.presenter.header(state.row(), locale), definition.zone(),
				definition.followsOfficialHolidays(), calendar.roundTheClock(), calendar.workingDay().toMinutes(),
				weekMinutes(calendar));
	}

	CalendarDetail detail(DefinitionState<CalendarDefinition> state, Locale locale) {
		VersionView version = this.presenter.version(state, locale);
		return new CalendarDetail(summary(state, locale), state.content(), version.version(), version.note(),
				version.createdAt(), version.createdBy(), version.createdByName());
	}

	CalendarOption option(DefinitionState<CalendarDefinition> state, Locale locale) {
		BusinessCalendar calendar = this.calendars.compile(state);
		return new CalendarOption(this.presenter.option(state.row(), locale), calendar.roundTheClock(),
				calendar.workingDay().toMinutes());
	}

	PageResult<VersionView> versions(PageResult<VersionInfo> page, Locale locale) {
		return this.presenter.versions(page, locale);
	}

	/** Working minutes of an ordinary week: the weekday periods only. */
	private static long weekMinutes(BusinessCalendar calendar) {
		long minutes = 0;
		LocalDate monday = LocalDate.of(2024, 1, 1);
		for (int i = 0; i < 7; i++) {
			minutes += calendar.periodsOn(monday.plusDays(i)).stream().mapToLong(Period::minutes).sum();
		}
		return minutes;
	}

	/** A calendar in the list: the definition header and its hours. */
	record CalendarSummary(@JsonUnwrapped DefinitionHeader header, String zone, boolean followsOfficialHolidays,
			boolean roundTheClock, long workingDayMinutes, long weekMinutes) {
	}

	/** A calendar at a version (the current one unless asked), with that version's note and author. */
	record CalendarDetail(CalendarSummary calendar, CalendarDefinition definition, int versionShown, String versionNote,
			Instant versionCreatedAt, Long versionCreatedBy, String versionCreatedByName) {
	}

	/** A calendar in a picker. */
	record CalendarOption(@JsonUnwrapped DefinitionOption option, boolean roundTheClock, long workingDayMinutes) {
	}

}
