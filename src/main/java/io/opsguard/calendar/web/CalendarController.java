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
import io.opsguard.shared.ErrorResponses;
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
@Tag(name = "calendars",
		description = "Working-time calendars (工作日历) as versioned definitions: weekly working hours, the "
		+ "official holiday schedule, own holidays and make-up days, in a time zone. Presets are "
		+ "built in (office hours 5×8, 7×24…); organisations copy and adjust them. SLA timers keep "
		+ "the version they started with.")
class CalendarController {

	private final CalendarService calendars;

	private final CalendarViews views;

	CalendarController(CalendarService calendars, CalendarViews views) {
		this.calendars = calendars;
		this.views = views;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "List calendars",
			description = "The calendars the caller sees (platform-wide ones and those of organisations in scope), "
				+ "paged. `q` matches code or names; `builtIn`: presets only (true) or copies only (false). "
				+ "`sort` by `name` (in the request's language), `code`, `builtIn`, `currentVersion` or "
				+ "`updatedAt`.")
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
	@Operation(summary = "Calendar options",
			description = "Every calendar the caller sees, for pickers: code, names, whether it is 7×24, and the "
				+ "length of a working day.")
	List<CalendarOption> options() {
		Locale locale = LocaleContextHolder.getLocale();
		return this.calendars.options(CurrentUsers.require()).stream().map(c -> this.views.option(c, locale)).toList();
	}

	@GetMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Get a calendar",
			description = "A calendar with its current definition and the note of its current version.")
	@ErrorResponses({ "CAL-0001" })
	CalendarDetail get(@PathVariable String code) {
		return this.views.detail(this.calendars.get(CurrentUsers.require(), code, null), LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	@Operation(summary = "Create a calendar",
			description = "Creates a calendar for an organisation in the caller's scope (none: platform-wide, needs "
				+ "every organisation), usually a copy of a preset (`basedOn`) to edit; without `basedOn` "
				+ "and `definition` it starts as office hours (5×8). The definition is checked whole (zone, "
				+ "periods, date ranges, some working time). Audited; version 1 carries `note`.")
	@ErrorResponses({ "CAL-0001", "CAL-0002", "CAL-0017", "CAL-0018", "CAL-0021", "CAL-0004", "CAL-0005",
			"CAL-0006", "CAL-0007", "CAL-0008", "CAL-0009" })
	ResponseEntity<CalendarDetail> create(@RequestBody NewCalendar input) {
		NewDefinition<CalendarDefinition> definition = new NewDefinition<>(input.code(), input.nameZh(), input.nameEn(),
				input.organisationId(), input.basedOn(), input.definition(), input.note());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.views.detail(this.calendars.create(CurrentUsers.require(), definition), LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	@Operation(summary = "Update a calendar",
			description = "Renames the calendar and, when the definition changes, writes the next version; running "
				+ "SLA timers keep the version they started with. Carries the `version` read: without it "
				+ "400 `DEF-0001`, another one 409 `CAL-0019`. Built-in presets cannot be changed. Audited.")
	@ErrorResponses({ "DEF-0001", "CAL-0001", "CAL-0003", "CAL-0019", "CAL-0021", "CAL-0004", "CAL-0005",
			"CAL-0006", "CAL-0007", "CAL-0008", "CAL-0009" })
	CalendarDetail update(@PathVariable String code, @RequestBody CalendarUpdate input) {
		DefinitionEdit<CalendarDefinition> edit = new DefinitionEdit<>(input.nameZh(), input.nameEn(), input.definition(),
				input.version(), input.note());
		return this.views.detail(this.calendars.update(CurrentUsers.require(), code, edit), LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	@Operation(summary = "Delete a calendar",
			description = "Deletes a calendar nothing uses; one an SLA policy uses answers 409 `CAL-0010` naming "
				+ "the users. Built-in presets cannot be deleted. Audited.")
	@ErrorResponses({ "CAL-0001", "CAL-0003", "CAL-0010" })
	ResponseEntity<Void> delete(@PathVariable String code) {
		this.calendars.delete(CurrentUsers.require(), code);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{code}/versions")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Versions of a calendar",
			description = "The versions of a calendar, newest first, paged (`page`, `size`): number, note, author "
				+ "and time.")
	@ErrorResponses({ "CAL-0001" })
	PageResult<VersionView> versions(@PathVariable String code, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.views.versions(this.calendars.versions(CurrentUsers.require(), code, page, size),
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/versions/{version}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "One version of a calendar",
			description = "A calendar as one of its versions defined it.")
	@ErrorResponses({ "CAL-0001", "CAL-0014" })
	CalendarDetail version(@PathVariable String code, @PathVariable int version) {
		return this.views.detail(this.calendars.get(CurrentUsers.require(), code, version), LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/years/{year}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "A calendar's year",
			description = "Every day of `year` (1970–2200) as the calendar sees it, current version or `version`: "
				+ "working day, rest day, holiday or make-up day, with its name and working minutes, and "
				+ "whether the official schedule of that year is known.")
	@ErrorResponses({ "CAL-0001", "CAL-0014", "CAL-0020" })
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
