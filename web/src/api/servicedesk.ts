import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE, XSRF_COOKIE, XSRF_HEADER, apiUrl, download, http, parseProblem, readDocumentCookie, type Page, type PageQuery } from './http'
import { i18n } from '@/i18n'
import type { BusinessSystem } from './cmdb'
import type { User } from './identity'
import type { TicketType } from './servicelevel'

/**
 * The service desk (docs/api/service-desk.md): tickets (`/api/v1/tickets`) with their lifecycle
 * actions, SLA timers, history and comments, and support groups (`/api/v1/support-groups`).
 * Instants are ISO-8601; durations ISO-8601 working time (`PT30M`, `PT8H`; the server writes
 * elapsed time as Java does, e.g. `PT1H23M45.5S`).
 */

export type { TicketType } from './servicelevel'
export { TICKET_TYPES, FAULT_LEVELS } from './servicelevel'

// ---------------------------------------------------------------- enums

export const TICKET_STATES = [
  'REPORTED',
  'ACCEPTED',
  'RESPONDED',
  'ESCALATED',
  'DISPATCHED',
  'IN_PROGRESS',
  'SUSPENDED',
  'SECOND_LINE',
  'RESOLVED',
  'FEEDBACK_GIVEN',
  'RATED',
  'CLOSED',
] as const
export type TicketState = (typeof TICKET_STATES)[number]

/** States in which the work is done (the `OPEN` queue leaves them out). */
export const DONE_STATES: readonly TicketState[] = ['RESOLVED', 'FEEDBACK_GIVEN', 'RATED', 'CLOSED']

/** Lifecycle actions as URL verbs, in the order people take them (the server's order too). */
export const TICKET_ACTIONS = ['accept', 'respond', 'dispatch', 'start', 'pause', 'resume', 'escalate', 'hand-back', 'resolve', 'feedback', 'rate', 'close', 'reopen'] as const
export type TicketAction = (typeof TICKET_ACTIONS)[number]

/** What the history records (upper case, with `CREATE`, `EDIT` and `RELEVEL` besides the actions). */
export const HISTORY_EVENTS = ['CREATE', 'ACCEPT', 'RESPOND', 'DISPATCH', 'START', 'PAUSE', 'RESUME', 'ESCALATE', 'HAND_BACK', 'RESOLVE', 'FEEDBACK', 'RATE', 'CLOSE', 'REOPEN', 'EDIT', 'RELEVEL', 'LINK', 'UNLINK'] as const
export type HistoryEvent = (typeof HISTORY_EVENTS)[number]

export const TICKET_CHANNELS = ['HOTLINE', 'PORTAL', 'EMAIL', 'IM', 'ONSITE', 'MONITORING', 'API'] as const
export type TicketChannel = (typeof TICKET_CHANNELS)[number]

export const TIMER_METRICS = ['RESPONSE', 'DISPATCH', 'ONSITE', 'RESOLUTION', 'PROGRESS_UPDATE', 'FIRST_FEEDBACK', 'GROUP'] as const
export type TimerMetric = (typeof TIMER_METRICS)[number]

export const TIMER_STATES = ['RUNNING', 'PAUSED', 'STOPPED'] as const
export type TimerState = (typeof TIMER_STATES)[number]

export const TIMER_STEP_KINDS = ['START', 'PAUSE', 'RESUME', 'STOP', 'RETARGET', 'RESTART'] as const
export type TimerStepKind = (typeof TIMER_STEP_KINDS)[number]

/** The queues of the agent's screen, in the order the page shows them. */
export const TICKET_QUEUES = ['MINE', 'MY_GROUPS', 'UNASSIGNED', 'DUE_SOON', 'BREACHED', 'OPEN', 'ALL'] as const
export type TicketQueue = (typeof TICKET_QUEUES)[number]

/** Fields the list sorts by (`sort=<field>,asc|desc`). */
export const TICKET_SORT_FIELDS = ['reportedAt', 'dueAt', 'number', 'faultLevel', 'state', 'updatedAt'] as const
export type TicketSortField = (typeof TICKET_SORT_FIELDS)[number]

/** Support lines: 1 一线, 2 二线. */
export const SUPPORT_LINES = [1, 2] as const
export type SupportLine = (typeof SUPPORT_LINES)[number]

