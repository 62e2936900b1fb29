package io.opsguard.identity.internal;

import io.opsguard.shared.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsguard.identity.Organisations.OrganisationView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An in-memory snapshot of the organisation tree, used for every scope decision (a few thousand
 * nodes at most). It is dropped when this node changes an organisation and, for clusters,
 * reloaded at least every 30 seconds.
 */
@Component
public class OrganisationTree {

	private final JdbcClient jdbc;

	private final Snapshot<Tree> snapshot;

	OrganisationTree(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.snapshot = new Snapshot<>(Duration.ofSeconds(30), clock, this::load);
	}

	/** Drops the snapshot now and again when the running transaction ends. */
	public void invalidate() {
		this.snapshot.invalidate();
	}

	private Tree snapshot() {
		return this.snapshot.get();
	}

	private Tree load() {
		List<Node> nodes = this.jdbc
			.sql("select id, parent_id, name, code, type, enabled, sort_order from idn_organisation")
			.query((rs, i) -> new Node(rs.getLong("id"), (Long) rs.getObject("parent_id", Long.class),
					rs.getString("name"), rs.getString("code"), rs.getString("type"), rs.getBoolean("enabled"),
					rs.getInt("sort_order")))
			.list();
		Map<Long, Node> byId = new HashMap<>();
		Map<Long, List<Node>> children = new HashMap<>();
		for (Node node : nodes) {
			byId.put(node.id(), node);
		}
		for (Node node : nodes) {
			children.computeIfAbsent(node.parentId(), k -> new ArrayList<>()).add(node);
		}
		Comparator<Node> order = Comparator.comparingInt(Node::sortOrder).thenComparing(Node::name).thenComparing(Node::id);
		children.values().forEach(list -> list.sort(order));
		return new Tree(Map.copyOf(byId), children);
	}

	public Optional<OrganisationView> find(long id) {
		return Optional.ofNullable(snapshot().byId().get(id)).map(Node::view);
	}

	public Set<Long> subtree(long id) {
		Tree s = snapshot();
		Set<Long> result = new LinkedHashSet<>();
		if (!s.byId().containsKey(id)) {
			return result;
		}
		List<Long> stack = new ArrayList<>(List.of(id));
		while (!stack.isEmpty()) {
			Long current = stack.remove(stack.size() - 1);
			if (result.add(current)) {
				for (Node child : s.children().getOrDefault(current, List.of())) {
					stack.add(child.id());
				}
			}
		}
		return result;
	}

	public Set<Long> subtrees(Collection<Long> roots) {
		Set<Long> result = new LinkedHashSet<>();
		for (Long root : roots) {
			if (!result.contains(root)) {
				result.addAll(subtree(root));
			}
		}
		return result;
	}

	public List<OrganisationView> path(long id) {
		Tree s = snapshot();
		List<OrganisationView> path = new ArrayList<>();
		Node node = s.byId().get(id);
		int guard = 0;
		while (node != null && guard++ < 1000) {
			path.add(0, node.view());
			node = node.parentId() == null ? null : s.byId().get(node.parentId());
		}
		return path;
	}

	public List<Long> allIds() {
		return List.copyOf(snapshot().byId().keySet());
	}

	/** Whether a scope lets its holder see every organisation that exists now. */
	public boolean coversEverything(io.opsguard.identity.DataScope scope) {
		return scope.all() || scope.organisationIds().containsAll(snapshot().byId().keySet());
	}

	/** The organisation's ancestors, nearest last, without the organisation itself. */
	public List<Long> ancestors(long id) {
		List<OrganisationView> path = path(id);
		return path.stream().limit(Math.max(0, path.size() - 1)).map(OrganisationView::id).toList();
	}

	public int childCount(long id) {
		return snapshot().children().getOrDefault(id, List.of()).size();
	}

	public Optional<OrganisationView> findByCode(String code) {
		return snapshot().byId().values().stream().filter(n -> n.code().equalsIgnoreCase(code)).findFirst().map(Node::view);
	}

	/**
	 * The part of the tree inside {@code visible}: every visible organisation whose parent is not
	 * visible becomes a root of the forest.
	 */
	public List<TreeNode> forest(Set<Long> visible, boolean all) {
		Tree s = snapshot();
		List<TreeNode> roots = new ArrayList<>();
		List<Node> candidates = new ArrayList<>(s.byId().values());
		candidates.sort(Comparator.comparingInt(Node::sortOrder).thenComparing(Node::name).thenComparing(Node::id));
		for (Node node : candidates) {
			boolean inside = all || visible.contains(node.id());
			boolean parentInside = node.parentId() != null && (all || visible.contains(node.parentId()));
			if (inside && !parentInside) {
				roots.add(build(s, node, visible, all));
			}
		}
		return roots;
	}

	private TreeNode build(Tree s, Node node, Set<Long> visible, boolean all) {
		List<TreeNode> children = new ArrayList<>();
		for (Node child : s.children().getOrDefault(node.id(), List.of())) {
			if (all || visible.contains(child.id())) {
				children.add(build(s, child, visible, all));
			}
		}
		return new TreeNode(node.id(), node.parentId(), node.name(), node.code(), node.type(), node.enabled(), children);
	}

	/** A node of the visible forest, as the organisation tree screen shows it. */
	public record TreeNode(long id, Long parentId, String name, String code, String type, boolean enabled,
			List<TreeNode> children) {
	}

	private record Node(long id, Long parentId, String name, String code, String type, boolean enabled, int sortOrder) {

		OrganisationView view() {
			return new OrganisationView(this.id, this.parentId, this.name, this.code, this.type, this.enabled);
		}

	}

	private record Tree(Map<Long, Node> byId, Map<Long, List<Node>> children) {
	}

}
