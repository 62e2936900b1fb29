package io.opsguard.cmdb.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.internal.CmdbGraph.Edge;
import io.opsguard.cmdb.internal.CmdbGraph.Graph;
import io.opsguard.cmdb.internal.ImpactAnalysis.Direction;
import io.opsguard.cmdb.internal.RelationService.SeenRelation;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue of business systems (业务/应用系统): their parties, what they are built from and how
 * they depend on each other. A province has tens to a few hundred, so the list is assembled in
 * memory from the CI store and the graph.
 */
@Service
public class BusinessSystemCatalogue {

	static final String CLASS_CODE = "BUSINESS_SYSTEM";

	private final CiService cis;

	private final ClassCatalog catalog;

	private final CmdbGraph graph;

	private final ImpactAnalysis impact;

	private final RelationService relations;

	private final Organisations organisations;

	private final org.springframework.beans.factory.ObjectProvider<io.opsguard.cmdb.BusinessSystemLevels> levels;

	BusinessSystemCatalogue(CiService cis, ClassCatalog catalog, CmdbGraph graph, ImpactAnalysis impact,
			RelationService relations, Organisations organisations,
			org.springframework.beans.factory.ObjectProvider<io.opsguard.cmdb.BusinessSystemLevels> levels) {
		this.levels = levels;
		this.cis = cis;
		this.catalog = catalog;
		this.graph = graph;
		this.impact = impact;
		this.relations = relations;
		this.organisations = organisations;
	}

	@Transactional(readOnly = true)
	public PageResult<BusinessSystem> search(CurrentUser user, String q, Long organisationId, String category,
			Boolean applicationSupport, CiStatus status, Integer page, Integer size) {
		PageQuery paging = PageQuery.of(page, size, null, Map.of(), "name");
		long classId = this.catalog.findByCode(CLASS_CODE).orElseThrow().id();
		List<CiRecord> all = this.cis.all(user,
				new CiFilter(q, null, classId, true, organisationId, status, null, null, null, null, false), 10_000);
		List<CiRecord> matching = new ArrayList<>();
		for (CiRecord r : all) {
			Map<String, Object> a = r.attributes();
			if (category != null && !category.isBlank() && !category.equals(a.get("category"))) {
				continue;
			}
			if (applicationSupport != null && applicationSupport != Boolean.TRUE.equals(a.get("applicationSupport"))) {
				continue;
			}
			matching.add(r);
		}
		int from = (int) Math.min(paging.offset(), matching.size());
		int to = Math.min(from + paging.size(), matching.size());
		List<CiRecord> pageOf = matching.subList(from, to);
		Map<Long, Integer> known = levels(pageOf.stream().map(CiRecord::id).toList());
		return new PageResult<>(pageOf.stream().map(r -> summary(r, known.get(r.id()))).toList(),
				matching.size(), paging.page(), paging.size());
	}

	@Transactional(readOnly = true)
	public BusinessSystemDetail get(CurrentUser user, long id) {
		CiRecord record = this.cis.visible(user, id);
		if (!this.catalog.isA(record.classId(), CLASS_CODE)) {
			throw OpsGuardException.notFound();
		}
		var built = this.impact.analyse(user, id, Direction.DOWN);
		List<Component> components = built.nodes()
			.stream()
			.filter(n -> n.id() != id && n.visible())
			.map(n -> new Component(n.id(), n.code(), n.name(), n.classCode(), n.retired()))
			.sorted(Comparator.comparing(Component::classCode, Comparator.nullsLast(String::compareTo))
				.thenComparing(Component::name, Comparator.nullsLast(String::compareTo)))
			.toList();
		Set<Long> systemClasses = this.catalog.subtree(this.catalog.findByCode(CLASS_CODE).orElseThrow().id());
		List<SeenRelation> dependencies = this.relations.of(user, id, null)
			.stream()
			.filter(seen -> {
				RelationType type = seen.relation().type();
				return type == RelationType.DEPENDS_ON || type == RelationType.SUPPORTS || type == RelationType.STANDBY_OF;
			})
			.filter(seen -> {
				RelationRow r = seen.relation();
				long other = r.sourceId() == id ? r.targetId() : r.sourceId();
				var node = this.graph.graph().nodes().get(other);
				return node != null && systemClasses.contains(node.classId());
			})
			.toList();
		return new BusinessSystemDetail(summary(record, levels(List.of(id)).get(id)), components, dependencies);
	}

	/** The guarantee levels of the systems, from the grading module when it is there. */
	private Map<Long, Integer> levels(List<Long> ids) {
		io.opsguard.cmdb.BusinessSystemLevels provider = this.levels.getIfAvailable();
		return provider == null || ids.isEmpty() ? Map.of() : provider.levels(ids);
	}

	private BusinessSystem summary(CiRecord r, Integer level) {
		Map<String, Object> a = r.attributes();
		Graph g = this.graph.graph();
		long dependsOn = 0;
		long dependedOnBy = 0;
		long systemClass = this.catalog.findByCode(CLASS_CODE).orElseThrow().id();
		for (Edge e : g.out(r.id())) {
			if ((e.type() == RelationType.DEPENDS_ON) && isSystem(g, e.target(), systemClass)) {
				dependsOn++;
			}
		}
		for (Edge e : g.in(r.id())) {
			if ((e.type() == RelationType.DEPENDS_ON || e.type() == RelationType.SUPPORTS)
					&& isSystem(g, e.source(), systemClass)) {
				dependedOnBy++;
			}
		}
		int components = this.impact.traverse(r.id(), Direction.DOWN).order().size() - 1;
		String category = (String) a.get("category");
		ClassCatalog.EnumOption categoryOption = category == null ? null
				: this.catalog.attributes(r.classId())
					.stream()
					.filter(d -> d.code().equals("category"))
					.findFirst()
					.flatMap(d -> d.options().stream().filter(o -> o.value().equals(category)).findFirst())
					.orElse(null);
		Object goLive = a.get("goLiveDate");
		return new BusinessSystem(r.id(), r.code(), r.name(), r.organisationId(),
				this.organisations.find(r.organisationId()).map(o -> o.name()).orElse(null), r.status(), r.importance(),
				category, categoryOption, text(a.get("businessParty")), text(a.get("technicalUndertaker")),
				text(a.get("technicalAuthority")), text(a.get("omParty")), goLive == null ? null : LocalDate.parse(goLive.toString()),
				Boolean.TRUE.equals(a.get("applicationSupport")), level, components, dependsOn, dependedOnBy);
	}

	private boolean isSystem(Graph g, long id, long systemClass) {
		var node = g.nodes().get(id);
		return node != null && !node.retired() && this.catalog.isA(node.classId(), systemClass);
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	/**
	 * A business system in the catalogue; {@code categoryOption} is the option of its category (with
	 * its labels), {@code guaranteeLevel} null until the system is graded.
	 */
	public record BusinessSystem(long id, String code, String name, long organisationId, String organisationName,
			CiStatus status, Importance importance, String category, ClassCatalog.EnumOption categoryOption, String businessParty,
			String technicalUndertaker, String technicalAuthority, String omParty, LocalDate goLiveDate,
			boolean applicationSupport, Integer guaranteeLevel, int componentCount, long dependsOn, long dependedOnBy) {
	}

	/** A business system with its components and its dependencies on other business systems. */
	public record BusinessSystemDetail(BusinessSystem system, List<Component> components,
			List<SeenRelation> dependencies) {
	}

	/** Something a business system is built from. */
	public record Component(long id, String code, String name, String classCode, boolean retired) {
	}

}
