package io.opsguard.cmdb.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.cmdb.internal.ClassCatalog.EnumOption;
import io.opsguard.identity.AuditTrail;
import io.opsguard.shared.OpsGuardException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CI classes and their attributes, maintained by administrators without code. Built-in classes
 * keep their code and place; built-in attributes cannot be removed. Tightening an attribute
 * (required, unique) is refused while existing CIs would break it.
 */
@Service
public class ClassService {

	private static final Pattern CLASS_CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,49}$");

	private static final Pattern ATTRIBUTE_CODE = Pattern.compile("^[a-z][a-zA-Z0-9]{1,49}$");

	private final ClassCatalog catalog;

	private final CiStore store;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	ClassService(ClassCatalog catalog, CiStore store, JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.catalog = catalog;
		this.store = store;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** The class tree with the number of CIs (not retired) of each class itself. */
	@Transactional(readOnly = true)
	/** The class tree with, on each class, how many CIs of the caller's scope are in use there. */
	public List<ClassNode> tree(io.opsguard.identity.CurrentUser user, Locale locale) {
		Map<Long, Long> counts = new HashMap<>();
		String scope = user.scope().all() ? "" : " and " + user.scope().sqlCondition("organisation_id");
		this.jdbc.sql("select class_id, count(*) from cmdb_ci where status <> 'RETIRED'" + scope + " group by class_id")
			.query((rs, i) -> counts.put(rs.getLong(1), rs.getLong(2)))
			.list();
		Map<Long, List<ClassDef>> children = new HashMap<>();
		for (ClassDef def : this.catalog.classes()) {
			children.computeIfAbsent(def.parentId() == null ? -1L : def.parentId(), k -> new ArrayList<>()).add(def);
		}
		return build(children, -1L, counts, locale);
	}

	private List<ClassNode> build(Map<Long, List<ClassDef>> children, long parent, Map<Long, Long> counts,
			Locale locale) {
		List<ClassNode> nodes = new ArrayList<>();
		for (ClassDef def : children.getOrDefault(parent, List.of())) {
			nodes.add(new ClassNode(def.id(), def.code(), def.parentId(), ClassCatalog.name(def, locale), def.nameZh(),
					def.nameEn(), def.builtIn(), this.catalog.physical(def.id()), counts.getOrDefault(def.id(), 0L),
					build(children, def.id(), counts, locale)));
		}
		return nodes;
	}

	@Transactional(readOnly = true)
	public ClassDetail get(long id, Locale locale) {
		ClassDef def = this.catalog.find(id).orElseThrow(OpsGuardException::notFound);
		return new ClassDetail(def.id(), def.code(), def.parentId(), ClassCatalog.name(def, locale), def.nameZh(),
				def.nameEn(), def.builtIn(), def.physical(), this.catalog.physical(def.id()),
				this.catalog.attributes(def.id()).stream().map(a -> attributeView(a, def.id(), locale)).toList(), def.version());
	}

	AttributeView attributeView(AttributeDef a, long perspective, Locale locale) {
		String inheritedFrom = a.classId() == perspective ? null
				: this.catalog.find(a.classId()).map(ClassDef::code).orElse(null);
		return new AttributeView(a.id(), a.classId(), a.code(), ClassCatalog.name(a, locale), a.nameZh(), a.nameEn(),
				a.type(), a.required(), a.unique(),
				a.options().stream().map(o -> new OptionView(o.value(), o.labelZh(), o.labelEn(), o.label(locale))).toList(),
				a.pattern(), a.min(), a.max(), a.refClassCode(), a.builtIn(), a.sortOrder(), inheritedFrom, a.version());
	}

	@Transactional
	public ClassDetail create(ClassInput input, String code, Long parentId, Locale locale) {
		if (!CLASS_CODE.matcher(code).matches()) {
			throw OpsGuardException.onField("code", CmdbError.INVALID_DEFINITION, rule("classCode"));
		}
		if (this.catalog.findByCode(code).isPresent()) {
			throw OpsGuardException.onField("code", CmdbError.CLASS_CODE_TAKEN, code);
		}
		if (parentId != null && this.catalog.find(parentId).isEmpty()) {
			throw OpsGuardException.onField("parentId", CmdbError.UNKNOWN_CLASS, parentId);
		}
		Instant now = this.clock.instant();
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into cmdb_class (code, parent_id, name_zh, name_en, built_in, physical, sort_order, created_at, updated_at)
				values (:code, :parent, :zh, :en, false, :physical, :sort, :now, :now)""")
			.param("code", code)
			.param("parent", parentId)
			.param("zh", input.nameZh().trim())
			.param("en", input.nameEn().trim())
			.param("physical", input.physical())
			.param("sort", 1000)
			.param("now", Timestamp.from(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		this.catalog.invalidate();
		this.audit.recordChange("CI_CLASS_CREATED", "CI_CLASS", id, null, Map.of("code", code, "name", input.nameZh()));
		return get(id, locale);
	}

	@Transactional
	public ClassDetail update(long id, ClassInput input, Integer version, Locale locale) {
		ClassDef def = this.catalog.find(id).orElseThrow(OpsGuardException::notFound);
		int updated = this.jdbc.sql("""
				update cmdb_class set name_zh = :zh, name_en = :en, physical = :physical, updated_at = :now,
				  version = version + 1 where id = :id and version = :version""")
			.param("zh", input.nameZh().trim())
			.param("en", input.nameEn().trim())
			.param("physical", input.physical())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.param("version", version == null ? def.version() : version)
			.update();
		if (updated == 0) {
			throw new OptimisticLockingFailureException("class " + id);
		}
		this.catalog.invalidate();
		this.audit.recordChange("CI_CLASS_UPDATED", "CI_CLASS", id,
				Map.of("name", def.nameZh(), "nameEn", def.nameEn(), "physical", def.physical()),
				Map.of("name", input.nameZh().trim(), "nameEn", input.nameEn().trim(), "physical", input.physical()));
		return get(id, locale);
	}

	@Transactional
	public void delete(long id, Locale locale) {
		ClassDef def = this.catalog.find(id).orElseThrow(OpsGuardException::notFound);
		if (def.builtIn()) {
			throw new OpsGuardException(CmdbError.BUILT_IN, ClassCatalog.name(def, locale));
		}
		long subclasses = this.catalog.subtree(id).size() - 1L;
		long cis = this.jdbc.sql("select count(*) from cmdb_ci where class_id = :id").param("id", id).query(Long.class).single();
		if (subclasses > 0 || cis > 0) {
			throw new OpsGuardException(CmdbError.CLASS_IN_USE, ClassCatalog.name(def, locale), subclasses, cis);
		}
		this.jdbc.sql("delete from cmdb_relation_rule where source_class_id = :id or target_class_id = :id")
			.param("id", id)
			.update();
		this.jdbc.sql("delete from cmdb_attribute where class_id = :id").param("id", id).update();
		this.jdbc.sql("delete from cmdb_class where id = :id").param("id", id).update();
		this.catalog.invalidate();
		this.audit.recordChange("CI_CLASS_DELETED", "CI_CLASS", id, Map.of("code", def.code(), "name", def.nameZh()), null);
	}

	@Transactional
	public AttributeView addAttribute(long classId, AttributeInput input, String code, Locale locale) {
		ClassDef def = this.catalog.find(classId).orElseThrow(OpsGuardException::notFound);
		if (!ATTRIBUTE_CODE.matcher(code).matches() || CiInputFields.CORE.contains(code)) {
			throw OpsGuardException.onField("code", CmdbError.INVALID_DEFINITION, rule("attributeCode"));
		}
		// unique along the lineage and in every subclass, so a CI never sees two attributes with one code
		List<Long> related = new ArrayList<>(this.catalog.subtree(classId));
		this.catalog.lineage(classId).forEach(c -> related.add(c.id()));
		for (Long other : related) {
			if (this.catalog.ownAttributes(other).stream().anyMatch(a -> a.code().equals(code))) {
				throw OpsGuardException.onField("code", CmdbError.ATTRIBUTE_CODE_TAKEN, code);
			}
		}
		checkDefinition(input, null);
		if (input.required()) {
			long existing = this.jdbc.sql("select count(*) from cmdb_ci where status <> 'RETIRED' and class_id in (:classes)")
				.param("classes", this.catalog.subtree(classId))
				.query(Long.class)
				.single();
			if (existing > 0) {
				throw OpsGuardException.onField("required", CmdbError.EXISTING_VALUES_VIOLATE, existing);
			}
		}
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into cmdb_attribute (class_id, code, name_zh, name_en, type, required, unique_value, options, pattern,
				  min_value, max_value, ref_class_code, built_in, sort_order)
				values (:class, :code, :zh, :en, :type, :required, :unique, :options, :pattern, :min, :max, :ref, false, :sort)""")
			.param("class", classId)
			.param("code", code)
			.params(attributeParams(input))
			.param("type", input.type().name())
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		this.catalog.invalidate();
		this.audit.recordChange("CI_ATTRIBUTE_CREATED", "CI_CLASS", classId, null,
				Map.of("class", def.code(), "code", code, "type", input.type()));
		return attributeView(this.catalog.ownAttributes(classId).stream().filter(a -> a.id() == id).findFirst().orElseThrow(),
				classId, locale);
	}

	@Transactional
	public AttributeView updateAttribute(long classId, long attributeId, AttributeInput input, Integer version,
			Locale locale) {
		AttributeDef existing = this.catalog.ownAttributes(classId)
			.stream()
			.filter(a -> a.id() == attributeId)
			.findFirst()
			.orElseThrow(OpsGuardException::notFound);
		// the type of an attribute never changes: whatever the client sent, the stored type applies
		AttributeInput effective = new AttributeInput(input.nameZh(), input.nameEn(), existing.type(), input.required(),
				input.unique(), input.options(), input.pattern(), input.min(), input.max(), input.refClassCode(),
				input.sortOrder());
		checkDefinition(effective, existing);
		List<Map<String, Object>> values = valuesOf(existing);
		if (input.required() && !existing.required()) {
			long missing = this.jdbc.sql("select count(*) from cmdb_ci where status <> 'RETIRED' and class_id in (:classes)")
				.param("classes", this.catalog.subtree(classId))
				.query(Long.class)
				.single() - values.size();
			if (missing > 0) {
				throw OpsGuardException.onField("required", CmdbError.EXISTING_VALUES_VIOLATE, missing);
			}
		}
		if (input.unique() && !existing.unique()) {
			long duplicates = values.size()
					- values.stream().map(v -> AttributeValues.key(v.get("value"))).distinct().count();
			if (duplicates > 0) {
				throw OpsGuardException.onField("unique", CmdbError.EXISTING_VALUES_VIOLATE, duplicates);
			}
		}
		int updated = this.jdbc.sql("""
				update cmdb_attribute set name_zh = :zh, name_en = :en, required = :required, unique_value = :unique,
				  options = :options, pattern = :pattern, min_value = :min, max_value = :max, ref_class_code = :ref,
				  sort_order = :sort, version = version + 1
				where id = :id and version = :version""")
			.params(attributeParams(effective))
			.param("id", attributeId)
			.param("version", version == null ? existing.version() : version)
			.update();
		if (updated == 0) {
			throw new OptimisticLockingFailureException("attribute " + attributeId);
		}
		if (input.unique() != existing.unique()) {
			this.jdbc.sql("delete from cmdb_unique_value where attribute_id = :id").param("id", attributeId).update();
			if (input.unique()) {
				for (Map<String, Object> v : values) {
					this.jdbc.sql("insert into cmdb_unique_value (attribute_id, value_key, ci_id) values (:a, :k, :c)")
						.param("a", attributeId)
						.param("k", AttributeValues.key(v.get("value")))
						.param("c", v.get("ci"))
						.update();
				}
			}
		}
		this.catalog.invalidate();
		this.audit.recordChange("CI_ATTRIBUTE_UPDATED", "CI_CLASS", classId,
				Map.of("code", existing.code(), "name", existing.nameZh(), "required", existing.required(), "unique",
						existing.unique()),
				Map.of("code", existing.code(), "name", input.nameZh(), "required", input.required(), "unique",
						input.unique()));
		return attributeView(this.catalog.ownAttributes(classId)
			.stream()
			.filter(a -> a.id() == attributeId)
			.findFirst()
			.orElseThrow(), classId, locale);
	}

	@Transactional
	public void deleteAttribute(long classId, long attributeId, Locale locale) {
		AttributeDef existing = this.catalog.ownAttributes(classId)
			.stream()
			.filter(a -> a.id() == attributeId)
			.findFirst()
			.orElseThrow(OpsGuardException::notFound);
		if (existing.builtIn()) {
			throw new OpsGuardException(CmdbError.BUILT_IN, ClassCatalog.name(existing, locale));
		}
		this.jdbc.sql("delete from cmdb_unique_value where attribute_id = :id").param("id", attributeId).update();
		this.jdbc.sql("delete from cmdb_attribute where id = :id").param("id", attributeId).update();
		this.catalog.invalidate();
		this.audit.recordChange("CI_ATTRIBUTE_DELETED", "CI_CLASS", classId,
				Map.of("code", existing.code(), "name", existing.nameZh()), null);
	}

	/** The values the CIs of the class (and below) hold for an attribute: {@code {ci, value}}. */
	private List<Map<String, Object>> valuesOf(AttributeDef attribute) {
		List<Map<String, Object>> values = new ArrayList<>();
		this.jdbc.sql("select id, attributes from cmdb_ci where status <> 'RETIRED' and class_id in (:classes)")
			.param("classes", this.catalog.subtree(attribute.classId()))
			.query((rs, i) -> {
				Object value = this.store.readMap(rs.getString(2)).get(attribute.code());
				if (value != null) {
					Map<String, Object> v = new LinkedHashMap<>();
					v.put("ci", rs.getLong(1));
					v.put("value", value);
					values.add(v);
				}
				return null;
			})
			.list();
		return values;
	}

	private void checkDefinition(AttributeInput input, AttributeDef existing) {
		if (input.type() == AttributeType.ENUM) {
			if (input.options() == null || input.options().isEmpty() || input.options()
				.stream()
				.anyMatch(o -> o.value() == null || o.value().isBlank() || o.labelZh() == null || o.labelZh().isBlank())) {
				throw OpsGuardException.onField("options", CmdbError.INVALID_DEFINITION, rule("options"));
			}
			if (input.options().stream().map(EnumOption::value).distinct().count() != input.options().size()) {
				throw OpsGuardException.onField("options", CmdbError.INVALID_DEFINITION, rule("optionsDistinct"));
			}
			if (existing != null) {
				List<String> kept = input.options().stream().map(EnumOption::value).toList();
				long orphaned = valuesOf(existing).stream().filter(v -> !kept.contains(v.get("value").toString())).count();
				if (orphaned > 0) {
					throw OpsGuardException.onField("options", CmdbError.EXISTING_VALUES_VIOLATE, orphaned);
				}
			}
		}
		if (input.pattern() != null && !input.pattern().isBlank()) {
			try {
				Pattern.compile(input.pattern());
			}
			catch (PatternSyntaxException ex) {
				throw OpsGuardException.onField("pattern", CmdbError.INVALID_DEFINITION, rule("pattern"));
			}
		}
		if (input.min() != null && input.max() != null && input.min() > input.max()) {
			throw OpsGuardException.onField("max", CmdbError.INVALID_DEFINITION, rule("range"));
		}
		if (input.type() == AttributeType.CI && input.refClassCode() != null && !input.refClassCode().isBlank()
				&& this.catalog.findByCode(input.refClassCode()).isEmpty()) {
			throw OpsGuardException.onField("refClassCode", CmdbError.UNKNOWN_CLASS, input.refClassCode());
		}
		if (input.unique() && (input.type() == AttributeType.BOOLEAN || input.type() == AttributeType.ENUM)) {
			throw OpsGuardException.onField("unique", CmdbError.INVALID_DEFINITION, rule("unique"));
		}
	}

	private Map<String, Object> attributeParams(AttributeInput input) {
		Map<String, Object> p = new HashMap<>();
		p.put("zh", input.nameZh().trim());
		p.put("en", input.nameEn().trim());
		p.put("required", input.required());
		p.put("unique", input.unique());
		p.put("options", input.type() == AttributeType.ENUM ? this.catalog.optionsJson(input.options()) : null);
		p.put("pattern", input.type() == AttributeType.TEXT && input.pattern() != null && !input.pattern().isBlank()
				? input.pattern() : null);
		p.put("min", input.type() == AttributeType.NUMBER ? input.min() : null);
		p.put("max", input.type() == AttributeType.NUMBER ? input.max() : null);
		p.put("ref", input.type() == AttributeType.CI && input.refClassCode() != null && !input.refClassCode().isBlank()
				? input.refClassCode() : null);
		p.put("sort", input.sortOrder() == null ? 1000 : input.sortOrder());
		return p;
	}

	/** The editable part of a class. */
	public record ClassInput(String nameZh, String nameEn, boolean physical) {
	}

	/** The definable part of an attribute. */
	public record AttributeInput(String nameZh, String nameEn, AttributeType type, boolean required, boolean unique,
			List<EnumOption> options, String pattern, Double min, Double max, String refClassCode, Integer sortOrder) {
	}

	/** A class in the tree. */
	/** The rule a definition broke, in the request's language (resolved when the problem is written). */
	private static org.springframework.context.MessageSourceResolvable rule(String key) {
		return new org.springframework.context.support.DefaultMessageSourceResolvable("cmdb.definition." + key);
	}

	public record ClassNode(long id, String code, Long parentId, String name, String nameZh, String nameEn,
			boolean builtIn, boolean physical, long ciCount, List<ClassNode> children) {
	}

	/** A class with its attributes (own and inherited). */
	public record ClassDetail(long id, String code, Long parentId, String name, String nameZh, String nameEn,
			boolean builtIn, boolean ownPhysical, boolean physical, List<AttributeView> attributes, int version) {
	}

	/** An attribute definition as clients see it. */
	public record AttributeView(long id, long classId, String code, String name, String nameZh, String nameEn,
			AttributeType type, boolean required, boolean unique, List<OptionView> options, String pattern, Double min,
			Double max, String refClassCode, boolean builtIn, int sortOrder, String inheritedFrom, int version) {
	}

	/** An enum option with its label in the request's language. */
	public record OptionView(String value, String labelZh, String labelEn, String label) {
	}

}
