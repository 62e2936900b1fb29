package io.opsguard.servicelevel.web;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.opsguard.calendar.BusinessCalendars;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Organisations.OrganisationView;
import io.opsguard.identity.Users;
import io.opsguard.servicelevel.internal.SlaDefinition;
import io.opsguard.servicelevel.internal.SlaPolicyService;
import io.opsguard.servicelevel.internal.SlaPolicyService.Kind;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.definition.DefinitionHeader;
import io.opsguard.shared.definition.DefinitionOption;
import io.opsguard.shared.definition.DefinitionPresenter;
import io.opsguard.shared.definition.DefinitionState;
import io.opsguard.shared.definition.VersionInfo;
import io.opsguard.shared.definition.VersionView;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** SLA policies as the API shows them, in the request's language (calendars named in words). */
@Component
class SlaPolicyViews {

	private final BusinessCalendars calendars;

	private final DefinitionPresenter presenter;

	SlaPolicyViews(SlaPolicyService policies, BusinessCalendars calendars, MessageSource messages, Users users,
			Organisations organisations) {
		this.calendars = calendars;
		this.presenter = new DefinitionPresenter(messages, users::displayNames,
				id -> organisations.find(id).map(OrganisationView::name), policies.definitions());
	}

	PolicySummary summary(DefinitionState<SlaDefinition> state, Locale locale) {
		String calendar = state.content().calendar();
		BusinessCalendars.CalendarSummary found = this.calendars.summary(calendar).orElse(null);
		boolean roundTheClock = found != null && found.roundTheClock();
		String description = SlaPolicyService.descriptionOf(state.row());
		return new PolicySummary(this.presenter.header(state.row(), locale), SlaPolicyService.kindOf(state.row()),
				description == null ? null : this.presenter.note(description, locale), calendar,
				found == null ? calendar : found.name(locale), roundTheClock);
	}

	PolicyDetail detail(DefinitionState<SlaDefinition> state, Locale locale) {
		VersionView version = this.presenter.version(state, locale);
		return new PolicyDetail(summary(state, locale), state.content(), version.version(), version.note(),
				version.createdAt(), version.createdBy(), version.createdByName());
	}

	PolicyOption option(DefinitionState<SlaDefinition> state, Locale locale) {
		return new PolicyOption(this.presenter.option(state.row(), locale), SlaPolicyService.kindOf(state.row()),
				state.content().calendar());
	}

	PageResult<VersionView> versions(PageResult<VersionInfo> page, Locale locale) {
		return this.presenter.versions(page, locale);
	}

	/** A policy in the list: the definition header, its kind, where a preset comes from, its calendar named. */
	record PolicySummary(@JsonUnwrapped DefinitionHeader header, Kind kind, String description, String calendar,
			String calendarName, boolean roundTheClock) {
	}

	/** A policy at a version (the current one unless asked), with that version's note and author. */
	record PolicyDetail(PolicySummary policy, SlaDefinition definition, int versionShown, String versionNote,
			Instant versionCreatedAt, Long versionCreatedBy, String versionCreatedByName) {
	}

	/** A policy in a picker. */
	record PolicyOption(@JsonUnwrapped DefinitionOption option, Kind kind, String calendar) {
	}

}
