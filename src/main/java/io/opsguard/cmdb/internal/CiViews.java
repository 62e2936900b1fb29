package io.opsguard.cmdb.internal;

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
import io.opsguard.cmdb.internal.CiRecord.Document;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.cmdb.internal.ClassCatalog.EnumOption;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns stored CIs into what clients see: names of the class, organisation and owner, and a
 * display text for every attribute (enum labels, 是/否, names of referenced CIs, users and
 * organisations), resolved in a few batched look-ups per page.
 */
@Component
public class CiViews {

	private final ClassCatalog catalog;

	private final Organisations organisations;

	private final Users users;

	private final JdbcClient jdbc;

	private final MessageSource messages;

	CiViews(ClassCatalog catalog, Organisations organisations, Users users, JdbcClient jdbc, MessageSource messages) {
		this.catalog = catalog;
		this.organisations = organisations;
		this.users = users;
		this.jdbc = jdbc;
		this.messages = messages;
	}

	List<CiView> views(List<CiRecord> records, Locale locale, boolean withDetails) {
		Set<Long> userIds = new HashSet<>();
		Set<Long> ciIds = new HashSet<>();
		for (CiRecord r : records) {
			if (r.ownerId() != null) {
				userIds.add(r.ownerId());
			}
			for (AttributeDef def : this.catalog.attributes(r.classId())) {
				Object value = r.attributes().get(def.code());
				if (value instanceof Number n) {
					if (def.type() == AttributeType.USER) {
						userIds.add(n.longValue());
					}
					else if (def.type() == AttributeType.CI) {
						ciIds.add(n.longValue());
					}
				}
			}
		}
		Map<Long, String> userNames = this.users.displayNames(userIds);
		Map<Long, String> ciNames = ciNames(ciIds);
		return records.stream().map(r -> view(r, locale, withDetails, userNames, ciNames)).toList();
	}

	CiView view(CiRecord record, Locale locale) {
		return views(List.of(record), locale, true).get(0);
	}

	private Map<Long, String> ciNames(Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (!ids.isEmpty()) {
			this.jdbc.sql("select id, name from cmdb_ci where id in (:ids)")
				.param("ids", ids)
				.query((rs, i) -> names.put(rs.getLong(1), rs.getString(2)))
				.list();
		}
		return names;
	}

	private CiView view(CiRecord r, Locale locale, boolean withDetails, Map<Long, String> userNames,
			Map<Long, String> ciNames) {
		ClassDef def = this.catalog.find(r.classId()).orElseThrow();
		Map<String, String> labels = new LinkedHashMap<>();
		for (AttributeDef attribute : this.catalog.attributes(r.classId())) {
			Object value = r.attributes().get(attribute.code());
			if (value != null) {
				labels.put(attribute.code(), label(attribute, value, locale, userNames, ciNames));
			}
		}
		return new CiView(r.id(), r.classId(), def.code(), ClassCatalog.name(def, locale), r.code(), r.name(),
				r.organisationId(), this.organisations.find(r.organisationId()).map(o -> o.name()).orElse(null), r.ownerId(),
				r.ownerId() == null ? null : userNames.get(r.ownerId()), r.status(), r.importance(), r.location(), r.vendor(),
				r.model(), r.serialNumber(), r.contract(), withDetails ? r.documents() : null, r.tags(),
				withDetails ? r.notes() : null, r.attributes(), labels, r.lastVerifiedAt(), r.createdAt(), r.updatedAt(),
				r.retiredAt(), r.version());
	}

	String label(AttributeDef attribute, Object value, Locale locale, Map<Long, String> userNames,
			Map<Long, String> ciNames) {
		return switch (attribute.type()) {
			case ENUM -> attribute.options()
				.stream()
				.filter(o -> o.value().equals(value.toString()))
				.map(o -> o.label(locale))
				.findFirst()
				.orElse(value.toString());
			case BOOLEAN -> this.messages.getMessage(Boolean.TRUE.equals(value) ? "cmdb.yes" : "cmdb.no", null, locale);
			case USER -> userNames.getOrDefault(((Number) value).longValue(), "#" + value);
			case CI -> ciNames.getOrDefault(((Number) value).longValue(), "#" + value);
			case ORGANISATION -> this.organisations.find(((Number) value).longValue()).map(o -> o.name()).orElse("#" + value);
			case NUMBER -> value instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
			default -> value.toString();
		};
	}

	/** Labels of the options of an enum, for exports. */
	static String optionLabel(AttributeDef attribute, String value, Locale locale) {
		return attribute.options()
			.stream()
			.filter(o -> o.value().equals(value))
			.map((EnumOption o) -> o.label(locale))
			.findFirst()
			.orElse(value);
	}

	/** A configuration item as clients see it. */
	public record CiView(long id, long classId, String classCode, String className, String code, String name,
			long organisationId, String organisationName, Long ownerId, String ownerName, CiStatus status,
			Importance importance, String location, String vendor, String model, String serialNumber, String contract,
			List<Document> documents, List<String> tags, String notes, Map<String, Object> attributes,
			Map<String, String> attributeLabels, Instant lastVerifiedAt, Instant createdAt, Instant updatedAt,
			Instant retiredAt, int version) {
	}

}
