package io.opsguard.calendar.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.calendar.internal.CalendarService;
import io.opsguard.calendar.internal.CalendarService.CalendarDetail;
import io.opsguard.calendar.internal.CalendarService.CalendarSummary;
import io.opsguard.calendar.internal.CalendarService.CalendarUpdate;
import io.opsguard.calendar.internal.CalendarService.NewCalendar;
import io.opsguard.calendar.internal.CalendarService.VersionSummary;
import io.opsguard.calendar.internal.CalendarService.YearView;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.RequestTimes;
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

/** Working-time calendars (工作日历) and business-time arithmetic. */
@RestController
@RequestMapping("/api/v1/calendars")
@Tag(name = "calendar")
class CalendarController {

	private final CalendarService calendars;

	CalendarController(CalendarService calendars) {
		this.calendars = calendars;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	List<CalendarSummary> list() {
		return this.calendars.list(CurrentUsers.require(), LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	CalendarDetail get(@PathVariable String code) {
		return this.calendars.get(CurrentUsers.require(), code, LocaleContextHolder.getLocale());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	@Operation(summary = "Create a calendar, usually a copy of a preset (basedOn) to edit")
	ResponseEntity<CalendarDetail> create(@RequestBody NewCalendar input) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.calendars.create(CurrentUsers.require(), input, LocaleContextHolder.getLocale()));
	}

	@PutMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	@Operation(summary = "Rename and, when the definition changes, write the next version",
			description = "Running SLA timers keep the version they started with.")
	CalendarDetail update(@PathVariable String code, @RequestBody CalendarUpdate input) {
		return this.calendars.update(CurrentUsers.require(), code, input, LocaleContextHolder.getLocale());
	}

	@DeleteMapping("/{code}")
	@PreAuthorize("hasAuthority('calendar:calendar:manage')")
	ResponseEntity<Void> delete(@PathVariable String code) {
		this.calendars.delete(CurrentUsers.require(), code, LocaleContextHolder.getLocale());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{code}/versions")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	List<VersionSummary> versions(@PathVariable String code) {
		return this.calendars.versions(CurrentUsers.require(), code, LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/years/{year}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	YearView year(@PathVariable String code, @PathVariable int year, @RequestParam(required = false) Integer version) {
		return this.calendars.year(CurrentUsers.require(), code, year, version, LocaleContextHolder.getLocale());
	}

	@GetMapping("/{code}/deadline")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "The instant at which an amount of working time after start has passed",
			description = "start: ISO-8601 instant with offset (2026-02-13T17:00+08:00); duration: ISO-8601 days and time"
					+ " (PT30M, PT8H, P1D = one working day of the calendar, P2DT4H).")
	Deadline deadline(@PathVariable String code, @RequestParam(required = false) String start,
			@RequestParam(required = false) String duration, @RequestParam(required = false) Integer version) {
		Instant from = instant("start", start);
		WorkingDuration amount = duration("duration", duration);
		BusinessCalendar calendar = this.calendars.calendar(CurrentUsers.require(), code, version);
		Instant deadline = calendar.deadline(from, amount);
		return new Deadline(text(deadline, calendar), calendar.code(), calendar.version(), text(from, calendar),
				amount.toString(), amount.on(calendar).toString());
	}

	@GetMapping("/{code}/elapsed")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "The working time between two instants (ISO-8601 with offset)")
	Elapsed elapsed(@PathVariable String code, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer version) {
		Instant start = instant("from", from);
		Instant end = instant("to", to);
		if (end.isBefore(start)) {
			throw OpsGuardException.onField("to", CommonError.BAD_PARAMETER, "to");
		}
		BusinessCalendar calendar = this.calendars.calendar(CurrentUsers.require(), code, version);
		Duration elapsed = calendar.elapsed(start, end);
		return new Elapsed(elapsed.toString(), elapsed.toMinutes(), calendar.code(), calendar.version());
	}

	@GetMapping("/{code}/working-time")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Whether an instant is working time, and the next working time from it")
	WorkingTime workingTime(@PathVariable String code, @RequestParam(required = false) String at,
			@RequestParam(required = false) Integer version) {
		Instant instant = instant("at", at);
		BusinessCalendar calendar = this.calendars.calendar(CurrentUsers.require(), code, version);
		return new WorkingTime(calendar.isWorkingTime(instant), text(calendar.nextWorkingTime(instant), calendar),
				calendar.code(), calendar.version());
	}

	static Instant instant(String name, String value) {
		if (value == null || value.isBlank()) {
			throw OpsGuardException.onField(name, CommonError.BAD_PARAMETER, name);
		}
		// a "+" not encoded in the query arrives as a space
		String text = value.strip().replaceFirst(" (\\d{2}(:?\\d{2})?)$", "+$1");
		try {
			return RequestTimes.within(name, OffsetDateTime.parse(text).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw OpsGuardException.onField(name, CommonError.BAD_PARAMETER, name);
		}
	}

	static WorkingDuration duration(String name, String value) {
		if (value == null || value.isBlank()) {
			throw OpsGuardException.onField(name, CommonError.BAD_PARAMETER, name);
		}
		try {
			return WorkingDuration.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw OpsGuardException.onField(name, CommonError.BAD_PARAMETER, name);
		}
	}

	private static String text(Instant instant, BusinessCalendar calendar) {
		return instant.atZone(calendar.zone()).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	/** {@code deadline} in the calendar's zone, e.g. {@code 2026-02-24T10:00:00+08:00}. */
	record Deadline(String deadline, String calendar, int version, String start, String duration,
			String workingTime) {
	}

	record Elapsed(String elapsed, long minutes, String calendar, int version) {
	}

	record WorkingTime(boolean workingTime, String next, String calendar, int version) {
	}

}
