package io.opsguard.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Something to tell: an event type declared by a module ({@link NoticeTypes}), its recipients, the
 * variables its templates use, a link into the web UI and how urgent it is.
 *
 * @param type the event type's code, e.g. {@code servicedesk.ticket.assigned}
 * @param userIds users to tell, each through the channels of their preferences
 * @param addresses e-mail addresses or phone numbers of people without an account
 * @param endpointIds webhook robots configured by administrators
 * @param model the templates' variables
 * @param link a path of the web UI, e.g. {@code /servicedesk/tickets/42}; rendered as {@code link}
 * @param severity how urgent
 * @param dedupKey when set, a second notice with the same key (e.g. {@code ticket:42:sla:80}) is
 * not queued again for the same recipient and channel, whichever node sends it
 * @param organisationId the organisation the notice is about (keeps the delivery log scoped); may
 * be null
 * @param onlyChannels when not empty, the users are told only through these of their channels (a
 * notification route's channels; their preferences still apply within them)
 * @param extraChannels personal channels the users are told through whatever their preferences
 * (a phone call when an alert is escalated)
 */
public record Notice(String type, Set<Long> userIds, List<Address> addresses, Set<Long> endpointIds,
		Map<String, Object> model, String link, NoticeSeverity severity, String dedupKey, Long organisationId,
		Set<Channel> onlyChannels, Set<Channel> extraChannels) {

	/** A notice through each user's own channels. */
	public Notice(String type, Set<Long> userIds, List<Address> addresses, Set<Long> endpointIds,
			Map<String, Object> model, String link, NoticeSeverity severity, String dedupKey, Long organisationId) {
		this(type, userIds, addresses, endpointIds, model, link, severity, dedupKey, organisationId, Set.of(), Set.of());
	}

	public Notice {
		Objects.requireNonNull(type, "type");
		userIds = Set.copyOf(userIds == null ? Set.of() : userIds);
		addresses = List.copyOf(addresses == null ? List.of() : addresses);
		endpointIds = Set.copyOf(endpointIds == null ? Set.of() : endpointIds);
		model = model == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(model));
		severity = severity == null ? NoticeSeverity.INFO : severity;
		if (dedupKey != null && dedupKey.length() > 200) {
			throw new IllegalArgumentException("dedupKey longer than 200 characters");
		}
		onlyChannels = Set.copyOf(onlyChannels == null ? Set.of() : onlyChannels);
		extraChannels = Set.copyOf(extraChannels == null ? Set.of() : extraChannels);
		if (!Channel.PERSONAL.containsAll(extraChannels)) {
			throw new IllegalArgumentException("Extra channels are personal channels");
		}
	}

	/** Starts a notice of the given type. */
	public static Builder of(String type) {
		return new Builder(type);
	}

	/** An address outside the user directory: an e-mail address (EMAIL) or a phone number (SMS, VOICE). */
	public record Address(Channel channel, String value) {

		public Address {
			Objects.requireNonNull(channel, "channel");
			Objects.requireNonNull(value, "value");
			if (channel != Channel.EMAIL && channel != Channel.SMS && channel != Channel.VOICE) {
				throw new IllegalArgumentException("An address is an e-mail address or a phone number");
			}
		}

		public static Address email(String address) {
			return new Address(Channel.EMAIL, address);
		}

		public static Address sms(String phone) {
			return new Address(Channel.SMS, phone);
		}

		public static Address voice(String phone) {
			return new Address(Channel.VOICE, phone);
		}

	}

	/** Builds a {@link Notice}. */
	public static final class Builder {

		private final String type;

		private final Set<Long> userIds = new LinkedHashSet<>();

		private final List<Address> addresses = new ArrayList<>();

		private final Set<Long> endpointIds = new LinkedHashSet<>();

		private final Map<String, Object> model = new LinkedHashMap<>();

		private String link;

		private NoticeSeverity severity = NoticeSeverity.INFO;

		private String dedupKey;

		private Long organisationId;

		private final Set<Channel> onlyChannels = new LinkedHashSet<>();

		private final Set<Channel> extraChannels = new LinkedHashSet<>();

		private Builder(String type) {
			this.type = type;
		}

		public Builder toUsers(java.util.Collection<Long> ids) {
			this.userIds.addAll(ids);
			return this;
		}

		public Builder toUser(long id) {
			this.userIds.add(id);
			return this;
		}

		public Builder toAddress(Address address) {
			this.addresses.add(address);
			return this;
		}

		public Builder toEndpoint(long id) {
			this.endpointIds.add(id);
			return this;
		}

		public Builder with(String name, Object value) {
			this.model.put(name, value);
			return this;
		}

		public Builder with(Map<String, ?> values) {
			this.model.putAll(values);
			return this;
		}

		public Builder link(String path) {
			this.link = path;
			return this;
		}

		public Builder severity(NoticeSeverity value) {
			this.severity = value;
			return this;
		}

		public Builder dedupKey(String key) {
			this.dedupKey = key;
			return this;
		}

		public Builder organisation(Long id) {
			this.organisationId = id;
			return this;
		}

		/**
		 * Tells the users only through these of the channels they chose (or their type's defaults);
		 * a user whose channels lie all outside is not told.
		 */
		public Builder onlyThrough(java.util.Collection<Channel> channels) {
			this.onlyChannels.addAll(channels);
			return this;
		}

		/** Tells the users through these personal channels too, whatever they chose. */
		public Builder alsoThrough(java.util.Collection<Channel> channels) {
			this.extraChannels.addAll(channels);
			return this;
		}

		public Notice build() {
			return new Notice(this.type, this.userIds, this.addresses, this.endpointIds, this.model, this.link,
					this.severity, this.dedupKey, this.organisationId, this.onlyChannels, this.extraChannels);
		}

	}

}
