package io.opsguard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The build check that fails when a test class is not picked up by surefire or failsafe. */
class TestRunCheckTests {

	private static final Path TEST_CLASSES = Path.of("target/test-classes");

	@Test
	void findsJupiterAndJqwikTestClassesButNotBaseOrSupportClasses() {
		Set<String> classes = TestRunCheck.testClasses(TEST_CLASSES, getClass().getClassLoader());
		assertThat(classes).contains("io.opsguard.web.PlatformIT", "io.opsguard.support.TestRunCheckTests",
				"io.opsguard.calendar.internal.BusinessCalendarPropertyTests",
				"io.opsguard.calendar.CalendarPersistenceH2IT");
		assertThat(classes).doesNotContain("io.opsguard.calendar.CalendarPersistenceScenarios",
				"io.opsguard.support.ApiTestSupport", "io.opsguard.support.ApiClient",
				"io.opsguard.calendar.internal.TestCalendars");
	}

	@Test
	void namesEveryTestClassWithoutAReportOfThisBuild(@TempDir Path surefire, @TempDir Path failsafe) throws IOException {
		Instant buildStart = Instant.now().minusSeconds(60);
		report(surefire, "io.opsguard.support.TestRunCheckTests", Instant.now());
		report(failsafe, "io.opsguard.web.PlatformIT", Instant.now());
		report(failsafe, "io.opsguard.web.EndpointSecurityIT", buildStart.minusSeconds(3600));
		Set<String> executed = TestRunCheck.executedClasses(buildStart, surefire, failsafe);
		Set<String> notRun = TestRunCheck.notRun(Set.of("io.opsguard.support.TestRunCheckTests",
				"io.opsguard.web.PlatformIT", "io.opsguard.web.EndpointSecurityIT", "io.opsguard.Outer$Inner",
				"io.opsguard.calendar.internal.BusinessCalendarPropertyTests"), executed);
		assertThat(notRun).as("a report of an earlier build does not count; a nested class runs with its class")
			.containsExactly("io.opsguard.Outer$Inner", "io.opsguard.calendar.internal.BusinessCalendarPropertyTests",
					"io.opsguard.web.EndpointSecurityIT");
	}

	@Test
	void failsNamingTheClassesThatNeverRan(@TempDir Path surefire, @TempDir Path failsafe) {
		assertThatIllegalStateException()
			.isThrownBy(() -> TestRunCheck.main(new String[] { TEST_CLASSES.toString(), surefire.toString(),
					failsafe.toString(), "since=${maven.build.timestamp}", "test=${test}" }))
			.withMessageContaining("io.opsguard.calendar.internal.BusinessCalendarPropertyTests")
			.withMessageContaining("io.opsguard.web.PlatformIT");
	}

	@Test
	void aSelectionOfTestsTurnsTheCheckOff(@TempDir Path surefire, @TempDir Path failsafe) {
		TestRunCheck.main(new String[] { TEST_CLASSES.toString(), surefire.toString(), failsafe.toString(),
				"test=FooTests" });
	}

	private static void report(Path dir, String className, Instant written) throws IOException {
		Path file = dir.resolve("TEST-" + className + ".xml");
		Files.writeString(file, "<testsuite name=\"" + className + "\"><testcase name=\"x\" classname=\"" + className
				+ "\"/></testsuite>");
		Files.setLastModifiedTime(file, FileTime.from(written));
	}

}
