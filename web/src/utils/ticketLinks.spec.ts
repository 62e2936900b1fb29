import { describe, expect, it } from 'vitest'
import { LINK_ROLES, NEW_LINK_KINDS, type LinkedTicket, type LinkRole, type SavedSearch } from '@/api/ticketLinks'
import zhCN from '@/locales/zh-CN.json'
import en from '@/locales/en.json'
import { groupLinks, headlineLinks, moved, sameView, searchInput, ticketNumberOf, viewOf } from './ticketLinks'

function link(number: string, role: LinkRole): LinkedTicket {
  return {
    id: Number(number.slice(-4)),
    number,
    title: number,
    state: 'REPORTED',
    type: 'INCIDENT',
    kind: 'RELATED',
    direction: 'OUTGOING',
    role,
    removable: role !== 'COMPLAINT' && role !== 'COMPLAINED_TICKET',
    createdAt: '2026-12-06T01:00:00Z',
    createdBy: 1,
    createdByName: '管理员',
  }
}

const search: Pick<SavedSearch, 'queue' | 'filters' | 'sort'> = {
  queue: 'OPEN',
  filters: { type: 'INCIDENT', state: null, faultLevel: 1, businessSystemId: null, q: null },
  sort: 'dueAt,asc',
}

describe('ticket links', () => {
  it('are grouped by the part the other ticket plays, parents first, numbers ascending', () => {
    const groups = groupLinks([link('GZ-20261206-0003', 'RELATED'), link('GZ-20261206-0002', 'CHILD'), link('GZ-20261206-0001', 'CHILD'), link('GZ-20261206-0009', 'PARENT')])
    expect(groups.map((g) => g.role)).toEqual(['PARENT', 'CHILD', 'RELATED'])
    expect(groups[1].links.map((l) => l.number)).toEqual(['GZ-20261206-0001', 'GZ-20261206-0002'])
    expect(groupLinks([])).toEqual([])
  })

  it('put what the ticket duplicates, its parent and complaints in the header', () => {
    const headline = headlineLinks([link('TS-20261206-0001', 'COMPLAINT'), link('GZ-20261206-0002', 'RELATED'), link('GZ-20261206-0003', 'ORIGINAL'), link('GZ-20261206-0004', 'PARENT')])
    expect(headline.map((l) => l.role)).toEqual(['ORIGINAL', 'PARENT', 'COMPLAINT'])
  })

  it('recognise a whole ticket number typed in any case', () => {
    expect(ticketNumberOf(' gz-20261206-0007 ')).toBe('GZ-20261206-0007')
    expect(ticketNumberOf('GZ-2026')).toBeNull()
    expect(ticketNumberOf('机房空调')).toBeNull()
  })
})

describe('saved searches', () => {
  it('stand for the queue, filters and sort of the page', () => {
    const view = viewOf(search)
    expect(view).toEqual({ queue: 'OPEN', type: 'INCIDENT', state: null, faultLevel: 1, businessSystemId: null, q: '', sort: 'dueAt,asc' })
    expect(sameView(view, { ...view, q: '  ' })).toBe(true)
    expect(sameView(view, { ...view, sort: '' })).toBe(false)
    expect(sameView(view, { ...view, faultLevel: 2 })).toBe(false)
  })

  it('read an unknown queue as all tickets', () => {
    expect(viewOf({ ...search, queue: 'SOMEWHERE' as never }).queue).toBe('ALL')
  })

  it('are saved with trimmed words, no empty text and no default sort', () => {
    const input = searchInput('  一级故障 ', 7, { ...viewOf(search), q: '  ', sort: '' })
    expect(input).toEqual({
      name: '一级故障',
      groupId: 7,
      queue: 'OPEN',
      filters: { type: 'INCIDENT', state: null, faultLevel: 1, businessSystemId: null, q: null },
      sort: null,
    })
    expect(searchInput('x', null, viewOf(search), 3).version).toBe(3)
  })

  it('move one place up or down, and stay at either end', () => {
    expect(moved([1, 2, 3], 3, -1)).toEqual([1, 3, 2])
    expect(moved([1, 2, 3], 1, 1)).toEqual([2, 1, 3])
    expect(moved([1, 2, 3], 1, -1)).toEqual([1, 2, 3])
    expect(moved([1, 2, 3], 3, 1)).toEqual([1, 2, 3])
    expect(moved([1, 2, 3], 9, 1)).toEqual([1, 2, 3])
  })
})

describe('the words of links', () => {
  it('exist for every part a linked ticket plays and every kind one links by hand, in both languages', () => {
    for (const messages of [zhCN, en] as unknown as { ticketLinks: { role: Record<string, string>; kind: Record<string, string>; kindHint: Record<string, string> } }[]) {
      for (const role of LINK_ROLES) expect(messages.ticketLinks.role[role], role).toBeTruthy()
      for (const kind of NEW_LINK_KINDS) {
        expect(messages.ticketLinks.kind[kind], kind).toBeTruthy()
        expect(messages.ticketLinks.kindHint[kind], kind).toBeTruthy()
      }
    }
  })
})
