package io.opsguard.servicedesk.internal;

/** What the e-mail intake did with a message. */
public enum MailDecision {

	/** 已建单: a new ticket */
	CREATED,
	/** 已追加: a reply added to the ticket its subject names */
	APPENDED,
	/** 自动回复已忽略: an auto-reply, a bounce or a mailing list (RFC 3834) */
	IGNORED_AUTO_REPLY,
	/** 邮件循环已忽略: more messages from one sender than a person writes */
	IGNORED_LOOP,
	/** 已隔离: could not be read or imported; its bytes are kept */
	QUARANTINED

}
