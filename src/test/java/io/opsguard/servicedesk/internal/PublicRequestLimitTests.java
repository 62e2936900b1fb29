package io.opsguard.servicedesk.internal;

import java.time.Duration;
import java.time.Instant;

import io.opsguard.shared.OpsGuardException;
import io.opsguard.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicRequestLimitTests {

	@Test
	void anAddressGetsItsRequestsPerMinuteThenWaitsForTheNextMinute() {
		MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
		PublicRequestLimit limit = new PublicRequestLimit(new SatisfactionProperties(7, 14, 3, Duration.ofMinutes(10), "/portal"),
				clock);
		for (int i = 0; i < 3; i++) {
			limit.check("10.0.0.1");
		}
		assertThatThrownBy(() -> limit.check("10.0.0.1")).isInstanceOf(OpsGuardException.class)
			.extracting(e -> ((OpsGuardException) e).errorCode())
			.isEqualTo(PortalError.TOO_MANY_REQUESTS);
		limit.check("10.0.0.2");
		clock.advance(Duration.ofMinutes(1));
		limit.check("10.0.0.1");
	}

	@Test
	void tokensAreLongRandomAndStoredAsHashesOnly() {
		String token = Tokens.newToken();
		assertThat(Tokens.wellFormed(token)).isTrue();
		assertThat(Tokens.newToken()).isNotEqualTo(token);
		assertThat(Tokens.hash(token)).hasSize(64).isNotEqualTo(token).isEqualTo(Tokens.hash(token));
		assertThat(Tokens.wellFormed("../../etc/passwd")).isFalse();
		assertThat(Tokens.wellFormed(null)).isFalse();
	}

}
