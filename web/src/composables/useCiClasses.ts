import { computed, ref } from 'vue'
import { cmdbApi, type CiClassNode } from '@/api/cmdb'
import { useSessionStore } from '@/stores/session'
import { classGroup, className, classPathById, flattenClasses, isPhysicalClass } from '@/utils/cmdb'

/** Props for `el-tree` / `el-tree-select` showing {@link CiClassNode}s. */
export const CI_CLASS_TREE_PROPS = { label: 'name', children: 'children' }

/** The CMDB class tree (empty without `cmdb:class:read`) and lookups over it. */
export function useCiClasses() {
  const session = useSessionStore()
  const tree = ref<CiClassNode[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const flat = computed(() => flattenClasses(tree.value))
  const byId = computed(() => new Map(flat.value.map((c) => [c.node.id, c.node])))
  const byCode = computed(() => new Map(flat.value.map((c) => [c.node.code, c.node])))

  async function load(): Promise<void> {
    if (!session.hasPermission('cmdb:class:read')) {
      loaded.value = true
      return
    }
    loading.value = true
    try {
      tree.value = await cmdbApi.classes()
    } catch {
      /* shown by the HTTP client */
    } finally {
      loading.value = false
      loaded.value = true
    }
  }

  return {
    tree,
    flat,
    byId,
    byCode,
    loading,
    loaded,
    load,
    /** Name of a class code (the code itself only when the tree does not know it). */
    nameOf: (code: string | null | undefined, fallback = '') => className(tree.value, code, fallback),
    groupOf: (code: string | null | undefined) => classGroup(tree.value, code),
    isPhysical: (id: number | null | undefined) => isPhysicalClass(tree.value, id),
    pathOf: (id: number) => classPathById(tree.value, id),
  }
}
