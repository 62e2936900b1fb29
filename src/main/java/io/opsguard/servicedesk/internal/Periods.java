package io.opsguard.servicedesk.internal;

import java.time.LocalDate;

import io.opsguard.shared.OpsGuardException;

/** Days a period may name: between 2000 and 2199, the start not after the end. */
final class Periods {

	private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

	private Periods() {
	}

	/** Refuses a day outside the years a ticket can have (SD-0321 on the field), or a reversed period. */
	static void check(LocalDate from, LocalDate to) {
		if (from != null && (from.isBefore(EARLIEST) || from.isAfter(LATEST))) {
			throw OpsGuardException.onField("from", PortalError.BAD_PERIOD);
		}
		if (to != null && (to.isBefore(EARLIEST) || to.isAfter(LATEST))) {
			throw OpsGuardException.onField("to", PortalError.BAD_PERIOD);
		}
		if (from != null && to != null && from.isAfter(to)) {
			throw OpsGuardException.onField("from", PortalError.BAD_PERIOD);
		}
	}

}
