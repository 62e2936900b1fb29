package io.opsguard.cmdb.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.cmdb.RelationType;
import io.opsguard.shared.Snapshot;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The CI classes, their attributes and the relation rules, held in memory (tens to hundreds of
 * rows read on every CI write). Dropped on every change here, reloaded at least every 30 seconds.
 */
@Component
public class ClassCatalog {

	private static final TypeReference<List<EnumOption>> OPTIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Snapshot<Catalog> catalog;

	ClassCatalog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.catalog = new Snapshot<>(Duration.ofSeconds(30), clock, this::load);
	}

	public void invalidate() {
		this.catalog.invalidate();
	}

	public List<ClassDef> classes() {
		return this.catalog.get().ordered();
	}

	public Optional<ClassDef> find(long id) {
		return Optional.ofNullable(this.catalog.get().classes().get(id));
	}

	public Optional<ClassDef> findByCode(String code) {
		return Optional.ofNullable(this.catalog.get().byCode().get(code));
	}

	/** The class and its ancestors, from the root down. */
	public List<ClassDef> lineage(long classId) {
		Catalog c = this.catalog.get();
		List<ClassDef> lineage = new ArrayList<>();
		ClassDef current = c.classes().get(classId);
		int guard = 0;
		while (current != null && guard++ < 100) {
			lineage.add(0, current);
			current = current.parentId() == null ? null : c.classes().get(current.parentId());
		}
		return lineage;
	}

	/** The class and all classes below it. */
	public Set<Long> subtree(long classId) {
		Catalog c = this.catalog.get();
		Set<Long> result = new LinkedHashSet<>();
		List<Long> todo = new ArrayList<>(List.of(classId));
		while (!todo.isEmpty()) {
			Long id = todo.remove(todo.size() - 1);
			if (result.add(id)) {
				c.ordered().stream().filter(d -> id.equals(d.parentId())).forEach(d -> todo.add(d.id()));
			}
		}
		return result;
	}

	public boolean isA(long classId, long ancestorId) {
		return lineage(classId).stream().anyMatch(d -> d.id() == ancestorId);
	}

	public boolean isA(long classId, String ancestorCode) {
		return lineage(classId).stream().anyMatch(d -> d.code().equals(ancestorCode));
	}

	/** Hardware classes (or below one) carry the asset fields. */
	public boolean physical(long classId) {
		return lineage(classId).stream().anyMatch(ClassDef::physical);
	}

	/** The attributes a CI of this class has: inherited ones first, in the order of the lineage. */
	public List<AttributeDef> attributes(long classId) {
		Map<Long, List<AttributeDef>> byClass = this.catalog.get().attributes();
		List<AttributeDef> result = new ArrayList<>();
		for (ClassDef def : lineage(classId)) {
			result.addAll(byClass.getOrDefault(def.id(), List.of()));
		}
		return result;
	}

	/** Attributes declared by exactly this class. */
	public List<AttributeDef> ownAttributes(long classId) {
		return this.catalog.get().attributes().getOrDefault(classId, List.of());
	}

	/** Whether some rule of this type allows a relation from the source class to the target class. */
	public boolean allowed(RelationType type, long sourceClassId, long targetClassId) {
		for (RelationRule rule : this.catalog.get().rules()) {
			if (rule.type() == type && isA(sourceClassId, rule.sourceClassId()) && isA(targetClassId, rule.targetClassId())) {
				return true;
			}
		}
		return false;
	}

	public List<RelationRule> rules() {
		return this.catalog.get().rules();
	}

	public static String name(ClassDef def, Locale locale) {
		return "en".equals(locale.getLanguage()) ? def.nameEn() : def.nameZh();
	}

	public static String name(AttributeDef def, Locale locale) {
		return "en".equals(locale.getLanguage()) ? def.nameEn() : def.nameZh();
	}

	/** The class's name in both languages, rendered in the reader's. */
	public static Localised label(ClassDef def) {
		return new Localised(def.nameZh(), def.nameEn());
	}

	/** The attribute's name in both languages, rendered in the reader's. */
	public static Localised label(AttributeDef def) {
		return new Localised(def.nameZh(), def.nameEn());
	}

	private Catalog load() {
		List<ClassDef> classes = this.jdbc
			.sql("select id, code, parent_id, name_zh, name_en, built_in, physical, sort_order, version from cmdb_class")
			.query((rs, i) -> new ClassDef(rs.getLong("id"), rs.getString("code"), (Long) rs.getObject("parent_id", Long.class),
					rs.getString("name_zh"), rs.getString("name_en"), rs.getBoolean("built_in"), rs.getBoolean("physical"),
					rs.getInt("sort_order"), rs.getInt("version")))
			.list();
		List<AttributeDef> attributes = this.jdbc.sql("select * from cmdb_attribute")
			.query((rs, i) -> new AttributeDef(rs.getLong("id"), rs.getLong("class_id"), rs.getString("code"),
					rs.getString("name_zh"), rs.getString("name_en"), AttributeType.valueOf(rs.getString("type")),
					rs.getBoolean("required"), rs.getBoolean("unique_value"), options(rs.getString("options")),
					rs.getString("pattern"), (Double) rs.getObject("min_value", Double.class),
					(Double) rs.getObject("max_value", Double.class), rs.getString("ref_class_code"),
					rs.getBoolean("built_in"), rs.getInt("sort_order"), rs.getInt("version")))
			.list();
		List<RelationRule> rules = this.jdbc.sql("select id, type, source_class_id, target_class_id from cmdb_relation_rule")
			.query((rs, i) -> new RelationRule(rs.getLong(1), RelationType.valueOf(rs.getString(2)), rs.getLong(3),
					rs.getLong(4)))
			.list();
		Map<Long, ClassDef> byId = new HashMap<>();
		Map<String, ClassDef> byCode = new HashMap<>();
		classes.forEach(c -> {
			byId.put(c.id(), c);
			byCode.put(c.code(), c);
		});
		Map<Long, List<AttributeDef>> byClass = new HashMap<>();
		attributes.stream()
			.sorted(Comparator.comparingInt(AttributeDef::sortOrder).thenComparing(AttributeDef::id))
			.forEach(a -> byClass.computeIfAbsent(a.classId(), k -> new ArrayList<>()).add(a));
		List<ClassDef> ordered = new ArrayList<>(classes);
		ordered.sort(Comparator.comparingInt(ClassDef::sortOrder).thenComparing(ClassDef::id));
		return new Catalog(Map.copyOf(byId), Map.copyOf(byCode), byClass, List.copyOf(ordered), List.copyOf(rules));
	}

	private List<EnumOption> options(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		try {
			return this.json.readValue(value, OPTIONS);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Bad enum options in the database: " + value, ex);
		}
	}

	String optionsJson(List<EnumOption> options) {
		try {
			return options == null || options.isEmpty() ? null : this.json.writeValueAsString(options);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A CI class. */
	public record ClassDef(long id, String code, Long parentId, String nameZh, String nameEn, boolean builtIn,
			boolean physical, int sortOrder, int version) {
	}

	/** An attribute definition of a class. */
	public record AttributeDef(long id, long classId, String code, String nameZh, String nameEn, AttributeType type,
			boolean required, boolean unique, List<EnumOption> options, String pattern, Double min, Double max,
			String refClassCode, boolean builtIn, int sortOrder, int version) {
	}

	/** One value of an enum attribute with its labels. */
	public record EnumOption(String value, String labelZh, String labelEn) {

		public String label(Locale locale) {
			return "en".equals(locale.getLanguage()) ? this.labelEn : this.labelZh;
		}

	}

	/** Which relations a type allows between two classes (and their subclasses). */
	public record RelationRule(long id, RelationType type, long sourceClassId, long targetClassId) {
	}

	private record Catalog(Map<Long, ClassDef> classes, Map<String, ClassDef> byCode,
			Map<Long, List<AttributeDef>> attributes, List<ClassDef> ordered, List<RelationRule> rules) {
	}

}
