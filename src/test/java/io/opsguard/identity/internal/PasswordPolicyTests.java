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
	void measuresTheLimitInUtf8BytesAsBcryptDoes() {
		assertThat(this.policy.check("Aa1!" + "x".repeat(68), "u", p -> false)).as("72 bytes").isEmpty();
		assertThat(this.policy.check("Aa1!" + "x".repeat(69), "u", p -> false).orElseThrow().error())
			.isEqualTo(IdentityError.PASSWORD_TOO_LONG);
		assertThat(this.policy.check("Aa1" + "码".repeat(23), "u", p -> false)).as("3 + 69 bytes").isEmpty();
		assertThat(this.policy.check("Aa1" + "码".repeat(24), "u", p -> false).orElseThrow().args())
			.containsExactly(PasswordPolicy.MAX_BYTES);
	}

	@Test
	void refusesControlAndInvisibleCharacters() {
		for (String password : new String[] { "Abcdefg1\u0000", "Abc\u0000\u0000defg1", "Abcdefg1\t", "Abcd\u007fefg1",
				"Abcd\u200befg1", "Abcd\ud800efg1" }) {
			assertThat(this.policy.check(password, "u", p -> false).orElseThrow().error()).as(password)
				.isEqualTo(IdentityError.PASSWORD_CONTROL_CHARACTERS);
		}
		assertThat(this.policy.check("Abc def1 中文", "u", p -> false)).as("spaces and Chinese are fine").isEmpty();
	}

	@Test
	void refusesTheUsernameInsideThePasswordInAnyCase() {
		assertThat(this.policy.check("My@ZhangSan2026", "zhangsan", p -> false).orElseThrow().error())
			.isEqualTo(IdentityError.PASSWORD_SAME_AS_USERNAME);
		assertThat(this.policy.check("Zhang@San2026", "zhangsan", p -> false)).isEmpty();
	}

	@Test
	void refusesTheMostCommonPasswordsInAnyCase() {
		for (String password : new String[] { "Password1", "pASSWORD1", "Aa123456", "P@ssw0rd", "Qwer1234", "1qaz@WSX",
				"Admin@123", "Huawei@123", "Abcd1234", "Woaini1314" }) {
			assertThat(this.policy.check(password, "zhangsan", p -> false).orElseThrow().error()).as(password)
				.isEqualTo(IdentityError.PASSWORD_TOO_COMMON);
		}
		assertThat(CommonPasswords.size()).isGreaterThan(300);
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
