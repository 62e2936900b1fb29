package io.opsguard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Keeps the module boundaries and the dependency ladder, and writes the module documentation.
 * Each module declares the modules it may use ({@code allowedDependencies} in its
 * {@code package-info.java}), so an import up the ladder fails {@code verify()} — not only cycles
 * and access to another module's internals.
 */
class ModularityTests {

	/**
	 * The ladder (ARCHITECTURE.md §1): a module uses only modules before it. {@code web} is the
	 * plumbing on top (security configuration, error advice, the SPA) and uses only shared and
	 * identity. New modules join in their place: notify after identity, servicedesk after
	 * servicelevel, monitoring after servicedesk, alerting after monitoring …
	 */
	static final List<String> LADDER = List.of("shared", "identity", "calendar", "notify", "cmdb", "servicelevel", "servicedesk",
			"monitoring", "alerting");

	private final ApplicationModules modules = ApplicationModules.of(OpsGuardApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void everyModuleDeclaresWhatItMayUseAndNothingAboveItself() throws Exception {
		List<String> names = new ArrayList<>();
		this.modules.forEach(module -> names.add(module.getIdentifier().toString()));
		assertThat(names).containsAll(LADDER).contains("web");
		for (String name : names) {
			String[] allowed = declared(name);
			assertThat(allowed).as("%s declares its allowed dependencies", name)
				.doesNotContain(ApplicationModule.OPEN_TOKEN);
			List<String> below = name.equals("web") ? List.of("shared", "identity")
					: LADDER.subList(0, LADDER.indexOf(name));
			assertThat(below).as("%s is on the ladder", name).isNotNull();
			// "monitoring :: store" names a named interface of the module monitoring
			assertThat(Arrays.stream(allowed).map(entry -> entry.split("::")[0].trim()).toList())
				.as("%s may use only modules below it", name)
				.isSubsetOf(below);
		}
	}

	@Test
	void anImportUpTheLadderFailsTheBuild() {
		ApplicationModules fixture = ApplicationModules.of("io.opsguard.ladderfixture", location -> true);
		assertThatExceptionOfType(Violations.class).isThrownBy(fixture::verify)
			.withMessageContaining("lower")
			.withMessageContaining("upper");
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

	private static String[] declared(String module) throws ClassNotFoundException {
		ApplicationModule annotation = Class.forName("io.opsguard." + module + ".package-info")
			.getAnnotation(ApplicationModule.class);
		return annotation == null ? new String[] { ApplicationModule.OPEN_TOKEN } : annotation.allowedDependencies();
	}

}
