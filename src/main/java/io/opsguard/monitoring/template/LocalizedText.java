package io.opsguard.monitoring.template;

import java.util.Locale;

/** A text of a template in Chinese and English. */
public record LocalizedText(String zh, String en) {

	/** The text in a locale: English for English, Chinese otherwise (and when English is missing). */
	public String in(Locale locale) {
		if (locale != null && "en".equals(locale.getLanguage()) && this.en != null && !this.en.isBlank()) {
			return this.en;
		}
		return this.zh;
	}

}
