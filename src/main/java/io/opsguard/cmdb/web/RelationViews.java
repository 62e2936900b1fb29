package io.opsguard.cmdb.web;

import java.time.Instant;
import java.util.Locale;

import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.cmdb.internal.CiRecord;
import io.opsguard.cmdb.internal.ClassCatalog;
import io.opsguard.cmdb.internal.RelationRow;
import io.opsguard.cmdb.internal.RelationService.Direction;
import io.opsguard.cmdb.internal.RelationService.SeenRelation;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Relations as a reader sees them: type in the reader's language, the other end named only when visible. */
@Component
class RelationViews {

	private final ClassCatalog catalog;

	private final MessageSource messages;

	RelationViews(ClassCatalog catalog, MessageSource messages) {
		this.catalog = catalog;
		this.messages = messages;
	}

	RelationView view(SeenRelation seen, Locale locale) {
		RelationRow r = seen.relation();
		CiRecord source = seen.source();
		CiRecord target = seen.target();
		boolean out = seen.direction() == Direction.OUT;
		return new RelationView(r.id(), r.type(), typeLabel(r.type(), locale), seen.direction().name(), r.sourceId(),
				source == null ? null : source.code(), source == null ? null : source.name(), classCode(source),
				r.targetId(), target == null ? null : target.code(), target == null ? null : target.name(),
				classCode(target), out ? target != null : source != null, r.standbyMode(), r.notes(), r.createdAt(),
				r.createdBy());
	}

	String typeLabel(RelationType type, Locale locale) {
		return this.messages.getMessage("cmdb.relation." + type.name(), null, type.name(), locale);
	}

	String inverseLabel(RelationType type, Locale locale) {
		return this.messages.getMessage("cmdb.relation." + type.name() + ".inverse", null, type.name(), locale);
	}

	private String classCode(CiRecord record) {
		return record == null ? null : this.catalog.find(record.classId()).map(ClassCatalog.ClassDef::code).orElse(null);
	}

	/** A relation seen from one of its CIs. */
	record RelationView(long id, RelationType type, String typeLabel, String direction, long sourceId, String sourceCode,
			String sourceName, String sourceClassCode, long targetId, String targetCode, String targetName,
			String targetClassCode, boolean visible, StandbyMode standbyMode, String notes, Instant createdAt,
			String createdBy) {
	}

}
