package io.opsguard.cmdb.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.cmdb.internal.ClassCatalog.EnumOption;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CI classes and their attributes, maintained by administrators without code. Built-in classes
 * keep their code and place; built-in attributes cannot be removed. Tightening an attribute
 * (required, unique) is refused while existing CIs would break it. Every change carries the
 * version it was based on.
 */
@Service
public class ClassService {

	private static final Pattern CLASS_CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,49}$");

	private static final Pattern ATTRIBUTE_CODE = Pattern.compile("^[a-z][a-zA-Z0-9]{1,49}$");

	private final ClassCatalog catalog;

	private final ClassStore classes;

	private final CiStore cis;

	private final AuditTrail audit;

	private final Clock clock;

	ClassService(ClassCatalog catalog, ClassStore classes, CiStore cis, AuditTrail audit, Clock clock) {
		this.catalog = catalog;
		this.classes = classes;
		this.cis = cis;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The class tree with, on each class, how many CIs of the caller's scope are in use in the
	 * class itself and in its whole subtree.
	 */
	@Transactional(readOnly = true)
	public List<ClassTreeNode> tree(CurrentUser user) {
		Map<Long, Long> counts = this.cis.countsByClass(user.scope());
		Map<Long, List<ClassDef>> children = new HashMap<>();
		for (ClassDef def : this.catalog.classes()) {
			children.computeIfAbsent(def.parentId() == null ? -1L : def.parentId(), k -> new ArrayList<>()).add(def);
		}
		return build(children, -1L, counts);
	}

	private List<ClassTreeNode> build(Map<Long, List<ClassDef>> children, long parent, Map<Long, Long> counts) {
		List<ClassTreeNode> nodes = new ArrayList<>();
		for (ClassDef def : children.getOrDefault(parent, List.of())) {
			List<ClassTreeNode> below = build(children, def.id(), counts);
			long own = counts.getOrDefault(def.id(), 0L);
			long subtree = own + below.stream().mapToLong(ClassTreeNode::ciCount).sum();
			nodes.add(new ClassTreeNode(def, this.catalog.physical(def.id()), own, subtree, below));
		}
		return nodes;
	}

	@Transactional(readOnly = true)
	public ClassDef get(long id) {
		return this.catalog.find(id).orElseThrow(OpsGuardException::notFound);
	}

	@Transactional
	public ClassDef create(ClassInput input, String code, Long parentId) {
		if (!CLASS_CODE.matcher(code).matches()) {
			throw OpsGuardException.onField("code", CmdbError.INVALID_DEFINITION, rule("classCode"));
		}
		if (this.catalog.findByCode(code).isPresent()) {
			throw OpsGuardException.onField("code", CmdbError.CLASS_CODE_TAKEN, code);
		}
		if (parentId != null && this.catalog.find(parentId).isEmpty()) {
			throw OpsGuardException.onField("parentId", CmdbError.UNKNOWN_CLASS, parentId);
		}
		long id = this.classes.insertClass(code, parentId, input, this.clock.instant());
		this.audit.recordChange("CI_CLASS_CREATED", "CI_CLASS", id, null, Map.of("code", code, "name", input.nameZh()));
		return get(id);
	}

	@Transactional
	public ClassDef update(long id, ClassInput input, Integer version) {
		ClassDef def = get(id);
		if (!this.classes.updateClass(id, input, requireVersion(version), this.clock.instant())) {
			throw new OptimisticLockingFailureException("class " + id);
		}
		this.audit.recordChange("CI_CLASS_UPDATED", "CI_CLASS", id,
				Map.of("name", def.nameZh(), "nameEn", def.nameEn(), "physical", def.physical()),
				Map.of("name", input.nameZh().trim(), "nameEn", input.nameEn().trim(), "physical", input.physical()));
		return get(id);
	}

	@Transactional
	public void delete(long id) {
		ClassDef def = get(id);
		if (def.builtIn()) {
			throw new OpsGuardException(CmdbError.BUILT_IN, ClassCatalog.label(def));
		}
		long subclasses = this.catalog.subtree(id).size() - 1L;
		long cis = this.cis.countOfClasses(List.of(id), true);
		if (subclasses > 0 || cis > 0) {
			throw new OpsGuardException(CmdbError.CLASS_IN_USE, ClassCatalog.label(def), subclasses, cis);
		}
		this.classes.deleteClass(id);
		this.audit.recordChange("CI_CLASS_DELETED", "CI_CLASS", id, Map.of("code", def.code(), "name", def.nameZh()), null);
	}

	@Transactional
	public AttributeDef addAttribute(long classId, AttributeInput input, String code) {
		ClassDef def = get(classId);
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
			long existing = this.cis.countOfClasses(this.catalog.subtree(classId), false);
			if (existing > 0) {
				throw OpsGuardException.onField("required", CmdbError.EXISTING_VALUES_VIOLATE, existing);
			}
		}
		long id = this.classes.insertAttribute(classId, code, input);
		this.audit.recordChange("CI_ATTRIBUTE_CREATED", "CI_CLASS", classId, null,
				Map.of("class", def.code(), "code", code, "type", input.type()));
		return ownAttribute(classId, id);
	}

	@Transactional
	public AttributeDef updateAttribute(long classId, long attributeId, AttributeInput input, Integer version) {
		AttributeDef existing = ownAttribute(classId, attributeId);
		int expected = requireVersion(version);
		// the type of an attribute never changes: whatever the client sent, the stored type applies
		AttributeInput effective = new AttributeInput(input.nameZh(), input.nameEn(), existing.type(), input.required(),
				input.unique(), input.options(), input.pattern(), input.min(), input.max(), input.refClassCode(),
				input.sortOrder());
		checkDefinition(effective, existing);
		Map<Long, Object> values = this.cis.valuesOf(existing.code(), this.catalog.subtree(existing.classId()));
		if (input.required() && !existing.required()) {
			long missing = this.cis.countOfClasses(this.catalog.subtree(classId), false) - values.size();
			if (missing > 0) {
				throw OpsGuardException.onField("required", CmdbError.EXISTING_VALUES_VIOLATE, missing);
			}
		}
		Map<Long, String> keys = new LinkedHashMap<>();
		values.forEach((ci, value) -> keys.put(ci, AttributeValues.key(value)));
		if (input.unique() && !existing.unique()) {
			long duplicates = keys.size() - keys.values().stream().distinct().count();
			if (duplicates > 0) {
				throw OpsGuardException.onField("unique", CmdbError.EXISTING_VALUES_VIOLATE, duplicates);
			}
		}
		if (!this.classes.updateAttribute(attributeId, effective, expected)) {
			throw new OptimisticLockingFailureException("attribute " + attributeId);
		}
		if (input.unique() != existing.unique()) {
			this.classes.reindexUnique(attributeId, input.unique() ? keys : Map.of());
		}
		this.audit.recordChange("CI_ATTRIBUTE_UPDATED", "CI_CLASS", classId,
				Map.of("code", existing.code(), "name", existing.nameZh(), "required", existing.required(), "unique",
						existing.unique()),
				Map.of("code", existing.code(), "name", input.nameZh(), "required", input.required(), "unique",
						input.unique()));
		return ownAttribute(classId, attributeId);
	}

	@Transactional
	public void deleteAttribute(long classId, long attributeId) {
		AttributeDef existing = ownAttribute(classId, attributeId);
		if (existing.builtIn()) {
			throw new OpsGuardException(CmdbError.BUILT_IN, ClassCatalog.label(existing));
		}
		this.classes.deleteAttribute(attributeId);
		this.audit.recordChange("CI_ATTRIBUTE_DELETED", "CI_CLASS", classId,
				Map.of("code", existing.code(), "name", existing.nameZh()), null);
	}

	private AttributeDef ownAttribute(long classId, long attributeId) {
		return this.catalog.ownAttributes(classId)
			.stream()
			.filter(a -> a.id() == attributeId)
			.findFirst()
			.orElseThrow(OpsGuardException::notFound);
	}

	private static int requireVersion(Integer version) {
		if (version == null) {
			throw OpsGuardException.onField("version", CmdbError.REQUIRED, CiChecks.label("version"));
		}
		return version;
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
				long orphaned = this.cis.valuesOf(existing.code(), this.catalog.subtree(existing.classId()))
					.values()
					.stream()
					.filter(v -> !kept.contains(v.toString()))
					.count();
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

	/** The rule a definition broke, in the request's language (resolved when the problem is written). */
	private static MessageSourceResolvable rule(String key) {
		return Localised.key("cmdb.definition." + key);
	}

	/** The editable part of a class. */
	public record ClassInput(String nameZh, String nameEn, boolean physical) {
	}

	/** The definable part of an attribute. */
	public record AttributeInput(String nameZh, String nameEn, AttributeType type, boolean required, boolean unique,
			List<EnumOption> options, String pattern, Double min, Double max, String refClassCode, Integer sortOrder) {
	}

	/**
	 * A class in the tree: {@code physical} as inherited, {@code ownCiCount} CIs in use of the class
	 * itself, {@code ciCount} of its whole subtree.
	 */
	public record ClassTreeNode(ClassDef def, boolean physical, long ownCiCount, long ciCount,
			List<ClassTreeNode> children) {
	}

}
