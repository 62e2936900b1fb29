import { ref, type Ref } from 'vue'

/**
 * The remote search behind a select: `search(query)` asks `fetch` and keeps only the answer to the
 * latest question (a slow answer to an earlier one never overwrites it); a failure shows nothing
 * found; opening the select with nothing found yet searches for everything. `enabled` false: the
 * caller may not search (the current value stays as it is).
 */
export function useRemoteSearch<T>(fetch: (query: string) => Promise<T[]>, enabled: () => boolean = () => true) {
  const found = ref([]) as Ref<T[]>
  const loading = ref(false)
  let sequence = 0

  async function search(query: string): Promise<void> {
    if (!enabled()) return
    const mine = ++sequence
    loading.value = true
    try {
      const items = await fetch(query.trim())
      if (mine === sequence) found.value = items
    } catch {
      if (mine === sequence) found.value = []
    } finally {
      if (mine === sequence) loading.value = false
    }
  }

  function onOpen(open: boolean): void {
    if (open && !found.value.length) void search('')
  }

  return { found, loading, search, onOpen }
}
