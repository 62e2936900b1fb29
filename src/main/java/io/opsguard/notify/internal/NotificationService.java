package io.opsguard.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.identity.Users;
import io.opsguard.identity.Users.UserContact;
import io.opsguard.notify.Channel;
import io.opsguard.notify.Notice;
import io.opsguard.notify.NoticeType;
import io.opsguard.notify.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link Notifications}: renders a notice per recipient language, adds it to the inboxes of the
 * users who want it in-app (pushed live once the caller commits) and queues everything else in the
 * outbox, all in the caller's transaction. No channel is contacted here.
 */
@Service
class NotificationService implements Notifications {

	private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

	static final int MAX_TEXT = 19_000;

	static final int MAX_HTML = 39_000;

	static final int MAX_INBOX_BODY = 4_000;

	private final NoticeTypeRegistry types;

	private final Templates templates;

	private final Preferences preferences;

	private final Users users;

	private final Inbox inbox;

	private final OutboxStore outbox;

	private final EndpointStore endpoints;

	private final SseHub hub;

	private final NotifyProperties properties;

	private final MessageSource messages;

	private final UrgentDispatch urgent;

	private final Clock clock;

	NotificationService(NoticeTypeRegistry types, Templates templates, Preferences preferences, Users users, Inbox inbox,
			OutboxStore outbox, EndpointStore endpoints, SseHub hub, NotifyProperties properties, MessageSource messages,
			UrgentDispatch urgent, Clock clock) {
		this.types = types;
		this.templates = templates;
		this.preferences = preferences;
		this.users = users;
		this.inbox = inbox;
		this.outbox = outbox;
		this.endpoints = endpoints;
		this.hub = hub;
		this.properties = properties;
		this.messages = messages;
		this.urgent = urgent;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void send(Notice notice) {
		NoticeType type = this.types.find(notice.type())
			.orElseThrow(() -> new IllegalArgumentException("No module declares the notice type " + notice.type()));
		Map<String, Object> model = new LinkedHashMap<>(notice.model());
		String link = absoluteLink(notice.link());
		model.put("link", link == null ? "" : link);
		Map<String, Templates.Rendered> rendered = new HashMap<>();
		Instant now = this.clock.instant();
		String severity = notice.severity().name();
		if (notice.severity() == io.opsguard.notify.NoticeSeverity.CRITICAL) {
			// a critical notice leaves at once, not at the next dispatch round
			afterCommit(this.urgent::trigger);
		}
		if (!notice.userIds().isEmpty()) {
			Map<Long, UserContact> contacts = this.users.contacts(notice.userIds());
			Map<Long, Set<Channel>> channels = this.preferences.channelsFor(contacts.keySet(), type);
			Map<Long, String> locales = this.preferences.localesOf(contacts.keySet());
			for (UserContact contact : contacts.values()) {
				if (!contact.enabled()) {
					continue;
				}
				String locale = locales.get(contact.id());
				Map<String, Object> personal = new LinkedHashMap<>(model);
				personal.putIfAbsent("recipient", contact.displayName());
				Templates.Rendered r = personal.equals(model) ? rendered.computeIfAbsent(locale, l -> this.templates.render(type, l, model))
						: this.templates.render(type, locale, personal);
				for (Channel channel : channelsOf(notice, channels.get(contact.id()))) {
					switch (channel) {
						case IN_APP -> toInbox(contact.id(), type, r, notice, severity);
						case EMAIL -> {
							if (contact.email() != null) {
								email(notice, type, contact.email(), contact.id(), organisation(notice, contact), locale, severity, r,
										link, now);
							}
						}
						case SMS, VOICE -> {
							if (contact.phone() != null) {
								phone(notice, type, channel, contact.phone(), contact.id(), organisation(notice, contact), locale,
										severity, r, link, now);
							}
						}
						default -> {
						}
					}
				}
			}
		}
		String locale = this.preferences.defaultLocale();
		if (!notice.addresses().isEmpty() || !notice.endpointIds().isEmpty()) {
			Templates.Rendered r = rendered.computeIfAbsent(locale, l -> this.templates.render(type, l, model));
			for (Notice.Address address : notice.addresses()) {
				String value = address.value().strip();
				if (value.isEmpty() || value.length() > 200) {
					continue;
				}
				if (address.channel() == Channel.EMAIL) {
					email(notice, type, value, null, notice.organisationId(), locale, severity, r, link, now);
				}
				else {
					phone(notice, type, address.channel(), value, null, notice.organisationId(), locale, severity, r, link, now);
				}
			}
			for (Endpoint endpoint : this.endpoints.findAll(notice.endpointIds())) {
				if (!endpoint.enabled() || endpoint.kind().gateway()) {
					log.warn("Notice {} not sent to endpoint {}: disabled or a gateway", type.code(), endpoint.id());
					continue;
				}
				List<String> parts = RobotMessages.compose(endpoint.kind(), r.subject(), r.text(), link, locale,
						openLabel(locale));
				for (int i = 0; i < parts.size(); i++) {
					this.outbox.enqueue(OutboxMessage.draft(notice.dedupKey(), type.code(), Channel.WEBHOOK,
							"endpoint:" + endpoint.id(), null, endpoint.id(), notice.organisationId(), locale, severity, i + 1,
							parts.size(), r.subject(), parts.get(i), null, link), now);
				}
			}
		}
	}

	/** The user's channels, within the notice's channels when it names some, and its extra ones. */
	static Set<Channel> channelsOf(Notice notice, Set<Channel> preferred) {
		Set<Channel> channels = java.util.EnumSet.noneOf(Channel.class);
		channels.addAll(preferred);
		if (!notice.onlyChannels().isEmpty()) {
			channels.retainAll(notice.onlyChannels());
		}
		channels.addAll(notice.extraChannels());
		return channels;
	}

	private void toInbox(long userId, NoticeType type, Templates.Rendered r, Notice notice, String severity) {
		String body = MessageSizes.truncate(r.text(), MAX_INBOX_BODY, RobotMessages.TRUNCATED_ZH);
		if (body.length() > MAX_INBOX_BODY) {
			body = body.substring(0, MAX_INBOX_BODY);
		}
		String link = notice.link() != null && notice.link().length() <= 500 ? notice.link() : null;
		this.inbox.add(userId, type.code(), r.subject(), body, link, severity, notice.dedupKey())
			.ifPresent(id -> afterCommit(() -> this.hub.push(userId, "notification",
					Map.of("id", id, "type", type.code(), "subject", r.subject(), "severity", severity, "link",
							link == null ? "" : link, "unreadCount", this.inbox.unreadCount(userId)))));
	}

	private static Long organisation(Notice notice, UserContact contact) {
		return notice.organisationId() != null ? notice.organisationId() : contact.organisationId();
	}

	private void email(Notice notice, NoticeType type, String address, Long userId, Long organisationId, String locale,
			String severity, Templates.Rendered r, String link, Instant now) {
		if (address.length() > 200 || !address.matches("[^@\\s]+@[^@\\s]+")) {
			return;
		}
		String text = MessageSizes.truncate(r.text(), MAX_TEXT, RobotMessages.TRUNCATED_ZH);
		String html = r.html().length() <= MAX_HTML ? r.html() : null;
		this.outbox.enqueue(OutboxMessage.draft(notice.dedupKey(), type.code(), Channel.EMAIL, address, userId, null,
				organisationId, locale, severity, 1, 1, r.subject(), text, html, link), now);
	}

	private void phone(Notice notice, NoticeType type, Channel channel, String phone, Long userId, Long organisationId,
			String locale, String severity, Templates.Rendered r, String link, Instant now) {
		if (phone.length() > 30) {
			return;
		}
		EndpointKind kind = channel == Channel.SMS ? EndpointKind.SMS : EndpointKind.VOICE;
		String text = RobotMessages.compose(kind, r.subject(), r.text(), null, locale, openLabel(locale)).get(0);
		this.outbox.enqueue(OutboxMessage.draft(notice.dedupKey(), type.code(), channel, phone, userId, null,
				organisationId, locale, severity, 1, 1, r.subject(), text, null, link), now);
	}

	String openLabel(String locale) {
		return this.messages.getMessage("notify.mail.open", null, Locale.forLanguageTag(locale));
	}

	@Override
	public String absoluteLink(String path) {
		if (path == null || path.isBlank()) {
			return null;
		}
		if (path.startsWith("http://") || path.startsWith("https://")) {
			return path;
		}
		String base = this.properties.baseUrl().replaceAll("/+$", "");
		return base + (path.startsWith("/") ? path : "/" + path);
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					try {
						action.run();
					}
					catch (RuntimeException ex) {
						log.warn("A live notification could not be pushed: {}", ex.toString());
					}
				}
			});
		}
		else {
			action.run();
		}
	}

}
