package io.opsguard.notify.internal;

/** Where a message of the outbox stands. */
public enum DeliveryStatus {

	/** Waiting for its first attempt. */
	PENDING,
	/** Claimed by a dispatcher, being sent. */
	SENDING,
	/** Delivered: the server or robot accepted it. */
	SENT,
	/** An attempt failed; tried again at {@code nextAttemptAt}. */
	FAILED,
	/** Given up after the last attempt, or undeliverable; an administrator may retry it. */
	DEAD

}
