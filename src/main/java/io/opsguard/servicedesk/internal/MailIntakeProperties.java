package io.opsguard.servicedesk.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The e-mail intake ({@code opsguard.servicedesk.mail-intake.*}); the mailboxes themselves are kept
 * in the database by administrators.
 *
 * @param tick how often the poller looks for mailboxes due to be read
 * @param loopLimit more messages than this from one sender within {@code loopWindow} are taken for
 * a mail loop and ignored
 * @param loopWindow see {@code loopLimit}
 * @param longestBackoff after failures a mailbox is tried again at doubling intervals, never more
 * than this apart
 * @param batch messages read from a mailbox per poll at most
 * @param connectTimeout how long a connection to the mail server may take
 * @param readTimeout how long the mail server may take to answer
 */
@ConfigurationProperties("opsguard.servicedesk.mail-intake")
public record MailIntakeProperties(@DefaultValue("15s") Duration tick, @DefaultValue("5") int loopLimit,
		@DefaultValue("10m") Duration loopWindow, @DefaultValue("30m") Duration longestBackoff,
		@DefaultValue("100") int batch, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout) {
}
