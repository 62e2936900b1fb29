package io.opsguard.shared;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The range of dates and times a request may carry: years 0001 to 9999, what both databases store
 * and people mean. {@code java.time} parses far more ({@code +999999999-12-31T23:59:59Z}), which
 * overflows date arithmetic, is refused by PostgreSQL and turns comparisons around; every instant or
 * date a controller parses from a request passes through here.
 */
public final class RequestTimes {

	public static final LocalDate EARLIEST_DATE = LocalDate.of(1, 1, 1);

	public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

	public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	private RequestTimes() {
	}

	/** The instant, or a 400 naming {@code field} when it lies outside years 0001 to 9999 (UTC). */
	public static Instant within(String field, Instant instant) {
		if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
			throw OpsGuardException.onField(field, CommonError.TIME_OUT_OF_RANGE);
		}
		return instant;
	}

	/** The date, or a 400 naming {@code field} when it lies outside years 0001 to 9999. */
	public static LocalDate within(String field, LocalDate date) {
		if (date != null && (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE))) {
			throw OpsGuardException.onField(field, CommonError.TIME_OUT_OF_RANGE);
		}
		return date;
	}

}
