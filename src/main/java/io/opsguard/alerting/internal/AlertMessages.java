package io.opsguard.alerting.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.internal.NotificationStepStore.Step;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.notify.Channel;
import io.opsguard.notify.Notice;
import io.opsguard.notify.NoticeSeverity;
import io.opsguard.notify.Notifications;
import io.opsguard.servicedesk.SupportGroupDirectory;

import org.springframework.stereotype.Component;

/**
 * The notices of a notification step: for each person, one through their long channels (in-app,
 * e-mail) listing up to {@value #LONG_LIST} alerts with a one-click acknowledge link each, and one
 * through their short channels (SMS, a phone call) — which cut long texts — as a digest of the
 * first {@value #SHORT_LIST} alerts and "and M more"; for the robots one listing every alert (up to
 * {@value #ROBOT_LIST}) with links that ask to sign in. Notify splits a robot's long message into parts within its size
 * (WeCom: 4,096 bytes).
 */
@Component
class AlertMessages {

	/** The most alerts a message through in-app, e-mail or a robot lists; the rest are counted. */
	static final int LONG_LIST = 100;

	/** The most alerts a text message or a phone call names; the rest are counted. */
	static final int SHORT_LIST = 3;

	/**
	 * The most alerts a robot's message lists: every alert of a storm, as the robot is where the duty
	 * room reads it; notify splits it into parts within the robot's size (the rest are counted).
	 */
	static final int ROBOT_LIST = 1000;

	/** The most alerts of a message that get an acknowledge link each. */
	static final int ACK_LINKS = 10;

	static final Set<Channel> LONG = EnumSet.of(Channel.IN_APP, Channel.EMAIL);

