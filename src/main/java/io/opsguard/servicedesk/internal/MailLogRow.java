package io.opsguard.servicedesk.internal;

import java.time.Instant;

/**
 * One import decision of the e-mail intake ({@code sd_mail_log}), kept for good: the reason is
 * a message key with its arguments ({@code reasonArgs} separated by {@code |}), shown in the
 * reader's language.
 */
public record MailLogRow(long id, long mailboxId, String mailboxName, long mailboxOrganisationId, String messageId,
		String sender, String subject, Instant sentAt, Instant loggedAt, MailDecision decision, String reasonKey,
		String reasonArgs, Long ticketId, String ticketNumber, Long commentId, int attachments, String rawPath,
		Long rawSize) {

	public boolean quarantined() {
		return this.rawPath != null;
	}

}
