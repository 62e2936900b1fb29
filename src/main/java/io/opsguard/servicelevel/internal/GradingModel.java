package io.opsguard.servicelevel.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.opsguard.servicelevel.Degree;
import io.opsguard.servicelevel.RealtimeRequirement;
import io.opsguard.servicelevel.SystemImpact;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

/**
 * The grading model of HS/T 42: system impact from business sensitivity × business dependence,
 * the level an impact calls for, and the cap a real-time requirement sets. The level is the more
 * demanding (the lower number) of the impact's level and the cap. The standard's own tables for
 * §6–7 are not in the source text; the shipped default reproduces its five characteristic pairs
 * (§4.1.1–4.1.5) and settles the other combinations by "the minimum guarantee that meets every
 * requirement" (§5). Administrators may edit the tables; each edit is a new version.
 *
 * @param impact impact by sensitivity, then by dependence
 * @param impactLevels the level each impact calls for (1 highest … 5)
 * @param realtimeCaps the least demanding level a real-time requirement allows (null: no cap)
 */
public record GradingModel(Map<Degree, Map<Degree, SystemImpact>> impact, Map<SystemImpact, Integer> impactLevels,
		Map<RealtimeRequirement, Integer> realtimeCaps) {

	public static GradingModel standard() {
		Map<Degree, Map<Degree, SystemImpact>> impact = new EnumMap<>(Degree.class);
		impact.put(Degree.VERY_HIGH, row(SystemImpact.MAJOR, SystemImpact.MAJOR, SystemImpact.LARGE, SystemImpact.OBVIOUS));
		impact.put(Degree.HIGH, row(SystemImpact.LARGE, SystemImpact.LARGE, SystemImpact.OBVIOUS, SystemImpact.SLIGHT));
		impact.put(Degree.MEDIUM, row(SystemImpact.OBVIOUS, SystemImpact.OBVIOUS, SystemImpact.SLIGHT, SystemImpact.SLIGHT));
		impact.put(Degree.LOW, row(SystemImpact.SLIGHT, SystemImpact.SLIGHT, SystemImpact.NONE, SystemImpact.NONE));
		Map<SystemImpact, Integer> levels = new EnumMap<>(SystemImpact.class);
		levels.put(SystemImpact.MAJOR, 1);
		levels.put(SystemImpact.LARGE, 2);
		levels.put(SystemImpact.OBVIOUS, 3);
		levels.put(SystemImpact.SLIGHT, 4);
		levels.put(SystemImpact.NONE, 5);
		Map<RealtimeRequirement, Integer> caps = new EnumMap<>(RealtimeRequirement.class);
		caps.put(RealtimeRequirement.HIGH, 2);
		caps.put(RealtimeRequirement.NOT_HIGH, 3);
		caps.put(RealtimeRequirement.LOW, null);
		return new GradingModel(impact, levels, caps);
	}

	/** Columns in the order VERY_HIGH, HIGH, MEDIUM, LOW dependence. */
	private static Map<Degree, SystemImpact> row(SystemImpact veryHigh, SystemImpact high, SystemImpact medium,
			SystemImpact low) {
		Map<Degree, SystemImpact> row = new EnumMap<>(Degree.class);
		row.put(Degree.VERY_HIGH, veryHigh);
		row.put(Degree.HIGH, high);
		row.put(Degree.MEDIUM, medium);
		row.put(Degree.LOW, low);
		return row;
	}

	public Evaluation evaluate(RealtimeRequirement realtime, Degree sensitivity, Degree dependence) {
		SystemImpact systemImpact = this.impact.get(sensitivity).get(dependence);
		int impactLevel = this.impactLevels.get(systemImpact);
		Integer cap = this.realtimeCaps.get(realtime);
		int level = cap == null ? impactLevel : Math.min(impactLevel, cap);
		return new Evaluation(systemImpact, impactLevel, cap, level);
	}

	/** What the model gives: the impact, the level it calls for, the real-time cap, the level. */
	public record Evaluation(SystemImpact impact, int impactLevel, Integer realtimeCap, int level) {
	}

	/** Refuses a model with a missing cell or a level outside 1–5, naming every bad cell. */
	GradingModel checked() {
		List<FieldProblem> problems = new ArrayList<>();
		for (Degree sensitivity : Degree.values()) {
			Map<Degree, SystemImpact> row = this.impact == null ? null : this.impact.get(sensitivity);
			for (Degree dependence : Degree.values()) {
				if (row == null || row.get(dependence) == null) {
					problems.add(new FieldProblem("impact." + sensitivity + "." + dependence, ServiceLevelError.MODEL_INCOMPLETE,
							new Object[] { sensitivity + " × " + dependence }));
				}
			}
		}
		for (SystemImpact systemImpact : SystemImpact.values()) {
			Integer level = this.impactLevels == null ? null : this.impactLevels.get(systemImpact);
			if (level == null || level < 1 || level > 5) {
				problems.add(new FieldProblem("impactLevels." + systemImpact, ServiceLevelError.MODEL_INCOMPLETE,
						new Object[] { systemImpact.name() }));
			}
		}
		for (RealtimeRequirement realtime : RealtimeRequirement.values()) {
			if (this.realtimeCaps == null || !this.realtimeCaps.containsKey(realtime)) {
				problems.add(new FieldProblem("realtimeCaps." + realtime, ServiceLevelError.MODEL_INCOMPLETE,
						new Object[] { realtime.name() }));
				continue;
			}
			Integer cap = this.realtimeCaps.get(realtime);
			if (cap != null && (cap < 1 || cap > 5)) {
				problems.add(new FieldProblem("realtimeCaps." + realtime, ServiceLevelError.MODEL_INCOMPLETE,
						new Object[] { realtime.name() }));
			}
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(ServiceLevelError.MODEL_INCOMPLETE, problems, problems.get(0).args());
		}
		return this;
	}

}
