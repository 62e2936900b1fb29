package io.opsguard.notify.internal;

import java.util.List;

/**
 * The text a robot or gateway receives, composed from a rendered notice: Markdown with a bold
 * subject and a link for WeCom and DingTalk, plain text for Feishu and generic endpoints, subject
 * and text in one for SMS and voice; then kept within the kind's size ({@link MessageSizes}).
 */
final class RobotMessages {

	static final String TRUNCATED_ZH = "…(余下内容见系统)";

	static final String TRUNCATED_EN = "…(more in OpsGuard)";

	private RobotMessages() {
	}

	/** The parts to send (one unless the text is too long for a robot that takes parts). */
	static List<String> compose(EndpointKind kind, String subject, String text, String link, String locale,
			String openLabel) {
		String composed = switch (kind) {
			case WECOM, DINGTALK -> "**" + subject + "**\n\n" + text.strip()
					+ (link == null ? "" : "\n\n[" + openLabel + "](" + link + ")");
			case FEISHU -> subject + "\n" + text.strip() + (link == null ? "" : "\n" + openLabel + ": " + link);
			case GENERIC -> text.strip();
			case SMS, VOICE -> subject + "：" + text.strip().replaceAll("\\s*\\n\\s*", " ");
		};
		if (kind.splits()) {
			return MessageSizes.split(composed, kind.maxBytes());
		}
		return List.of(MessageSizes.truncate(composed, kind.maxBytes(), "en".equals(locale) ? TRUNCATED_EN : TRUNCATED_ZH));
	}

}
