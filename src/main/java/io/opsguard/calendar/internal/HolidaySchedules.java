package io.opsguard.calendar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

	private final HolidayStore store;

	private final CalendarService calendars;

	private final AuditTrail audit;

	private final Clock clock;

	HolidaySchedules(HolidayStore store, CalendarService calendars, AuditTrail audit, Clock clock) {
		this.store = store;
		this.calendars = calendars;
		this.audit = audit;
		this.clock = clock;
	}

	/** The known years, oldest first, with where each came from (a system note or a file name). */
	@Transactional(readOnly = true)
	public List<ScheduleYear> years() {
		return this.store.years()
			.stream()
			.map(y -> new ScheduleYear(y.year(), y.source(), y.importedAt(), y.importedBy(), y.holidays(), y.workdays()))
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
		List<Integer> known = this.store.years().stream().map(HolidayStore.Year::year).toList();
		boolean currentKnown = known.contains(today.getYear());
		boolean nextKnown = known.contains(next);
		LocalDate warnFrom = LocalDate.of(today.getYear(), 11, 1);
		return new ScheduleStatus(today, today.getYear(), currentKnown, next, nextKnown,
				!currentKnown || (!nextKnown && !today.isBefore(warnFrom)), warnFrom, known);
	}

	/** Checks a file and, unless {@code dryRun} or anything is wrong, replaces the years it holds. */
	@Transactional
	public ImportResult importFile(CurrentUser user, String fileName, byte[] content, boolean dryRun) {
		if (content.length > MAX_BYTES) {
			throw OpsGuardException.onField("file", CalendarError.FILE_TOO_LARGE, MAX_BYTES / 1024);
		}
		Format format = Format.of(fileName, content);
		if (format == null) {
			throw OpsGuardException.onField("file", CalendarError.UNSUPPORTED_FILE, fileName);
		}
		Parsed parsed = HolidayFile.parse(format, content);
		List<LineProblem> errors = parsed.problems().stream().map(p -> new LineProblem(p.line(), p.key(), p.args())).toList();
		Map<Integer, List<SpecialDay>> byYear = new TreeMap<>();
		parsed.days().forEach(d -> byYear.computeIfAbsent(d.date().getYear(), y -> new ArrayList<>()).add(d));
		List<YearChange> years = new ArrayList<>();
		for (Map.Entry<Integer, List<SpecialDay>> year : byYear.entrySet()) {
			List<SpecialDay> before = this.store.officialDays(year.getKey());
			long holidays = year.getValue().stream().filter(d -> d.kind() == Kind.HOLIDAY).count();
			years.add(new YearChange(year.getKey(), (int) holidays, year.getValue().size() - (int) holidays,
					before.isEmpty(), !HolidayStore.sameDates(before, year.getValue())));
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
			String yearList = String.join(", ", changed.keySet().stream().map(String::valueOf).toList());
			calendars = this.calendars.officialScheduleChanged(SystemNotes.of("schedule", SystemNotes.list(changed.keySet())),
					user.id());
			this.audit.recordChange("HOLIDAY_SCHEDULE_IMPORTED", "HOLIDAY_SCHEDULE", yearList, null,
					Map.of("years", yearList, "file", source, "days", changed.values().stream().mapToInt(List::size).sum(),
							"calendars", String.join(", ", calendars)));
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
		List<Integer> known = this.store.years().stream().map(HolidayStore.Year::year).toList();
		Map<Integer, List<SpecialDay>> missing = new TreeMap<>();
		parsed.days()
			.stream()
			.filter(d -> !known.contains(d.date().getYear()))
			.forEach(d -> missing.computeIfAbsent(d.date().getYear(), y -> new ArrayList<>()).add(d));
		if (!missing.isEmpty()) {
			this.store.replaceYears(missing, SystemNotes.of("builtInScheduleSource"), null, this.clock.instant());
			this.calendars.officialScheduleChanged(SystemNotes.of("builtInSchedule", SystemNotes.list(missing.keySet())), null);
		}
	}

	// ---- views ----------------------------------------------------------------------------

	/** A known year: {@code source} is a system note or a file name; {@code importedBy} null for built-in years. */
	public record ScheduleYear(int year, String source, java.time.Instant importedAt, Long importedBy, int holidays,
			int workdays) {
	}

	public record ScheduleDay(LocalDate date, String kind, String name) {
	}

	public record ScheduleStatus(LocalDate today, int currentYear, boolean currentYearKnown, int nextYear,
			boolean nextYearKnown, boolean warning, LocalDate warnFrom, List<Integer> knownYears) {
	}

	public record YearChange(int year, int holidays, int workdays, boolean added, boolean changed) {
	}

	/** A problem of a line of a holiday file: the message key and its arguments. */
	public record LineProblem(int line, String key, Object[] args) {
	}

	/**
	 * What an import found: {@code valid} (no problem), {@code written} (the schedule changed), the
	 * years with their counts, the problems by line, and the calendars that got a new version.
	 */
	public record ImportResult(boolean valid, boolean written, String format, List<YearChange> years,
			List<LineProblem> errors, List<String> calendars) {
	}

}