// ---------------------------------------------------------------- tickets

/** Something referred to by id, with its name (null when the reader may not see it). */
export interface Ref {
  id: number
  name: string | null
}

export interface Contact {
  name: string | null
  phone: string | null
  unit: string | null
  /** Who wrote in by e-mail. */
  email?: string | null
}

export interface SlaTimer {
  id: number
  metric: TimerMetric
  /** The group of a `GROUP` timer; null otherwise. */
  groupId: number | null
  state: TimerState
  /** As the policy writes it (`P1D`). */
  target: string
  /** The target in working time on the timer's calendar (`PT8H`). */
  targetTime: string
  /** When the target is reached if the clock keeps running; null while paused or stopped. */
  dueAt: string | null
  /** Working time counted so far. */
  elapsed: string
  breached: boolean
}

export interface Ticket {
  id: number
  number: string
  type: TicketType
  state: TicketState
  channel: TicketChannel
  title: string
  description: string | null
  requesterId: number | null
  requester: Ref | null
  contact: Contact | null
  organisationId: number
  businessSystemId: number | null
  businessSystem: Ref | null
  ciIds: number[]
  cis: Ref[]
  category: string | null
  faultLevel: number
  onSiteRequired: boolean
  group: Ref | null
  assignee: Ref | null
  solution: string | null
  cause: string | null
  resolutionCategory: string | null
  rating: number | null
  ratingComment: string | null
  reportedAt: string
  createdAt: string
  updatedAt: string
  resolvedAt: string | null
  closedAt: string | null
  /** The earliest due time of the running SLA timers. */
  dueAt: string | null
  breached: boolean
  version: number
  /** Only when one ticket is read. */
  allowedActions?: TicketAction[] | null
  /** Only when one ticket is read. */
  slaTimers?: SlaTimer[] | null
  /** Only when one ticket is read: the catalogue item it was raised from, with the answers; null otherwise. */
  form?: TicketCatalogueForm | null
}

export interface TicketQuery extends PageQuery {
  queue?: TicketQueue | null
  type?: TicketType | null
  state?: TicketState | null
  faultLevel?: number | null
  businessSystemId?: number | null
  q?: string
}

export type QueueCounts = Partial<Record<TicketQueue, number>>

export interface NewTicket {
  type: TicketType
  channel?: TicketChannel
  title: string
  description?: string | null
  requesterId?: number | null
  contact?: { name: string | null; phone: string | null; unit: string | null } | null
  organisationId?: number | null
  businessSystemId?: number | null
  ciIds?: number[]
  category?: string | null
  faultLevel?: number | null
  onSiteRequired?: boolean
  reportedAt?: string
  acceptNow?: boolean
  /** Raised from the service catalogue: the item gives the type, and a title and category when none is given. */
  catalogueItemId?: number | null
  /** The item's form values by field key (strings; `true`/`false` for a checkbox). */
  formValues?: Record<string, string | boolean> | null
}

export interface TicketEdit {
  version: number
  title: string
  description: string | null
  category: string | null
  faultLevel: number
  businessSystemId: number | null
  ciIds: number[]
  reason: string | null
}

/** What an action carries: the version read, and what the action needs. */
export interface ActionInput {
  version: number
  comment?: string | null
  groupId?: number | null
  assigneeId?: number | null
  solution?: string | null
  cause?: string | null
  resolutionCategory?: string | null
  rating?: number | null
  /** hand-back: PHONE, ONSITE or REMOTE */
  supportMode?: string | null
}

export interface HistoryEntry {
  id: number
  at: string
  userId: number | null
  /** Who acted, by name (null when the user no longer exists). */
  userName: string | null
  action: HistoryEvent | string
  from: TicketState | null
  to: TicketState | null
  comment: string | null
  /** `ticket.history.assigned` (args `groupId,assigneeId`), `…escalated`, `…relevel` (`from,to`), `…system`, `…linked`/`…unlinked` (`role,number`). */
  detailKey: string | null
  detailArgs: string | null
}

export interface TimerStep {
  kind: TimerStepKind
  at: string
  reason: string | null
  /** The target in force after the step. */
  target: string
  /** Working time counted up to the step. */
  elapsed: string
}

