package io.opsguard.servicedesk.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * A message as the intake reads it from its raw bytes: sender, subject, the text (plain, or HTML
 * turned into plain text), attachments, and the marks of an automatic message (RFC 3834 and the
 * headers mail systems use in practice). Parsing throws on anything it cannot read: the intake
 * then quarantines the message.
 */
final class InboundMail {

	/** Nested parts deeper than this are not a message a person wrote. */
	private static final int DEEPEST = 20;

	private static final Pattern QUOTE_START = Pattern.compile(
			"(?im)^(On .{1,200} wrote:|在 .{1,200}写道[:：]|-{2,}\\s*(Original Message|原始邮件|Forwarded message)\\s*-{2,}"
					+ "|发件人[:：].*|From: .*\\R(Sent|Date|发送时间): .*)\\s*$");

	private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");

	private static final Session SESSION = session();

	final String messageId;

	final String fromAddress;

	final String fromName;

	final String subject;

	final Instant sentAt;

	final String text;

	final List<Attachment> attachments;

	/** Why this is an automatic message (a key of {@code mail.reason.*} and its argument), or null. */
	final String[] automatic;

	private InboundMail(String messageId, String fromAddress, String fromName, String subject, Instant sentAt, String text,
			List<Attachment> attachments, String[] automatic) {
		this.messageId = messageId;
		this.fromAddress = fromAddress;
		this.fromName = fromName;
		this.subject = subject;
		this.sentAt = sentAt;
		this.text = text;
		this.attachments = attachments;
		this.automatic = automatic;
	}

	/** Reads a message; throws when its structure, encoding or sender cannot be read. */
	static InboundMail parse(byte[] raw, long largestAttachment) throws MessagingException, IOException {
		MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
		String messageId = message.getMessageID();
		InternetAddress from = sender(message);
		String subject = message.getSubject();
		subject = subject == null ? "" : subject.replaceAll("[\\p{Cntrl}]", " ").strip();
		Instant sentAt = message.getSentDate() == null ? null : message.getSentDate().toInstant();
		Body body = new Body(largestAttachment);
		walk(message, body, 0);
		String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : "";
		return new InboundMail(messageId, from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
				from == null ? null : from.getPersonal(), subject, sentAt, normalise(text), List.copyOf(body.attachments),
				automatic(message, from));
	}

	/**
	 * The key that tells one message from every other: the SHA-256 of its Message-ID, or of its bytes
	 * when it has none. Read leniently from the headers alone, so that even a message that cannot be
	 * parsed has one.
	 */
	static String key(byte[] raw) {
		String id = messageIdOf(raw);
		return sha256(id != null ? ("id:" + id).getBytes(StandardCharsets.UTF_8) : raw);
	}

	/** The Message-ID from the headers alone, or null. */
	static String messageIdOf(byte[] raw) {
		InternetHeaders headers = headersOf(raw);
		String id = headers == null ? null : headers.getHeader("Message-ID", null);
		return id == null || id.isBlank() ? null : id.strip();
	}

	/** A header from the headers alone (for a message that cannot be parsed), decoded when it can be. */
	static String headerOf(byte[] raw, String name) {
		InternetHeaders headers = headersOf(raw);
		String value = headers == null ? null : headers.getHeader(name, null);
		if (value == null) {
			return null;
		}
		try {
			return MimeUtility.decodeText(MimeUtility.unfold(value)).strip();
		}
		catch (UnsupportedEncodingException | RuntimeException ex) {
			return value.strip();
		}
	}

	private static InternetHeaders headersOf(byte[] raw) {
		try {
			return new InternetHeaders(new ByteArrayInputStream(raw));
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	private static InternetAddress sender(MimeMessage message) throws MessagingException {
		String[] from = message.getHeader("From");
		if (from == null || from.length == 0) {
			return null;
		}
		InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
		for (Address address : addresses) {
			if (address instanceof InternetAddress internet && internet.getAddress() != null
					&& internet.getAddress().contains("@")) {
				return internet;
			}
		}
		return null;
	}

	/** Why the message was sent by a machine (RFC 3834 and common practice), or null when a person wrote it. */
	private static String[] automatic(MimeMessage message, InternetAddress from) throws MessagingException {
		String autoSubmitted = header(message, "Auto-Submitted");
		if (autoSubmitted != null && !autoSubmitted.equalsIgnoreCase("no")) {
			return new String[] { "mail.reason.autoSubmitted", autoSubmitted };
		}
		String suppress = header(message, "X-Auto-Response-Suppress");
		if (suppress != null) {
			return new String[] { "mail.reason.autoResponseSuppress", suppress };
		}
		String precedence = header(message, "Precedence");
		if (precedence != null && List.of("bulk", "junk", "list", "auto_reply").contains(precedence.toLowerCase(Locale.ROOT))) {
			return new String[] { "mail.reason.precedence", precedence };
		}
		for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder")) {
			String value = header(message, name);
			if (value != null) {
				return new String[] { "mail.reason.autoReplyHeader", name };
			}
		}
		String list = header(message, "List-Id");
		if (list != null) {
			return new String[] { "mail.reason.mailingList", list };
		}
		String returnPath = header(message, "Return-Path");
		if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
			return new String[] { "mail.reason.bounce", "<>" };
		}
		if (from != null) {
			String local = from.getAddress().substring(0, from.getAddress().indexOf('@')).toLowerCase(Locale.ROOT);
			if (local.equals("mailer-daemon") || local.equals("postmaster")) {
				return new String[] { "mail.reason.daemon", from.getAddress() };
			}
		}
		return null;
	}

