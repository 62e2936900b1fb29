package io.opsguard.shared;

import org.springframework.http.HttpStatus;

/**
 * A stable, documented error: a code such as {@code IDN-0007}, the HTTP status it answers with,
 * and message keys {@code error.<code>.title} and {@code error.<code>.detail} in the message files.
 * Each module declares its codes in an enum implementing this interface.
 */
public interface ErrorCode {

	String code();

	HttpStatus status();

	default String titleKey() {
		return "error." + code() + ".title";
	}

	default String detailKey() {
		return "error." + code() + ".detail";
	}

}
