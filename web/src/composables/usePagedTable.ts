import { reactive, ref, type Ref } from 'vue'
import type { Page, PageQuery } from '@/api/http'
import { toSortParam } from '@/utils/format'

/**
 * The state every server-paged table needs: rows, total, loading flag, page/size/sort, and the
 * actions around them. `fetch` gets the 0-based query the API takes; errors are shown by the HTTP
 * client, so a failed load just leaves the table as it was.
 */
export function usePagedTable<T>(fetch: (query: PageQuery) => Promise<Page<T>>, pageSize = 20) {
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const paging = reactive({ page: 1, size: pageSize, sort: undefined as string | undefined })

  async function load(): Promise<void> {
    loading.value = true
    try {
      const page = await fetch({ page: paging.page - 1, size: paging.size, sort: paging.sort })
      rows.value = page.items
      total.value = page.total
    } catch {
      /* shown by the HTTP client */
    } finally {
      loading.value = false
    }
  }

  /** Back to the first page with the current filters. */
  function search(): void {
    paging.page = 1
    void load()
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  /** Search once the user has stopped typing for a moment. */
  function searchSoon(): void {
    clearTimeout(timer)
    timer = setTimeout(search, 400)
  }

  /** For `el-table`'s `sort-change` with `sortable="custom"` columns. */
  function onSort({ prop, order }: { prop: string; order: 'ascending' | 'descending' | null }): void {
    paging.sort = toSortParam(prop, order)
    search()
  }

  return { rows, total, loading, paging, load, search, searchSoon, onSort }
}
