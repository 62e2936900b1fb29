package io.opsguard.calendar.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.opsguard.calendar.internal.HolidaySchedules;
import io.opsguard.calendar.internal.HolidaySchedules.ImportResult;
import io.opsguard.calendar.internal.HolidaySchedules.ScheduleDay;
import io.opsguard.calendar.internal.HolidaySchedules.ScheduleStatus;
import io.opsguard.calendar.internal.HolidaySchedules.ScheduleYear;
import io.opsguard.calendar.internal.HolidaySchedules.YearChange;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.Users;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.Downloads;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.Problems;
import io.opsguard.shared.SystemNotes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The official holiday schedule (节假日安排): years, import, and the missing-year warning. */
@RestController
@RequestMapping("/api/v1/holiday-schedule")
@Tag(name = "holiday-schedule",
		description = "The official holiday schedule (节假日安排) of the State Council that calendars follow: its "
		+ "years, the warning when next year is missing, and imports of new years.")
class HolidayScheduleController {

	private final HolidaySchedules schedules;

	private final Problems problems;

	private final MessageSource messages;

	private final Users users;

	HolidayScheduleController(HolidaySchedules schedules, Problems problems, MessageSource messages, Users users) {
		this.schedules = schedules;
		this.problems = problems;
		this.messages = messages;
		this.users = users;
	}

	@GetMapping("/years")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Years of the holiday schedule",
			description = "The years of the official schedule, oldest first, with their source (built in or "
				+ "imported, by whom and when) and their numbers of holidays and make-up days.")
	List<YearSummary> years() {
		Locale locale = LocaleContextHolder.getLocale();
		List<ScheduleYear> years = this.schedules.years();
		Map<Long, String> names = this.users
			.displayNames(years.stream().map(ScheduleYear::importedBy).filter(Objects::nonNull).toList());
		return years.stream()
			.map(y -> new YearSummary(y.year(), SystemNotes.render(y.source(), this.messages, locale), y.importedAt(),
					y.importedBy(), y.importedBy() == null ? null : names.get(y.importedBy()), y.holidays(), y.workdays()))
			.toList();
	}

	@GetMapping("/years/{year}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Days of a schedule year",
			description = "The holidays and make-up working days of one year of the official schedule, with their "
				+ "names; empty when the year is unknown.")
	List<ScheduleDay> days(@PathVariable int year) {
		return this.schedules.days(year);
	}

	@GetMapping("/status")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Holiday schedule status",
			description = "Whether this and next year's schedules are known; from 1 November a missing next year is "
				+ "a warning.")
	ScheduleStatus status() {
		return this.schedules.status();
	}

	@PostMapping("/import")
	@PreAuthorize("hasAuthority('calendar:holiday:import')")
	@Operation(summary = "Import a holiday schedule",
			description = "Imports years of the official schedule from text (`date[~date] 假|班 name` per line), xlsx "
				+ "(the template) or iCalendar; it replaces the years the file holds, and calendars that "
				+ "follow the schedule get a new version. Every line must be right or nothing is written; "
				+ "`dryRun=true` checks only. A refused file answers 400 `CAL-0011` with `valid`, "
				+ "`written`, `format`, `years` and `errors` (line, message). Audited.")
	@ErrorResponses({ "CAL-0011", "CAL-0012", "CAL-0013" })
	ResponseEntity<?> importFile(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false, defaultValue = "false") boolean dryRun) throws IOException {
		if (file.isEmpty()) {
			throw OpsGuardException.onField("file", CommonError.BAD_PARAMETER, "file");
		}
		Locale locale = LocaleContextHolder.getLocale();
		ImportResult imported = this.schedules.importFile(CurrentUsers.require(), file.getOriginalFilename(),
				file.getBytes(), dryRun);
		List<LineError> errors = imported.errors()
			.stream()
			.map(p -> new LineError(p.line(), this.messages.getMessage(p.key(), p.args(), p.key(), locale)))
			.toList();
		Result result = new Result(imported.valid(), imported.written(), imported.format(), imported.years(), errors,
				imported.calendars());
		if (result.valid()) {
			return ResponseEntity.ok(result);
		}
		ProblemDetail problem = this.problems.of(HolidaySchedules.IMPORT_REFUSED, locale, result.errors().size());
		problem.setProperty("valid", false);
		problem.setProperty("written", false);
		problem.setProperty("format", result.format());
		problem.setProperty("years", result.years());
		problem.setProperty("errors", result.errors());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@GetMapping("/template.xlsx")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Holiday schedule template",
			description = "An xlsx template for importing a holiday schedule, in the request's language.")
	ResponseEntity<byte[]> template() {
		Locale locale = LocaleContextHolder.getLocale();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(HolidayTemplate.fileName(this.messages, locale)))
			.contentType(MediaType.parseMediaType(Downloads.XLSX))
			.body(HolidayTemplate.workbook(this.messages, locale));
	}

	/** A year of the schedule as people read it: its source in their language, who imported it. */
	record YearSummary(int year, String source, Instant importedAt, Long importedBy, String importedByName, int holidays,
			int workdays) {
	}

	record LineError(int line, String message) {
	}

	/**
	 * What an import found: {@code valid} (no problem), {@code written} (the schedule changed), the
	 * years with their counts, the problems by line, and the calendars that got a new version.
	 */
	record Result(boolean valid, boolean written, String format, List<YearChange> years, List<LineError> errors,
			List<String> calendars) {
	}

}
