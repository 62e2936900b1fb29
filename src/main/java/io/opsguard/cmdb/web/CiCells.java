package io.opsguard.cmdb.web;

import java.math.BigDecimal;
import java.util.Locale;

import io.opsguard.cmdb.internal.CiImport.Column;
import io.opsguard.cmdb.internal.CiRecord;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.web.CiViews.Names;
import io.opsguard.identity.Organisations;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The cells of a CI in the files people exchange (template, xlsx and CSV exports), written the way
 * the import reads them back: organisations and referenced CIs by code, users by username, options
 * and states by their labels. Users and CIs outside the reader's scope stay empty.
 */
@Component
class CiCells {

	private final Organisations organisations;

	private final MessageSource messages;

	CiCells(Organisations organisations, MessageSource messages) {
		this.organisations = organisations;
		this.messages = messages;
	}

	String title(Column column, Locale locale) {
		return this.messages.getMessage(column.title(), locale);
	}

	/** The value of a column for a CI: a number, a text, or null for an empty cell. */
	Object value(Column column, CiRecord r, Names names, Locale locale) {
		return switch (column.key()) {
			case "code" -> r.code();
			case "name" -> r.name();
			case "organisationId" -> this.organisations.find(r.organisationId()).map(o -> o.code()).orElse(null);
			case "ownerId" -> r.ownerId() == null || !names.users().containsKey(r.ownerId()) ? null
					: names.users().get(r.ownerId()).username();
			case "status" -> this.messages.getMessage("cmdb.status." + r.status(), null, locale);
			case "importance" -> this.messages.getMessage("cmdb.importance." + r.importance(), null, locale);
			case "location" -> r.location();
			case "vendor" -> r.vendor();
			case "model" -> r.model();
			case "serialNumber" -> r.serialNumber();
			case "contract" -> r.contract();
			case "tags" -> r.tags().isEmpty() ? null : String.join(",", r.tags());
			case "notes" -> r.notes();
			default -> column.attribute() == null ? null : attribute(column.attribute(), r, names, locale);
		};
	}

	private Object attribute(AttributeDef attribute, CiRecord r, Names names, Locale locale) {
		Object value = r.attributes().get(attribute.code());
		if (value == null) {
			return null;
		}
		return switch (attribute.type()) {
			case ENUM -> CiViews.optionLabel(attribute, value.toString(), locale);
			case BOOLEAN -> this.messages.getMessage(Boolean.TRUE.equals(value) ? "cmdb.yes" : "cmdb.no", null, locale);
			case USER -> value instanceof Number n && names.users().containsKey(n.longValue())
					? names.users().get(n.longValue()).username() : null;
			case CI -> value instanceof Number n && names.cis().containsKey(n.longValue()) ? names.cis().get(n.longValue()).code()
					: null;
			case ORGANISATION -> value instanceof Number n ? this.organisations.find(n.longValue()).map(o -> o.code()).orElse(null)
					: null;
			case NUMBER -> value instanceof Number n ? n : new BigDecimal(value.toString());
			default -> value.toString();
		};
	}

}
