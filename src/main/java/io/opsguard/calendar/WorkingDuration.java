package io.opsguard.calendar;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An amount of working time as SLA tables write it: whole working days plus hours, minutes and
 * seconds, in ISO-8601 form ({@code PT30M}, {@code PT8H}, {@code P1D}, {@code P2DT4H}). A working
 * day means one working day of the calendar it is applied to ({@link BusinessCalendar#workingDay()}),
 * not 24 hours. Weeks, months and years are refused: their length in working time is not defined.
 */
public record WorkingDuration(long days, Duration time) {

	private static final Pattern ISO = Pattern
		.compile("P(?:(\\d{1,5})D)?(?:T(?:(\\d{1,6})H)?(?:(\\d{1,8})M)?(?:(\\d{1,10})S)?)?");

	/** Most working days accepted: ten years of them. */
	public static final long MAX_DAYS = 3_650;

	/** Most hours accepted in the time part (as many as {@link #MAX_DAYS} whole days). */
	public static final long MAX_HOURS = MAX_DAYS * 24;

	public WorkingDuration {
		if (days < 0 || time.isNegative()) {
			throw new IllegalArgumentException("A working duration is not negative");
		}
		if (days > MAX_DAYS || time.compareTo(Duration.ofHours(MAX_HOURS)) > 0) {
			throw new IllegalArgumentException("A working duration is at most " + MAX_DAYS + " working days and "
					+ MAX_HOURS + " hours");
		}
	}

	public static WorkingDuration of(Duration time) {
		return new WorkingDuration(0, time);
	}

	public static WorkingDuration ofDays(long days) {
		return new WorkingDuration(days, Duration.ZERO);
	}

	/** Parses {@code P…D T…H…M…S}; throws {@link IllegalArgumentException} for anything else. */
	@JsonCreator
	public static WorkingDuration parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("No duration");
		}
		String value = text.trim().toUpperCase(Locale.ROOT);
		Matcher m = ISO.matcher(value);
		if (!m.matches() || value.equals("P") || value.endsWith("T")) {
			throw new IllegalArgumentException("Not an ISO-8601 duration of days, hours, minutes and seconds: " + text);
		}
		long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
		Duration time = Duration.ZERO;
		if (m.group(2) != null) {
			time = time.plusHours(Long.parseLong(m.group(2)));
		}
		if (m.group(3) != null) {
			time = time.plusMinutes(Long.parseLong(m.group(3)));
		}
		if (m.group(4) != null) {
			time = time.plusSeconds(Long.parseLong(m.group(4)));
		}
		return new WorkingDuration(days, time);
	}

	/** The amount of working time this is on {@code calendar}. */
	public Duration on(BusinessCalendar calendar) {
		return calendar.workingDay().multipliedBy(this.days).plus(this.time);
	}

	public boolean isZero() {
		return this.days == 0 && this.time.isZero();
	}

	/** The ISO-8601 text ({@code P1DT2H}, {@code PT30M}, {@code PT0S}), also its JSON form. */
	@Override
	@JsonValue
	public String toString() {
		if (isZero()) {
			return "PT0S";
		}
		StringBuilder text = new StringBuilder("P");
		if (this.days > 0) {
			text.append(this.days).append('D');
		}
		if (!this.time.isZero()) {
			text.append('T');
			long hours = this.time.toHours();
			int minutes = this.time.toMinutesPart();
			int seconds = this.time.toSecondsPart();
			if (hours > 0) {
				text.append(hours).append('H');
			}
			if (minutes > 0) {
				text.append(minutes).append('M');
			}
			if (seconds > 0) {
				text.append(seconds).append('S');
			}
		}
		return text.toString();
	}

}
