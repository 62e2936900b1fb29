package io.opsguard.servicedesk.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.springframework.stereotype.Component;

/**
 * Opens a mailbox over IMAP (or IMAP over TLS) with bounded connect and read times, lists its
 * unseen messages, reads each one's bytes without marking it, and marks it (or moves it) once the
 * intake has decided on it.
 */
@Component
class MailConnector {

	private final MailIntakeProperties properties;

	MailConnector(MailIntakeProperties properties) {
		this.properties = properties;
	}

	/** Connects and opens the mailbox's folder for reading and marking. */
	Connection open(Mailbox mailbox) throws MessagingException {
		String protocol = mailbox.protocol();
		Properties p = new Properties();
		p.setProperty("mail.store.protocol", protocol);
		p.setProperty("mail." + protocol + ".connectiontimeout", String.valueOf(this.properties.connectTimeout().toMillis()));
		p.setProperty("mail." + protocol + ".timeout", String.valueOf(this.properties.readTimeout().toMillis()));
		// reading a message does not mark it: only a decision does
		p.setProperty("mail." + protocol + ".peek", "true");
		if (protocol.equals("imaps")) {
			p.setProperty("mail.imaps.ssl.checkserveridentity", "true");
		}
		Session session = Session.getInstance(p);
		Store store = session.getStore(protocol);
		store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
		try {
			Folder folder = store.getFolder(mailbox.folder());
			folder.open(Folder.READ_WRITE);
			Folder processed = null;
			if (mailbox.processedFolder() != null) {
				processed = store.getFolder(mailbox.processedFolder());
				if (!processed.exists()) {
					processed.create(Folder.HOLDS_MESSAGES);
				}
			}
			return new Connection(store, folder, processed);
		}
		catch (MessagingException | RuntimeException ex) {
			store.close();
			throw ex;
		}
	}

	/** An open mailbox. */
	static final class Connection implements AutoCloseable {

		private final Store store;

		private final Folder folder;

		private final Folder processed;

		private boolean moved;

		Connection(Store store, Folder folder, Folder processed) {
			this.store = store;
			this.folder = folder;
			this.processed = processed;
		}

		int messageCount() throws MessagingException {
			return this.folder.getMessageCount();
		}

		/** The first unseen messages, oldest first. */
		List<Message> unseen(int limit) throws MessagingException {
			Message[] found = this.folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
			return Arrays.asList(found).subList(0, Math.min(limit, found.length));
		}

		/** The message's bytes as sent, or null when it is larger than {@code limit}. */
		byte[] raw(Message message, long limit) throws MessagingException, IOException {
			int size = message.getSize();
			if (size > limit) {
				return null;
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(size, 1024));
			Limited limited = new Limited(out, limit);
			try {
				message.writeTo(limited);
			}
			catch (IOException | MessagingException ex) {
				if (limited.written > limit) {
					return null;
				}
				throw ex;
			}
			return out.toByteArray();
		}

		/** Marks a decided message as seen, and moves it when the mailbox says where to. */
		void done(Message message) throws MessagingException {
			message.setFlag(Flags.Flag.SEEN, true);
			if (this.processed != null) {
				this.folder.copyMessages(new Message[] { message }, this.processed);
				message.setFlag(Flags.Flag.DELETED, true);
				this.moved = true;
			}
		}

		@Override
		public void close() {
			try {
				if (this.folder.isOpen()) {
					this.folder.close(this.moved);
				}
			}
			catch (MessagingException | RuntimeException ex) {
				// the server went away: nothing more to close
			}
			try {
				this.store.close();
			}
			catch (MessagingException | RuntimeException ex) {
				// likewise
			}
		}

	}

	private static final class TooLarge extends IOException {

		TooLarge() {
			super("message too large");
		}

	}

	private static final class Limited extends OutputStream {

		private final OutputStream out;

		private final long limit;

		private long written;

		Limited(OutputStream out, long limit) {
			this.out = out;
			this.limit = limit;
		}

		@Override
		public void write(int b) throws IOException {
			count(1);
			this.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			count(len);
			this.out.write(b, off, len);
		}

		private void count(int n) throws TooLarge {
			this.written += n;
			if (this.written > this.limit) {
				throw new TooLarge();
			}
		}

	}

}
