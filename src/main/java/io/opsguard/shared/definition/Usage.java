package io.opsguard.shared.definition;

import io.opsguard.shared.Texts;

import org.springframework.context.MessageSourceResolvable;

/**
 * Something that uses a definition, named in the reader's language: the message
 * {@code usage.<kind>} with the user's code and its names ("SLA 策略“本院合同”").
 */
public record Usage(String kind, String code, String nameZh, String nameEn) implements MessageSourceResolvable {

	/** A user with a name in one language only (a business system). */
	public static Usage of(String kind, String code, String name) {
		return new Usage(kind, code, name, name);
	}

	@Override
	public String[] getCodes() {
		return new String[] { "usage." + this.kind };
	}

	@Override
	public Object[] getArguments() {
		return new Object[] { this.code, Texts.name(this.nameZh, this.nameEn) };
	}

	@Override
	public String getDefaultMessage() {
		return this.kind + " " + this.nameZh;
	}

}
