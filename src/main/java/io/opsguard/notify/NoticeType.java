package io.opsguard.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event type a module sends notices of.
 *
 * @param code e.g. {@code servicedesk.ticket.assigned}: lower case, dots between words
 * @param nameZh the name users read in Chinese, e.g. 工单指派给我
 * @param nameEn the name in English
 * @param zh the default template in Chinese (zh-CN)
 * @param en the default template in English
 * @param defaultChannels the channels a user gets until they choose
 * @param mandatoryChannels channels a user cannot switch off (e.g. in-app for an SLA breach)
 * @param sample a model to preview the templates with; its keys are the variables listed to editors
 */
public record NoticeType(String code, String nameZh, String nameEn, Template zh, Template en,
		Set<Channel> defaultChannels, Set<Channel> mandatoryChannels, Map<String, Object> sample) {

	public NoticeType {
		Objects.requireNonNull(code, "code");
		if (!code.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+") || code.length() > 100) {
			throw new IllegalArgumentException("A notice type's code is dotted lower-case words: " + code);
		}
		Objects.requireNonNull(zh, "zh");
		Objects.requireNonNull(en, "en");
		defaultChannels = Set.copyOf(defaultChannels);
		mandatoryChannels = Set.copyOf(mandatoryChannels);
		if (defaultChannels.contains(Channel.WEBHOOK) || !defaultChannels.containsAll(mandatoryChannels)) {
			throw new IllegalArgumentException("Defaults are personal channels and include the mandatory ones: " + code);
		}
		sample = sample == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sample));
	}

	/** The name in the given language ({@code en…} English, otherwise Chinese). */
	public String name(java.util.Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) ? this.nameEn : this.nameZh;
	}

	/**
	 * A subject and a body in Mustache ({@code {{ticket.number}}}). The body is plain text (line
	 * breaks kept; robots read it as Markdown); e-mail gets it as text and as HTML, escaped.
	 */
	public record Template(String subject, String body) {

		public Template {
			Objects.requireNonNull(subject, "subject");
			Objects.requireNonNull(body, "body");
		}

	}

}