export interface TimerTimeline {
  id: number
  metric: TimerMetric
  groupId: number | null
  calendarCode: string
  calendarVersion: number
  steps: TimerStep[]
}

export interface TicketComment {
  id: number
  authorId: number | null
  authorName: string | null
  at: string
  body: string
  visibleToRequester: boolean
}

// ---------------------------------------------------------------- support groups

export interface SupportGroup {
  id: number
  name: string
  line: SupportLine
  organisationId: number
  leadId: number | null
  enabled: boolean
  version: number
  memberIds: number[]
  /** The members with their names: agents dispatch to a person without reading the user directory. */
  members: { id: number; name: string | null }[]
}

export interface SupportGroupInput {
  name: string
  line: SupportLine
  organisationId: number | null
  leadId: number | null
  memberIds: number[]
  enabled?: boolean
}

// ---------------------------------------------------------------- service catalogue (R-DSK-14)

/** What a catalogue form field holds. */
export const CATALOGUE_FIELD_KINDS = ['TEXT', 'TEXTAREA', 'NUMBER', 'DATE', 'SELECT', 'PHONE', 'CHECKBOX'] as const
export type CatalogueFieldKind = (typeof CATALOGUE_FIELD_KINDS)[number]

/** Ticket types a catalogue item may raise (faults and complaints are reported, not ordered). */
export const CATALOGUE_TICKET_TYPES = ['SERVICE_REQUEST', 'CONSULTATION', 'REQUIREMENT'] as const

/** A field of an item's form: `label` in Chinese, `labelEn` in English (the Chinese one when absent). */
export interface CatalogueField {
  key: string
  label: string
  labelEn: string | null
  kind: CatalogueFieldKind
  required: boolean
  /** The choices of a `SELECT`; empty otherwise. */
  options: string[]
  hint: string | null
}

export interface CatalogueItem {
  id: number
  code: string
  name: string
  nameEn: string | null
  description: string | null
  category: string | null
  ticketType: TicketType
  fields: CatalogueField[]
  defaultGroupId: number | null
  sortOrder: number
  enabled: boolean
  version: number
}

export interface CatalogueItemInput {
  code: string
  name: string
  nameEn: string | null
  description: string | null
  category: string | null
  ticketType: TicketType
  fields: CatalogueField[]
  defaultGroupId: number | null
  sortOrder: number
  enabled: boolean
}

/** A value a ticket was raised with, with its field's names as the form has them now. */
export interface CatalogueAnswer {
  key: string
  label: string
  labelEn: string | null
  kind: CatalogueFieldKind
  value: string
}

/** The catalogue item a ticket was raised from, and the answers. */
export interface TicketCatalogueForm {
  itemId: number
  code: string
  name: string
  nameEn: string | null
  defaultGroupId: number | null
  answers: CatalogueAnswer[]
}

// ---------------------------------------------------------------- the client

/** Errors the ticket page presents itself: someone else changed the ticket, or its state moved on. */
export const STALE_TICKET = 'SD-0009'
export const ACTION_NOT_ALLOWED = 'SD-0002'
/** A complaint closed before its accountability is recorded (SD-0051): the page points to the panel. */
export const CLOSE_NEEDS_ACCOUNTABILITY = 'SD-0051'
const QUIET_TICKET_CONFLICTS = [STALE_TICKET, ACTION_NOT_ALLOWED, CLOSE_NEEDS_ACCOUNTABILITY] as const

