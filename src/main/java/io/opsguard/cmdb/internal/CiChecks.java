package io.opsguard.cmdb.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiRecord.Document;
import io.opsguard.cmdb.internal.CiService.CiInput;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * The rules of a CI: required fields and lengths, a code no other CI has, an organisation, owner
 * and referenced users and CIs of the caller's scope (one outside it refused like one that does not
 * exist), tags and documents within their limits, attribute values of their definitions, unique
 * values no other CI holds. Every problem is reported at once, with names as arguments rendered in
 * the reader's language; nothing is written here.
 */
@Component
class CiChecks {

	static final int MAX_TAGS = 20;

	private final CiStore store;

	private final ClassCatalog catalog;

	private final Organisations organisations;

	private final Users users;

	CiChecks(CiStore store, ClassCatalog catalog, Organisations organisations, Users users) {
		this.store = store;
		this.catalog = catalog;
		this.organisations = organisations;
		this.users = users;
	}

	/**
	 * Checks every field of the input against the class and the caller's scope; writes nothing.
	 * {@code existing} is the CI being changed (null for a new one).
	 */
	Checked check(CurrentUser user, ClassDef def, CiRecord existing, CiInput input, Instant now) {
		List<FieldProblem> problems = new ArrayList<>();
		String code = input.code() == null ? "" : input.code().trim();
		// checked here as well as on the request, so that imports meet the same rules
		required("code", code, 100, problems);
		required("name", input.name(), 200, problems);
		atMost("location", input.location(), 200, problems);
		atMost("vendor", input.vendor(), 100, problems);
		atMost("model", input.model(), 100, problems);
		atMost("serialNumber", input.serialNumber(), 100, problems);
		atMost("contract", input.contract(), 200, problems);
		atMost("notes", input.notes(), 4000, problems);
		if (!code.isEmpty() && this.store.findByCode(code)
			.filter(other -> existing == null || other.id() != existing.id())
			.isPresent()) {
			// the same words whoever holds the code: nothing is told about CIs outside the scope
			problems.add(new FieldProblem("code", CmdbError.CI_CODE_TAKEN, new Object[] { code }));
		}
		if (input.organisationId() == null || !user.scope().includes(input.organisationId())
				|| this.organisations.find(input.organisationId()).isEmpty()) {
			problems.add(new FieldProblem("organisationId", CmdbError.UNKNOWN_REFERENCE, new Object[] { label("organisationId") }));
		}
		if (input.ownerId() != null && !(existing != null && input.ownerId().equals(existing.ownerId()))
				&& !userInScope(user.scope(), input.ownerId())) {
			problems.add(new FieldProblem("ownerId", CmdbError.UNKNOWN_REFERENCE, new Object[] { label("ownerId") }));
		}
		if (input.status() == CiStatus.RETIRED) {
			problems.add(new FieldProblem("status", CmdbError.USE_RETIRE, new Object[0]));
		}
		List<String> tags = tags(input.tags(), problems);
		List<Document> documents = documents(input.documents(), problems);
		List<AttributeDef> definitions = this.catalog.attributes(def.id());
		AttributeValues.Result attributes = AttributeValues.check(input.attributes(), definitions,
				references(user, existing));
		problems.addAll(attributes.problems());
		Map<Long, String> uniqueKeys = uniqueKeys(definitions, attributes.values());
		problems.addAll(uniqueConflicts(definitions, uniqueKeys, attributes.values(), existing == null ? null : existing.id()));
		boolean physical = this.catalog.physical(def.id());
		String name = input.name() == null ? "" : input.name().trim();
		CiRecord candidate = new CiRecord(existing == null ? 0 : existing.id(), def.id(), code, name,
				input.organisationId() == null ? 0 : input.organisationId(), input.ownerId(),
				input.status() == null ? (existing == null ? CiStatus.IN_USE : existing.status()) : input.status(),
				input.importance() == null ? Importance.GENERAL : input.importance(), blank(input.location()),
				physical ? blank(input.vendor()) : null, physical ? blank(input.model()) : null,
				physical ? blank(input.serialNumber()) : null, physical ? blank(input.contract()) : null,
				physical ? documents : List.of(), tags, blank(input.notes()), attributes.values(),
				existing == null ? null : existing.lastVerifiedAt(), existing == null ? now : existing.createdAt(), now, null,
				existing == null ? 0 : existing.version());
		return new Checked(candidate, problems, uniqueKeys);
	}