	private static String header(MimeMessage message, String name) throws MessagingException {
		String value = message.getHeader(name, ",");
		if (value == null) {
			return null;
		}
		value = value.strip();
		return value.length() > 200 ? value.substring(0, 200) : value;
	}

	private static void walk(Part part, Body body, int depth) throws MessagingException, IOException {
		if (depth > DEEPEST) {
			throw new MessagingException("Parts nested deeper than " + DEEPEST);
		}
		if (part.isMimeType("multipart/*")) {
			Object content = part.getContent();
			if (!(content instanceof Multipart multipart)) {
				throw new MessagingException("A multipart without parts");
			}
			for (int i = 0; i < multipart.getCount(); i++) {
				walk(multipart.getBodyPart(i), body, depth + 1);
			}
			return;
		}
		String fileName = fileName(part);
		boolean attachment = fileName != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
				|| !part.isMimeType("text/*");
		if (attachment) {
			body.attachments.add(new Attachment(fileName == null ? "attachment" : fileName, bytes(part, body.largest)));
		}
		else if (part.isMimeType("text/plain") && body.plain == null) {
			body.plain = text(part);
		}
		else if (part.isMimeType("text/html") && body.html == null) {
			body.html = text(part);
		}
	}

	private static String fileName(Part part) throws MessagingException {
		String name = part.getFileName();
		if (name == null || name.isBlank()) {
			return null;
		}
		try {
			return MimeUtility.decodeText(name).strip();
		}
		catch (UnsupportedEncodingException ex) {
			return name.strip();
		}
	}

	/** The bytes of a part, at most one more than the largest attachment (the attachment store refuses that). */
	private static byte[] bytes(Part part, long largest) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, largest + 1));
		}
	}

	/** A text part; a charset Java does not know is read as UTF-8 rather than failing the message. */
	private static String text(Part part) throws MessagingException, IOException {
		try {
			Object content = part.getContent();
			if (content instanceof String text) {
				return text;
			}
		}
		catch (UnsupportedEncodingException ex) {
			// an unknown charset: read the bytes below
		}
		try (InputStream in = part.getInputStream()) {
			return new String(in.readNBytes(1_000_000), StandardCharsets.UTF_8);
		}
	}

	/** HTML as text: scripts and styles dropped, blocks on lines of their own, tags removed, entities decoded. */
	static String htmlToText(String html) {
		String text = html.replaceAll("(?is)<(script|style|head)[^>]*>.*?</\\1\\s*>", " ")
			.replaceAll("(?is)<!--.*?-->", " ")
			.replaceAll("(?i)<br\\s*/?>", "\n")
			.replaceAll("(?i)</(p|div|li|tr|h[1-6]|blockquote|table|pre)\\s*>", "\n")
			.replaceAll("(?s)<[^>]*>", "");
		text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
			.replace("&#39;", "'").replace("&apos;", "'");
		Matcher matcher = NUMERIC_ENTITY.matcher(text);
		StringBuilder decoded = new StringBuilder();
		while (matcher.find()) {
			int code;
			try {
				code = Integer.parseInt(matcher.group(2), matcher.group(1).isEmpty() ? 10 : 16);
			}
			catch (NumberFormatException ex) {
				code = '?';
			}
			String replacement = Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : "?";
			matcher.appendReplacement(decoded, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(decoded);
		// markup's indentation is no part of the text
		return decoded.toString().replace("&amp;", "&").replaceAll("[ \t]*\n[ \t]*", "\n");
	}

	/** The new words of a reply: quoted lines and everything from the quoted message's header on dropped. */
	static String withoutQuotes(String text) {
		Matcher start = QUOTE_START.matcher(text);
		String own = start.find() ? text.substring(0, start.start()) : text;
		StringBuilder kept = new StringBuilder();
		for (String line : own.split("\\R", -1)) {
			if (!line.stripLeading().startsWith(">")) {
				kept.append(line).append('\n');
			}
		}
		return normalise(kept.toString());
	}

	/** Line ends unified, control characters but tabs and newlines removed, at most two empty lines in a row. */
	private static String normalise(String text) {
		return text.replace("\r\n", "\n")
			.replace('\r', '\n')
			.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "")
			.replaceAll("[ \t]+\n", "\n")
			.replaceAll("\n{3,}", "\n\n")
			.strip();
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Session session() {
		Properties properties = new Properties();
		// read what senders write in practice, but never guess a structure that is not there
		properties.setProperty("mail.mime.address.strict", "false");
		// headers in raw UTF-8 (RFC 6532), as many Chinese mail clients send them
		properties.setProperty("mail.mime.allowutf8", "true");
		properties.setProperty("mail.mime.decodetext.strict", "false");
		properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
		properties.setProperty("mail.mime.multipart.allowempty", "false");
		return Session.getInstance(properties);
	}

	/** A file of the message. */
	record Attachment(String fileName, byte[] bytes) {
	}

	private static final class Body {

		final long largest;

		String plain;

		String html;

		final List<Attachment> attachments = new ArrayList<>();

		Body(long largest) {
			this.largest = largest;
		}

	}

}
