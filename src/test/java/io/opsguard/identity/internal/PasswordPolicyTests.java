package io.opsguard.identity.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy(8, 3, 5, 90);

	@Test
	void acceptsALongEnoughPasswordWithThreeClasses() {
		assertThat(this.policy.check("Abcdefg1", "zhangsan", p -> false)).isEmpty();
		assertThat(this.policy.check("abcdef1!", "zhangsan", p -> false)).isEmpty();
	}

	@Test
	void namesTheFirstBrokenRule() {
		assertThat(this.policy.check("Ab1!", "u", p -> false).orElseThrow().error()).isEqualTo(IdentityError.PASSWORD_TOO_SHORT);
		assertThat(this.policy.check("abcdefgh1", "u", p -> false).orElseThrow().error())
			.isEqualTo(IdentityError.PASSWORD_TOO_SIMPLE);
		assertThat(this.policy.check("Zhang.san1", "zhang.SAN1", p -> false).orElseThrow().error())
			.isEqualTo(IdentityError.PASSWORD_SAME_AS_USERNAME);
		assertThat(this.policy.check("Abcdefg1", "u", p -> true).orElseThrow().error()).isEqualTo(IdentityError.PASSWORD_REUSED);
		assertThat(this.policy.check(null, "u", p -> false)).isPresent();
	}

	@Test
	void historyIsNotConsultedWhenItsSizeIsZero() {
		assertThat(new PasswordPolicy(8, 3, 0, 90).check("Abcdefg1", "u", p -> true)).isEmpty();
	}

	@Test
	void passwordsExpireAfterTheConfiguredDaysOrNever() {
		Instant changed = Instant.parse("2026-01-01T00:00:00Z");
		assertThat(this.policy.expired(changed, changed.plus(Duration.ofDays(89)))).isFalse();
		assertThat(this.policy.expired(changed, changed.plus(Duration.ofDays(90)))).isTrue();
		PasswordPolicy never = new PasswordPolicy(8, 3, 5, 0);
		assertThat(never.expired(changed, changed.plus(Duration.ofDays(10_000)))).isFalse();
		assertThat(never.expiresAt(changed)).isEmpty();
	}

	@Test
	void countsCharacterClasses() {
		assertThat(PasswordPolicy.characterClasses("abc")).isEqualTo(1);
		assertThat(PasswordPolicy.characterClasses("aB")).isEqualTo(2);
		assertThat(PasswordPolicy.characterClasses("aB3")).isEqualTo(3);
		assertThat(PasswordPolicy.characterClasses("aB3中")).isEqualTo(4);
	}

	@Property(tries = 200)
	void generatedPasswordsAlwaysSatisfyTheStrictestPolicy(@ForAll @IntRange(min = 12, max = 32) int length) {
		String password = PasswordPolicy.generate(new SecureRandom(), length);
		assertThat(password).hasSize(length);
		assertThat(new PasswordPolicy(12, 4, 5, 90).check(password, "admin", p -> false)).isEmpty();
	}

}
