package io.opsguard.calendar.web;

import java.util.List;
import java.util.Locale;

import io.opsguard.calendar.internal.CalendarDefinition;
import io.opsguard.calendar.internal.CalendarService;
import io.opsguard.calendar.internal.CalendarService.YearView;
import io.opsguard.calendar.web.CalendarViews.CalendarDetail;
import io.opsguard.calendar.web.CalendarViews.CalendarOption;
import io.opsguard.calendar.web.CalendarViews.CalendarSummary;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.definition.DefinitionEdit;
import io.opsguard.shared.definition.DefinitionFilter;
import io.opsguard.shared.definition.DefinitionPresenter;
import io.opsguard.shared.definition.NewDefinition;
import io.opsguard.shared.definition.VersionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Working-time calendars (工作日历): list, versions, copies, edits, the year view. */
@RestController
@RequestMapping("/api/v1/calendars")
@Tag(name = "calendar")
class CalendarController {

	private final CalendarService calendars;

	private final CalendarViews views;

	CalendarController(CalendarService calendars, CalendarViews views) {
		this.calendars = calendars;
		this.views = views;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "List calendars, one page", description = "q: in code or names; builtIn: presets only (true) or"
			+ " copies only (false); sort: name, code, builtIn, currentVersion or updatedAt, with ,asc or ,desc.")
	PageResult<CalendarSummary> list(@RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean builtIn, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.calendars
			.list(CurrentUsers.require(), new DefinitionFilter(q, builtIn, null), page, size, DefinitionPresenter.sort(sort, locale))
			.map(state -> this.views.summary(state, locale));
	}

	@GetMapping("/options")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Every calendar the user sees, for pickers (code, names, 7×24, working day)")
	List<CalendarOption> options() {
		Locale locale = LocaleContextHolder.getLocale();
		return this.calendars.options(CurrentUsers.require()).stream().map(c -> this.views.option(c, locale)).toList();
	}

	@GetMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "A calendar with its current definition and the note of its current version")
	CalendarDetail get(@PathVariable String code) {
		return this.views.detail(this.calendars.get(CurrentUsers.require(), code, null), LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	@Operation(summary = "Create a calendar, usually a copy of a preset (basedOn) to edit",
			description = "Without basedOn and definition the calendar starts as office hours (5×8).")
	ResponseEntity<CalendarDetail> create(@RequestBody NewCalendar input) {
		NewDefinition<CalendarDefinition> definition = new NewDefinition<>(input.code(), input.nameZh(), input.nameEn(),
				input.organisationId(), input.basedOn(), input.definition(), input.note());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.detail(this.calendars.create(CurrentUsers.require(), definition), LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	@Operation(summary = "Rename and, when the definition changes, write the next version",
			description = "version: the calendar's version as read (required; another one answers 409 CAL-0019)."
					+ " Running SLA timers keep the version they started with.")
	CalendarDetail update(@PathVariable String code, @RequestBody CalendarUpdate input) {
		DefinitionEdit<CalendarDefinition> edit = new DefinitionEdit<>(input.nameZh(), input.nameEn(), input.definition(),
				input.version(), input.note());
		return this.views.detail(this.calendars.update(CurrentUsers.require(), code, edit), LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	@Operation(summary = "Delete a calendar nothing uses", description = "A calendar an SLA policy uses answers 409 CAL-0010 naming the users.")
	ResponseEntity<Void> delete(@PathVariable String code) {
		this.calendars.delete(CurrentUsers.require(), code);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{code}/versions")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "The versions of a calendar, newest first, one page")
	PageResult<VersionView> versions(@PathVariable String code, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.views.versions(this.calendars.versions(CurrentUsers.require(), code, page, size),
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/versions/{version}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "A calendar as one of its versions defined it")
	CalendarDetail version(@PathVariable String code, @PathVariable int version) {
		return this.views.detail(this.calendars.get(CurrentUsers.require(), code, version), LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/years/{year}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "The days of a year as the calendar (a version, or the current one) sees them")
	YearView year(@PathVariable String code, @PathVariable int year, @RequestParam(required = false) Integer version) {
		return this.calendars.year(CurrentUsers.require(), code, year, version);
	}

	/** A new calendar: a copy of {@code basedOn} unless a definition is given. */
	record NewCalendar(String code, String nameZh, String nameEn, Long organisationId, String basedOn,
			CalendarDefinition definition, String note) {
	}

	/** A change: names, definition (null: unchanged), the version that was read, a note for the new version. */
	record CalendarUpdate(String nameZh, String nameEn, CalendarDefinition definition, Integer version, String note) {
	}

}