	static final Set<Channel> SHORT = EnumSet.of(Channel.SMS, Channel.VOICE);

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);

	private final AckLinks links;

	private final Notifications notifications;

	private final ConfigurationItems cis;

	private final SupportGroupDirectory groups;

	private final AlertingProperties properties;

	AlertMessages(AckLinks links, Notifications notifications, ConfigurationItems cis, SupportGroupDirectory groups,
			AlertingProperties properties) {
		this.links = links;
		this.notifications = notifications;
		this.cis = cis;
		this.groups = groups;
		this.properties = properties;
	}

	/** The notices of a step and how many recipients (people and robots) they address. */
	record Composed(List<Notice> notices, int recipients) {
	}

	Composed compose(Step step, NotificationRoute route, List<AlertRow> alerts) {
		boolean escalation = step.kind() == StepKind.ESCALATION;
		Set<Long> users = new LinkedHashSet<>(escalation ? route.escalateUserIds() : route.userIds());
		for (Long group : escalation ? route.escalateGroupIds() : route.groupIds()) {
			users.addAll(this.groups.members(group));
		}
		List<Long> robots = escalation || !route.channels().contains(Channel.WEBHOOK) ? List.of() : route.endpointIds();
		Set<Channel> personal = EnumSet.noneOf(Channel.class);
		personal.addAll(route.personalChannels());
		if (personal.isEmpty()) {
			// a route of robots escalating to people: their own channels
			personal.addAll(EnumSet.of(Channel.IN_APP, Channel.EMAIL, Channel.SMS));
		}
		Set<Channel> longChannels = intersection(personal, LONG);
		Set<Channel> shortChannels = intersection(personal, SHORT);
		Set<Channel> extra = escalation && route.escalateVoice() ? EnumSet.of(Channel.VOICE) : EnumSet.noneOf(Channel.class);
		shortChannels.addAll(extra);

		List<AlertRow> ordered = new ArrayList<>(alerts);
		ordered.sort(Comparator.comparing(AlertRow::severity).thenComparing(AlertRow::startedAt).thenComparing(AlertRow::id));
		Map<Long, String> resources = resources(ordered);
		boolean acknowledgeable = step.kind() != StepKind.RESOLVED;
		Grouping.Digest<AlertRow> full = Grouping.digest(ordered, LONG_LIST);
		Grouping.Digest<AlertRow> digest = Grouping.digest(ordered, SHORT_LIST);
		Grouping.Digest<AlertRow> everything = Grouping.digest(ordered, ROBOT_LIST);
		NoticeSeverity severity = severity(step.kind(), ordered);
		String link = ordered.size() == 1 ? "/alerting/alerts/" + ordered.get(0).id() : "/alerting/alerts";
		Long organisation = organisation(ordered);
		String type = step.kind().noticeType();

		List<Notice> notices = new ArrayList<>();
		for (Long user : users) {
			if (!longChannels.isEmpty()) {
				notices.add(Notice.of(type)
					.toUser(user)
					.with(model(step, route, full, ordered, resources, acknowledgeable ? a -> ackLink(a, user) : a -> null))
					.link(link)
					.severity(severity)
					.organisation(organisation)
					.onlyThrough(longChannels)
					.dedupKey(dedupKey(step, "u" + user + ":long"))
					.build());
			}
			if (!shortChannels.isEmpty()) {
				notices.add(Notice.of(type)
					.toUser(user)
					.with(model(step, route, digest, ordered, resources, a -> null))
					.link(link)
					.severity(severity)
					.organisation(organisation)
					.onlyThrough(shortChannels)
					.alsoThrough(extra)
					.dedupKey(dedupKey(step, "u" + user + ":short"))
					.build());
			}
		}
		if (!robots.isEmpty()) {
			Notice.Builder notice = Notice.of(type)
				.with(model(step, route, everything, ordered, resources, acknowledgeable ? a -> ackLink(a, null) : a -> null))
				.link(link)
				.severity(severity)
				.organisation(organisation)
				.dedupKey(dedupKey(step, "robots"));
			robots.forEach(notice::toEndpoint);
			notices.add(notice.build());
		}
		return new Composed(notices, users.size() + robots.size());
	}

	private String ackLink(AlertRow alert, Long userId) {
		return this.notifications.absoluteLink("/ack/" + this.links.token(alert.id(), userId));
	}

	private static String dedupKey(Step step, String part) {
		return "alerting:step:" + step.id() + ":" + part;
	}

	/**
	 * The templates' variables: the kind, the route, how many alerts and whether one or several, the
	 * highest severity in both languages, the first alert's title, the alerts listed (each with its
	 * severity, title, summary, resource, start, end and acknowledge link), and how many more there
	 * are.
	 */
	Map<String, Object> model(Step step, NotificationRoute route, Grouping.Digest<AlertRow> listed, List<AlertRow> all,
			Map<Long, String> resources, Function<AlertRow, String> ackLinks) {
		Map<String, Object> model = new LinkedHashMap<>();
		AlertSeverity highest = all.stream().map(AlertRow::severity).min(Comparator.naturalOrder()).orElse(AlertSeverity.INFO);
		model.put("kind", step.kind().name());
		model.put("route", route.name());
		model.put("count", all.size());
		model.put("single", all.size() == 1);
		model.put("multiple", all.size() > 1);
		model.put("severityZh", highest.label(java.util.Locale.CHINESE));
		model.put("severityEn", highest.label(java.util.Locale.ENGLISH));
		model.put("title", all.isEmpty() ? "" : all.get(0).title());
		model.put("escalateAfterMinutes", route.escalateAfterMinutes());
		model.put("repeatMinutes", route.repeatMinutes());
		model.put("flapWindowMinutes", this.properties.flapWindow().toMinutes());
		List<Map<String, Object>> items = new ArrayList<>();
		int links = 0;
		for (AlertRow alert : listed.shown()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", alert.id());
			item.put("severityZh", alert.severity().label(java.util.Locale.CHINESE));
			item.put("severityEn", alert.severity().label(java.util.Locale.ENGLISH));
			item.put("title", alert.title());
			item.put("summary", alert.summary() == null ? "" : alert.summary());
			item.put("hasSummary", alert.summary() != null && !alert.summary().isBlank() && !alert.summary().equals(alert.title()));
			item.put("resource", alert.ciId() == null ? "—" : resources.getOrDefault(alert.ciId(), "#" + alert.ciId()));
			item.put("startedAt", TIME.format(alert.startedAt()));
			item.put("resolvedAt", alert.resolvedAt() == null ? "" : TIME.format(alert.resolvedAt()));
			item.put("flapCount", alert.flapCount());
			String ackLink = links < ACK_LINKS ? ackLinks.apply(alert) : null;
			item.put("ackLink", ackLink == null ? "" : ackLink);
			item.put("hasAckLink", ackLink != null);
			if (ackLink != null) {
				links++;
			}
			items.add(item);
		}
		model.put("alerts", items);
		model.put("more", listed.more());
		model.put("hasMore", listed.more() > 0);
		return model;
	}

	private Map<Long, String> resources(List<AlertRow> alerts) {
		Set<Long> ids = new HashSet<>();
		for (AlertRow alert : alerts) {
			if (alert.ciId() != null) {
				ids.add(alert.ciId());
			}
		}
		return ids.isEmpty() ? Map.of() : this.cis.names(ids);
	}

	static NoticeSeverity severity(StepKind kind, List<AlertRow> alerts) {
		if (kind == StepKind.RESOLVED) {
			return NoticeSeverity.INFO;
		}
		AlertSeverity highest = alerts.stream().map(AlertRow::severity).min(Comparator.naturalOrder()).orElse(AlertSeverity.INFO);
		return switch (highest) {
			case CRITICAL -> NoticeSeverity.CRITICAL;
			case MAJOR -> NoticeSeverity.WARNING;
			default -> NoticeSeverity.INFO;
		};
	}

	private static Long organisation(List<AlertRow> alerts) {
		Set<Long> organisations = new HashSet<>();
		for (AlertRow alert : alerts) {
			organisations.add(alert.organisationId());
		}
		return organisations.size() == 1 ? organisations.iterator().next() : null;
	}

	private static Set<Channel> intersection(Set<Channel> a, Set<Channel> b) {
		Set<Channel> both = EnumSet.noneOf(Channel.class);
		both.addAll(a);
		both.retainAll(b);
		return both;
	}

}
