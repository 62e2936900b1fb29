import { LINK_ROLES, type LinkedTicket, type LinkRole, type SavedSearch, type SearchInput } from '@/api/ticketLinks'
import { TICKET_QUEUES, type TicketQueue, type TicketState, type TicketType } from '@/api/servicedesk'

// ---------------------------------------------------------------- links

export interface LinkGroup {
  role: LinkRole
  links: LinkedTicket[]
}

/** A ticket's links grouped by the part the other ticket plays (父工单, 子工单, …), in the page's order, numbers ascending. */
export function groupLinks(links: readonly LinkedTicket[]): LinkGroup[] {
  return LINK_ROLES.map((role) => ({
    role,
    links: links.filter((l) => l.role === role).sort((a, b) => a.number.localeCompare(b.number)),
  })).filter((g) => g.links.length > 0)
}

/** The links worth a word in the ticket's header: what it duplicates, its parent, and complaints. */
export function headlineLinks(links: readonly LinkedTicket[]): LinkedTicket[] {
  const order: LinkRole[] = ['ORIGINAL', 'PARENT', 'COMPLAINED_TICKET', 'COMPLAINT']
  return links.filter((l) => order.includes(l.role)).sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
}

/** The ticket number typed into the search box, upper-cased, when it is one (`gz-20261206-0007`). */
export function ticketNumberOf(text: string): string | null {
  const value = text.trim().toUpperCase()
  return /^[A-Z]{2}-\d{8}-\d{4,7}$/.test(value) ? value : null
}

// ---------------------------------------------------------------- saved searches

/** What the queue page shows: a queue, its filters and its sort (`field,asc|desc`, '' for the default). */
export interface ViewState {
  queue: TicketQueue
  type: TicketType | null
  state: TicketState | null
  faultLevel: number | null
  businessSystemId: number | null
  q: string
  sort: string
}

/** The page's state a saved search stands for. */
export function viewOf(search: Pick<SavedSearch, 'queue' | 'filters' | 'sort'>): ViewState {
  return {
    queue: TICKET_QUEUES.includes(search.queue) ? search.queue : 'ALL',
    type: search.filters.type ?? null,
    state: search.filters.state ?? null,
    faultLevel: search.filters.faultLevel ?? null,
    businessSystemId: search.filters.businessSystemId ?? null,
    q: search.filters.q ?? '',
    sort: search.sort ?? '',
  }
}

/** Whether the page shows exactly what a saved search holds (its button is then marked). */
export function sameView(a: ViewState, b: ViewState): boolean {
  return (
    a.queue === b.queue &&
    a.type === b.type &&
    a.state === b.state &&
    a.faultLevel === b.faultLevel &&
    a.businessSystemId === b.businessSystemId &&
    a.q.trim() === b.q.trim() &&
    a.sort === b.sort
  )
}

/** What to save for the page's state under a name, shared with a group or not. */
export function searchInput(name: string, groupId: number | null, view: ViewState, version?: number): SearchInput {
  return {
    name: name.trim(),
    groupId,
    queue: view.queue,
    filters: {
      type: view.type,
      state: view.state,
      faultLevel: view.faultLevel,
      businessSystemId: view.businessSystemId,
      q: view.q.trim() || null,
    },
    sort: view.sort || null,
    ...(version === undefined ? {} : { version }),
  }
}

/** The ids in a new order after moving one up (-1) or down (+1); unchanged at either end. */
export function moved(ids: readonly number[], id: number, step: -1 | 1): number[] {
  const list = [...ids]
  const i = list.indexOf(id)
  const j = i + step
  if (i < 0 || j < 0 || j >= list.length) return list
  ;[list[i], list[j]] = [list[j], list[i]]
  return list
}