export const ticketApi = {
  list: (query: TicketQuery) => http.get<Page<Ticket>>('tickets', { ...query }),
  /** The list's tickets (at most 10,000) as xlsx in the user's language; `type=REQUIREMENT` gives the requirement list. */
  exportXlsx: (query: TicketQuery, fallbackName: string) => download('tickets/export.xlsx', { ...query }, fallbackName),
  queues: () => http.get<QueueCounts>('tickets/queues', undefined, { silent: true }),
  get: (id: number) => http.get<Ticket>(`tickets/${id}`),
  /** Silent: used to refresh a page that is already showing the ticket. */
  refresh: (id: number) => http.get<Ticket>(`tickets/${id}`, undefined, { silent: true }),
  byNumber: (number: string) => http.get<Ticket>(`tickets/by-number/${encodeURIComponent(number)}`),
  /** Field errors are shown at their fields by the form. */
  create: (input: NewTicket) => http.post<Ticket>('tickets', input, { form: true }),
  /** Field errors at their fields; a stale version (SD-0009) is explained by the page. */
  update: (id: number, input: TicketEdit) => http.put<Ticket>(`tickets/${id}`, input, { form: true, quietCodes: QUIET_TICKET_CONFLICTS }),
  /** Field errors at their fields; SD-0009 and SD-0002 are explained by the page, which reloads. */
  act: (id: number, action: TicketAction, input: ActionInput) =>
    http.post<Ticket>(`tickets/${id}/actions/${action}`, input, { form: true, quietCodes: QUIET_TICKET_CONFLICTS }),
  history: (id: number) => http.get<HistoryEntry[]>(`tickets/${id}/history`),
  timers: (id: number) => http.get<TimerTimeline[]>(`tickets/${id}/timers`),
  comments: (id: number) => http.get<TicketComment[]>(`tickets/${id}/comments`),
  comment: (id: number, body: string, visibleToRequester: boolean) =>
    http.post<TicketComment>(`tickets/${id}/comments`, { body, visibleToRequester }, { form: true }),
}

export const supportGroupApi = {
  list: () => http.get<SupportGroup[]>('support-groups'),
  /** Quiet: for the pickers of the ticket page, which work without names too. */
  listQuietly: () => http.get<SupportGroup[]>('support-groups', undefined, { silent: true }),
  create: (input: SupportGroupInput) => http.post<SupportGroup>('support-groups', input, { form: true }),
  update: (id: number, input: SupportGroupInput & { version: number; enabled: boolean }) =>
    http.put<SupportGroup>(`support-groups/${id}`, input, { form: true, quietCodes: [STALE_TICKET] }),
}

export const catalogueApi = {
  /** The enabled items in catalogue order; `all` adds the disabled ones (for `servicedesk:catalogue:manage`). */
  list: (all = false) => http.get<CatalogueItem[]>('catalogue-items', all ? { all: true } : undefined),
  /** Quiet: the create page works without the catalogue too. */
  listQuietly: () => http.get<CatalogueItem[]>('catalogue-items', undefined, { silent: true }),
  get: (id: number) => http.get<CatalogueItem>(`catalogue-items/${id}`),
  create: (input: CatalogueItemInput) => http.post<CatalogueItem>('catalogue-items', input, { form: true }),
  update: (id: number, input: CatalogueItemInput & { version: number }) =>
    http.put<CatalogueItem>(`catalogue-items/${id}`, input, { form: true, quietCodes: [STALE_TICKET] }),
}

/** Quiet look-ups of the service-desk pickers: a failed search while typing is not worth a message. */
export const lookupApi = {
  businessSystems: (q: string) =>
    http.get<Page<BusinessSystem>>('cmdb/business-systems', { q: q || undefined, page: 0, size: 30, sort: 'name,asc' }, { silent: true }),
  /** Needs `identity:user:read`. */
  user: (id: number) => http.get<User>(`users/${id}`, undefined, { silent: true }),
}

// ---------------------------------------------------------------- callers (hotline)

/** Who is calling: accounts with the number, the name and unit given last time, recent tickets. */
export interface Caller {
  phone: string
  accounts: { id: number; name: string; organisationId: number }[]
  lastContactName: string | null
  lastContactUnit: string | null
  recentTickets: { id: number; number: string; type: TicketType; state: TicketState; title: string; reportedAt: string }[]
}

export const callerApi = {
  lookup: (phone: string) => http.get<Caller>('callers', { phone }),
}

// ---------------------------------------------------------------- work records (运维记录, R-DSK-10)

/** A category of work (故障处理, 日常巡检 …), named in the UI language. */
export interface WorkCategory {
  id: number
  code: string
  name: string
  nameZh: string
  nameEn: string
  sortOrder: number
  enabled: boolean
  builtIn: boolean
  version: number
}

/** A daily work record: `organisation` is the unit served; the person is a user or free text. */
export interface WorkRecord {
  id: number
  startedAt: string
  endedAt: string
  durationMinutes: number
  engineer: Ref
  person: Ref | null
  personName: string | null
  personPhone: string | null
  personUnit: string | null
  organisation: Ref
  businessSystem: Ref | null
  category: Ref
  content: string
  handling: string | null
  /** The linked ticket: `name` is its number. */
  ticket: Ref | null
  version: number
  createdAt: string
  updatedAt: string
  /** Whether the reader may change or remove it (their own, or with `servicedesk:record:manage`). */
  editable: boolean
}

