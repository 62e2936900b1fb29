package io.opsguard.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import io.opsguard.shared.ErrorCode;

/**
 * The password rules: minimum length (configurable), at most {@value #MAX_BYTES} bytes in UTF-8
 * (bcrypt reads no further), no control or invisible characters, how many of the four character
 * classes (upper case, lower case, digits, other symbols; configurable), not containing the
 * username in any case, not one of the most common passwords, not one of the last few passwords
 * (configurable), and when a password expires (configurable).
 */
public record PasswordPolicy(int minLength, int minCharacterClasses, int historySize, int expiryDays) {

	/** bcrypt uses the first 72 bytes of a password and ignores the rest. */
	public static final int MAX_BYTES = 72;

	public static PasswordPolicy from(IdentityProperties.Password properties) {
		return new PasswordPolicy(properties.minLength(), properties.minCharacterClasses(),
				properties.historySize(), properties.expiryDays());
	}

	/** The first rule the password breaks, with the arguments of its message, or empty. */
	public Optional<Violation> check(String password, String username, Predicate<String> usedRecently) {
		if (password == null || password.length() < this.minLength) {
			return Optional.of(new Violation(IdentityError.PASSWORD_TOO_SHORT, this.minLength));
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of(new Violation(IdentityError.PASSWORD_TOO_LONG, MAX_BYTES));
		}
		if (hasControlCharacters(password)) {
			return Optional.of(new Violation(IdentityError.PASSWORD_CONTROL_CHARACTERS));
		}
		if (characterClasses(password) < this.minCharacterClasses) {
			return Optional.of(new Violation(IdentityError.PASSWORD_TOO_SIMPLE, this.minCharacterClasses));
		}
		if (username != null && !username.isBlank()
				&& password.toLowerCase(Locale.ROOT).contains(username.trim().toLowerCase(Locale.ROOT))) {
			return Optional.of(new Violation(IdentityError.PASSWORD_SAME_AS_USERNAME));
		}
		if (CommonPasswords.contains(password)) {
			return Optional.of(new Violation(IdentityError.PASSWORD_TOO_COMMON));
		}
		if (this.historySize > 0 && usedRecently.test(password)) {
			return Optional.of(new Violation(IdentityError.PASSWORD_REUSED, this.historySize));
		}
		return Optional.empty();
	}

	/**
	 * Control characters (NUL, line breaks, tabs, DEL …), invisible format characters (zero-width
	 * spaces, direction marks) and broken halves of surrogate pairs: none can be typed reliably
	 * on a sign-in form, and a NUL ends the password for some tools.
	 */
	static boolean hasControlCharacters(String password) {
		return password.codePoints()
			.anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
					|| Character.getType(c) == Character.SURROGATE);
	}

	static int characterClasses(String password) {
		boolean upper = false;
		boolean lower = false;
		boolean digit = false;
		boolean other = false;
		for (int i = 0; i < password.length(); i++) {
			char c = password.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				upper = true;
			}
			else if (c >= 'a' && c <= 'z') {
				lower = true;
			}
			else if (c >= '0' && c <= '9') {
				digit = true;
			}
			else {
				other = true;
			}
		}
		return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
	}

	/** When a password set at {@code changedAt} expires, or empty if passwords never expire. */
	public Optional<Instant> expiresAt(Instant changedAt) {
		return this.expiryDays <= 0 ? Optional.empty() : Optional.of(changedAt.plus(Duration.ofDays(this.expiryDays)));
	}

	public boolean expired(Instant changedAt, Instant now) {
		return expiresAt(changedAt).map(expiry -> !now.isBefore(expiry)).orElse(false);
	}

	/** A broken rule and the arguments of its message. */
	public record Violation(ErrorCode error, Object... args) {
	}

	/** Generates passwords that satisfy any policy of up to four classes. */
	static String generate(java.security.SecureRandom random, int length) {
		String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
		String lower = "abcdefghijkmnopqrstuvwxyz";
		String digits = "23456789";
		String symbols = "!@#$%^&*-_=+?";
		String all = upper + lower + digits + symbols;
		char[] chars = new char[Math.max(length, 12)];
		chars[0] = upper.charAt(random.nextInt(upper.length()));
		chars[1] = lower.charAt(random.nextInt(lower.length()));
		chars[2] = digits.charAt(random.nextInt(digits.length()));
		chars[3] = symbols.charAt(random.nextInt(symbols.length()));
		for (int i = 4; i < chars.length; i++) {
			chars[i] = all.charAt(random.nextInt(all.length()));
		}
		for (int i = chars.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			char t = chars[i];
			chars[i] = chars[j];
			chars[j] = t;
		}
		return new String(chars);
	}

}
