package io.opsguard.cmdb.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.opsguard.shared.Downloads;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A file download that is built completely before its first byte is sent: a failure while building
 * it is answered with a problem (never 200 with a cut or empty body), and the answer carries its
 * {@code Content-Length}, so that a transfer broken off midway does not look like a complete file.
 * The file is built in a temporary file rather than in memory.
 */
final class Attachment {

	private Attachment() {
	}

	/** The content of the file. */
	@FunctionalInterface
	interface Content {

		void write(OutputStream out) throws IOException;

	}

	/**
	 * Builds the file, runs {@code beforeSending} (e.g. the audit entry of an export) and sends it.
	 */
	static void send(HttpServletResponse response, String contentType, String fileName, Content content,
			Runnable beforeSending) throws IOException {
		Path file = Files.createTempFile("opsguard-download-", ".tmp");
		try {
			try (OutputStream out = Files.newOutputStream(file)) {
				content.write(out);
			}
			beforeSending.run();
			response.setContentType(contentType);
			response.setHeader("Content-Disposition", Downloads.attachment(fileName));
			response.setContentLengthLong(Files.size(file));
			try (OutputStream out = response.getOutputStream()) {
				Files.copy(file, out);
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

}
