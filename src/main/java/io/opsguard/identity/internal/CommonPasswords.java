package io.opsguard.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The most common passwords ({@code identity/common-passwords.txt}: the top of the public leak
 * lists, the keyboard walks and the administrator defaults popular in China such as
 * {@code Aa123456}, {@code P@ssw0rd} and {@code Qwer1234}), compared without regard to case.
 */
final class CommonPasswords {

	private static final String RESOURCE = "/identity/common-passwords.txt";

	private static final Set<String> LOWER_CASE = load();

	private CommonPasswords() {
	}

	static boolean contains(String password) {
		return LOWER_CASE.contains(password.toLowerCase(Locale.ROOT));
	}

	static int size() {
		return LOWER_CASE.size();
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>();
		try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the class path");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String password = line.strip();
				if (!password.isEmpty() && !password.startsWith("#")) {
					passwords.add(password.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(passwords);
	}

}
