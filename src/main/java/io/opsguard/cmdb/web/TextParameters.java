package io.opsguard.cmdb.web;

import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;

/** Checks of free-text query parameters: no control characters such as NUL, which no database stores. */
final class TextParameters {

	private TextParameters() {
	}

	/** {@code value}, refused with 400 naming {@code name} when it has a control character. */
	static String text(String name, String value) {
		if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
			throw OpsGuardException.onField(name, CommonError.BAD_PARAMETER, name);
		}
		return value;
	}

}
