package io.opsguard.servicedesk.internal;

import java.time.Instant;

/** The intake log's filters: mailbox, decision, logged between {@code from} and {@code to}, words of the sender. */
public record MailLogFilter(Long mailboxId, MailDecision decision, Instant from, Instant to, String sender) {
}
