package io.opsguard.servicelevel.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendars;
import io.opsguard.calendar.BusinessCalendars.CalendarSummary;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.identity.CurrentUser;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.servicelevel.internal.GapCheck.Named;
import io.opsguard.servicelevel.internal.GapCheck.PolicyInForce;
import io.opsguard.servicelevel.internal.SlaPolicyService.Current;

import org.springframework.stereotype.Component;

/**
 * What the systems pages need of the SLA policies, in one place: the policy a system's level row
 * puts in force (its own, else its level's, else the default, R-SLA-04), with its names, calendar
 * and incident targets. One instance per request ({@link #session()}) remembers what it read.
 */
@Component
public class PoliciesInForce {

	private final SlaPolicyService policies;

	private final BusinessCalendars calendars;

	PoliciesInForce(SlaPolicyService policies, BusinessCalendars calendars) {
		this.policies = policies;
		this.calendars = calendars;
	}

	/** The code of a policy the user may choose, or the "unknown policy" error. */
	String choosable(CurrentUser user, String code) {
		return this.policies.visible(user, code).code();
	}

	Session session() {
		Map<String, Named> calendarNames = new HashMap<>();
		for (CalendarSummary calendar : this.calendars.all()) {
			calendarNames.put(calendar.code().toLowerCase(Locale.ROOT), new Named(calendar.nameZh(), calendar.nameEn()));
		}
		return new Session(calendarNames);
	}

	/** A policy in force with what the pages show of it. */
	public record Policy(String code, Named name, String calendarCode, Named calendarName, List<Target> incidentTargets,
			PolicyInForce check) {
	}

	/** The targets of one incident fault level, ISO-8601 durations (null: none). */
	public record Target(int faultLevel, String response, String onSite, String resolution, String updateInterval) {
	}

	final class Session {

		private final Map<String, Named> calendarNames;

		private final Map<String, Policy> byCode = new HashMap<>();

		private Session(Map<String, Named> calendarNames) {
			this.calendarNames = calendarNames;
		}

		Policy of(SystemLevels.LevelRow row) {
			String code = SlaPoliciesFacade.policyCode(row);
			return this.byCode.computeIfAbsent(code.toLowerCase(Locale.ROOT), k -> load(code));
		}

		private Policy load(String code) {
			Current current = PoliciesInForce.this.policies.current(code)
				.orElseGet(() -> PoliciesInForce.this.policies.current(SlaPolicyService.DEFAULT_POLICY).orElseThrow());
			SlaDefinition definition = current.definition();
			String calendarCode = definition.calendar();
			Named calendarName = this.calendarNames.getOrDefault(calendarCode.toLowerCase(Locale.ROOT),
					new Named(calendarCode, calendarCode));
			Named name = new Named(current.row().nameZh(), current.row().nameEn());
			List<Target> targets = new java.util.ArrayList<>();
			for (int faultLevel = 1; faultLevel <= 4; faultLevel++) {
				SlaDefinition.Target t = definition.target(TicketType.INCIDENT, faultLevel);
				targets.add(new Target(faultLevel, t.response(), t.onSite(), t.resolution(), t.updateInterval()));
			}
			BusinessCalendar calendar = PoliciesInForce.this.calendars.current(calendarCode).orElse(null);
			String resolution = targets.get(0).resolution();
			PolicyInForce check = calendar == null ? null
					: new PolicyInForce(current.row().code(), name, calendar, calendarName,
							resolution == null || resolution.isBlank() ? null : WorkingDuration.parse(resolution));
			return new Policy(current.row().code(), name, calendarCode, calendarName, targets, check);
		}

	}

}
