package io.opsguard.calendar.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.opsguard.calendar.internal.HolidayFile.Format;
import io.opsguard.calendar.internal.HolidayFile.Parsed;
import io.opsguard.calendar.internal.HolidayFile.Problem;
import io.opsguard.calendar.internal.SpecialDay.Kind;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.SystemNotes;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The official holiday schedule (国务院节假日安排): the built-in years, the years an administrator
 * imports (text, xlsx or iCalendar; a file with any bad line changes nothing), and the warning from
 * 1 November when next year's schedule is still missing. An import replaces the years it contains
 * and gives every calendar that follows the schedule a new version.
 */
@Service
public class HolidaySchedules {

	/** Holiday files are a few kilobytes; anything larger is not one. */
	static final int MAX_BYTES = 1024 * 1024;

	static final String BUILT_IN = "calendar/holidays-cn.txt";

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	/** The error of a refused import (its problem carries the line errors). */
	public static final io.opsguard.shared.ErrorCode IMPORT_REFUSED = CalendarError.SCHEDULE_INVALID;

	private final CalendarStore store;

	private final CalendarService calendars;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	private final io.opsguard.identity.Users users;

	HolidaySchedules(CalendarStore store, CalendarService calendars, AuditTrail audit, MessageSource messages,
			Clock clock, io.opsguard.identity.Users users) {
		this.users = users;
		this.store = store;
		this.calendars = calendars;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<YearSummary> years(Locale locale) {
		List<CalendarStore.Year> years = this.store.years();
		Map<Long, String> names = this.users.displayNames(
				years.stream().map(CalendarStore.Year::importedBy).filter(java.util.Objects::nonNull).toList());
		return years.stream()
			.map(y -> new YearSummary(y.year(), SystemNotes.render(y.source(), this.messages, locale), y.importedAt(),
					y.importedBy(), y.importedBy() == null ? null : names.get(y.importedBy()), y.holidays(), y.workdays()))
			.toList();
	}

	@Transactional(readOnly = true)
	public List<ScheduleDay> days(int year) {
		return this.store.officialDays(year).stream().map(d -> new ScheduleDay(d.date(), d.kind().name(), d.name())).toList();
	}

	/**
	 * Whether next year's schedule is missing: from 1 November (Beijing time) a missing next year is
	 * a warning; before that it is only noted. The State Council usually publishes in late October or
	 * November.
	 */
	@Transactional(readOnly = true)
	public ScheduleStatus status() {
		LocalDate today = LocalDate.now(this.clock.withZone(CHINA));
		int next = today.getYear() + 1;
		List<Integer> known = this.store.years().stream().map(CalendarStore.Year::year).toList();
		boolean currentKnown = known.contains(today.getYear());
		boolean nextKnown = known.contains(next);
		LocalDate warnFrom = LocalDate.of(today.getYear(), 11, 1);
		return new ScheduleStatus(today, today.getYear(), currentKnown, next, nextKnown,
				!currentKnown || (!nextKnown && !today.isBefore(warnFrom)), warnFrom, known);
	}

	/** Checks a file and, unless {@code dryRun} or anything is wrong, replaces the years it holds. */
	@Transactional
	public ImportResult importFile(CurrentUser user, String fileName, byte[] content, boolean dryRun, Locale locale) {
		if (content.length > MAX_BYTES) {
			throw OpsGuardException.onField("file", CalendarError.FILE_TOO_LARGE, MAX_BYTES / 1024);
		}
		Format format = Format.of(fileName, content);
		if (format == null) {
			throw OpsGuardException.onField("file", CalendarError.UNSUPPORTED_FILE, fileName);
		}
		Parsed parsed = HolidayFile.parse(format, content);
		List<LineError> errors = parsed.problems()
			.stream()
			.map(p -> new LineError(p.line(), message(p, locale)))
			.toList();
		Map<Integer, List<SpecialDay>> byYear = new TreeMap<>();
		parsed.days().forEach(d -> byYear.computeIfAbsent(d.date().getYear(), y -> new ArrayList<>()).add(d));
		List<YearChange> years = new ArrayList<>();
		for (Map.Entry<Integer, List<SpecialDay>> year : byYear.entrySet()) {
			List<SpecialDay> before = this.store.officialDays(year.getKey());
			long holidays = year.getValue().stream().filter(d -> d.kind() == Kind.HOLIDAY).count();
			years.add(new YearChange(year.getKey(), (int) holidays, year.getValue().size() - (int) holidays,
					before.isEmpty(), !CalendarStore.sameDates(before, year.getValue())));
		}
		if (!errors.isEmpty() || !parsed.valid()) {
			return new ImportResult(false, false, format.name(), years, errors, List.of());
		}
		if (dryRun) {
			return new ImportResult(true, false, format.name(), years, errors, List.of());
		}
		Map<Integer, List<SpecialDay>> changed = new TreeMap<>();
		for (YearChange year : years) {
			if (year.changed()) {
				changed.put(year.year(), byYear.get(year.year()));
			}
		}
		List<String> calendars = List.of();
		if (!changed.isEmpty()) {
			String source = (fileName == null || fileName.isBlank() ? "import" : fileName.strip()) + " (" + format.name()
					+ ")";
			this.store.replaceYears(changed, source, user.id(), this.clock.instant());
			String yearList = String.join("、", changed.keySet().stream().map(String::valueOf).toList());
			calendars = this.calendars.officialScheduleChanged(SystemNotes.of("schedule", yearList), user.id());
			this.audit.recordChange("HOLIDAY_SCHEDULE_IMPORTED", "HOLIDAY_SCHEDULE", yearList, null,
					Map.of("years", yearList, "file", source, "days", changed.values().stream().mapToInt(List::size).sum(),
							"calendars", String.join("、", calendars)));
		}
		return new ImportResult(true, !changed.isEmpty(), format.name(), years, errors, calendars);
	}

	/** Loads the built-in years that are not in the database yet (first start, or a newer release). */
	@Transactional
	void loadBuiltIn() {
		byte[] content;
		try (InputStream in = new ClassPathResource(BUILT_IN).getInputStream()) {
			content = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Parsed parsed = HolidayFile.text(content);
		if (!parsed.problems().isEmpty()) {
			throw new IllegalStateException("The built-in holiday schedule is broken: " + parsed.problems());
		}
		List<Integer> known = this.store.years().stream().map(CalendarStore.Year::year).toList();
		Map<Integer, List<SpecialDay>> missing = new TreeMap<>();
		parsed.days()
			.stream()
			.filter(d -> !known.contains(d.date().getYear()))
			.forEach(d -> missing.computeIfAbsent(d.date().getYear(), y -> new ArrayList<>()).add(d));
		if (!missing.isEmpty()) {
			this.store.replaceYears(missing, SystemNotes.of("builtInScheduleSource"), null, this.clock.instant());
			this.calendars.officialScheduleChanged(
					SystemNotes.of("builtInSchedule", String.join("、", missing.keySet().stream().map(String::valueOf).toList())), null);
		}
	}

	/** An xlsx with the import columns and two example rows. */
	public byte[] template(Locale locale) {
		boolean en = locale.getLanguage().equals("en");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet(en ? "Holidays" : "节假日安排");
			String[] header = en ? new String[] { "Start date", "End date (optional)", "Type (假 = holiday, 班 = make-up working day)", "Name" }
					: new String[] { "开始日期", "结束日期（可空）", "类型（假 = 放假，班 = 调休上班）", "名称" };
			Row head = sheet.createRow(0);
			for (int i = 0; i < header.length; i++) {
				head.createCell(i).setCellValue(header[i]);
				sheet.setColumnWidth(i, 24 * 256);
			}
			Row one = sheet.createRow(1);
			one.createCell(0).setCellValue("2027-01-01");
			one.createCell(1).setCellValue("2027-01-03");
			one.createCell(2).setCellValue("假");
			one.createCell(3).setCellValue("元旦");
			Row two = sheet.createRow(2);
			two.createCell(0).setCellValue("2027-01-04");
			two.createCell(2).setCellValue("班");
			two.createCell(3).setCellValue("元旦调休上班");
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String message(Problem problem, Locale locale) {
		return this.messages.getMessage(problem.key(), problem.args(), problem.key(), locale);
	}

	// ---- views ----------------------------------------------------------------------------

	public record YearSummary(int year, String source, java.time.Instant importedAt, Long importedBy, String importedByName,
			int holidays, int workdays) {
	}

	public record ScheduleDay(LocalDate date, String kind, String name) {
	}

	public record ScheduleStatus(LocalDate today, int currentYear, boolean currentYearKnown, int nextYear,
			boolean nextYearKnown, boolean warning, LocalDate warnFrom, List<Integer> knownYears) {
	}

	public record YearChange(int year, int holidays, int workdays, boolean added, boolean changed) {
	}

	public record LineError(int line, String message) {
	}

	/**
	 * What an import found: {@code valid} (no problem), {@code written} (the schedule changed), the
	 * years with their counts, the problems by line, and the calendars that got a new version.
	 */
	public record ImportResult(boolean valid, boolean written, String format, List<YearChange> years,
			List<LineError> errors, List<String> calendars) {
	}

}
