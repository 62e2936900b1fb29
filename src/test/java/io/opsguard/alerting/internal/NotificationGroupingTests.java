package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;
import io.opsguard.notify.Channel;
import io.opsguard.shared.OpsGuardException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decisions of notification routing without a database: the leading edge of grouping, the cap,
 * the digest, route matching, and the acknowledge links' signatures and expiry.
 */
class NotificationGroupingTests {

	private static final Instant NOW = Instant.parse("2026-12-08T01:30:00Z");

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void aLoneAlertIsDueAtOnceAndAStormWaitsForTheGroupWait() {
		assertThat(Grouping.firingDue(NOW, WAIT, null)).as("nothing sent before: due now").isEqualTo(NOW);
		assertThat(Grouping.firingDue(NOW, WAIT, NOW.minusSeconds(30))).as("the last message is older than the wait")
			.isEqualTo(NOW);
		assertThat(Grouping.firingDue(NOW, WAIT, NOW.minusSeconds(10))).as("exactly the wait ago").isEqualTo(NOW);
		assertThat(Grouping.firingDue(NOW, WAIT, NOW.minusSeconds(3))).as("a message went out 3 s ago: 7 s more")
			.isEqualTo(NOW.plusSeconds(7));
		assertThat(Grouping.firingDue(NOW, Duration.ZERO, NOW)).as("no group wait").isEqualTo(NOW);
	}