export interface WorkRecordInput {
  version?: number
  startedAt: string
  endedAt?: string | null
  durationMinutes?: number | null
  engineerId?: number | null
  personId?: number | null
  personName?: string | null
  personPhone?: string | null
  personUnit?: string | null
  organisationId?: number | null
  businessSystemId?: number | null
  categoryId: number | null
  content: string
  handling?: string | null
  ticketId?: number | null
}

/** Filters of the list and the export; `from`/`to` are days (yyyy-MM-dd) in Asia/Shanghai, both included. */
export interface WorkRecordFilter {
  from?: string
  to?: string
  engineerId?: number
  organisationId?: number
  businessSystemId?: number
  categoryId?: number
  ticketId?: number
  q?: string
}

export type WorkRecordQuery = WorkRecordFilter & PageQuery

export interface WorkRecordPage extends Page<WorkRecord> {
  /** The minutes of every record the filters match. */
  totalMinutes: number
}

export const WORK_RECORD_SORT_FIELDS = ['startedAt', 'durationMinutes', 'engineer', 'category', 'updatedAt'] as const

/** Someone changed the record meanwhile. */
export const STALE_WORK_RECORD = 'SD-0115'

export const workRecordApi = {
  list: (query: WorkRecordQuery) => http.get<WorkRecordPage>('work-records', { ...query }),
  get: (id: number) => http.get<WorkRecord>(`work-records/${id}`),
  /** Field errors are shown at their fields by the dialog. */
  create: (input: WorkRecordInput) => http.post<WorkRecord>('work-records', input, { form: true }),
  update: (id: number, input: WorkRecordInput & { version: number }) =>
    http.put<WorkRecord>(`work-records/${id}`, input, { form: true, quietCodes: [STALE_WORK_RECORD] }),
  remove: (id: number, version: number) => http.delete(`work-records/${id}`, { query: { version }, quietCodes: [STALE_WORK_RECORD] }),
  ofTicket: (ticketId: number) => http.get<{ items: WorkRecord[]; totalMinutes: number }>(`tickets/${ticketId}/work-records`),
  categories: () => http.get<WorkCategory[]>('work-record-categories'),
  export: (filter: WorkRecordFilter & { sort?: string }, fallbackName: string) =>
    download('work-records/export.xlsx', { ...filter }, fallbackName),
}

// ---------------------------------------------------------------- ticket statistics (工单统计)

export interface StatisticsFilter {
  from?: string
  to?: string
  type?: TicketType
  organisationId?: number
  businessSystemId?: number
  groupId?: number
}

/** Tickets with one value of a dimension: `key` as stored (type, level, id; null: none); `others` sums the rest. */
export interface StatisticsBucket {
  key: string | null
  name: string | null
  count: number
  resolved: number
  others: boolean
}

export interface MetricAttainment {
  metric: TimerMetric
  decided: number
  met: number
  /** Per cent of decided timers that met their target; null when none was decided. */
  attainment: number | null
  measured: number
  meanSeconds: number | null
  p90Seconds: number | null
}

export interface TicketStatistics {
  from: string
  to: string
  summary: {
    opened: number
    resolved: number
    closed: number
    stillOpen: number
    breached: number
    attainment: number | null
    meanResponseSeconds: number | null
    p90ResponseSeconds: number | null
    meanResolutionSeconds: number | null
    p90ResolutionSeconds: number | null
    rated: number
    satisfaction: number | null
  }
  attainmentTarget: number
  byType: StatisticsBucket[]
  byFaultLevel: StatisticsBucket[]
  byBusinessSystem: StatisticsBucket[]
  byCategory: StatisticsBucket[]
  byOrganisation: StatisticsBucket[]
  byChannel: StatisticsBucket[]
  byAssignee: StatisticsBucket[]
  byGroup: StatisticsBucket[]
  sla: MetricAttainment[]
  trend: { day: string; opened: number; resolved: number }[]
}

