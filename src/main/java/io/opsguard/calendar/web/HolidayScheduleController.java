package io.opsguard.calendar.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import io.opsguard.calendar.internal.HolidaySchedules;
import io.opsguard.calendar.internal.HolidaySchedules.ImportResult;
import io.opsguard.calendar.internal.HolidaySchedules.ScheduleDay;
import io.opsguard.calendar.internal.HolidaySchedules.ScheduleStatus;
import io.opsguard.calendar.internal.HolidaySchedules.YearSummary;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.Downloads;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "calendar")
class HolidayScheduleController {

	private final HolidaySchedules schedules;

	private final Problems problems;

	HolidayScheduleController(HolidaySchedules schedules, Problems problems) {
		this.schedules = schedules;
		this.problems = problems;
	}

	@GetMapping("/years")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	List<YearSummary> years() {
		return this.schedules.years(LocaleContextHolder.getLocale());
	}

	@GetMapping("/years/{year}")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	List<ScheduleDay> days(@PathVariable int year) {
		return this.schedules.days(year);
	}

	@GetMapping("/status")
	@PreAuthorize("hasAuthority('calendar:calendar:read')")
	@Operation(summary = "Whether next year's schedule is missing (a warning from 1 November)")
	ScheduleStatus status() {
		return this.schedules.status();
	}

	@PostMapping("/import")
	@PreAuthorize("hasAuthority('calendar:holiday:import')")
	@Operation(summary = "Import a schedule: text (date[~date] 假|班 name), xlsx, or iCalendar (holiday-cn feed)",
			description = "Replaces the years the file holds; every line must be right or nothing is written."
					+ " A refused file answers 400 problem+json CAL-0011 with errors[{line, message}].")
	ResponseEntity<?> importFile(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false, defaultValue = "false") boolean dryRun) throws IOException {
		if (file.isEmpty()) {
			throw OpsGuardException.onField("file", CommonError.BAD_PARAMETER, "file");
		}
		Locale locale = LocaleContextHolder.getLocale();
		ImportResult result = this.schedules.importFile(CurrentUsers.require(), file.getOriginalFilename(),
				file.getBytes(), dryRun, locale);
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
	ResponseEntity<byte[]> template() {
		Locale locale = LocaleContextHolder.getLocale();
		String name = locale.getLanguage().equals("en") ? "holiday-schedule-template.xlsx" : "节假日安排导入模板.xlsx";
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(name))
			.contentType(MediaType.parseMediaType(Downloads.XLSX))
			.body(this.schedules.template(locale));
	}

}
