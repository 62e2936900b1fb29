package io.opsguard.notify.internal;

import java.time.Instant;

import io.opsguard.notify.Channel;

/** One message of the outbox: to one recipient over one channel, rendered. */
public record OutboxMessage(long id, String dedupKey, String typeCode, Channel channel, String recipient,
		Long recipientUserId, Long endpointId, Long organisationId, String locale, String severity, int part, int parts,
		String subject, String body, String bodyHtml, String link, DeliveryStatus status, int attempts,
		Instant nextAttemptAt, String lastErrorKey, String lastError, Instant createdAt, Instant sentAt) {

	/** A message to queue (or to send at once, as a test): not stored yet. */
	static OutboxMessage draft(String dedupKey, String typeCode, Channel channel, String recipient, Long recipientUserId,
			Long endpointId, Long organisationId, String locale, String severity, int part, int parts, String subject,
			String body, String bodyHtml, String link) {
		return new OutboxMessage(0, dedupKey, typeCode, channel, recipient, recipientUserId, endpointId, organisationId,
				locale, severity, part, parts, subject, body, bodyHtml, link, DeliveryStatus.PENDING, 0, null, null, null,
				null, null);
	}

}
