package io.opsguard.cmdb.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.internal.AttributeType;
import io.opsguard.cmdb.internal.CiHistory.Action;
import io.opsguard.cmdb.internal.CiHistory.Change;
import io.opsguard.cmdb.internal.CiHistory.Entry;
import io.opsguard.cmdb.internal.CiInputFields;
import io.opsguard.cmdb.internal.CiService.Timeline;
import io.opsguard.cmdb.internal.ClassCatalog;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.RelationChangeText;
import io.opsguard.cmdb.web.CiViews.Names;
import io.opsguard.identity.DataScope;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A CI's timeline as a reader sees it: every change labelled in the reader's language, values as
 * people read them (names instead of ids, labels instead of codes); users and CIs outside the
 * reader's scope are not named.
 */
@Component
class CiHistoryViews {

	private static final List<String> OTHER_FIELDS = List.of("classId", "documents", "lastVerifiedAt", "retiredAt",
			"relation");

	private final ClassCatalog catalog;

	private final CiViews views;

	private final MessageSource messages;

	private final RelationViews relations;

	CiHistoryViews(ClassCatalog catalog, CiViews views, MessageSource messages, RelationViews relations) {
		this.catalog = catalog;
		this.views = views;
		this.messages = messages;
		this.relations = relations;
	}

	List<HistoryView> views(DataScope reader, Timeline timeline, Locale locale) {
		long classId = timeline.ci().classId();
		Map<String, String> labels = new HashMap<>();
		for (String field : CiInputFields.ORDERED) {
			labels.put(field, fieldLabel(field, locale));
		}
		OTHER_FIELDS.forEach(field -> labels.put(field, fieldLabel(field, locale)));
		Map<String, AttributeDef> attributes = new HashMap<>();
		for (AttributeDef attribute : this.catalog.attributes(classId)) {
			labels.put("attributes." + attribute.code(), ClassCatalog.name(attribute, locale));
			attributes.put("attributes." + attribute.code(), attribute);
		}
		Names names = names(reader, timeline.entries(), attributes);
		return timeline.entries()
			.stream()
			.map(e -> new HistoryView(e.version(), e.changedAt(), e.userId(), e.username(), e.action(),
					this.messages.getMessage("cmdb.history." + e.action(), null, e.action().name(), locale),
					e.changes()
						.stream()
						.map(c -> new ChangeView(c.field(), labels.getOrDefault(c.field(), c.field()),
								display(c.field(), c.before(), attributes, names, locale),
								display(c.field(), c.after(), attributes, names, locale)))
						.toList()))
			.toList();
	}

	/** The users and CIs the timeline refers to that the reader may see. */
	private Names names(DataScope reader, List<Entry> entries, Map<String, AttributeDef> attributes) {
		Set<Long> users = new HashSet<>();
		Set<Long> cis = new HashSet<>();
		for (Entry entry : entries) {
			for (Change change : entry.changes()) {
				for (String value : new String[] { change.before(), change.after() }) {
					RelationChangeText.parse(value).ifPresent(r -> {
						cis.add(r.sourceId());
						cis.add(r.targetId());
					});
				}
				AttributeDef attribute = attributes.get(change.field());
				boolean user = change.field().equals("ownerId") || (attribute != null && attribute.type() == AttributeType.USER);
				boolean ci = attribute != null && attribute.type() == AttributeType.CI;
				for (String value : new String[] { change.before(), change.after() }) {
					Long id = id(value);
					if (id != null && user) {
						users.add(id);
					}
					else if (id != null && ci) {
						cis.add(id);
					}
				}
			}
		}
		return this.views.names(reader, users, cis);
	}

	private static Long id(String value) {
		try {
			return value == null ? null : Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private String fieldLabel(String field, Locale locale) {
		return this.messages.getMessage("cmdb.field." + field, null, field, locale);
	}

	/** A stored value as people read it: names instead of ids, labels instead of codes. */
	private String display(String field, String value, Map<String, AttributeDef> attributes, Names names, Locale locale) {
		if (value == null) {
			return null;
		}
		Long id = id(value);
		return switch (field) {
			case "relation" -> RelationChangeText.parse(value).map(r -> relation(r, names, locale)).orElse(value);
			case "classId" -> id == null ? value
					: this.catalog.find(id).map(d -> ClassCatalog.name(d, locale)).orElse(value);
			case "organisationId" -> id == null ? value : java.util.Objects.requireNonNullElse(this.views.organisationName(id), value);
			case "ownerId" -> id != null && names.users().containsKey(id) ? names.users().get(id).displayName()
					: this.views.hidden(locale);
			case "status" -> this.messages.getMessage("cmdb.status." + value, null, value, locale);
			case "importance" -> this.messages.getMessage("cmdb.importance." + value, null, value, locale);
			default -> {
				AttributeDef attribute = attributes.get(field);
				if (attribute == null) {
					yield value;
				}
				yield switch (attribute.type()) {
					case ENUM -> CiViews.optionLabel(attribute, value, locale);
					case BOOLEAN -> this.views.yesNo(value, locale);
					case CI, USER, ORGANISATION -> id == null ? value : this.views.label(attribute, id, locale, names);
					default -> value;
				};
			}
		};
	}

	/** "A 运行于 B" in the reader's language, each end named only when the reader may see it. */
	private String relation(RelationChangeText r, Names names, Locale locale) {
		boolean english = "en".equals(locale.getLanguage());
		String words = this.relations.typeLabel(r.type(), locale);
		if (r.mode() != null) {
			String mode = this.messages.getMessage("cmdb.standby." + r.mode(), null, r.mode().name(), locale);
			words += english ? " (" + mode + ")" : "（" + mode + "）";
		}
		return end(r.sourceId(), names, english, locale) + " " + words + " " + end(r.targetId(), names, english, locale);
	}

	private String end(long id, Names names, boolean english, Locale locale) {
		CiViews.CiName ci = names.cis().get(id);
		if (ci == null) {
			return this.views.hidden(locale);
		}
		return english ? ci.name() + " (" + ci.code() + ")" : ci.name() + "（" + ci.code() + "）";
	}

	/** One version in a CI's timeline, labelled. */
	record HistoryView(int version, Instant changedAt, Long userId, String username, Action action, String actionLabel,
			List<ChangeView> changes) {
	}

	/** One changed field: label and values as text. */
	record ChangeView(String field, String label, String before, String after) {
	}

}
