package io.opsguard.servicelevel.internal;

import java.util.ArrayList;
import java.util.List;

import io.opsguard.servicelevel.TicketType;
import io.opsguard.servicelevel.internal.SlaDefinition.EscalationStep;
import io.opsguard.servicelevel.internal.SlaDefinition.Target;
import io.opsguard.shared.OpsGuardException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaDefinitionTests {

	private static List<String> problems(SlaDefinition definition) {
		List<String> fields = new ArrayList<>();
		assertThatThrownBy(() -> definition.checked(c -> c.equals("5x8") || c.equals("7x24")))
			.isInstanceOfSatisfying(OpsGuardException.class,
					ex -> ex.fieldProblems().forEach(p -> fields.add(p.field() + ":" + p.errorCode().code())));
		return fields;
	}

	@Test
	void thePresetsAreValid() {
		SlaDefinition.provincialContract().checked(c -> true);
		SlaDefinition.uniform("5x8", "PT30M", "P1D", "PT24H").checked(c -> true);
	}

	@Test
	void theProvincialContractResolvesLevelsOneAndTwoIn24HoursAndThreeAndFourIn8() {
		SlaDefinition contract = SlaDefinition.provincialContract();
		assertThat(contract.target(TicketType.INCIDENT, 1).resolution()).isEqualTo("PT24H");
		assertThat(contract.target(TicketType.INCIDENT, 2).resolution()).isEqualTo("PT24H");
		assertThat(contract.target(TicketType.INCIDENT, 3).resolution()).isEqualTo("PT8H");
		assertThat(contract.target(TicketType.COMPLAINT, 4).resolution()).isEqualTo("PT8H");
		for (int level = 1; level <= 4; level++) {
			assertThat(contract.target(TicketType.INCIDENT, level).response()).isEqualTo("PT30M");
		}
	}

	@Test
	void aMissingFaultLevelIsNamed() {
		SlaDefinition contract = SlaDefinition.provincialContract();
		List<Target> three = contract.targets().subList(0, 3);
		assertThat(problems(new SlaDefinition("5x8", three, null, null, null))).containsExactly("targets:SL-0023");
		List<Target> typed = new ArrayList<>(contract.targets());
		typed.add(new Target(TicketType.COMPLAINT, 1, "PT15M", null, "PT4H", null));
		assertThat(problems(new SlaDefinition("5x8", typed, null, null, null))).as("a type of its own needs all four")
			.containsExactly("targets:SL-0023", "targets:SL-0023", "targets:SL-0023");
	}

	@Test
	void badDurationsCalendarsThresholdsAndEscalationsAreAllNamed() {
		List<Target> targets = new ArrayList<>(SlaDefinition.provincialContract().targets());
		targets.set(0, new Target(null, 1, "soon", null, "PT24H", null));
		targets.set(1, new Target(null, 2, "PT9H", null, "PT8H", null));
		targets.add(new Target(null, 5, "PT1H", null, "PT2H", null));
		SlaDefinition definition = new SlaDefinition("nope", targets, List.of(80, 50), List.of(new EscalationStep(0, "BOSS")),
				"2h");
		assertThat(problems(definition)).containsExactly("calendar:SL-0025", "targets[0].response:SL-0024",
				"targets[1].response:SL-0024", "targets[4].faultLevel:SL-0032", "warnAt[1]:SL-0026", "escalations[0]:SL-0026",
				"holidayOnSite:SL-0024");
	}

	@Test
	void aTypeWithoutTargetsOfItsOwnUsesTheGeneralOnes() {
		List<Target> targets = new ArrayList<>(SlaDefinition.provincialContract().targets());
		for (int level = 1; level <= 4; level++) {
			targets.add(new Target(TicketType.CONSULTATION, level, "PT1H", null, "P1D", null));
		}
		SlaDefinition definition = new SlaDefinition("5x8", targets, null, null, null).checked(c -> true);
		assertThat(definition.target(TicketType.CONSULTATION, 2).resolution()).isEqualTo("P1D");
		assertThat(definition.target(TicketType.SERVICE_REQUEST, 2).resolution()).isEqualTo("PT24H");
		assertThat(definition.warnAt()).containsExactly(50, 80);
	}

}
