package io.opsguard.servicedesk.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The matrix of fault levels for alerts (the user guide's table, 监控告警转工单), cell by cell. */
class IncidentLevelsTests {

	@ParameterizedTest(name = "severity {0} on a system of level {1}: fault level {2}")
	@CsvSource(nullValues = "-", value = {
			// critical: level 1 on the two most guaranteed levels, 2 elsewhere
			"1, 1, 1", "1, 2, 1", "1, 3, 2", "1, 4, 2", "1, 5, 2", "1, -, 2",
			// major: level 2 on a level-1 system, 3 elsewhere
			"2, 1, 2", "2, 2, 3", "2, 3, 3", "2, 4, 3", "2, 5, 3", "2, -, 3",
			// minor: level 3 on levels 1–2, 4 elsewhere
			"3, 1, 3", "3, 2, 3", "3, 3, 4", "3, 4, 4", "3, 5, 4", "3, -, 4",
			// info: always 4
			"4, 1, 4", "4, 2, 4", "4, 3, 4", "4, 4, 4", "4, 5, 4", "4, -, 4" })
	void theMatrix(int severity, Integer guaranteeLevel, int faultLevel) {
		assertThat(IncidentLevels.faultLevel(severity, guaranteeLevel)).isEqualTo(faultLevel);
	}

	@Test
	void aMoreSevereAlertNeverGetsALowerPriorityOnTheSameSystem() {
		for (Integer level : new Integer[] { 1, 2, 3, 4, 5, null }) {
			for (int severity = 1; severity < 4; severity++) {
				assertThat(IncidentLevels.faultLevel(severity, level)).isLessThanOrEqualTo(IncidentLevels.faultLevel(severity + 1, level));
			}
		}
	}

	@Test
	void aMoreGuaranteedSystemNeverGetsALowerPriorityForTheSameSeverity() {
		for (int severity = 1; severity <= 4; severity++) {
			for (int level = 1; level < 5; level++) {
				assertThat(IncidentLevels.faultLevel(severity, level)).isLessThanOrEqualTo(IncidentLevels.faultLevel(severity, level + 1));
			}
			assertThat(IncidentLevels.faultLevel(severity, 5)).as("an ungraded system weighs as the least guaranteed")
				.isEqualTo(IncidentLevels.faultLevel(severity, null));
		}
	}

	@Test
	void aSeverityOutsideTheFourIsAProgrammingError() {
		assertThatIllegalArgumentException().isThrownBy(() -> IncidentLevels.faultLevel(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> IncidentLevels.faultLevel(5, null));
	}

}
