package io.opsguard.alerting;

import java.util.Locale;

/** How serious an alert is: 紧急, 重要, 次要, 提示. */
public enum AlertSeverity {

	CRITICAL("紧急", "Critical"), MAJOR("重要", "Major"), MINOR("次要", "Minor"), INFO("提示", "Info");

	private final String zh;

	private final String en;

	AlertSeverity(String zh, String en) {
		this.zh = zh;
		this.en = en;
	}

	/** 1 for critical … 4 for info. */
	public int rank() {
		return ordinal() + 1;
	}

	/** The name people read. */
	public String label(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) ? this.en : this.zh;
	}

	/** The severity with this name in any case, or null. */
	public static AlertSeverity parse(String text) {
		if (text == null) {
			return null;
		}
		for (AlertSeverity severity : values()) {
			if (severity.name().equalsIgnoreCase(text.trim())) {
				return severity;
			}
		}
		return null;
	}

}
