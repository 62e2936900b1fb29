package io.opsguard.servicedesk.internal;

import java.time.Instant;

/**
 * A ticket's attachment ({@code sd_attachment}): {@code contentType} as its bytes told,
 * {@code storagePath} relative to the attachments' directory, {@code source} UPLOAD or EMAIL.
 */
public record AttachmentRow(long id, long ticketId, Long commentId, String fileName, String contentType, long size,
		String sha256, String storagePath, String source, Long uploadedBy, Instant uploadedAt) {

	/** An image a browser may show inline. */
	public boolean image() {
		return AttachmentTypes.IMAGES.contains(this.contentType);
	}

}
