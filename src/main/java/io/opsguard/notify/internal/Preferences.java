package io.opsguard.notify.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsguard.identity.AuditTrail;
import io.opsguard.notify.Channel;
import io.opsguard.notify.NoticeType;
import io.opsguard.shared.OpsGuardException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each user wants: per event type the personal channels (in-app, e-mail, SMS, voice), the
 * type's defaults until they choose, never without its mandatory channels; and the language of
 * their notifications.
 */
@Service
public class Preferences {

	static final List<String> LOCALES = List.of("zh-CN", "en");

	private final JdbcClient jdbc;

	private final NoticeTypeRegistry types;

	private final NotifyProperties properties;

	private final AuditTrail audit;

	Preferences(JdbcClient jdbc, NoticeTypeRegistry types, NotifyProperties properties, AuditTrail audit) {
		this.jdbc = jdbc;
		this.types = types;
		this.properties = properties;
		this.audit = audit;
	}

	/** The channels each user gets a type's notices through. */
	Map<Long, Set<Channel>> channelsFor(Collection<Long> userIds, NoticeType type) {
		Map<Long, Set<Channel>> chosen = new HashMap<>();
		if (!userIds.isEmpty()) {
			this.jdbc.sql("select user_id, channels from ntf_preference where type_code = :type and user_id in (:ids)")
				.param("type", type.code())
				.param("ids", userIds)
				.query(rs -> {
					chosen.put(rs.getLong(1), parse(rs.getString(2)));
				});
		}
		Map<Long, Set<Channel>> channels = new HashMap<>();
		for (Long id : userIds) {
			Set<Channel> set = EnumSet.noneOf(Channel.class);
			set.addAll(chosen.getOrDefault(id, type.defaultChannels()));
			set.addAll(type.mandatoryChannels());
			channels.put(id, set);
		}
		return channels;
	}

	/** Each user's language; the configured default for users who chose none. */
	Map<Long, String> localesOf(Collection<Long> userIds) {
		Map<Long, String> locales = new HashMap<>();
		if (!userIds.isEmpty()) {
			this.jdbc.sql("select user_id, locale from ntf_user_setting where user_id in (:ids)")
				.param("ids", userIds)
				.query(rs -> {
					locales.put(rs.getLong(1), rs.getString(2));
				});
		}
		for (Long id : userIds) {
			locales.putIfAbsent(id, defaultLocale());
		}
		return locales;
	}

	String defaultLocale() {
		return LOCALES.contains(this.properties.defaultLocale()) ? this.properties.defaultLocale() : "zh-CN";
	}

	/** A user's preferences for every type. */
	@Transactional(readOnly = true)
	public MyPreferences of(long userId) {
		Map<String, Set<Channel>> chosen = new HashMap<>();
		this.jdbc.sql("select type_code, channels from ntf_preference where user_id = :user")
			.param("user", userId)
			.query(rs -> {
				chosen.put(rs.getString(1), parse(rs.getString(2)));
			});
		List<TypePreference> list = new ArrayList<>();
		for (NoticeType type : this.types.all()) {
			Set<Channel> channels = EnumSet.noneOf(Channel.class);
			channels.addAll(chosen.getOrDefault(type.code(), type.defaultChannels()));
			channels.addAll(type.mandatoryChannels());
			list.add(new TypePreference(type.code(), sorted(channels), chosen.containsKey(type.code())));
		}
		return new MyPreferences(localesOf(List.of(userId)).get(userId), list);
	}

	/** Replaces the user's choices for the listed types and their language; others keep theirs. */
	@Transactional
	public MyPreferences update(long userId, String locale, Map<String, List<String>> channelsByType) {
		MyPreferences before = of(userId);
		List<OpsGuardException.FieldProblem> problems = new ArrayList<>();
		if (locale != null && !LOCALES.contains(locale)) {
			problems.add(new OpsGuardException.FieldProblem("locale", NotifyError.BAD_LOCALE, new Object[] { locale }));
		}
		Map<String, Set<Channel>> checked = new LinkedHashMap<>();
		if (channelsByType != null) {
			channelsByType.forEach((code, names) -> {
				String field = "types." + code;
				NoticeType type = this.types.find(code).orElse(null);
				if (type == null) {
					problems.add(new OpsGuardException.FieldProblem(field, NotifyError.UNKNOWN_PREFERENCE_TYPE,
							new Object[] { String.valueOf(code) }));
					return;
				}
				Set<Channel> channels = EnumSet.noneOf(Channel.class);
				for (String name : names == null ? List.<String>of() : names) {
					Channel channel = Arrays.stream(Channel.values()).filter(c -> c.name().equals(name)).findFirst().orElse(null);
					if (channel == null || !Channel.PERSONAL.contains(channel)) {
						problems.add(new OpsGuardException.FieldProblem(field, NotifyError.UNKNOWN_CHANNEL,
								new Object[] { String.valueOf(name) }));
						return;
					}
					channels.add(channel);
				}
				if (!channels.containsAll(type.mandatoryChannels())) {
					problems.add(new OpsGuardException.FieldProblem(field, NotifyError.MANDATORY_CHANNEL,
							new Object[] { type.nameZh(), type.nameEn() }));
					return;
				}
				checked.put(code, channels);
			});
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		if (locale != null) {
			int rows = this.jdbc.sql("update ntf_user_setting set locale = :locale where user_id = :user")
				.param("locale", locale)
				.param("user", userId)
				.update();
			if (rows == 0) {
				this.jdbc.sql("insert into ntf_user_setting (user_id, locale) values (:user, :locale)")
					.param("locale", locale)
					.param("user", userId)
					.update();
			}
		}
		checked.forEach((code, channels) -> {
			this.jdbc.sql("delete from ntf_preference where user_id = :user and type_code = :type")
				.param("user", userId)
				.param("type", code)
				.update();
			this.jdbc.sql("insert into ntf_preference (user_id, type_code, channels) values (:user, :type, :channels)")
				.param("user", userId)
				.param("type", code)
				.param("channels", sorted(channels).stream().collect(Collectors.joining(",")))
				.update();
		});
		MyPreferences after = of(userId);
		this.audit.recordChange("NOTIFICATION_PREFERENCES_UPDATED", "NOTIFICATION_PREFERENCES", userId, before.summary(),
				after.summary());
		return after;
	}

	private static Set<Channel> parse(String channels) {
		Set<Channel> set = EnumSet.noneOf(Channel.class);
		for (String name : channels.split(",")) {
			if (!name.isBlank()) {
				try {
					set.add(Channel.valueOf(name.strip()));
				}
				catch (IllegalArgumentException ex) {
					// a channel no longer offered
				}
			}
		}
		return set;
	}

	private static List<String> sorted(Set<Channel> channels) {
		return channels.stream().sorted().map(Channel::name).toList();
	}

	/** A user's language and, per type, the channels they get and whether they chose them. */
	public record MyPreferences(String locale, List<TypePreference> types) {

		Map<String, Object> summary() {
			Map<String, Object> summary = new LinkedHashMap<>();
			summary.put("locale", this.locale);
			this.types.forEach(t -> summary.put(t.type(), String.join(",", t.channels())));
			return summary;
		}

	}

	public record TypePreference(String type, List<String> channels, boolean chosen) {
	}

}
