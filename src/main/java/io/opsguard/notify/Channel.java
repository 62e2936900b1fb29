package io.opsguard.notify;

/** The ways a notice reaches somebody. */
public enum Channel {

	/** The bell in the web UI (inbox), pushed live. */
	IN_APP,
	/** E-mail over SMTP, HTML and plain text. */
	EMAIL,
	/** A text message through the configured SMS gateway. */
	SMS,
	/** A phone call reading the text, through the configured voice gateway. */
	VOICE,
	/** A webhook robot or endpoint configured by administrators (WeCom, DingTalk, Feishu, JSON). */
	WEBHOOK;

	/** The channels a person can choose in their preferences. */
	public static final java.util.List<Channel> PERSONAL = java.util.List.of(IN_APP, EMAIL, SMS, VOICE);

}