export const ticketStatisticsApi = {
  get: (filter: StatisticsFilter) => http.get<TicketStatistics>('ticket-statistics', { ...filter }),
  export: (filter: StatisticsFilter, fallbackName: string) => download('ticket-statistics/export.xlsx', { ...filter }, fallbackName),
}

// ---------------------------------------------------------------- attachments (ADR 0012)

/** Where an attachment came from: the web UI or the API, or an e-mail kept by the intake. */
export const ATTACHMENT_SOURCES = ['UPLOAD', 'EMAIL'] as const
export type AttachmentSource = (typeof ATTACHMENT_SOURCES)[number]

/** The largest attachment the server takes by default (`opsguard.servicedesk.attachments.max-size`). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024

/** File name endings the server accepts (it checks the bytes, these only guide the file picker). */
export const ATTACHMENT_ACCEPT = '.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,.csv,.docx,.xlsx,.pptx,.doc,.xls,.zip,.7z,.rar'

export interface TicketAttachment {
  id: number
  ticketId: number
  commentId: number | null
  fileName: string
  /** As its bytes told (never as declared). */
  contentType: string
  size: number
  sha256: string
  source: AttachmentSource
  /** Null when it came by e-mail. */
  uploadedBy: Ref | null
  uploadedAt: string
  /** A browser may show it (`contentUrl?inline=true`). */
  image: boolean
  contentUrl: string
}

export const attachmentApi = {
  list: (ticketId: number) => http.get<TicketAttachment[]>(`tickets/${ticketId}/attachments`),
  /** Quiet: the page explains a refused file itself. */
  remove: (id: number) => http.delete(`attachments/${id}`),
  /** Uploads with progress (0–100); rejects with the server's problem as an {@link ApiError}. */
  upload: (ticketId: number, file: File, commentId: number | null, onProgress?: (percent: number) => void) =>
    uploadWithProgress<TicketAttachment>(apiUrl(`tickets/${ticketId}/attachments`, { commentId }), file, onProgress),
}

/** A requester's screenshot or file on their own ticket (the portal). */
export const portalAttachmentApi = {
  upload: (ticketId: number, file: File) =>
    uploadWithProgress<{ id: number; fileName: string; size: number }>(apiUrl(`portal/tickets/${ticketId}/attachments`, {}), file),
}

/** A multipart upload of `file` as part `file`, through XMLHttpRequest for its progress events. */
function uploadWithProgress<T>(url: string, file: File, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    xhr.setRequestHeader('Accept-Language', currentLanguage())
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest')
    const token = readDocumentCookie(XSRF_COOKIE)
    if (token) xhr.setRequestHeader(XSRF_HEADER, token)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100))
    }
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T)
        } catch {
          reject(new ApiError({ status: xhr.status, code: UNEXPECTED_RESPONSE }))
        }
      } else reject(parseProblem(xhr.status, xhr.responseText))
    }
    xhr.onerror = () => reject(new ApiError({ status: 0, code: NETWORK_ERROR, message: i18n.global.t('error.network') }))
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}

function currentLanguage(): string {
  return String(i18n.global.locale.value)
}

// ---------------------------------------------------------------- e-mail intake (ADR 0012)

export const MAIL_DECISIONS = ['CREATED', 'APPENDED', 'IGNORED_AUTO_REPLY', 'IGNORED_LOOP', 'QUARANTINED'] as const
export type MailDecision = (typeof MAIL_DECISIONS)[number]

export const MAILBOX_STATUSES = ['NEW', 'OK', 'UNREACHABLE', 'DISABLED'] as const
export type MailboxStatus = (typeof MAILBOX_STATUSES)[number]

export const MAIL_PROTOCOLS = ['imaps', 'imap'] as const
export type MailProtocol = (typeof MAIL_PROTOCOLS)[number]

export interface MailboxState {
  status: MailboxStatus
  lastPollAt: string | null
  lastSuccessAt: string | null
  /** Unreachable since then. */
  failingSince: string | null
  failures: number
  /** Why the last poll failed, in words. */
  lastError: string | null
  nextPollAt: string | null
}

export interface Mailbox {
  id: number
  name: string
  host: string
  port: number
  protocol: MailProtocol
  username: string
  /** The password is never sent back: only whether one is stored. */
  passwordSet: boolean
  folder: string
  processedFolder: string | null
  pollIntervalSeconds: number
  ticketType: TicketType
  faultLevel: number
  organisationId: number
  enabled: boolean
  state: MailboxState
  version: number
  createdAt: string
  updatedAt: string
}

