package io.opsguard.calendar.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendar.Period;
import io.opsguard.calendar.internal.SpecialDay.Kind;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

/**
 * What an administrator edits of a calendar: its zone, the working periods of each weekday, the
 * periods of a make-up working day (empty: those of the first weekday Monday to Friday that has
 * any), whether it follows the official holiday schedule, and holidays and working days of its
 * own. Stored as JSON in each version.
 */
public record CalendarDefinition(String zone, Map<DayOfWeek, List<PeriodText>> week, List<PeriodText> makeUpDay,
		boolean followsOfficialHolidays, List<DateRange> holidays, List<DateRange> workdays) {

	/** The longest own holiday or working-day range. */
	static final int MAX_RANGE_DAYS = 366;

	static final int MAX_PERIODS_PER_DAY = 12;

	static final int MAX_RANGES = 500;

	public CalendarDefinition {
		week = week == null ? Map.of() : week;
		makeUpDay = makeUpDay == null ? List.of() : makeUpDay;
		holidays = holidays == null ? List.of() : holidays;
		workdays = workdays == null ? List.of() : workdays;
	}

	/** A period as people write it: {@code 08:30}–{@code 12:00}; {@code 24:00} ends a day. */
	public record PeriodText(String start, String end) {

		static PeriodText of(Period period) {
			return new PeriodText(Period.text(period.start()), Period.text(period.end()));
		}

	}

	/** Dates from {@code from} to {@code to}, both included, with a name. */
	public record DateRange(LocalDate from, LocalDate to, String name) {
	}

	static CalendarDefinition roundTheClock() {
		Map<DayOfWeek, List<PeriodText>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			week.put(day, List.of(new PeriodText("00:00", "24:00")));
		}
		return new CalendarDefinition("Asia/Shanghai", week, List.of(), false, List.of(), List.of());
	}

	static CalendarDefinition officeHours() {
		Map<DayOfWeek, List<PeriodText>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			boolean working = day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
			week.put(day, working ? List.of(new PeriodText("08:30", "12:00"), new PeriodText("13:30", "18:00")) : List.of());
		}
		return new CalendarDefinition("Asia/Shanghai", week, List.of(), true, List.of(), List.of());
	}

	/** The same definition with every weekday listed (an absent day has no periods). */
	CalendarDefinition normalised() {
		Map<DayOfWeek, List<PeriodText>> days = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			days.put(day, this.week.getOrDefault(day, List.of()));
		}
		return new CalendarDefinition(this.zone == null ? null : this.zone.strip(), days, this.makeUpDay,
				this.followsOfficialHolidays, this.holidays, this.workdays);
	}

	/**
	 * Checks everything and throws one problem naming every bad field (overlapping or malformed
	 * periods, unknown zone, reversed or overlong ranges, a date that is both a holiday and a
	 * working day, no working time at all).
	 */
	Checked check() {
		List<FieldProblem> problems = new ArrayList<>();
		ZoneId zoneId = null;
		try {
			zoneId = ZoneId.of(this.zone == null || this.zone.isBlank() ? "" : this.zone.strip());
		}
		catch (DateTimeException ex) {
			problems.add(new FieldProblem("zone", CalendarError.UNKNOWN_ZONE, new Object[] { this.zone }));
		}
		Map<DayOfWeek, List<Period>> periods = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			periods.put(day, periods("week." + day.name(), this.week.getOrDefault(day, List.of()), problems));
		}
		List<Period> makeUp = periods("makeUpDay", this.makeUpDay, problems);
		if (makeUp.isEmpty()) {
			for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
					DayOfWeek.FRIDAY)) {
				if (!periods.get(day).isEmpty()) {
					makeUp = periods.get(day);
					break;
				}
			}
		}
		if (periods.values().stream().allMatch(List::isEmpty) && problems.stream().noneMatch(p -> p.field().startsWith("week"))) {
			problems.add(new FieldProblem("week", CalendarError.NO_WORKING_TIME, new Object[0]));
		}
		else if (makeUp.isEmpty() && problems.stream().noneMatch(p -> p.field().startsWith("makeUpDay"))) {
			problems.add(new FieldProblem("makeUpDay", CalendarError.NO_WORKING_TIME, new Object[0]));
		}
		Map<LocalDate, SpecialDay> own = new TreeMap<>();
		ranges("holidays", this.holidays, Kind.HOLIDAY, own, problems);
		ranges("workdays", this.workdays, Kind.WORKDAY, own, problems);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		return new Checked(zoneId, periods, makeUp, own);
	}

	private static List<Period> periods(String field, List<PeriodText> texts, List<FieldProblem> problems) {
		List<Period> periods = new ArrayList<>();
		if (texts.size() > MAX_PERIODS_PER_DAY) {
			problems.add(new FieldProblem(field, CalendarError.BAD_PERIOD, new Object[] { field }));
			return periods;
		}
		for (int i = 0; i < texts.size(); i++) {
			PeriodText text = texts.get(i);
			String name = field + "[" + i + "]";
			Period period;
			try {
				period = Period.of(text == null ? null : text.start(), text == null ? null : text.end());
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem(name, CalendarError.BAD_PERIOD,
						new Object[] { text == null ? "" : text.start() + "–" + text.end() }));
				continue;
			}
			for (Period other : periods) {
				if (other.overlaps(period)) {
					problems.add(new FieldProblem(name, CalendarError.PERIODS_OVERLAP, new Object[] {
							Period.text(period.start()) + "–" + Period.text(period.end()),
							Period.text(other.start()) + "–" + Period.text(other.end()) }));
					period = null;
					break;
				}
			}
			if (period != null) {
				periods.add(period);
			}
		}
		return periods;
	}

	private static void ranges(String field, List<DateRange> ranges, Kind kind, Map<LocalDate, SpecialDay> own,
			List<FieldProblem> problems) {
		if (ranges.size() > MAX_RANGES) {
			problems.add(new FieldProblem(field, CalendarError.BAD_DATE_RANGE, new Object[] { field }));
			return;
		}
		for (int i = 0; i < ranges.size(); i++) {
			DateRange range = ranges.get(i);
			String name = field + "[" + i + "]";
			if (range == null || range.from() == null) {
				problems.add(new FieldProblem(name + ".from", CalendarError.BAD_DATE_RANGE, new Object[] { "" }));
				continue;
			}
			LocalDate to = range.to() == null ? range.from() : range.to();
			if (to.isBefore(range.from()) || ChronoUnit.DAYS.between(range.from(), to) >= MAX_RANGE_DAYS) {
				problems.add(new FieldProblem(name + ".to", CalendarError.BAD_DATE_RANGE,
						new Object[] { range.from() + "~" + to }));
				continue;
			}
			if (range.name() != null && range.name().length() > 100) {
				problems.add(new FieldProblem(name + ".name", CalendarError.BAD_DATE_RANGE, new Object[] { range.name() }));
				continue;
			}
			String label = range.name() == null || range.name().isBlank() ? null : range.name().strip();
			for (LocalDate day = range.from(); !day.isAfter(to); day = day.plusDays(1)) {
				SpecialDay existing = own.get(day);
				if (existing != null && existing.kind() != kind) {
					problems.add(new FieldProblem(name, CalendarError.HOLIDAY_AND_WORKDAY, new Object[] { day }));
					break;
				}
				own.put(day, new SpecialDay(day, kind, label));
			}
		}
	}

	/** A definition that passed its checks, ready to be combined with the official schedule. */
	record Checked(ZoneId zone, Map<DayOfWeek, List<Period>> week, List<Period> makeUpDay, Map<LocalDate, SpecialDay> own) {

		/**
		 * The special days of a version: the official ones (if followed), then the calendar's own,
		 * which win where both name a date.
		 */
		List<SpecialDay> resolve(boolean followsOfficial, Collection<SpecialDay> official) {
			Map<LocalDate, SpecialDay> days = new TreeMap<>();
			if (followsOfficial) {
				official.forEach(d -> days.put(d.date(), d));
			}
			days.putAll(this.own);
			return List.copyOf(days.values());
		}

		BusinessCalendar compile(String code, int version, List<SpecialDay> specialDays) {
			Map<Kind, List<LocalDate>> byKind = new HashMap<>();
			for (SpecialDay day : specialDays) {
				byKind.computeIfAbsent(day.kind(), k -> new ArrayList<>()).add(day.date());
			}
			return new BusinessCalendar(code, version, this.zone, this.week, this.makeUpDay,
					new java.util.HashSet<>(byKind.getOrDefault(Kind.HOLIDAY, List.of())),
					new java.util.HashSet<>(byKind.getOrDefault(Kind.WORKDAY, List.of())));
		}

	}

}
