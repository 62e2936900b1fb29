package io.opsguard.servicedesk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a file is, told by its first bytes and never by the name or type its sender declared
 * (ADR 0012): images (PNG, JPEG, GIF, WebP), PDF, plain text (.txt, .log, .csv), Office documents
 * (docx, xlsx, pptx and the old doc, xls), archives (zip, 7z, rar). Executables, scripts, HTML and
 * SVG are refused whatever they are called.
 */
final class AttachmentTypes {

	static final String PNG = "image/png";

	static final String JPEG = "image/jpeg";

	static final String GIF = "image/gif";

	static final String WEBP = "image/webp";

	static final String PDF = "application/pdf";

	static final String TEXT = "text/plain";

	static final String CSV = "text/csv";

	static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

	static final String DOC = "application/msword";

	static final String XLS = "application/vnd.ms-excel";

	static final String ZIP = "application/zip";

	static final String SEVEN_ZIP = "application/x-7z-compressed";

	static final String RAR = "application/vnd.rar";

	/** Images a browser may show inline (SVG is not one: it can carry scripts). */
	static final Set<String> IMAGES = Set.of(PNG, JPEG, GIF, WEBP);

	private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "log", "csv");

	/** Bytes read to tell the kind of a file. */
	private static final int HEAD = 8192;

	/** Entries of a zip archive looked at, at most. */
	private static final int ZIP_ENTRIES = 5_000;

	private AttachmentTypes() {
	}

	/** The content type of an allowed file; empty when its kind is not allowed. */
	static Optional<String> detect(Path file, String fileName) throws IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(HEAD);
		}
		String extension = extension(fileName);
		if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return Optional.of(PNG);
		}
		if (starts(head, 0xFF, 0xD8, 0xFF)) {
			return Optional.of(JPEG);
		}
		if (startsWith(head, "GIF87a") || startsWith(head, "GIF89a")) {
			return Optional.of(GIF);
		}
		if (startsWith(head, "RIFF") && head.length >= 12 && new String(head, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
			return Optional.of(WEBP);
		}
		if (startsWith(head, "%PDF-")) {
			return Optional.of(PDF);
		}
		if (starts(head, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
			return Optional.of(SEVEN_ZIP);
		}
		if (startsWith(head, "Rar!\u001A\u0007")) {
			return Optional.of(RAR);
		}
		if (starts(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
			// the old Office format is a compound file, as are installers (.msi): the name decides among them
			return switch (extension) {
				case "doc" -> Optional.of(DOC);
				case "xls" -> Optional.of(XLS);
				default -> Optional.empty();
			};
		}
		if (starts(head, 'P', 'K', 3, 4) || starts(head, 'P', 'K', 5, 6)) {
			return zip(file);
		}
		if (executable(head)) {
			return Optional.empty();
		}
		return text(head, extension);
	}

	/** An Office Open XML document by its parts, a Java archive refused, any other zip an archive. */
	private static Optional<String> zip(Path file) {
		boolean contentTypes = false;
		boolean word = false;
		boolean excel = false;
		boolean powerPoint = false;
		boolean classes = false;
		try (ZipFile zip = new ZipFile(file.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			int seen = 0;
			while (entries.hasMoreElements() && seen++ < ZIP_ENTRIES) {
				String name = entries.nextElement().getName();
				contentTypes |= name.equals("[Content_Types].xml");
				word |= name.startsWith("word/");
				excel |= name.startsWith("xl/");
				powerPoint |= name.startsWith("ppt/");
				classes |= name.endsWith(".class") || name.equalsIgnoreCase("classes.dex");
			}
		}
		catch (IOException | RuntimeException ex) {
			// a damaged archive is not something we keep
			return Optional.empty();
		}
		if (classes) {
			// a Java archive or an Android package: programs
			return Optional.empty();
		}
		if (contentTypes && word) {
			return Optional.of(DOCX);
		}
		if (contentTypes && excel) {
			return Optional.of(XLSX);
		}
		if (contentTypes && powerPoint) {
			return Optional.of(PPTX);
		}
		return Optional.of(ZIP);
	}

	/** Programs by their headers: Windows (MZ), ELF, Mach-O, and scripts that name their interpreter. */
	private static boolean executable(byte[] head) {
		return starts(head, 'M', 'Z') || starts(head, 0x7F, 'E', 'L', 'F') || starts(head, 0xCF, 0xFA, 0xED, 0xFE)
				|| starts(head, 0xCE, 0xFA, 0xED, 0xFE) || starts(head, 0xFE, 0xED, 0xFA, 0xCE)
				|| starts(head, 0xFE, 0xED, 0xFA, 0xCF) || starts(head, 0xCA, 0xFE, 0xBA, 0xBE) || startsWith(head, "#!");
	}

	/**
	 * Plain text: named .txt, .log or .csv, without NUL bytes or many control characters, and not
	 * markup a browser would run (HTML, SVG, XML).
	 */
	private static Optional<String> text(byte[] head, String extension) {
		if (!TEXT_EXTENSIONS.contains(extension)) {
			return Optional.empty();
		}
		int control = 0;
		for (byte b : head) {
			int c = b & 0xff;
			if (c == 0) {
				return Optional.empty();
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
				control++;
			}
		}
		if (control * 100 > Math.max(head.length, 1)) {
			return Optional.empty();
		}
		String start = new String(head, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
		if (start.startsWith("\u00ef\u00bb\u00bf")) {
			start = start.substring(3).stripLeading();
		}
		if (start.startsWith("<") && (start.contains("<html") || start.contains("<!doctype") || start.contains("<svg")
				|| start.contains("<script") || start.startsWith("<?xml") || start.contains("<body")
				|| start.contains("<iframe"))) {
			return Optional.empty();
		}
		return Optional.of(extension.equals("csv") ? CSV : TEXT);
	}

	static String extension(String fileName) {
		int dot = fileName.lastIndexOf('.');
		return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	private static boolean starts(byte[] head, int... expected) {
		if (head.length < expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if ((head[i] & 0xff) != expected[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean startsWith(byte[] head, String prefix) {
		byte[] expected = prefix.getBytes(StandardCharsets.ISO_8859_1);
		if (head.length < expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (head[i] != expected[i]) {
				return false;
			}
		}
		return true;
	}

}
