import { http, type Page } from './http'
import type { Ticket, TicketQueue, TicketState, TicketType } from './servicedesk'

/**
 * Links between tickets (关联工单) and saved searches of the queue page (我的视图); see
 * docs/api/service-desk.md.
 */

// ---------------------------------------------------------------- links between tickets

/** What a link says, as stored: "ticket_id <kind> other_id". */
export const LINK_KINDS = ['RELATED', 'DUPLICATE', 'PARENT', 'CAUSED_BY', 'COMPLAINT'] as const
export type LinkKind = (typeof LINK_KINDS)[number]

/** The kinds an agent links by hand, from this ticket's side (CHILD: this ticket is the other's child). */
export const NEW_LINK_KINDS = ['RELATED', 'DUPLICATE', 'PARENT', 'CHILD', 'CAUSED_BY'] as const
export type NewLinkKind = (typeof NEW_LINK_KINDS)[number]

/** The part the other ticket plays for this one, in the order the ticket page shows them. */
export const LINK_ROLES = ['PARENT', 'CHILD', 'ORIGINAL', 'DUPLICATE', 'CAUSE', 'EFFECT', 'RELATED', 'COMPLAINED_TICKET', 'COMPLAINT'] as const
export type LinkRole = (typeof LINK_ROLES)[number]

/** A linked ticket as this ticket sees it; `id` is the other ticket's. */
export interface LinkedTicket {
  id: number
  number: string
  title: string
  state: TicketState
  type: TicketType
  kind: LinkKind
  direction: 'OUTGOING' | 'INCOMING'
  role: LinkRole
  removable: boolean
  createdAt: string
  createdBy: number | null
  createdByName: string | null
}

export interface NewLink {
  otherId?: number | null
  otherNumber?: string | null
  kind: NewLinkKind
}

export const ticketLinkApi = {
  of: (ticketId: number) => http.get<LinkedTicket[]>(`tickets/${ticketId}/links`, undefined, { silent: true }),
  /** Field errors (kind, otherNumber/otherId) are shown at their fields by the dialog. */
  add: (ticketId: number, input: NewLink) => http.post<LinkedTicket[]>(`tickets/${ticketId}/links`, input, { form: true }),
  remove: (ticketId: number, otherId: number, kind: LinkKind) =>
    http.delete<LinkedTicket[]>(`tickets/${ticketId}/links/${otherId}`, { query: { kind } }),
  /** Tickets to link: by number (or its beginning) or words of the title, among all the reader sees; quiet while typing. */
  find: (q: string) => http.get<Page<Ticket>>('tickets', { queue: 'ALL', q: q || undefined, page: 0, size: 20 }, { silent: true }),
}

// ---------------------------------------------------------------- saved searches

/** The filters of a saved search, as the ticket list names its parameters. */
export interface SearchFilters {
  type: TicketType | null
  state: TicketState | null
  faultLevel: number | null
  businessSystemId: number | null
  q: string | null
}

export interface SavedSearch {
  id: number
  name: string
  owner: { id: number; name: string | null }
  mine: boolean
  shared: boolean
  group: { id: number; name: string | null } | null
  queue: TicketQueue
  filters: SearchFilters
  /** The name of the business system it filters by, when the reader may see that system. */
  businessSystemName: string | null
  sort: string | null
  position: number
  createdAt: string
  updatedAt: string
  version: number
}

export interface SearchInput {
  name: string
  groupId: number | null
  queue: TicketQueue
  filters: Partial<SearchFilters>
  sort: string | null
  position?: number | null
  version?: number
}

/** A saved search changed by someone else meanwhile. */
export const STALE_SEARCH = 'SD-0068'

export const savedSearchApi = {
  list: () => http.get<SavedSearch[]>('ticket-searches', undefined, { silent: true }),
  counts: () => http.get<Record<string, number>>('ticket-searches/counts', undefined, { silent: true }),
  create: (input: SearchInput) => http.post<SavedSearch>('ticket-searches', input, { form: true }),
  update: (id: number, input: SearchInput) => http.put<SavedSearch>(`ticket-searches/${id}`, input, { form: true, quietCodes: [STALE_SEARCH] }),
  reorder: (ids: number[]) => http.put<SavedSearch[]>('ticket-searches/order', { ids }),
  remove: (id: number) => http.delete(`ticket-searches/${id}`),
  /** The name of a business system a view filters by (restored from the address); quiet: the filter works without it. */
  systemName: async (id: number) => (await http.get<{ name: string }>(`cmdb/business-systems/${id}`, undefined, { silent: true })).name,
}
