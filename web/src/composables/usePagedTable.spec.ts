import { describe, expect, it, vi } from 'vitest'
import { usePagedTable } from './usePagedTable'

describe('usePagedTable', () => {
  it('asks for the 0-based page and keeps rows and total', async () => {
    const fetch = vi.fn().mockResolvedValue({ items: ['a', 'b'], total: 42, page: 1, size: 20 })
    const table = usePagedTable<string>(fetch)
    table.paging.page = 2
    await table.load()
    expect(fetch).toHaveBeenCalledWith({ page: 1, size: 20, sort: undefined })
    expect(table.rows.value).toEqual(['a', 'b'])
    expect(table.total.value).toBe(42)
    expect(table.loading.value).toBe(false)
  })

  it('sorting goes back to the first page with the API sort parameter', async () => {
    const fetch = vi.fn().mockResolvedValue({ items: [], total: 0, page: 0, size: 20 })
    const table = usePagedTable<string>(fetch)
    table.paging.page = 5
    table.onSort({ prop: 'username', order: 'descending' })
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled())
    expect(table.paging.page).toBe(1)
    expect(fetch).toHaveBeenLastCalledWith({ page: 0, size: 20, sort: 'username,desc' })
  })

  it('keeps the previous rows when loading fails', async () => {
    const fetch = vi.fn().mockResolvedValueOnce({ items: ['x'], total: 1, page: 0, size: 20 }).mockRejectedValueOnce(new Error('down'))
    const table = usePagedTable<string>(fetch)
    await table.load()
    await table.load()
    expect(table.rows.value).toEqual(['x'])
    expect(table.loading.value).toBe(false)
  })
})
