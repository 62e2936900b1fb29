package io.opsguard.servicelevel.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.servicelevel.internal.Standards.ServiceItem;

/**
 * R-GRD-09: checks a business system against the services its level requires (HS/T 42 Table 1)
 * from what is recorded: the CMDB (components, standby and backup relations), the SLA policy in
 * force (its calendar and its resolution target) and what the parties declared (R-GRD-05). What
 * later modules will prove (monitoring configured, backups really running, reports sent) is judged
 * from the declarations until then. A hotter standby meets a colder requirement. A system without
 * a level has one gap, {@link #GRADED}: until it is graded no item can be judged.
 */
public final class GapCheck {

	/** The code of the gap "not graded yet", listed first for a system without a level. */
	public static final String GRADED = "GRADED";

	private static final ServiceItem GRADED_ITEM = new ServiceItem(GRADED, null, List.of(1, 2, 3, 4, 5), null, null, null,
			null);

	private GapCheck() {
	}

	/** What is recorded about a system. */
	record Recorded(Integer level, SystemFacts facts, int components, Set<StandbyMode> standbys,
			int backupRelations, PolicyInForce policy) {
	}

	/** The SLA policy that applies, its calendar (and the calendar's name) and its fault-level-1 resolution target. */
	public record PolicyInForce(String code, Named name, BusinessCalendar calendar, Named calendarName,
			WorkingDuration incidentResolution) {
	}

	/** A name in Chinese and English (a policy's, a calendar's), chosen by the reader's language when shown. */
	public record Named(String zh, String en) {
	}

	public enum Outcome {

		MET, GAP, NOT_REQUIRED, AWAITING_GRADING

	}

	/**
	 * One item of the matrix for one system: whether it is required, met, and the message saying why.
	 * {@code args} may hold {@link Named}s, {@link WorkingDuration}s and sets of {@link StandbyMode}s,
	 * put into words in the reader's language when shown.
	 */
	public record Result(ServiceItem item, boolean required, Outcome outcome, String key, Object[] args) {
	}

	static List<Result> check(List<ServiceItem> items, Recorded r, WorkingDuration requiredRecovery) {
		List<Result> results = new ArrayList<>();
		if (r.level() == null) {
			results.add(new Result(GRADED_ITEM, true, Outcome.GAP, "gap.notGraded.missing", new Object[0]));
			for (ServiceItem item : items) {
				results.add(new Result(item, false, Outcome.AWAITING_GRADING, "gap.awaitingGrading", new Object[0]));
			}
			return results;
		}
		for (ServiceItem item : items) {
			results.add(check(item, item.requiredAt(r.level()), r, requiredRecovery));
		}
		return results;
	}

	static long gapCount(List<Result> results) {
		return results.stream().filter(g -> g.outcome() == Outcome.GAP).count();
	}

	private static Result check(ServiceItem item, boolean required, Recorded r, WorkingDuration requiredRecovery) {
		SystemFacts facts = r.facts();
		return switch (item.check()) {
			case COMPONENTS -> result(item, required, r.components() > 0, "gap.components", r.components());
			case STANDBY_HOT -> result(item, required, r.standbys().contains(StandbyMode.HOT), "gap.standby", standbys(r));
			case STANDBY_WARM -> result(item, required,
					r.standbys().contains(StandbyMode.HOT) || r.standbys().contains(StandbyMode.WARM), "gap.standby",
					standbys(r));
			case STANDBY_COLD -> result(item, required, !r.standbys().isEmpty(), "gap.standby", standbys(r));
			case BACKUP -> {
				boolean policy = facts.backupPolicy() != null && !facts.backupPolicy().isBlank();
				yield result(item, required, policy || r.backupRelations() > 0,
						policy ? "gap.backup.policy" : r.backupRelations() > 0 ? "gap.backup.relation" : "gap.backup.none",
						r.backupRelations());
			}
			case SYSTEM_MONITORING -> result(item, required, facts.systemMonitoring(), "gap.declared");
			case PERFORMANCE -> result(item, required, facts.performanceSupport(), "gap.declared");
			case APPLICATION_MONITORING -> result(item, required, facts.applicationMonitoring(), "gap.declared");
			case REPORTS -> result(item, required, facts.statisticsReports(), "gap.declared");
			case BUSINESS_PARTY_7X24 -> result(item, required, facts.businessParty7x24(), "gap.declared");
			case POLICY -> result(item, required, r.policy() != null, "gap.policy",
					r.policy() == null ? "" : r.policy().name());
			case ROUND_THE_CLOCK -> result(item, required, r.policy() != null && r.policy().calendar().roundTheClock(),
					"gap.calendar", r.policy() == null ? "" : r.policy().name(),
					r.policy() == null ? "" : r.policy().calendarName());
			case RECOVERY -> recovery(item, required, r, requiredRecovery);
		};
	}

	private static Result recovery(ServiceItem item, boolean required, Recorded r, WorkingDuration requiredRecovery) {
		if (r.policy() == null || r.policy().incidentResolution() == null || requiredRecovery == null) {
			return required ? new Result(item, true, Outcome.GAP, "gap.recovery.none.missing", new Object[0])
					: new Result(item, false, Outcome.NOT_REQUIRED, "gap.notRequired", new Object[0]);
		}
		BusinessCalendar calendar = r.policy().calendar();
		Duration promised = r.policy().incidentResolution().on(calendar);
		Duration needed = requiredRecovery.on(calendar);
		return result(item, required, promised.compareTo(needed) <= 0, "gap.recovery", r.policy().name(),
				r.policy().incidentResolution(), requiredRecovery);
	}

	private static Result result(ServiceItem item, boolean required, boolean met, String key, Object... args) {
		if (!required) {
			return new Result(item, false, Outcome.NOT_REQUIRED, "gap.notRequired", new Object[0]);
		}
		return new Result(item, true, met ? Outcome.MET : Outcome.GAP, key + (met ? ".met" : ".missing"), args);
	}

	private static Set<StandbyMode> standbys(Recorded r) {
		return r.standbys().isEmpty() ? EnumSet.noneOf(StandbyMode.class) : EnumSet.copyOf(r.standbys());
	}

}