export interface MailboxInput {
  name: string
  host: string
  port: number | null
  protocol: MailProtocol
  username: string
  /** Empty on a change: the stored one stays. */
  password: string | null
  folder: string
  processedFolder: string | null
  pollIntervalSeconds: number
  ticketType: TicketType | null
  faultLevel: number
  organisationId: number | null
  enabled: boolean
  version?: number
}

export interface MailLogEntry {
  id: number
  mailboxId: number
  mailboxName: string
  messageId: string | null
  sender: string | null
  subject: string | null
  sentAt: string | null
  loggedAt: string
  decision: MailDecision
  reason: string | null
  ticket: { id: number; number: string } | null
  commentId: number | null
  attachments: number
  quarantined: boolean
  rawUrl: string | null
}

export interface MailLogQuery extends PageQuery {
  mailboxId?: number | null
  decision?: MailDecision | null
  from?: string | null
  to?: string | null
  sender?: string
}

/** A mailbox changed by someone else meanwhile. */
export const STALE_MAILBOX = 'SD-0234'

export const mailIntakeApi = {
  mailboxes: () => http.get<Mailbox[]>('mail-intake/mailboxes'),
  create: (input: MailboxInput) => http.post<Mailbox>('mail-intake/mailboxes', input, { form: true }),
  update: (id: number, input: MailboxInput) => http.put<Mailbox>(`mail-intake/mailboxes/${id}`, input, { form: true, quietCodes: [STALE_MAILBOX] }),
  remove: (id: number) => http.delete(`mail-intake/mailboxes/${id}`),
  test: (id: number) => http.post<{ ok: boolean; error: string | null }>(`mail-intake/mailboxes/${id}/test`),
  poll: (id: number) => http.post<{ reachable: boolean; decided: number; error: string | null }>(`mail-intake/mailboxes/${id}/poll`),
  log: (query: MailLogQuery) => http.get<Page<MailLogEntry>>('mail-intake/log', { ...query }),
  /** Saves the quarantined message as an .eml file. */
  downloadRaw: (entry: MailLogEntry) => download(`mail-intake/quarantine/${entry.id}/raw`, undefined, `quarantined-${entry.id}.eml`),
}

// ---------------------------------------------------------------- vendor cases (R-DSK-09) and complaint accountability (R-DSK-06)

/** Where a vendor case stands: 待确认 → 已确认 → 已转厂商 → 厂商已修复 → 已验证关闭 (or 已撤销). */
export const VENDOR_CASE_STATES = ['DRAFTED', 'CONFIRMED', 'HANDED_OVER', 'FIXED', 'VERIFIED', 'WITHDRAWN'] as const
export type VendorCaseState = (typeof VENDOR_CASE_STATES)[number]

/** States in which the case is finished (the tracking list leaves them out unless asked). */
export const VENDOR_CASE_DONE_STATES: readonly VendorCaseState[] = ['VERIFIED', 'WITHDRAWN']

export const VENDOR_CASE_KINDS = ['DEFECT', 'REQUIREMENT'] as const
export type VendorCaseKind = (typeof VENDOR_CASE_KINDS)[number]

/** The steps as URL verbs, in the server's order. */
export const VENDOR_CASE_ACTIONS = ['confirm', 'hand-over', 'fixed', 'verify', 'reject-fix', 'withdraw'] as const
export type VendorCaseAction = (typeof VENDOR_CASE_ACTIONS)[number]

/** What the steps record (`CREATE` and the actions' names: `HAND_OVER`). */
export const VENDOR_CASE_STEP_KINDS = ['CREATE', 'CONFIRM', 'HAND_OVER', 'FIXED', 'VERIFY', 'REJECT_FIX', 'WITHDRAW'] as const

/** Fields the tracking list sorts by. */
export const VENDOR_CASE_SORT_FIELDS = ['updatedAt', 'createdAt', 'state', 'vendorName'] as const
export type VendorCaseSortField = (typeof VENDOR_CASE_SORT_FIELDS)[number]

