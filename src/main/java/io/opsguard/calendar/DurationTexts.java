package io.opsguard.calendar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Working durations in words of the reader's language, for every text the server writes for a
 * person (gap findings, notes, exports): {@code PT2H} → "2 小时" / "2 hours", {@code P1D} →
 * "1 个工作日" / "1 working day", {@code P2DT4H} → "2 个工作日 4 小时". The one formatter on the
 * server; the web UI has its twin in {@code useDurationText}. Words come from the messages
 * {@code duration.*}.
 */
@Component
public class DurationTexts {

	private final MessageSource messages;

	DurationTexts(MessageSource messages) {
		this.messages = messages;
	}

	/** The duration in words; null as null. */
	public String of(WorkingDuration duration, Locale locale) {
		if (duration == null) {
			return null;
		}
		List<String> parts = new ArrayList<>();
		if (duration.days() > 0) {
			parts.add(word("duration.days", duration.days(), locale));
		}
		Duration time = duration.time();
		if (time.toHours() > 0) {
			parts.add(word("duration.hours", time.toHours(), locale));
		}
		if (time.toMinutesPart() > 0) {
			parts.add(word("duration.minutes", time.toMinutesPart(), locale));
		}
		if (time.toSecondsPart() > 0) {
			parts.add(word("duration.seconds", time.toSecondsPart(), locale));
		}
		return parts.isEmpty() ? word("duration.minutes", 0, locale) : String.join(" ", parts);
	}

	/** An ISO-8601 working duration ({@code PT30M}) in words; text that is not one stays as it is. */
	public String of(String iso, Locale locale) {
		if (iso == null || iso.isBlank()) {
			return iso;
		}
		try {
			return of(WorkingDuration.parse(iso), locale);
		}
		catch (IllegalArgumentException ex) {
			return iso;
		}
	}

	private String word(String key, long amount, Locale locale) {
		return this.messages.getMessage(key, new Object[] { amount }, locale);
	}

}
