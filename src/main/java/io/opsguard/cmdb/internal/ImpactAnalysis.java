package io.opsguard.cmdb.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.internal.CmdbGraph.Edge;
import io.opsguard.cmdb.internal.CmdbGraph.Graph;
import io.opsguard.cmdb.internal.CmdbGraph.Node;
import io.opsguard.identity.CurrentUser;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which business systems a CI's failure affects (upwards: through what runs on it, depends on it
 * or is contained in it), or what a CI is built from (downwards), with the shortest path to each,
 * by breadth-first search over the in-memory graph.
 */
@Service
public class ImpactAnalysis {

	/** The largest graph handed to the UI; the business-system list is always complete. */
	static final int MAX_NODES = 500;

	private final CmdbGraph graph;

	private final CiService cis;

	private final ClassCatalog catalog;

	private final CiStore store;

	ImpactAnalysis(CmdbGraph graph, CiService cis, ClassCatalog catalog, CiStore store) {
		this.graph = graph;
		this.cis = cis;
		this.catalog = catalog;
		this.store = store;
	}

	@Transactional(readOnly = true)
	public Impact analyse(CurrentUser user, long ciId, Direction direction) {
		CiRecord root = this.cis.visible(user, ciId);
		Traversal traversal = traverse(ciId, direction);
		long businessSystem = this.catalog.findByCode("BUSINESS_SYSTEM").map(ClassCatalog.ClassDef::id).orElse(-1L);
		java.util.Set<Long> systemClasses = this.catalog.subtree(businessSystem);
		Graph g = this.graph.graph();

		List<Long> reachedSystems = new ArrayList<>();
		for (Long id : traversal.order()) {
			Node node = g.nodes().get(id);
			if (id != ciId && node != null && !node.retired() && systemClasses.contains(node.classId())) {
				reachedSystems.add(id);
			}
		}
		List<Long> shown = traversal.order().stream().limit(MAX_NODES).toList();
		Map<Long, Named> names = names(shown, reachedSystems, traversal);

		List<ImpactNode> nodes = new ArrayList<>();
		for (Long id : shown) {
			Node node = g.nodes().get(id);
			boolean visible = node != null && user.scope().includes(node.organisationId());
			Named named = names.get(id);
			var classDef = node == null ? null : this.catalog.find(node.classId()).orElse(null);
			nodes.add(new ImpactNode(id, visible && named != null ? named.code() : null,
					visible && named != null ? named.name() : null, classDef == null ? null : classDef.code(),
					node != null && systemClasses.contains(node.classId()), traversal.depth().get(id), visible,
					node != null && node.retired()));
		}
		List<ImpactEdge> edges = new ArrayList<>();
		java.util.Set<Long> shownIds = new java.util.HashSet<>(shown);
		for (Long id : shown) {
			Step step = traversal.via().get(id);
			if (step != null && shownIds.contains(step.from())) {
				edges.add(new ImpactEdge(step.edge().source(), step.edge().target(), step.edge().type()));
			}
		}
		List<AffectedSystem> systems = new ArrayList<>();
		for (Long id : reachedSystems) {
			Node node = g.nodes().get(id);
			boolean visible = user.scope().includes(node.organisationId());
			Named named = names.get(id);
			systems.add(new AffectedSystem(id, visible ? named.code() : null, visible ? named.name() : null,
					traversal.depth().get(id), visible, path(id, traversal, names, user, g)));
		}
		systems.sort(Comparator.comparingInt(AffectedSystem::distance).thenComparing(s -> s.name() == null ? "" : s.name()));
		return new Impact(new ImpactNode(root.id(), root.code(), root.name(),
				this.catalog.find(root.classId()).map(ClassCatalog.ClassDef::code).orElse(null),
				systemClasses.contains(root.classId()), 0, true, false), direction, systems, nodes, edges,
				traversal.order().size() > MAX_NODES);
	}

