package io.opsguard.cmdb.web;

import java.util.List;
import java.util.Locale;

import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.internal.ClassCatalog;
import io.opsguard.cmdb.internal.ImpactAnalysis.AffectedSystem;
import io.opsguard.cmdb.internal.ImpactAnalysis.Direction;
import io.opsguard.cmdb.internal.ImpactAnalysis.Impact;
import io.opsguard.cmdb.internal.ImpactAnalysis.ImpactEdge;
import io.opsguard.cmdb.internal.ImpactAnalysis.ImpactNode;
import io.opsguard.cmdb.internal.ImpactAnalysis.PathStep;

import org.springframework.stereotype.Component;

/** An impact analysis as a reader sees it: class names and relation types in the reader's language. */
@Component
class ImpactViews {

	private final ClassCatalog catalog;

	private final RelationViews relations;

	ImpactViews(ClassCatalog catalog, RelationViews relations) {
		this.catalog = catalog;
		this.relations = relations;
	}

	ImpactView view(Impact impact, Locale locale) {
		return new ImpactView(node(impact.root(), locale), impact.direction(),
				impact.businessSystems().stream().map(s -> system(s, locale)).toList(),
				impact.nodes().stream().map(n -> node(n, locale)).toList(),
				impact.edges().stream().map(e -> edge(e, locale)).toList(), impact.truncated());
	}

	String className(String classCode, Locale locale) {
		return classCode == null ? null : this.catalog.findByCode(classCode).map(d -> ClassCatalog.name(d, locale)).orElse(null);
	}

	private NodeView node(ImpactNode n, Locale locale) {
		return new NodeView(n.id(), n.code(), n.name(), n.classCode(), className(n.classCode(), locale), n.businessSystem(),
				n.depth(), n.visible(), n.retired());
	}

	private EdgeView edge(ImpactEdge e, Locale locale) {
		return new EdgeView(e.source(), e.target(), e.type(), this.relations.typeLabel(e.type(), locale));
	}

	private SystemView system(AffectedSystem s, Locale locale) {
		return new SystemView(s.id(), s.code(), s.name(), s.distance(), s.visible(),
				s.path().stream().map(p -> step(p, locale)).toList());
	}

	private StepView step(PathStep p, Locale locale) {
		return new StepView(p.id(), p.name(), p.classCode(), p.relation() == null ? null : this.relations.typeLabel(p.relation(), locale));
	}

	/** The result of an impact analysis. */
	record ImpactView(NodeView root, Direction direction, List<SystemView> businessSystems, List<NodeView> nodes,
			List<EdgeView> edges, boolean truncated) {
	}

	/** A CI in the impact graph; names only when the caller may see it. */
	record NodeView(long id, String code, String name, String classCode, String className, boolean businessSystem,
			Integer depth, boolean visible, boolean retired) {
	}

	/** A relation in the impact graph, with its type in words. */
	record EdgeView(long source, long target, RelationType type, String label) {
	}

	/** A business system reached, with its distance and the path to it. */
	record SystemView(long id, String code, String name, int distance, boolean visible, List<StepView> path) {
	}

	/** One step of a path: the CI and the relation (in words) that led to it. */
	record StepView(long id, String name, String classCode, String relation) {
	}

}
