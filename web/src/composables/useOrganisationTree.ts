import { ref } from 'vue'
import { organisationApi, type OrganisationNode } from '@/api/identity'
import { useSessionStore } from '@/stores/session'

/** Props for `el-tree` / `el-tree-select` showing {@link OrganisationNode}s. */
export const ORGANISATION_TREE_PROPS = { label: 'name', children: 'children' }

/** The caller's visible organisation forest (empty without `identity:organisation:read`). */
export function useOrganisationTree() {
  const session = useSessionStore()
  const tree = ref<OrganisationNode[]>([])
  const loading = ref(false)

  async function load(): Promise<void> {
    if (!session.hasPermission('identity:organisation:read')) return
    loading.value = true
    try {
      tree.value = await organisationApi.tree()
    } catch {
      /* shown by the HTTP client */
    } finally {
      loading.value = false
    }
  }

  return { tree, loading, load }
}
