package io.opsguard.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One version of a working-time calendar, compiled for arithmetic: working periods per weekday,
 * the periods of a make-up working day (调休), and the dates that are holidays or make-up working
 * days. Immutable and thread-safe; a running SLA timer keeps the version it started with.
 *
 * <p>Working time is the union of the periods of each day. {@link #deadline} adds working time to a
 * start (a start outside working time begins at the next working period; an amount that ends
 * exactly at the end of a period ends there, not at the start of the next one), {@link #elapsed}
 * counts it, {@link #isWorkingTime} tells whether an instant lies inside a period (start
 * inclusive, end exclusive). Everything is exact to the second; periods are whole minutes.
 *
 * <p>Instants from {@value #FIRST_YEAR} to the end of {@value #LAST_YEAR} (UTC) are supported: the
 * holiday schedules and every SLA lie well inside; an instant or a deadline outside is refused with
 * {@link OutOfRange}, never answered wrongly.
 */
public final class BusinessCalendar {

	/** The first year the arithmetic supports. */
	public static final int FIRST_YEAR = 1970;

	/** The last year the arithmetic supports. */
	public static final int LAST_YEAR = 2200;

	/** The first supported instant. */
	public static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

	/** The first instant after the supported range. */
	public static final Instant END = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

	private final String code;

	private final int version;

	private final ZoneId zone;

	private final Map<DayOfWeek, List<Period>> week;

	private final List<Period> makeUpDay;

	private final Set<LocalDate> holidays;

	private final Set<LocalDate> workdays;

	private final Duration workingDay;

	/**
	 * @param week the periods of each weekday (a missing day has none)
	 * @param makeUpDay the periods of a make-up working day and the length of one working day
	 * @param holidays dates without working time, whatever their weekday
	 * @param workdays make-up working days: they have the {@code makeUpDay} periods
	 */
	public BusinessCalendar(String code, int version, ZoneId zone, Map<DayOfWeek, List<Period>> week,
			List<Period> makeUpDay, Set<LocalDate> holidays, Set<LocalDate> workdays) {
		this.code = Objects.requireNonNull(code);
		this.version = version;
		this.zone = Objects.requireNonNull(zone);
		EnumMap<DayOfWeek, List<Period>> days = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			days.put(day, Period.normalised(week.getOrDefault(day, List.of())));
		}
		this.week = days;
		this.makeUpDay = Period.normalised(makeUpDay);
		this.holidays = Set.copyOf(holidays);
		this.workdays = Set.copyOf(workdays);
		long minutes = this.makeUpDay.stream().mapToLong(Period::minutes).sum();
		this.workingDay = Duration.ofMinutes(minutes);
		if (this.week.values().stream().allMatch(List::isEmpty)) {
			throw new IllegalArgumentException("A calendar needs working time on at least one weekday");
		}
		if (minutes == 0) {
			throw new IllegalArgumentException("A working day needs working time");
		}
	}

	public String code() {
		return this.code;
	}

	public int version() {
		return this.version;
	}

	public ZoneId zone() {
		return this.zone;
	}

	/** The length of one working day: what {@code P1D} means on this calendar (8 h on 5×8, 24 h on 7×24). */
	public Duration workingDay() {
		return this.workingDay;
	}

	/** The working periods of a date, in the calendar's zone. */
	public List<Period> periodsOn(LocalDate date) {
		if (this.holidays.contains(date)) {
			return List.of();
		}
		if (this.workdays.contains(date)) {
			return this.makeUpDay;
		}
		return this.week.get(date.getDayOfWeek());
	}

	public boolean isHoliday(LocalDate date) {
		return this.holidays.contains(date);
	}

	public boolean isMakeUpWorkday(LocalDate date) {
		return this.workdays.contains(date);
	}

	/** Whether an instant lies in the supported range. */
	public static boolean supports(Instant instant) {
		return !instant.isBefore(EARLIEST) && instant.isBefore(END);
	}

	/**
	 * The instant at which {@code amount} of working time after {@code start} has passed.
	 *
	 * @throws OutOfRange when {@code start} or the deadline lies outside the supported range
	 */
	public Instant deadline(Instant start, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("A negative amount of working time");
		}
		requireSupported(start);
		if (amount.isZero()) {
			return start;
		}
		long remaining = amount.toSeconds();
		LocalDate day = start.atZone(this.zone).toLocalDate();
		for (; day.getYear() <= LAST_YEAR; day = day.plusDays(1)) {
			for (Period period : periodsOn(day)) {
				Instant end = at(day, period.end());
				if (!end.isAfter(start)) {
					continue;
				}
				Instant from = max(at(day, period.start()), start);
				long available = Duration.between(from, end).toSeconds();
				if (remaining <= available) {
					return requireSupported(from.plusSeconds(remaining));
				}
				remaining -= available;
			}
		}
		throw new OutOfRange();
	}

	/** The deadline of an amount written in working days and time ({@code P1DT2H}). */
	public Instant deadline(Instant start, WorkingDuration amount) {
		return deadline(start, amount.on(this));
	}

	/**
	 * The working time between two instants (zero when {@code to} is not after {@code from}).
	 *
	 * @throws OutOfRange when an instant lies outside the supported range
	 */
	public Duration elapsed(Instant from, Instant to) {
		requireSupported(from);
		requireSupported(to);
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		long seconds = 0;
		LocalDate last = to.atZone(this.zone).toLocalDate();
		for (LocalDate day = from.atZone(this.zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			for (Period period : periodsOn(day)) {
				Instant start = max(at(day, period.start()), from);
				Instant end = min(at(day, period.end()), to);
				if (end.isAfter(start)) {
					seconds += Duration.between(start, end).toSeconds();
				}
			}
		}
		return Duration.ofSeconds(seconds);
	}

	public boolean isWorkingTime(Instant instant) {
		requireSupported(instant);
		ZonedDateTime local = instant.atZone(this.zone);
		LocalDate day = local.toLocalDate();
		for (Period period : periodsOn(day)) {
			if (!instant.isBefore(at(day, period.start())) && instant.isBefore(at(day, period.end()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first instant at or after {@code instant} that is working time.
	 *
	 * @throws OutOfRange when the instant, or the next working time, lies outside the supported range
	 */
	public Instant nextWorkingTime(Instant instant) {
		requireSupported(instant);
		LocalDate day = instant.atZone(this.zone).toLocalDate();
		for (; day.getYear() <= LAST_YEAR; day = day.plusDays(1)) {
			for (Period period : periodsOn(day)) {
				if (at(day, period.end()).isAfter(instant)) {
					return requireSupported(max(at(day, period.start()), instant));
				}
			}
		}
		throw new OutOfRange();
	}

	/** Whether every minute of every day counts (a 7×24 calendar). */
	public boolean roundTheClock() {
		return this.holidays.isEmpty() && this.week.values().stream().allMatch(Period::coversWholeDay);
	}

	private Instant at(LocalDate day, int minuteOfDay) {
		if (minuteOfDay >= Period.DAY) {
			return day.plusDays(1).atStartOfDay(this.zone).toInstant();
		}
		return ZonedDateTime.of(day, LocalTime.of(minuteOfDay / 60, minuteOfDay % 60), this.zone).toInstant();
	}

	private static Instant requireSupported(Instant instant) {
		if (!supports(instant)) {
			throw new OutOfRange();
		}
		return instant;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	@Override
	public String toString() {
		return this.code + " v" + this.version;
	}

	/** An instant or a deadline outside {@value #FIRST_YEAR}–{@value #LAST_YEAR}. */
	public static final class OutOfRange extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		OutOfRange() {
			super("Outside the years " + FIRST_YEAR + "–" + LAST_YEAR);
		}

	}

	/**
	 * A working period of a day: minutes from midnight, {@code start} inclusive, {@code end}
	 * exclusive; {@code end} may be 1440 (24:00).
	 */
	public record Period(int start, int end) {

		public static final int DAY = 24 * 60;

		public Period {
			if (start < 0 || end > DAY || end <= start) {
				throw new IllegalArgumentException("A period runs from 00:00 up to 24:00 and ends after it starts");
			}
		}

		public static Period of(String start, String end) {
			return new Period(minutes(start), minutes(end));
		}

		/** {@code HH:mm}, with {@code 24:00} for the end of the day. */
		public static int minutes(String time) {
			if (time == null || !time.matches("\\d{2}:\\d{2}")) {
				throw new IllegalArgumentException("Not a time of day: " + time);
			}
			int hours = Integer.parseInt(time.substring(0, 2));
			int minutes = Integer.parseInt(time.substring(3));
			if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
				throw new IllegalArgumentException("Not a time of day: " + time);
			}
			return hours * 60 + minutes;
		}

		public static String text(int minuteOfDay) {
			return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
		}

		public long minutes() {
			return this.end - this.start;
		}

		public boolean overlaps(Period other) {
			return this.start < other.end && other.start < this.end;
		}

		/** Sorted by start; overlapping periods are refused. */
		static List<Period> normalised(List<Period> periods) {
			List<Period> sorted = periods.stream().sorted(java.util.Comparator.comparingInt(Period::start)).toList();
			for (int i = 1; i < sorted.size(); i++) {
				if (sorted.get(i - 1).overlaps(sorted.get(i))) {
					throw new IllegalArgumentException("Working periods overlap");
				}
			}
			return sorted;
		}

		static boolean coversWholeDay(List<Period> periods) {
			return periods.size() == 1 && periods.get(0).start() == 0 && periods.get(0).end() == DAY;
		}

	}

}
