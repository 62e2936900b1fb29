package io.opsguard.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * File downloads of the API: the xlsx media type and the {@code Content-Disposition} header that
 * gives browsers the (Chinese) file name, with an ASCII fallback for old clients (RFC 6266).
 */
public final class Downloads {

	public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private Downloads() {
	}

	/** {@code attachment; filename="<ascii>"; filename*=UTF-8''<name>}. */
	public static String attachment(String fileName) {
		String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
		return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
				+ URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