	/** A checked input: the CI as it would be written, and what is wrong with it. */
	record Checked(CiRecord candidate, List<FieldProblem> problems, Map<Long, String> uniqueKeys) {

		void throwIfInvalid() {
			if (!this.problems.isEmpty()) {
				throw OpsGuardException.onFields(CommonError.VALIDATION_FAILED, this.problems, this.problems.size());
			}
		}

	}

	boolean userInScope(DataScope scope, long userId) {
		return this.users.find(userId).filter(u -> scope.includes(u.organisationId())).isPresent();
	}

	static MessageSourceResolvable label(String field) {
		return Localised.key("cmdb.field." + field);
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static void required(String field, String value, int max, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, CmdbError.REQUIRED, new Object[] { label(field) }));
		}
		else {
			atMost(field, value, max, problems);
		}
	}

	private static void atMost(String field, String value, int max, List<FieldProblem> problems) {
		if (value != null && value.trim().length() > max) {
			problems.add(new FieldProblem(field, CmdbError.TOO_LONG, new Object[] { label(field), max }));
		}
	}

	private static List<String> tags(List<String> input, List<FieldProblem> problems) {
		if (input == null) {
			return List.of();
		}
		List<String> tags = input.stream().filter(t -> t != null && !t.isBlank()).map(String::trim).distinct().toList();
		if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > 30 || t.contains("|"))) {
			problems.add(new FieldProblem("tags", CmdbError.OUT_OF_RULE,
					new Object[] { label("tags"), Localised.key("cmdb.rule.tags", MAX_TAGS) }));
		}
		return tags;
	}

	private static List<Document> documents(List<Document> input, List<FieldProblem> problems) {
		if (input == null) {
			return List.of();
		}
		List<Document> documents = input.stream()
			.filter(d -> d != null && d.title() != null && !d.title().isBlank())
			.map(d -> new Document(d.title().trim(), blank(d.reference())))
			.toList();
		if (documents.size() > 50 || documents.stream()
			.anyMatch(d -> d.title().length() > 200 || (d.reference() != null && d.reference().length() > 500))) {
			problems.add(new FieldProblem("documents", CmdbError.OUT_OF_RULE,
					new Object[] { label("documents"), Localised.key("cmdb.rule.documents") }));
		}
		return documents;
	}

	/**
	 * What references may point to: users and CIs of the caller's scope (or what the CI already
	 * points to, which a user may keep without seeing it), any organisation.
	 */
	private AttributeValues.References references(CurrentUser user, CiRecord existing) {
		Set<Object> kept = new java.util.HashSet<>();
		if (existing != null) {
			existing.attributes().values().forEach(v -> kept.add(v instanceof Number n ? n.longValue() : v));
		}
		return new AttributeValues.References() {
			@Override
			public boolean ci(long id, String refClassCode) {
				return CiChecks.this.store.find(id)
					.filter(c -> kept.contains(id) || user.scope().includes(c.organisationId()))
					.filter(c -> refClassCode == null || CiChecks.this.catalog.isA(c.classId(), refClassCode))
					.isPresent();
			}

			@Override
			public boolean user(long id) {
				return kept.contains(id) ? CiChecks.this.users.find(id).isPresent() : userInScope(user.scope(), id);
			}

			@Override
			public boolean organisation(long id) {
				return CiChecks.this.organisations.find(id).isPresent();
			}
		};
	}

	/** The keys of the values of unique attributes, by attribute id. */
	private static Map<Long, String> uniqueKeys(List<AttributeDef> definitions, Map<String, Object> values) {
		Map<Long, String> keys = new LinkedHashMap<>();
		for (AttributeDef def : definitions) {
			Object value = values.get(def.code());
			if (def.unique() && value != null) {
				keys.put(def.id(), AttributeValues.key(value));
			}
		}
		return keys;
	}

	/** Unique values another CI holds already; that CI is not named (it may be outside the scope). */
	private List<FieldProblem> uniqueConflicts(List<AttributeDef> definitions, Map<Long, String> keys,
			Map<String, Object> values, Long self) {
		List<FieldProblem> problems = new ArrayList<>();
		for (AttributeDef def : definitions) {
			String key = keys.get(def.id());
			if (key != null && this.store.uniqueHolder(def.id(), key).filter(holder -> !Objects.equals(holder, self)).isPresent()) {
				problems.add(new FieldProblem("attributes." + def.code(), CmdbError.NOT_UNIQUE,
						new Object[] { ClassCatalog.label(def), values.get(def.code()) }));
			}
		}
		return problems;
	}

}
