package io.opsguard.cmdb.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.AttributeType;
import io.opsguard.cmdb.internal.CiRecord;
import io.opsguard.cmdb.internal.CiRecord.Document;
import io.opsguard.cmdb.internal.CiService;
import io.opsguard.cmdb.internal.ClassCatalog;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.identity.DataScope;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.identity.Users.UserSummary;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns stored CIs into what a reader sees: names of the class, organisation and owner, and a
 * display text for every attribute (enum labels, 是/否, names of referenced CIs, users and
 * organisations), in the reader's language, resolved in a few batched look-ups per page. Users and
 * CIs outside the reader's scope are never named.
 */
@Component
class CiViews {

	private final ClassCatalog catalog;

	private final Organisations organisations;

	private final Users users;

	private final CiService cis;

	private final MessageSource messages;

	CiViews(ClassCatalog catalog, Organisations organisations, Users users, CiService cis, MessageSource messages) {
		this.catalog = catalog;
		this.organisations = organisations;
		this.users = users;
		this.cis = cis;
		this.messages = messages;
	}

	List<CiView> views(DataScope reader, List<CiRecord> records, Locale locale, boolean withDetails) {
		Names names = names(reader, records);
		return records.stream().map(r -> view(r, locale, withDetails, names)).toList();
	}

	CiView view(DataScope reader, CiRecord record, Locale locale) {
		return views(reader, List.of(record), locale, true).get(0);
	}

	/** The users and CIs the records refer to that the reader may see, by id. */
	Names names(DataScope reader, Collection<CiRecord> records) {
		Set<Long> userIds = new HashSet<>();
		Set<Long> ciIds = new HashSet<>();
		for (CiRecord r : records) {
			if (r.ownerId() != null) {
				userIds.add(r.ownerId());
			}
			for (AttributeDef def : this.catalog.attributes(r.classId())) {
				if (r.attributes().get(def.code()) instanceof Number n) {
					if (def.type() == AttributeType.USER) {
						userIds.add(n.longValue());
					}
					else if (def.type() == AttributeType.CI) {
						ciIds.add(n.longValue());
					}
				}
			}
		}
		return names(reader, userIds, ciIds);
	}

	Names names(DataScope reader, Collection<Long> userIds, Collection<Long> ciIds) {
		Map<Long, UserSummary> users = new HashMap<>(this.users.findAll(userIds));
		users.values().removeIf(u -> !reader.includes(u.organisationId()));
		Map<Long, CiName> cis = new HashMap<>();
		this.cis.visibleNames(reader, ciIds).forEach((id, named) -> cis.put(id, new CiName(named.code(), named.name())));
		return new Names(users, cis);
	}

	private CiView view(CiRecord r, Locale locale, boolean withDetails, Names names) {
		ClassDef def = this.catalog.find(r.classId()).orElseThrow();
		Map<String, String> labels = new LinkedHashMap<>();
		for (AttributeDef attribute : this.catalog.attributes(r.classId())) {
			Object value = r.attributes().get(attribute.code());
			if (value != null) {
				labels.put(attribute.code(), label(attribute, value, locale, names));
			}
		}
		UserSummary owner = r.ownerId() == null ? null : names.users().get(r.ownerId());
		return new CiView(r.id(), r.classId(), def.code(), ClassCatalog.name(def, locale), r.code(), r.name(),
				r.organisationId(), organisationName(r.organisationId()), r.ownerId(),
				owner == null ? null : owner.displayName(), r.status(), r.importance(), r.location(), r.vendor(), r.model(),
				r.serialNumber(), r.contract(), withDetails ? r.documents() : null, r.tags(), withDetails ? r.notes() : null,
				r.attributes(), labels, r.lastVerifiedAt(), r.createdAt(), r.updatedAt(), r.retiredAt(), r.version());
	}

	String organisationName(long id) {
		return this.organisations.find(id).map(o -> o.name()).orElse(null);
	}

	/** An attribute value as people read it; a user or CI the reader may not see is not named. */
	String label(AttributeDef attribute, Object value, Locale locale, Names names) {
		return switch (attribute.type()) {
			case ENUM -> optionLabel(attribute, value.toString(), locale);
			case BOOLEAN -> yesNo(value, locale);
			case USER -> value instanceof Number n && names.users().containsKey(n.longValue())
					? names.users().get(n.longValue()).displayName() : hidden(locale);
			case CI -> value instanceof Number n && names.cis().containsKey(n.longValue())
					? names.cis().get(n.longValue()).name() : hidden(locale);
			case ORGANISATION -> value instanceof Number n ? this.organisations.find(n.longValue()).map(o -> o.name())
				.orElse("#" + value) : value.toString();
			case NUMBER -> value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
			default -> value.toString();
		};
	}

	String yesNo(Object value, Locale locale) {
		boolean yes = Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
		return this.messages.getMessage(yes ? "cmdb.yes" : "cmdb.no", null, locale);
	}

	String hidden(Locale locale) {
		return this.messages.getMessage("cmdb.hidden", null, locale);
	}

	/** The label of an enum option in the reader's language (the value itself when it is no option). */
	static String optionLabel(AttributeDef attribute, String value, Locale locale) {
		return attribute.options()
			.stream()
			.filter(o -> o.value().equals(value))
			.map(o -> o.label(locale) == null ? o.labelZh() : o.label(locale))
			.findFirst()
			.orElse(value);
	}

	/** Users and CIs a reader may see: users by id, CIs by id with code and name. */
	record Names(Map<Long, UserSummary> users, Map<Long, CiName> cis) {
	}

	record CiName(String code, String name) {
	}

	/** A configuration item as clients see it. */
	record CiView(long id, long classId, String classCode, String className, String code, String name,
			long organisationId, String organisationName, Long ownerId, String ownerName, CiStatus status,
			Importance importance, String location, String vendor, String model, String serialNumber, String contract,
			List<Document> documents, List<String> tags, String notes, Map<String, Object> attributes,
			Map<String, String> attributeLabels, Instant lastVerifiedAt, Instant createdAt, Instant updatedAt,
			Instant retiredAt, int version) {
	}

}