	/** Every CI reachable from {@code start} in the direction, in breadth-first order. */
	Traversal traverse(long start, Direction direction) {
		Graph g = this.graph.graph();
		Map<Long, Integer> depth = new LinkedHashMap<>();
		Map<Long, Step> via = new HashMap<>();
		Deque<Long> queue = new ArrayDeque<>();
		depth.put(start, 0);
		queue.add(start);
		while (!queue.isEmpty()) {
			long current = queue.poll();
			int d = depth.get(current);
			for (Edge edge : next(g, current, direction)) {
				long other = edge.source() == current ? edge.target() : edge.source();
				if (!depth.containsKey(other)) {
					depth.put(other, d + 1);
					via.put(other, new Step(current, edge));
					queue.add(other);
				}
			}
		}
		return new Traversal(List.copyOf(depth.keySet()), depth, via);
	}

	/**
	 * The edges along which a failure spreads. Up: B fails → what runs on B or depends on B (edges
	 * into B), and what B contains (edges out of B). Down: the reverse.
	 */
	private static List<Edge> next(Graph g, long node, Direction direction) {
		List<Edge> result = new ArrayList<>();
		boolean up = direction == Direction.UP;
		for (Edge edge : up ? g.in(node) : g.out(node)) {
			if (edge.type() == RelationType.RUNS_ON || edge.type() == RelationType.DEPENDS_ON) {
				result.add(edge);
			}
		}
		for (Edge edge : up ? g.out(node) : g.in(node)) {
			if (edge.type() == RelationType.CONTAINS) {
				result.add(edge);
			}
		}
		return result;
	}

	private List<PathStep> path(long to, Traversal traversal, Map<Long, Named> names, CurrentUser user, Graph g) {
		List<PathStep> steps = new ArrayList<>();
		Long current = to;
		while (current != null) {
			Step step = traversal.via().get(current);
			Node node = g.nodes().get(current);
			boolean visible = node != null && user.scope().includes(node.organisationId());
			Named named = names.get(current);
			String classCode = node == null ? null
					: this.catalog.find(node.classId()).map(ClassCatalog.ClassDef::code).orElse(null);
			steps.add(0, new PathStep(current, visible && named != null ? named.name() : null, classCode,
					step == null ? null : step.edge().type()));
			current = step == null ? null : step.from();
		}
		return steps;
	}

	/** Codes and names of the CIs shown and of everything on the paths to the business systems. */
	private Map<Long, Named> names(List<Long> shown, List<Long> systems, Traversal traversal) {
		java.util.Set<Long> wanted = new java.util.HashSet<>(shown);
		for (Long system : systems) {
			for (Long at = system; at != null; at = traversal.via().containsKey(at) ? traversal.via().get(at).from() : null) {
				wanted.add(at);
			}
		}
		Map<Long, Named> names = new HashMap<>();
		this.store.names(wanted).forEach((id, named) -> names.put(id, new Named(named.code(), named.name())));
		return names;
	}

	/** Up: what is affected when the CI fails. Down: what the CI is built from. */
	public enum Direction {

		UP, DOWN

	}

	record Traversal(List<Long> order, Map<Long, Integer> depth, Map<Long, Step> via) {
	}

	record Step(long from, Edge edge) {
	}

	private record Named(String code, String name) {
	}

	/** The result of an impact analysis. */
	public record Impact(ImpactNode root, Direction direction, List<AffectedSystem> businessSystems,
			List<ImpactNode> nodes, List<ImpactEdge> edges, boolean truncated) {
	}

	/** A CI in the impact graph; names only when the caller may see it. */
	public record ImpactNode(long id, String code, String name, String classCode, boolean businessSystem, Integer depth,
			boolean visible, boolean retired) {
	}

	/** A relation in the impact graph. */
	public record ImpactEdge(long source, long target, RelationType type) {
	}

	/** A business system reached, with its distance and the path to it. */
	public record AffectedSystem(long id, String code, String name, int distance, boolean visible,
			List<PathStep> path) {
	}

	/** One step of a path: the CI and the relation that led to it (none for the first). */
	public record PathStep(long id, String name, String classCode, RelationType relation) {
	}

}
