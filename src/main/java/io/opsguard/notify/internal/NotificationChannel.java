package io.opsguard.notify.internal;

import io.opsguard.notify.Channel;

/**
 * Plug-in point: one bean per channel the outbox delivers through ({@link Channel#EMAIL},
 * {@link Channel#WEBHOOK}, {@link Channel#SMS}, {@link Channel#VOICE}). Called by the dispatcher
 * outside any transaction.
 */
public interface NotificationChannel {

	Channel channel();

	/** Delivers the message or says why not. */
	void deliver(OutboxMessage message) throws DeliveryFailure;

}
