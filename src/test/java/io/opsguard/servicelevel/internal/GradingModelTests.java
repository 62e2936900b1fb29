package io.opsguard.servicelevel.internal;

import java.util.EnumMap;
import java.util.Map;

import io.opsguard.servicelevel.Degree;
import io.opsguard.servicelevel.RealtimeRequirement;
import io.opsguard.servicelevel.SystemImpact;
import io.opsguard.shared.OpsGuardException;
import org.junit.jupiter.api.Test;

import static io.opsguard.servicelevel.Degree.HIGH;
import static io.opsguard.servicelevel.Degree.LOW;
import static io.opsguard.servicelevel.Degree.MEDIUM;
import static io.opsguard.servicelevel.Degree.VERY_HIGH;
import static io.opsguard.servicelevel.SystemImpact.LARGE;
import static io.opsguard.servicelevel.SystemImpact.MAJOR;
import static io.opsguard.servicelevel.SystemImpact.NONE;
import static io.opsguard.servicelevel.SystemImpact.OBVIOUS;
import static io.opsguard.servicelevel.SystemImpact.SLIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradingModelTests {

	private final GradingModel model = GradingModel.standard();

	/** The default impact table, written out as the issue states it (rows: sensitivity; columns: dependence). */
	private static final SystemImpact[][] IMPACT = {
			{ MAJOR, MAJOR, LARGE, OBVIOUS },
			{ LARGE, LARGE, OBVIOUS, SLIGHT },
			{ OBVIOUS, OBVIOUS, SLIGHT, SLIGHT },
			{ SLIGHT, SLIGHT, NONE, NONE } };

	private static final Degree[] DEGREES = { VERY_HIGH, HIGH, MEDIUM, LOW };

	private static int impactLevel(SystemImpact impact) {
		return switch (impact) {
			case MAJOR -> 1;
			case LARGE -> 2;
			case OBVIOUS -> 3;
			case SLIGHT -> 4;
			case NONE -> 5;
		};
	}

	@Test
	void everyOneOfThe48CombinationsFollowsTheTables() {
		int checked = 0;
		for (RealtimeRequirement realtime : RealtimeRequirement.values()) {
			Integer cap = switch (realtime) {
				case HIGH -> 2;
				case NOT_HIGH -> 3;
				case LOW -> null;
			};
			for (int s = 0; s < 4; s++) {
				for (int d = 0; d < 4; d++) {
					GradingModel.Evaluation e = this.model.evaluate(realtime, DEGREES[s], DEGREES[d]);
					SystemImpact expected = IMPACT[s][d];
					int level = cap == null ? impactLevel(expected) : Math.min(impactLevel(expected), cap);
					assertThat(e.impact()).as(realtime + " " + DEGREES[s] + " " + DEGREES[d]).isEqualTo(expected);
					assertThat(e.impactLevel()).isEqualTo(impactLevel(expected));
					assertThat(e.realtimeCap()).isEqualTo(cap);
					assertThat(e.level()).as(realtime + " " + DEGREES[s] + " " + DEGREES[d]).isEqualTo(level);
					checked++;
				}
			}
		}
		assertThat(checked).isEqualTo(48);
	}

	@Test
	void theFiveCharacteristicPairsOfTheStandardGiveTheirLevels() {
		// HS/T 42 §4.1.1–4.1.5: (real-time, impact) → level
		assertThat(this.model.evaluate(RealtimeRequirement.LOW, LOW, LOW).level()).as("low, essentially none").isEqualTo(5);
		assertThat(this.model.evaluate(RealtimeRequirement.LOW, MEDIUM, MEDIUM).level()).as("low, slight").isEqualTo(4);
		assertThat(this.model.evaluate(RealtimeRequirement.NOT_HIGH, MEDIUM, VERY_HIGH).level()).as("not high, obvious")
			.isEqualTo(3);
		assertThat(this.model.evaluate(RealtimeRequirement.HIGH, HIGH, HIGH).level()).as("high, large").isEqualTo(2);
		assertThat(this.model.evaluate(RealtimeRequirement.HIGH, VERY_HIGH, VERY_HIGH).level()).as("high, major").isEqualTo(1);
	}

	@Test
	void aHighRealTimeRequirementLiftsALowImpactToLevelTwo() {
		assertThat(this.model.evaluate(RealtimeRequirement.HIGH, LOW, LOW).level()).isEqualTo(2);
		assertThat(this.model.evaluate(RealtimeRequirement.NOT_HIGH, LOW, LOW).level()).isEqualTo(3);
		assertThat(this.model.evaluate(RealtimeRequirement.LOW, VERY_HIGH, VERY_HIGH).level()).as("impact decides").isEqualTo(1);
	}

	@Test
	void anIncompleteModelIsRefusedNamingTheCell() {
		Map<Degree, Map<Degree, SystemImpact>> impact = new EnumMap<>(this.model.impact());
		Map<Degree, SystemImpact> row = new EnumMap<>(impact.get(HIGH));
		row.remove(LOW);
		impact.put(HIGH, row);
		Map<SystemImpact, Integer> levels = new EnumMap<>(this.model.impactLevels());
		levels.put(NONE, 7);
		GradingModel broken = new GradingModel(impact, levels, this.model.realtimeCaps());
		assertThatThrownBy(broken::checked).isInstanceOfSatisfying(OpsGuardException.class,
				ex -> assertThat(ex.fieldProblems()).extracting(OpsGuardException.FieldProblem::field)
					.containsExactly("impact.HIGH.LOW", "impactLevels.NONE"));
		assertThat(this.model.checked()).isSameAs(this.model);
	}

}