export interface VendorCase {
  id: number
  ticketId: number
  ticketNumber: string
  organisationId: number
  kind: VendorCaseKind
  title: string
  description: string
  state: VendorCaseState
  /** The client's project lead who confirmed it. */
  confirmedBy: string | null
  confirmedAt: string | null
  vendorName: string | null
  /** The vendor's own reference (their ticket or bug number). */
  vendorRef: string | null
  handedAt: string | null
  fixNote: string | null
  fixedAt: string | null
  verifiedAt: string | null
  createdBy: number | null
  createdAt: string
  updatedAt: string
  version: number
  allowedActions: VendorCaseAction[]
}

export interface VendorCaseStep {
  id: number
  at: string
  userId: number | null
  userName: string | null
  /** `CREATE` or an action's name (`HAND_OVER`). */
  action: string
  from: VendorCaseState | null
  to: VendorCaseState
  comment: string | null
}

export interface VendorCaseDetail {
  vendorCase: VendorCase
  steps: VendorCaseStep[]
}

export interface NewVendorCase {
  kind: VendorCaseKind | null
  title: string
  description: string
}

/** A step with the version read and what the step needs. */
export interface VendorCaseStepInput {
  version: number
  comment?: string | null
  confirmedBy?: string | null
  vendorName?: string | null
  vendorRef?: string | null
  fixNote?: string | null
}

export interface VendorCaseQuery extends PageQuery {
  state?: VendorCaseState | null
  kind?: VendorCaseKind | null
  /** Open ones only (default true on the server); ignored when `state` is given. */
  open?: boolean
  q?: string
}

export interface Accountability {
  ticketId: number
  /** Whether the complaint against the staff was founded. */
  established: boolean
  staff: Ref[]
  finding: string
  measure: string | null
  recordedBy: Ref
  recordedAt: string
  version: number
}

export interface AccountabilityInput {
  /** Required when replacing a record. */
  version?: number | null
  established: boolean
  staffIds: number[]
  finding: string
  measure: string | null
}

export const VENDOR_ACTION_NOT_ALLOWED = 'SD-0043'
const QUIET_CASE_CONFLICTS = [STALE_TICKET, VENDOR_ACTION_NOT_ALLOWED] as const

export const vendorCaseApi = {
  /** The tracking list: cases of the caller's scope. */
  list: (query: VendorCaseQuery) => http.get<Page<VendorCase>>('vendor-cases', { ...query }),
  ofTicket: (ticketId: number) => http.get<VendorCase[]>(`tickets/${ticketId}/vendor-cases`),
  get: (id: number) => http.get<VendorCaseDetail>(`vendor-cases/${id}`),
  /** Field errors are shown at their fields. */
  create: (ticketId: number, input: NewVendorCase) => http.post<VendorCase>(`tickets/${ticketId}/vendor-cases`, input, { form: true }),
  /** Field errors at their fields; SD-0009 and SD-0043 are explained by the tab, which reloads. */
  act: (id: number, action: VendorCaseAction, input: VendorCaseStepInput) =>
    http.post<VendorCase>(`vendor-cases/${id}/actions/${action}`, input, { form: true, quietCodes: QUIET_CASE_CONFLICTS }),
}

export const accountabilityApi = {
  /** The record of a complaint, or null while none was made (204). */
  get: async (ticketId: number): Promise<Accountability | null> => (await http.get<Accountability | undefined>(`tickets/${ticketId}/accountability`)) ?? null,
  /** Field errors at their fields; a stale version (SD-0009) is explained by the panel. */
  record: (ticketId: number, input: AccountabilityInput) =>
    http.put<Accountability>(`tickets/${ticketId}/accountability`, input, { form: true, quietCodes: [STALE_TICKET] }),
}

// ---------------------------------------------------------------- followers (关注)

export interface TicketWatcher {
  userId: number
  name: string | null
  addedAt: string
}

export const watcherApi = {
  list: (ticketId: number) => http.get<TicketWatcher[]>(`tickets/${ticketId}/watchers`),
  /** `userId` null: the caller follows. */
  add: (ticketId: number, userId: number | null) => http.post<TicketWatcher[]>(`tickets/${ticketId}/watchers`, userId == null ? {} : { userId }),
  remove: (ticketId: number, userId: number) => http.delete<TicketWatcher[]>(`tickets/${ticketId}/watchers/${userId}`),
}
