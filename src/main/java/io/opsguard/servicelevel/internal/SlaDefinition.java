package io.opsguard.servicelevel.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.opsguard.calendar.WorkingDuration;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

/**
 * An SLA policy's content (GB/T 34077.3 §5.3.6, the provincial contract's fault levels): the
 * calendar its times run on, targets per fault level 1–4 (for all ticket types, and optionally
 * overridden per type), the warning thresholds and the escalation steps. Durations are
 * ISO-8601 working time ({@code PT30M}, {@code P1D} = one working day of the calendar).
 */
public record SlaDefinition(String calendar, List<Target> targets, List<Integer> warnAt, List<EscalationStep> escalations,
		String holidayOnSite) {

	public static final List<Integer> DEFAULT_WARN_AT = List.of(50, 80);

	/** Who an escalation step tells. */
	public static final Set<String> RECIPIENTS = Set.of("SECOND_LINE", "OM_MANAGER", "SERVICE_DESK", "CLIENT");

	public SlaDefinition {
		targets = targets == null ? List.of() : targets;
		warnAt = warnAt == null ? DEFAULT_WARN_AT : warnAt;
		escalations = escalations == null ? List.of() : escalations;
	}

	/**
	 * The targets of one fault level; {@code ticketType} null: every type without targets of its own.
	 * {@code onSite} may be null (no on-site arrival target).
	 */
	public record Target(TicketType ticketType, int faultLevel, String response, String onSite, String resolution,
			String updateInterval) {
	}

	/** At {@code atPercent} of the resolution time, {@code recipient} is told. */
	public record EscalationStep(int atPercent, String recipient) {
	}

	/** The target for a ticket: the type's own, else the one for all types. */
	Target target(TicketType type, int faultLevel) {
		return this.targets.stream()
			.filter(t -> t.ticketType() == type && t.faultLevel() == faultLevel)
			.findFirst()
			.or(() -> this.targets.stream().filter(t -> t.ticketType() == null && t.faultLevel() == faultLevel).findFirst())
			.orElseThrow(() -> new IllegalStateException("No target for fault level " + faultLevel));
	}

	/**
	 * Refuses a policy naming every problem: an unknown calendar, a ticket type (or the general
	 * targets) without all four fault levels, a fault level twice, durations that are not ISO-8601
	 * working time, a response slower than the resolution, thresholds outside 1–99 or not rising,
	 * escalation steps outside 1–300 % or to an unknown recipient.
	 */
	SlaDefinition checked(Predicate<String> calendarExists) {
		List<FieldProblem> problems = new ArrayList<>();
		if (this.calendar == null || this.calendar.isBlank() || !calendarExists.test(this.calendar)) {
			problems.add(new FieldProblem("calendar", ServiceLevelError.UNKNOWN_CALENDAR,
					new Object[] { this.calendar == null ? "" : this.calendar }));
		}
		Map<TicketType, Map<Integer, Integer>> seen = new LinkedHashMap<>();
		for (int i = 0; i < this.targets.size(); i++) {
			Target t = this.targets.get(i);
			String field = "targets[" + i + "]";
			if (t == null) {
				problems.add(new FieldProblem(field, ServiceLevelError.BAD_TARGET, new Object[] { field }));
				continue;
			}
			if (t.faultLevel() < 1 || t.faultLevel() > 4) {
				problems.add(new FieldProblem(field + ".faultLevel", ServiceLevelError.BAD_FAULT_LEVEL,
						new Object[] { t.faultLevel() }));
				continue;
			}
			Map<Integer, Integer> levels = seen.computeIfAbsent(t.ticketType(), k -> new HashMap<>());
			if (levels.put(t.faultLevel(), i) != null) {
				problems.add(new FieldProblem(field + ".faultLevel", ServiceLevelError.BAD_TARGET,
						new Object[] { typeText(t.ticketType()) + " " + t.faultLevel() }));
			}
			WorkingDuration response = duration(field + ".response", t.response(), true, problems);
			duration(field + ".onSite", t.onSite(), false, problems);
			WorkingDuration resolution = duration(field + ".resolution", t.resolution(), true, problems);
			duration(field + ".updateInterval", t.updateInterval(), false, problems);
			if (response != null && resolution != null && response.days() * 1440 + response.time().toMinutes() > resolution
				.days() * 1440 + resolution.time().toMinutes() && (response.days() == 0) == (resolution.days() == 0)) {
				problems.add(new FieldProblem(field + ".response", ServiceLevelError.BAD_TARGET,
						new Object[] { t.response() + " > " + t.resolution() }));
			}
		}
		if (!seen.containsKey(null)) {
			seen.put(null, new HashMap<>());
		}
		for (Map.Entry<TicketType, Map<Integer, Integer>> type : seen.entrySet()) {
			for (int level = 1; level <= 4; level++) {
				if (!type.getValue().containsKey(level)) {
					problems.add(new FieldProblem("targets", ServiceLevelError.FAULT_LEVEL_MISSING,
							new Object[] { typeText(type.getKey()), level }));
				}
			}
		}
		if (this.warnAt.size() > 3) {
			problems.add(new FieldProblem("warnAt", ServiceLevelError.BAD_THRESHOLD, new Object[] { this.warnAt }));
		}
		for (int i = 0; i < this.warnAt.size(); i++) {
			Integer value = this.warnAt.get(i);
			if (value == null || value < 1 || value > 99 || (i > 0 && this.warnAt.get(i - 1) != null && value <= this.warnAt.get(i - 1))) {
				problems.add(new FieldProblem("warnAt[" + i + "]", ServiceLevelError.BAD_THRESHOLD, new Object[] { value }));
			}
		}
		for (int i = 0; i < this.escalations.size(); i++) {
			EscalationStep step = this.escalations.get(i);
			if (step == null || step.atPercent() < 1 || step.atPercent() > 300 || step.recipient() == null
					|| !RECIPIENTS.contains(step.recipient())) {
				problems.add(new FieldProblem("escalations[" + i + "]", ServiceLevelError.BAD_THRESHOLD,
						new Object[] { step == null ? "" : step.atPercent() + "% " + step.recipient() }));
			}
		}
		duration("holidayOnSite", this.holidayOnSite, false, problems);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		return this;
	}

	private static String typeText(TicketType type) {
		return type == null ? "ALL" : type.name();
	}

	private static WorkingDuration duration(String field, String value, boolean required, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			if (required) {
				problems.add(new FieldProblem(field, ServiceLevelError.BAD_TARGET, new Object[] { field }));
			}
			return null;
		}
		try {
			WorkingDuration duration = WorkingDuration.parse(value);
			if (duration.isZero() && required) {
				problems.add(new FieldProblem(field, ServiceLevelError.BAD_TARGET, new Object[] { value }));
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, ServiceLevelError.BAD_TARGET, new Object[] { value }));
			return null;
		}
	}

	// ---- presets ----------------------------------------------------------------------------

	private static final String[] UPDATE = { "PT1H", "PT2H", "PT4H", "PT8H" };

	private static final List<EscalationStep> ESCALATIONS = List.of(new EscalationStep(50, "SECOND_LINE"),
			new EscalationStep(80, "OM_MANAGER"), new EscalationStep(100, "CLIENT"));

	/** The same targets for all four fault levels. */
	static SlaDefinition uniform(String calendar, String response, String onSite, String resolution) {
		List<Target> targets = new ArrayList<>();
		for (int level = 1; level <= 4; level++) {
			targets.add(new Target(null, level, response, onSite, resolution, UPDATE[level - 1]));
		}
		return new SlaDefinition(calendar, targets, DEFAULT_WARN_AT, ESCALATIONS, null);
	}

	/** The provincial O&M contract: 30 minutes to respond; resolved in 24 h (levels 1–2) or 8 h (3–4). */
	static SlaDefinition provincialContract() {
		List<Target> targets = new ArrayList<>();
		String[] resolution = { "PT24H", "PT24H", "PT8H", "PT8H" };
		for (int level = 1; level <= 4; level++) {
			targets.add(new Target(null, level, "PT30M", null, resolution[level - 1], UPDATE[level - 1]));
		}
		return new SlaDefinition("7x24", targets, DEFAULT_WARN_AT, ESCALATIONS, "PT2H");
	}

}
