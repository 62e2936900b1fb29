package io.opsguard.servicedesk.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ticket attachments ({@code opsguard.servicedesk.attachments.*}): the largest file accepted, from
 * the web UI, the API and e-mail alike. The container's multipart limits
 * ({@code spring.servlet.multipart.max-file-size}, {@code max-request-size}) must be at least as
 * large; the application refuses to start otherwise ({@link AttachmentLimits}).
 *
 * @param maxSize the largest attachment (default 20 MB)
 */
@ConfigurationProperties("opsguard.servicedesk.attachments")
public record AttachmentProperties(@DefaultValue("20MB") DataSize maxSize) {
}
