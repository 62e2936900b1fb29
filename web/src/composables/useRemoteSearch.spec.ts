import { describe, expect, it } from 'vitest'
import { useRemoteSearch } from './useRemoteSearch'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useRemoteSearch', () => {
  it('keeps only the answer to the latest question', async () => {
    const answers = [deferred<string[]>(), deferred<string[]>()]
    let call = 0
    const { found, loading, search } = useRemoteSearch((q) => answers[call++].promise.then((items) => items.map((i) => `${q}:${i}`)))
    const first = search(' a ')
    const second = search('b')
    answers[1].resolve(['x'])
    await second
    answers[0].resolve(['stale'])
    await first
    expect(found.value).toEqual(['b:x'])
    expect(loading.value).toBe(false)
  })

  it('shows nothing found when the search fails, and searches everything when opened empty', async () => {
    const queries: string[] = []
    const { found, search, onOpen } = useRemoteSearch<string>((q) => {
      queries.push(q)
      return q === 'bad' ? Promise.reject(new Error('down')) : Promise.resolve(['one'])
    })
    await search('bad')
    expect(found.value).toEqual([])
    onOpen(true)
    await Promise.resolve()
    await Promise.resolve()
    expect(queries).toEqual(['bad', ''])
  })

  it('does not search when the caller may not', async () => {
    let asked = false
    const { search } = useRemoteSearch(() => {
      asked = true
      return Promise.resolve([1])
    }, () => false)
    await search('x')
    expect(asked).toBe(false)
  })
})
