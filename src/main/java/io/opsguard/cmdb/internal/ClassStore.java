package io.opsguard.cmdb.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import io.opsguard.cmdb.internal.ClassService.AttributeInput;
import io.opsguard.cmdb.internal.ClassService.ClassInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Writes CI classes ({@code cmdb_class}), their attributes ({@code cmdb_attribute}) and what hangs
 * on them; {@link ClassCatalog} reads them. Updates are optimistic: they answer whether the row
 * still had the version the change was based on.
 */
@Component
class ClassStore {

	private final JdbcClient jdbc;

	private final ClassCatalog catalog;

	ClassStore(JdbcClient jdbc, ClassCatalog catalog) {
		this.jdbc = jdbc;
		this.catalog = catalog;
	}

	long insertClass(String code, Long parentId, ClassInput input, Instant now) {
		var keys = new GeneratedKeyHolder();
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
		this.catalog.invalidate();
		return keys.getKeyAs(Number.class).longValue();
	}

	boolean updateClass(long id, ClassInput input, int version, Instant now) {
		int updated = this.jdbc.sql("""
				update cmdb_class set name_zh = :zh, name_en = :en, physical = :physical, updated_at = :now,
				  version = version + 1 where id = :id and version = :version""")
			.param("zh", input.nameZh().trim())
			.param("en", input.nameEn().trim())
			.param("physical", input.physical())
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("version", version)
			.update();
		this.catalog.invalidate();
		return updated == 1;
	}

	/** Deletes the class with its own attributes and the relation rules naming it. */
	void deleteClass(long id) {
		this.jdbc.sql("delete from cmdb_relation_rule where source_class_id = :id or target_class_id = :id")
			.param("id", id)
			.update();
		this.jdbc.sql("delete from cmdb_unique_value where attribute_id in (select id from cmdb_attribute where class_id = :id)")
			.param("id", id)
			.update();
		this.jdbc.sql("delete from cmdb_attribute where class_id = :id").param("id", id).update();
		this.jdbc.sql("delete from cmdb_class where id = :id").param("id", id).update();
		this.catalog.invalidate();
	}

	long insertAttribute(long classId, String code, AttributeInput input) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into cmdb_attribute (class_id, code, name_zh, name_en, type, required, unique_value, options, pattern,
				  min_value, max_value, ref_class_code, built_in, sort_order)
				values (:class, :code, :zh, :en, :type, :required, :unique, :options, :pattern, :min, :max, :ref, false, :sort)""")
			.param("class", classId)
			.param("code", code)
			.params(attributeParams(input))
			.param("type", input.type().name())
			.update(keys, "id");
		this.catalog.invalidate();
		return keys.getKeyAs(Number.class).longValue();
	}

	boolean updateAttribute(long id, AttributeInput input, int version) {
		int updated = this.jdbc.sql("""
				update cmdb_attribute set name_zh = :zh, name_en = :en, required = :required, unique_value = :unique,
				  options = :options, pattern = :pattern, min_value = :min, max_value = :max, ref_class_code = :ref,
				  sort_order = :sort, version = version + 1
				where id = :id and version = :version""")
			.params(attributeParams(input))
			.param("id", id)
			.param("version", version)
			.update();
		this.catalog.invalidate();
		return updated == 1;
	}

	void deleteAttribute(long id) {
		this.jdbc.sql("delete from cmdb_unique_value where attribute_id = :id").param("id", id).update();
		this.jdbc.sql("delete from cmdb_attribute where id = :id").param("id", id).update();
		this.catalog.invalidate();
	}

	/** The index of an attribute's unique values becomes {@code keysByCi} (CI id → value key), or empty. */
	void reindexUnique(long attributeId, Map<Long, String> keysByCi) {
		this.jdbc.sql("delete from cmdb_unique_value where attribute_id = :id").param("id", attributeId).update();
		keysByCi.forEach((ci, key) -> this.jdbc
			.sql("insert into cmdb_unique_value (attribute_id, value_key, ci_id) values (:a, :k, :c)")
			.param("a", attributeId)
			.param("k", key)
			.param("c", ci)
			.update());
	}

	private Map<String, Object> attributeParams(AttributeInput input) {
		Map<String, Object> p = new java.util.HashMap<>();
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

}
