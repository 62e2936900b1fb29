/** Helpers for the organisation tree (any `{id, children}` forest). */
export interface TreeNode<K = number> {
  id: K
  children?: TreeNode<K>[] | null
}

export function findNode<T extends TreeNode<K>, K>(forest: T[], id: K): T | null {
  for (const node of forest) {
    if (node.id === id) return node
    const found = findNode((node.children ?? []) as T[], id)
    if (found) return found
  }
  return null
}

/** The ids of a node and all of its descendants. */
export function subtreeIds<T extends TreeNode<K>, K>(node: T | null): Set<K> {
  const ids = new Set<K>()
  const walk = (n: TreeNode<K>) => {
    ids.add(n.id)
    for (const child of n.children ?? []) walk(child)
  }
  if (node) walk(node)
  return ids
}

/** The ids of a node's ancestors, from the root down (empty for a root or an unknown id). */
export function ancestorIds<T extends TreeNode<K>, K>(forest: T[], id: K): K[] {
  const walk = (nodes: TreeNode<K>[], trail: K[]): K[] | null => {
    for (const node of nodes) {
      if (node.id === id) return trail
      const found = walk(node.children ?? [], [...trail, node.id])
      if (found) return found
    }
    return null
  }
  return walk(forest, []) ?? []
}

/** Names by id over a forest of named nodes (e.g. to show organisation ids as names). */
export function nameIndex<K>(forest: { id: K; name: string; children?: unknown[] | null }[]): Map<K, string> {
  const names = new Map<K, string>()
  const walk = (nodes: { id: K; name: string; children?: unknown[] | null }[]) => {
    for (const node of nodes) {
      names.set(node.id, node.name)
      walk((node.children ?? []) as { id: K; name: string; children?: unknown[] | null }[])
    }
  }
  walk(forest)
  return names
}