	@Test
	void aResolutionWaitsForTheHoldAndTheGroupWait() {
		Duration hold = Duration.ofSeconds(60);
		assertThat(Grouping.resolvedDue(NOW, hold, WAIT, null)).isEqualTo(NOW.plusSeconds(60));
		assertThat(Grouping.resolvedDue(NOW, hold, Duration.ofSeconds(300), NOW.minusSeconds(10)))
			.isEqualTo(NOW.plusSeconds(290));
		assertThat(Grouping.resolvedDue(NOW, hold, WAIT, NOW.minusSeconds(5))).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void theCapCountsMessagesOfTheSameRuleAndResourceButNotJoiningOne() {
		assertThat(Grouping.capped(0, 99, false)).as("0: no cap").isFalse();
		assertThat(Grouping.capped(3, 2, false)).isFalse();
		assertThat(Grouping.capped(3, 3, false)).isTrue();
		assertThat(Grouping.capped(3, 3, true)).as("the pending message already lists it: no new message").isFalse();
	}

	@Test
	void aDigestShowsTheFirstAndCountsTheRest() {
		List<Integer> fifty = IntStream.range(0, 50).boxed().toList();
		Grouping.Digest<Integer> digest = Grouping.digest(fifty, 3);
		assertThat(digest.shown()).containsExactly(0, 1, 2);
		assertThat(digest.more()).isEqualTo(47);
		assertThat(Grouping.digest(fifty, 100).more()).isZero();
		assertThat(Grouping.digest(fifty, 100).shown()).hasSize(50);
	}

	@Test
	void routesMatchBySeverityOrganisationClassTagAndBusinessSystemAndTheFirstMatchWins() {
		NotificationRoutes.AlertFacts facts = new NotificationRoutes.AlertFacts() {
			@Override
			public boolean inOrganisation(long organisationId, long ancestor) {
				return organisationId == ancestor || (ancestor == 1 && organisationId == 2);
			}

			@Override
			public boolean ofClass(long ciId, String classCode) {
				return ciId == 10 && Set.of("SERVER", "PHYSICAL_SERVER").contains(classCode);
			}

			@Override
			public boolean tagged(long ciId, String tag) {
				return ciId == 10 && tag.equals("核心");
			}

			@Override
			public boolean inBusinessSystem(long ciId, long businessSystemId) {
				return ciId == 10 && businessSystemId == 500;
			}
		};
		AlertRow critical = alert(1, AlertSeverity.CRITICAL, 10L, 2L, null);
		AlertRow minor = alert(2, AlertSeverity.MINOR, 11L, 3L, null);
		assertThat(NotificationRoutes.matches(route(1, List.of(AlertSeverity.CRITICAL), null, null, null, null, false),
				critical, facts)).isTrue();
		assertThat(NotificationRoutes.matches(route(1, List.of(AlertSeverity.CRITICAL), null, null, null, null, false),
				minor, facts)).isFalse();
		assertThat(NotificationRoutes.matches(route(1, List.of(), 1L, null, null, null, false), critical, facts))
			.as("organisation 2 is below 1").isTrue();
		assertThat(NotificationRoutes.matches(route(1, List.of(), 1L, null, null, null, false), minor, facts)).isFalse();
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, "SERVER", null, null, false), critical, facts)).isTrue();
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, "SERVER", null, null, false), minor, facts)).isFalse();
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, null, "核心", null, false), critical, facts)).isTrue();
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, null, "核心", null, false), minor, facts)).isFalse();
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, null, null, 500L, false), critical, facts)).isTrue();
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, null, null, 500L, false), minor, facts)).isFalse();
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, null, null, 500L, false),
				alert(3, AlertSeverity.INFO, null, null, 500L), facts)).as("the alert names the system").isTrue();
		AlertRow external = alert(4, AlertSeverity.MAJOR, null, null, null);
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, "SERVER", null, null, false), external, facts))
			.as("no resource: a class cannot match").isFalse();
		assertThat(NotificationRoutes.matches(route(1, List.of(), null, null, null, null, false), external, facts))
			.as("no matcher: everything").isTrue();

		NotificationRoute first = route(1, List.of(AlertSeverity.CRITICAL), null, null, null, null, false);
		NotificationRoute continuing = route(2, List.of(), null, null, null, null, true);
		NotificationRoute second = route(3, List.of(), null, null, null, null, false);
		NotificationRoute third = route(4, List.of(), null, null, null, null, false);
		assertThat(NotificationRoutes.matching(List.of(first, second), critical, facts)).containsExactly(first);
		assertThat(NotificationRoutes.matching(List.of(first, second), minor, facts)).containsExactly(second);
		assertThat(NotificationRoutes.matching(List.of(continuing, second, third), minor, facts))
			.as("a route that continues lets the next match too").containsExactly(continuing, second);
		NotificationRoute disabled = new NotificationRoute(5, "off", 0, false, List.of(), null, null, null, null, List.of(1L),
				List.of(), List.of(), List.of(Channel.IN_APP), 10, 0, 0, List.of(), List.of(), false, 0, 60, true, false,
				false, null, NOW, NOW, 0);
		assertThat(NotificationRoutes.matching(List.of(disabled, second), critical, facts)).containsExactly(second);
	}

	@Test
	void anAcknowledgeLinkIsSignedAndExpires() {
		AlertingProperties properties = new AlertingProperties(Duration.ofSeconds(10), Duration.ofMinutes(15),
				Duration.ofMinutes(30), Duration.ofMinutes(30), 3, Duration.ofSeconds(60), Duration.ofHours(24),
				Duration.ofDays(180), Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofHours(24));
		Clock signing = Clock.fixed(NOW, ZoneOffset.UTC);
		byte[] key = new byte[32];
		key[0] = 7;
		AckLinks links = new AckLinks(key, properties, signing);
		String token = links.token(4242, 17L);
		assertThat(token).hasSizeLessThan(60).matches("[A-Za-z0-9_-]+");
		AckLinks.Link link = links.verify(token);
		assertThat(link.alertId()).isEqualTo(4242);
		assertThat(link.userId()).isEqualTo(17L);
		assertThat(link.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
		assertThat(links.verify(links.token(5, null)).userId()).as("a robot's link names nobody").isNull();

		// one character changed anywhere: refused
		for (int i = 0; i < token.length(); i++) {
			char changed = token.charAt(i) == 'A' ? 'B' : 'A';
			String forged = token.substring(0, i) + changed + token.substring(i + 1);
			assertThatThrownBy(() -> links.verify(forged)).isInstanceOfSatisfying(OpsGuardException.class,
					ex -> assertThat(ex.errorCode().code()).isIn("ALR-0065", "ALR-0066"));
		}
		assertThatThrownBy(() -> links.verify("not a token!")).isInstanceOf(OpsGuardException.class);
		assertThatThrownBy(() -> links.verify("")).isInstanceOf(OpsGuardException.class);
		assertThatThrownBy(() -> links.verify("x".repeat(5000))).isInstanceOf(OpsGuardException.class);
		// signed under another key: refused
		byte[] other = key.clone();
		other[1] = 1;
		assertThatThrownBy(() -> new AckLinks(other, properties, signing).verify(token))
			.isInstanceOfSatisfying(OpsGuardException.class, ex -> assertThat(ex.errorCode().code()).isEqualTo("ALR-0065"));
		// a day later: expired
		AckLinks later = new AckLinks(key, properties, Clock.fixed(NOW.plus(Duration.ofHours(24)), ZoneOffset.UTC));
		assertThatThrownBy(() -> later.verify(token))
			.isInstanceOfSatisfying(OpsGuardException.class, ex -> assertThat(ex.errorCode().code()).isEqualTo("ALR-0066"));
	}

	static NotificationRoute route(long id, List<AlertSeverity> severities, Long organisation, String classCode, String tag,
			Long system, boolean continues) {
		return new NotificationRoute(id, "route " + id, (int) id, true, severities, organisation, classCode, tag, system,
				List.of(1L), List.of(), List.of(), List.of(Channel.IN_APP), 10, 0, 0, List.of(), List.of(), false, 0, 60, true,
				false, continues, null, NOW, NOW, 0);
	}

	static AlertRow alert(long id, AlertSeverity severity, Long ci, Long organisation, Long system) {
		return new AlertRow(id, "fp" + id, "GENERIC", null, null, null, "alert " + id, null, severity, AlertState.FIRING, ci,
				organisation, system, null, null, null, null, null, 1, NOW, NOW, null, null, null, null, null, null, false, 0,
				null, null, null, null, null, null, null, 0, Map.of(), 0);
	}

}
