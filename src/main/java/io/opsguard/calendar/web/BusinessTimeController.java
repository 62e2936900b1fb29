package io.opsguard.calendar.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.OutOfRange;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.calendar.internal.CalendarError;
import io.opsguard.calendar.internal.CalendarService;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Business-time arithmetic on a calendar (a version, or the current one): deadlines, elapsed
 * working time, whether an instant is working time. Instants are ISO-8601 with an offset between
 * the years {@value BusinessCalendar#FIRST_YEAR} and {@value BusinessCalendar#LAST_YEAR};
 * durations are working days and time up to {@value WorkingDuration#MAX_DAYS} working days.
 */
@RestController
@RequestMapping("/api/v1/calendars/{code}")
@Tag(name = "business-time",
		description = "Business-time arithmetic on a calendar (current version, or `version`): deadlines, "
		+ "elapsed working time, whether an instant is working time. Instants are ISO-8601 with "
		+ "offset within the years 1970–2200.")
class BusinessTimeController {

	private final CalendarService calendars;

	BusinessTimeController(CalendarService calendars) {
		this.calendars = calendars;
	}

	@GetMapping("/deadline")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Deadline after working time",
			description = "The instant at which `duration` of working time after `start` has passed on the "
				+ "calendar. `start`: ISO-8601 instant with offset (2026-02-13T17:00+08:00); `duration`: "
				+ "ISO-8601 whole working days, hours, minutes and seconds (PT30M, PT8H, P1D = one working "
				+ "day of the calendar, P2DT4H), at most P3650D and PT87600H. A deadline after 2200 answers "
				+ "400 `CAL-0022`.")
	@ErrorResponses({ "CAL-0001", "CAL-0014", "CAL-0015", "CAL-0016", "CAL-0022" })
	Deadline deadline(@PathVariable String code, @RequestParam(required = false) String start,
			@RequestParam(required = false) String duration, @RequestParam(required = false) Integer version) {
		Instant from = instant("start", start);
		WorkingDuration amount = duration("duration", duration);
		BusinessCalendar calendar = this.calendars.calendar(CurrentUsers.require(), code, version);
		Instant deadline;
		try {
			deadline = calendar.deadline(from, amount);
		}
		catch (OutOfRange ex) {
			throw outOfRange("duration", duration);
		}
		return new Deadline(text(deadline, calendar), calendar.code(), calendar.version(), text(from, calendar),
				amount.toString(), amount.on(calendar).toString());
	}

	@GetMapping("/elapsed")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Working time elapsed",
			description = "The working time between `from` and `to` (ISO-8601 instants with offset, `to` not before "
				+ "`from`), as an ISO-8601 duration and in minutes.")
	@ErrorResponses({ "CAL-0001", "CAL-0014", "CAL-0016", "CAL-0022", "CAL-0023" })
	Elapsed elapsed(@PathVariable String code, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer version) {
		Instant start = instant("from", from);
		Instant end = instant("to", to);
		if (end.isBefore(start)) {
			throw OpsGuardException.onField("to", CalendarError.END_BEFORE_START, from, to);
		}
		BusinessCalendar calendar = this.calendars.calendar(CurrentUsers.require(), code, version);
		Duration elapsed = calendar.elapsed(start, end);
		return new Elapsed(elapsed.toString(), elapsed.toMinutes(), calendar.code(), calendar.version());
	}

	@GetMapping("/working-time")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Is it working time",
			description = "Whether `at` (an ISO-8601 instant with offset) is working time on the calendar, and the "
				+ "next working time from it.")
	@ErrorResponses({ "CAL-0001", "CAL-0014", "CAL-0016", "CAL-0022" })
	WorkingTime workingTime(@PathVariable String code, @RequestParam(required = false) String at,
			@RequestParam(required = false) Integer version) {
		Instant instant = instant("at", at);
		BusinessCalendar calendar = this.calendars.calendar(CurrentUsers.require(), code, version);
		Instant next;
		try {
			next = calendar.nextWorkingTime(instant);
		}
		catch (OutOfRange ex) {
			throw outOfRange("at", at);
		}
		return new WorkingTime(calendar.isWorkingTime(instant), text(next, calendar), calendar.code(), calendar.version());
	}

	/** An ISO-8601 instant with offset in the supported years; the parameter is named otherwise. */
	static Instant instant(String name, String value) {
		if (value == null || value.isBlank()) {
			throw OpsGuardException.onField(name, CalendarError.BAD_INSTANT, name);
		}
		// a "+" not encoded in the query arrives as a space
		String text = value.strip().replaceFirst(" (\\d{2}(:?\\d{2})?)$", "+$1");
		Instant instant;
		try {
			instant = OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw OpsGuardException.onField(name, CalendarError.BAD_INSTANT, name);
		}
		catch (DateTimeException ex) {
			throw outOfRange(name, value);
		}
		if (!BusinessCalendar.supports(instant)) {
			throw outOfRange(name, value);
		}
		return instant;
	}

	/** Whole working days, hours, minutes and seconds within the limits; the parameter is named otherwise. */
	static WorkingDuration duration(String name, String value) {
		if (value != null && !value.isBlank()) {
			try {
				return WorkingDuration.parse(value);
			}
			catch (IllegalArgumentException | ArithmeticException ex) {
				// named below
			}
		}
		throw OpsGuardException.onField(name, CalendarError.BAD_DURATION, name, WorkingDuration.MAX_DAYS,
				WorkingDuration.MAX_HOURS);
	}

	private static OpsGuardException outOfRange(String name, String value) {
		return OpsGuardException.onField(name, CalendarError.OUT_OF_RANGE, name, BusinessCalendar.FIRST_YEAR,
				BusinessCalendar.LAST_YEAR);
	}

	private static String text(Instant instant, BusinessCalendar calendar) {
		return instant.atZone(calendar.zone()).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	/** {@code deadline} in the calendar's zone, e.g. {@code 2026-02-24T10:00:00+08:00}. */
	record Deadline(String deadline, String calendar, int version, String start, String duration, String workingTime) {
	}

	record Elapsed(String elapsed, long minutes, String calendar, int version) {
	}

	record WorkingTime(boolean workingTime, String next, String calendar, int version) {
	}

}
