package io.opsguard.servicelevel.internal;

import java.time.Duration;
import java.util.ArrayList;
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
 * from the declarations until then. A hotter standby meets a colder requirement.
 */
final class GapCheck {

	private GapCheck() {
	}

	/** What is recorded about a system. */
	record Recorded(Integer level, SystemFacts.Facts facts, int components, Set<StandbyMode> standbys,
			int backupRelations, PolicyInForce policy) {
	}

	/** The SLA policy that applies, its calendar and its fault-level-1 resolution target. */
	record PolicyInForce(String code, String name, BusinessCalendar calendar,
			WorkingDuration incidentResolution) {
	}

	enum Outcome {

		MET, GAP, NOT_REQUIRED

	}

	/** One item of the matrix for one system: whether it is required, met, and the message saying why. */
	record Result(ServiceItem item, boolean required, Outcome outcome, String key, Object[] args) {
	}

	static List<Result> check(List<ServiceItem> items, Recorded r, String requiredRecovery) {
		List<Result> results = new ArrayList<>();
		for (ServiceItem item : items) {
			boolean required = r.level() != null && item.requiredAt(r.level());
			results.add(check(item, required, r, requiredRecovery));
		}
		return results;
	}

	private static Result check(ServiceItem item, boolean required, Recorded r, String requiredRecovery) {
		SystemFacts.Facts facts = r.facts();
		return switch (item.check()) {
			case COMPONENTS -> result(item, required, r.components() > 0, "gap.components", r.components());
			case STANDBY_HOT -> result(item, required, r.standbys().contains(StandbyMode.HOT), "gap.standby",
					standbyText(r.standbys()));
			case STANDBY_WARM -> result(item, required,
					r.standbys().contains(StandbyMode.HOT) || r.standbys().contains(StandbyMode.WARM), "gap.standby",
					standbyText(r.standbys()));
			case STANDBY_COLD -> result(item, required, !r.standbys().isEmpty(), "gap.standby", standbyText(r.standbys()));
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
					r.policy() == null ? "" : r.policy().calendar().code());
			case RECOVERY -> recovery(item, required, r, requiredRecovery);
		};
	}

	private static Result recovery(ServiceItem item, boolean required, Recorded r, String requiredRecovery) {
		if (r.policy() == null || r.policy().incidentResolution() == null || requiredRecovery == null) {
			return required ? new Result(item, true, Outcome.GAP, "gap.recovery.none.missing", new Object[0])
					: new Result(item, false, Outcome.NOT_REQUIRED, "gap.notRequired", new Object[0]);
		}
		BusinessCalendar calendar = r.policy().calendar();
		Duration promised = r.policy().incidentResolution().on(calendar);
		Duration needed = WorkingDuration.parse(requiredRecovery).on(calendar);
		return result(item, required, promised.compareTo(needed) <= 0, "gap.recovery", r.policy().name(),
				r.policy().incidentResolution().toString(), requiredRecovery);
	}

	private static Result result(ServiceItem item, boolean required, boolean met, String key, Object... args) {
		if (!required) {
			return new Result(item, false, Outcome.NOT_REQUIRED, "gap.notRequired", new Object[0]);
		}
		return new Result(item, true, met ? Outcome.MET : Outcome.GAP, key + (met ? ".met" : ".missing"), args);
	}

	private static String standbyText(Set<StandbyMode> modes) {
		return modes.isEmpty() ? "-" : String.join("/", modes.stream().sorted().map(Enum::name).toList());
	}

}
