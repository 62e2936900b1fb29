package io.opsguard.notify.internal;

import java.io.UnsupportedEncodingException;

import io.opsguard.notify.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP ({@code spring.mail.*}): multipart with plain text and HTML, UTF-8 subject
 * (Chinese subjects encoded as RFC 2047 words), from {@code opsguard.notify.mail.from}.
 */
@Component
class EmailChannel implements NotificationChannel {

	private final ObjectProvider<JavaMailSender> senders;

	private final NotifyProperties properties;

	EmailChannel(ObjectProvider<JavaMailSender> senders, NotifyProperties properties) {
		this.senders = senders;
		this.properties = properties;
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public void deliver(OutboxMessage message) throws DeliveryFailure {
		JavaMailSender sender = this.senders.getIfAvailable();
		if (sender == null) {
			throw DeliveryFailure.retryable("notify.failure.mail-not-configured", null);
		}
		try {
			MimeMessage mime = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
			helper.setFrom(new InternetAddress(this.properties.mail().from(), this.properties.mail().fromName(), "UTF-8"));
			helper.setTo(message.recipient());
			helper.setSubject(message.subject());
			if (message.bodyHtml() != null) {
				helper.setText(message.body(), message.bodyHtml());
			}
			else {
				helper.setText(message.body(), false);
			}
			sender.send(mime);
		}
		catch (MailAuthenticationException ex) {
			throw DeliveryFailure.retryable("notify.failure.smtp-auth", null);
		}
		catch (MailSendException ex) {
			throw DeliveryFailure.retryable(connectionProblem(ex) ? "notify.failure.smtp-connect" : "notify.failure.smtp",
					rootMessage(ex));
		}
		catch (MailException ex) {
			throw DeliveryFailure.retryable("notify.failure.smtp", rootMessage(ex));
		}
		catch (MessagingException | UnsupportedEncodingException | IllegalArgumentException ex) {
			throw DeliveryFailure.permanent("notify.failure.bad-address", ex.getClass().getSimpleName());
		}
	}

	private static boolean connectionProblem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.ConnectException || cause instanceof java.net.SocketTimeoutException
					|| cause instanceof java.net.UnknownHostException
					|| cause.getClass().getSimpleName().equals("MailConnectException")) {
				return true;
			}
			if (cause instanceof MailSendException send) {
				for (Exception nested : send.getFailedMessages().values()) {
					if (nested != ex && connectionProblem(nested)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		return text.replaceAll("\\s+", " ");
	}

}
