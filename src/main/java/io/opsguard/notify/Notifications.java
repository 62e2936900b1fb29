package io.opsguard.notify;

/**
 * Tells people and systems about an event. Call it inside the transaction of the change it is
 * about: the notice is rendered and written to the inbox and the outbox in that transaction, so it
 * is kept exactly when the change is, and no channel is ever contacted here — a mail server that is
 * down never slows or fails the caller. Delivery happens afterwards, with retries (ADR 0011).
 */
public interface Notifications {

	/**
	 * Queues the notice for each recipient and channel. Recipients without an address for a channel
	 * (no e-mail address, say) are passed over for it; disabled users are not told. A notice whose
	 * {@link Notice#dedupKey()} was queued before is not queued again.
	 *
	 * @throws IllegalArgumentException when the notice's type is not declared by any module
	 */
	void send(Notice notice);

	/**
	 * The address of a path of the web UI as messages give it (the configured base URL in front), for
	 * links a module puts in a notice's model, e.g. a one-click acknowledge link.
	 */
	default String absoluteLink(String path) {
		return path;
	}

}
