package io.opsguard.notify.internal;

/**
 * What an administrator-configured endpoint is: a webhook robot (its message format, its size
 * limit and whether long messages are split) or an SMS / voice gateway (text cut short).
 */
public enum EndpointKind {

	GENERIC(16_000, true), WECOM(4_096, true), DINGTALK(20_000, true), FEISHU(18_000, true), SMS(600, false),
	VOICE(300, false);

	private final int maxBytes;

	private final boolean splits;

	EndpointKind(int maxBytes, boolean splits) {
		this.maxBytes = maxBytes;
		this.splits = splits;
	}

	/** The most UTF-8 bytes of text one message may carry. */
	public int maxBytes() {
		return this.maxBytes;
	}

	/** Whether a longer text is sent in parts (robots) rather than cut short (gateways). */
	public boolean splits() {
		return this.splits;
	}

	public boolean gateway() {
		return this == SMS || this == VOICE;
	}

}
